/** Open descriptors against ulimit -n, and the error counters per second at the cursor. */
import { memo } from 'react';
import type { Sample } from '../../fleet/sample.ts';
import { useI18n } from '../i18n/index.ts';
import { formatCount } from './formatCount.ts';
import type { MessageKey } from '../i18n/index.ts';

const RATES = [
  ['EMFILE', (s: Sample) => s.errors.EMFILE],
  ['EADDRNOTAVAIL', (s: Sample) => s.errors.EADDRNOTAVAIL],
  ['ListenOverflows', (s: Sample) => s.errors.ListenOverflows],
  ['ListenDrops', (s: Sample) => s.counters.ListenDrops],
  ['EmbryonicRsts', (s: Sample) => s.counters.EmbryonicRsts],
  ['SyncookiesSent', (s: Sample) => s.counters.SyncookiesSent],
  ['OutRsts', (s: Sample) => s.counters.OutRsts],
  ['TCPAbortOnTimeout', (s: Sample) => s.counters.TCPAbortOnTimeout],
] as const;

function DescriptorsInner({ sample, prev, ulimit }: { sample: Sample | undefined; prev: Sample | undefined; ulimit: number }) {
  const { t, lang } = useI18n();
  if (!sample) return null;
  const pct = Math.min(100, (sample.fds / ulimit) * 100);
  const fmt = (n: number) => formatCount(n, lang);
  return (
    <section className="panel fleet-fds" aria-label={t('fleet.fds')} data-testid="fleet-fds" data-fds={sample.fds}>
      <h2>{t('fleet.fds')}</h2>
      <div className="meter" role="meter" aria-valuemin={0} aria-valuemax={ulimit} aria-valuenow={sample.fds} aria-label={t('fleet.fdsOf', { n: sample.fds, max: ulimit })}>
        <div className={pct >= 100 ? 'fill full' : 'fill'} style={{ width: `${pct}%` }} />
      </div>
      <p className="small">{t('fleet.fdsOf', { n: fmt(sample.fds), max: fmt(ulimit) })}</p>
      <table className="rates">
        <thead>
          <tr>
            <th>{t('fleet.counter')}</th>
            <th>{t('fleet.perSecond')}</th>
            <th>{t('fleet.total')}</th>
          </tr>
        </thead>
        <tbody>
          {RATES.map(([name, get]) => {
            const total = get(sample);
            const rate = total - (prev ? get(prev) : 0);
            return (
              <tr key={name} data-testid={`fleet-rate-${name}`} className={rate > 0 ? 'hot' : ''}>
                <td title={t(`fleet.counterHelp.${name}` as MessageKey)}>
                  <abbr>{name}</abbr>
                </td>
                <td>{fmt(rate)}</td>
                <td>{fmt(total)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Drawn again only when the cursor's sample (or the limit) changes, not as samples arrive. */
export const Descriptors = memo(DescriptorsInner);
