/**
 * What an operator would read on the box at the cursor's instant: the field notes' awk
 * one-liner, `ss -s`, `ss -tan state close-wait`, and the node_exporter series.
 */
import { memo } from 'react';
import type { Sample } from '../../fleet/sample.ts';
import { AWK_ONE_LINER, awkOutput, exporterLines, SS_CLOSE_WAIT, ssCloseWait, ssSummary } from '../../fleet/readouts.ts';
import { useI18n } from '../i18n/index.ts';
import { formatCount } from './formatCount.ts';

function ReadoutsInner({ sample }: { sample: Sample | undefined }) {
  const { t, lang } = useI18n();
  if (!sample) return null;
  return (
    <section className="panel fleet-readouts" aria-label={t('fleet.readouts')} data-testid="fleet-readouts" data-t={sample.t}>
      <h2>{t('fleet.readoutsAt', { t: sample.t })}</h2>
      <pre className="term" data-testid="fleet-awk">
        <span className="prompt">$ {AWK_ONE_LINER}</span>
        {'\n'}
        {awkOutput(sample).join('\n')}
      </pre>
      <pre className="term" data-testid="fleet-ss-s">
        <span className="prompt">$ ss -s | grep TCP:</span>
        {'\n'}
        {ssSummary(sample)}
      </pre>
      <pre className="term table" data-testid="fleet-ss-close-wait" tabIndex={0} role="region" aria-label={t('fleet.ssTable')}>
        <span className="prompt">$ {SS_CLOSE_WAIT} | head</span>
        {'\n'}
        {ssCloseWait(sample, (n) => t('fleet.ssMore', { n: formatCount(n, lang) })).join('\n')}
      </pre>
      <details>
        <summary>{t('fleet.exporter')}</summary>
        <pre className="term" data-testid="fleet-exporter">{exporterLines(sample).join('\n')}</pre>
      </details>
    </section>
  );
}

/** Drawn again only when the cursor's sample changes, not as samples arrive. */
export const Readouts = memo(ReadoutsInner);
