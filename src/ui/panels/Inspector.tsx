import { memo, useState } from 'react';
import type { SegmentView } from '../../sim/types.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime, reasonText } from '../narrate.ts';
import { Panel } from './Panel.tsx';

interface Props {
  segments: readonly SegmentView[];
  selected: number | null;
  relative: boolean;
  onSelect(id: number | null): void;
  onRelative(on: boolean): void;
}

/** The picker lists the newest segments (and the one selected); older ones are picked on the ladder. */
const PICKABLE = 100;

export const Inspector = memo(function Inspector({ segments, selected, relative, onSelect, onRelative }: Props) {
  const { t } = useI18n();
  // ids are 1, 2, 3… in send order: the selected one is found by index
  const s = selected !== null ? (segments[selected - 1]?.id === selected ? segments[selected - 1] : segments.find((x) => x.id === selected)) : undefined;
  // the list is built while the picker is in use: during fast playback new segments arrive every
  // frame, and a hundred options rebuilt per frame would cost more than the rest of the panel
  const [picking, setPicking] = useState(false);
  const recent = !picking ? [] : segments.length > PICKABLE ? segments.slice(-PICKABLE) : segments;
  const options = s && !recent.includes(s) ? [s, ...recent] : recent;
  return (
    // a chosen segment's details open as a sheet beside the diagrams (where the eye is), not below the fold
    <Panel id="insp" title={t('insp.title')} className={s ? 'inspector sheet' : 'inspector'}>
      {s && (
        <button type="button" className="sheet-close" data-testid="inspector-close" aria-label={t('diagram.close')} title={t('diagram.close')} onClick={() => onSelect(null)}>
          ×
        </button>
      )}
      <div className="row">
        <label>
          {t('insp.pick')}
          <select
            data-testid="inspector-pick"
            value={s ? String(s.id) : ''}
            onPointerDown={() => setPicking(true)}
            onFocus={() => setPicking(true)}
            onBlur={() => setPicking(false)}
            onChange={(e) => onSelect(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">—</option>
            {options.map((x) => (
              <option key={x.id} value={x.id}>
                #{x.id} {x.from === 'client' ? '→' : '←'} {x.flags.join(',') || '-'} @ {t('seconds', { t: fmtTime(x.sentAt) })}
              </option>
            ))}
          </select>
        </label>
        <label className="switch">
          <input type="checkbox" checked={relative} onChange={(e) => onRelative(e.target.checked)} />
          {t('view.relative')}
        </label>
      </div>
      {!s ? (
        <p className="muted">{t('insp.none')}</p>
      ) : (
        <dl className="details" data-testid="inspector">
          <dt>{t('insp.src')}</dt>
          <dd>{s.srcPort}</dd>
          <dt>{t('insp.dst')}</dt>
          <dd>{s.dstPort}</dd>
          <dt>{t('insp.seq')}</dt>
          <dd>
            {relative ? s.relSeq : s.seq} <span className="muted">{t('insp.paren', { x: relative ? `${t('insp.abs')} ${s.seq}` : `${t('insp.rel')} ${s.relSeq}` })}</span>
          </dd>
          <dt>{t('insp.ack')}</dt>
          <dd>
            {s.flags.includes('ACK') ? (
              <>
                {relative ? s.relAck : s.ack} <span className="muted">{t('insp.paren', { x: relative ? `${t('insp.abs')} ${s.ack}` : `${t('insp.rel')} ${s.relAck}` })}</span>
              </>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('insp.flags')}</dt>
          <dd>
            <code>[{s.flags.join(', ') || '-'}]</code>
          </dd>
          <dt>{t('insp.win')}</dt>
          <dd>{s.win}</dd>
          <dt>{t('insp.len')}</dt>
          <dd>{s.len}</dd>
          <dt>{t('insp.sent')}</dt>
          <dd>{t('seconds', { t: fmtTime(s.sentAt) })}</dd>
          <dt>{t('insp.arrive')}</dt>
          <dd>{t('seconds', { t: fmtTime(s.arriveAt) })}</dd>
          <dt>{t('insp.status')}</dt>
          <dd>
            {t(`status.${s.status}`)}
            {s.dropReason ? ` ${t('insp.paren', { x: reasonText(s.dropReason, t) })}` : ''}
          </dd>
          <dt>{t('insp.retransmit')}</dt>
          <dd>{s.retransmit ? t('insp.yes') : t('insp.no')}</dd>
          {s.tlp && (
            <>
              <dt>{t('insp.tlp')}</dt>
              <dd data-testid="inspector-tlp">{t('insp.tlpYes')}</dd>
            </>
          )}
          {s.cwnd !== undefined && (
            <>
              <dt title={t('cwnd.title')}>{t('insp.cwnd')}</dt>
              <dd data-testid="inspector-cwnd" data-cwnd={s.cwnd}>
                {t('insp.cwndValue', { n: s.cwnd })}
              </dd>
            </>
          )}
        </dl>
      )}
    </Panel>
  );
});
