import { memo, useState } from 'react';
import type { StepAction } from '../../sim/config.ts';
import type { Direction } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import { useI18n } from '../i18n/index.ts';
import { Panel } from './Panel.tsx';

const FLAGS = ['', 'SYN', 'FIN', 'RST', 'ACK', 'PSH'];

export const NetworkPanel = memo(function NetworkPanel({ link, perform }: { link: WorldView['link']; perform(a: StepAction): boolean }) {
  const { t } = useI18n();
  const [delay, setDelay] = useState(String(link.delay));
  const [loss, setLoss] = useState(String(link.loss));
  const [dir, setDir] = useState<Direction>('client->server');
  const [flag, setFlag] = useState('FIN');
  const dirText = (d: string) => t(d === 'client->server' ? 'net.c2s' : 'net.s2c');
  return (
    <Panel id="net" title={t('net.title')} className="net-panel">
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (delay !== String(link.delay)) perform({ net: 'delay', seconds: Number(delay) });
          if (loss !== String(link.loss)) perform({ net: 'loss', percent: Number(loss) });
        }}
      >
        <label>
          {t('net.delay')}
          <input type="number" step="0.01" min="0" value={delay} onChange={(e) => setDelay(e.target.value)} />
        </label>
        <label>
          {t('net.loss')}
          <input type="number" step="1" min="0" max="100" value={loss} onChange={(e) => setLoss(e.target.value)} />
        </label>
        <button type="submit">{t('net.apply')}</button>
      </form>
      <fieldset className="row">
        <legend>{t('net.dropNext')}</legend>
        <label>
          {t('net.dir')}
          <select value={dir} onChange={(e) => setDir(e.target.value as Direction)}>
            <option value="client->server">{t('net.c2s')}</option>
            <option value="server->client">{t('net.s2c')}</option>
          </select>
        </label>
        <label>
          {t('net.flag')}
          <select value={flag} onChange={(e) => setFlag(e.target.value)}>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {f || t('net.anyFlag')}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => perform(flag ? { net: 'drop-next', dir, flags: flag } : { net: 'drop-next', dir })}>
          {t('net.arm')}
        </button>
      </fieldset>
      {link.dropNext.length > 0 && (
        <p className="muted" data-testid="drop-rules">
          {t('net.armed', { rules: link.dropNext.map((r) => `${dirText(r.dir)} ${r.flags.join(',') || t('net.anyFlag')}`).join('; ') })}
        </p>
      )}
      <div className="row">
        <button type="button" disabled={link.partitioned} onClick={() => perform({ net: 'partition' })}>
          {t('net.partition')}
        </button>
        <button type="button" disabled={!link.partitioned} onClick={() => perform({ net: 'heal' })}>
          {t('net.heal')}
        </button>
      </div>
      {link.partitioned && (
        <p className="warn" role="status">
          {t('net.partitioned')}
        </p>
      )}
    </Panel>
  );
});
