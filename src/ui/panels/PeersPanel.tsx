import { memo, useState } from 'react';
import type { StepAction } from '../../sim/config.ts';
import type { PeerName, PeerView } from '../../sim/types.ts';
import type { TcpState } from '../../tcp/states.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime, resultText } from '../narrate.ts';
import { Panel } from './Panel.tsx';

interface Props {
  /** may lag behind the clock at high speed (App's side-panel pacing) */
  peers: Record<PeerName, PeerView>;
  /** each peer's state now: the `data-tcp-state` hook is exact on every frame */
  states: Record<PeerName, TcpState>;
  keepalive: Record<PeerName, boolean>;
  perform(a: StepAction): boolean;
  /** peers the lesson's note names (highlighted) */
  noted?: readonly PeerName[];
}

export const PeersPanel = memo(function PeersPanel({ peers, states, keepalive, perform, noted }: Props) {
  const { t } = useI18n();
  return (
    <Panel id="peers" title={t('peers.title')} className="peers-panel">
      <div className="peers">
        {/* the server first: a connection starts with its Listen, then the client's Connect */}
        {(['server', 'client'] as const).map((p) => (
          <PeerCard key={p} view={peers[p]} state={states[p]} keepaliveOn={keepalive[p]} perform={perform} noted={noted?.includes(p) ?? false} />
        ))}
      </div>
    </Panel>
  );
});

function PeerCard({ view, state, keepaliveOn, perform, noted }: { view: PeerView; state: TcpState; keepaliveOn: boolean; perform(a: StepAction): boolean; noted: boolean }) {
  const { t } = useI18n();
  const [bytes, setBytes] = useState(100);
  const p = view.peer;
  const can = view.canCall;
  const name = t(p === 'client' ? 'peer.Client' : 'peer.Server');
  const btn = (label: string, enabled: boolean, a: StepAction, cls = '') => (
    <button type="button" className={cls} disabled={!enabled} onClick={() => perform(a)}>
      {label}
    </button>
  );
  return (
    <div className={`peer peer-${p}${noted ? ' peer--noted' : ''}`} data-testid={`peer-card-${p}`} data-noted={noted ? 'true' : undefined}>
      <div className="peer-head">
        <h3>{name}</h3>
        <span className="badge" data-testid={`peer-${p}`} data-tcp-state={state} style={{ borderLeftColor: `var(--state-${state})` }}>
          {state}
        </span>
        {view.crashed && <span className="down">{t('peers.crashed')}</span>}
      </div>
      {view.cwnd && (
        <p className="cwnd" data-testid={`cwnd-${p}`} data-cwnd={view.cwnd.segs} data-ssthresh={view.cwnd.ssthresh ?? ''} title={t('cwnd.title')}>
          <span className="cwnd-value">
            <abbr>{t('cwnd.label')}</abbr> <b>{t('cwnd.value', { segs: view.cwnd.segs, mss: view.cwnd.mss, bytes: view.cwnd.bytes })}</b>
          </span>
          <span className="muted">{t('cwnd.flight', { flight: view.cwnd.inFlight })}</span>
          {view.cwnd.ssthresh !== null && <span className="muted">{t('cwnd.ssthresh', { n: view.cwnd.ssthresh })}</span>}
        </p>
      )}
      <div className="api" role="group" aria-label={t('peers.socketApi', { peer: t(p === 'client' ? 'peer.client' : 'peer.server') })}>
        {btn(t('peers.listen'), can.listen, { peer: p, do: 'listen' })}
        {btn(t('peers.connect'), can.connect, { peer: p, do: 'connect' })}
        <span className="send-group">
          <input
            type="number"
            min={1}
            max={1000000}
            step={1}
            value={bytes}
            aria-label={t('peers.bytesLabel', { peer: t(p === 'client' ? 'peer.client' : 'peer.server') })}
            onChange={(e) => setBytes(Number(e.target.value))}
          />
          {btn(`${t('peers.send')} ${bytes} ${t('peers.bytes')}`, can.send, { peer: p, do: 'send', bytes })}
        </span>
        {btn(t('peers.read'), can.read, { peer: p, do: 'read' })}
        {btn(t('peers.shutdown'), can.shutdown, { peer: p, do: 'shutdown', how: 'wr' })}
        {btn(t('peers.close'), can.close, { peer: p, do: 'close' })}
        {btn(t('peers.abort'), can.abort, { peer: p, do: 'abort' }, 'danger')}
        {btn(keepaliveOn ? t('peers.keepaliveOff') : t('peers.keepaliveOn'), can.keepalive, { peer: p, do: 'keepalive', on: !keepaliveOn })}
      </div>
      <label className="switch">
        <input type="checkbox" checked={view.neverClose} onChange={(e) => perform({ peer: p, do: 'never-close', on: e.target.checked })} />
        {t('peers.neverClose')}
      </label>
      {/* host failures are a side road: smaller and quieter than the socket calls */}
      <div className="host-actions">
        {btn(t('peers.crash'), !view.crashed, { peer: p, do: 'crash' }, 'quiet danger-text')}
        {btn(t('peers.reboot'), view.crashed, { peer: p, do: 'reboot' }, 'quiet')}
      </div>
      <h4>{t('peers.results')}</h4>
      {view.lastResults.length === 0 ? (
        <p className="muted">{t('peers.noResults')}</p>
      ) : (
        <ul className="results" data-testid={`results-${p}`}>
          {view.lastResults.slice(-4).map((r, i) => (
            <li key={i}>
              <code>{resultText(r.call, r.result, t)}</code> <span className="muted">{t('seconds', { t: fmtTime(r.t) })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
