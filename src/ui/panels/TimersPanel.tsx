import { memo } from 'react';
import type { TimerView } from '../../sim/types.ts';
import type { NoteFocus } from '../noteFocus.ts';
import { timerNoted } from '../noteFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { Panel } from './Panel.tsx';

/** `noted`: the timers the lesson's note names (highlighted). */
export const TimersPanel = memo(function TimersPanel({ timers, now, noted }: { timers: TimerView[]; now: number; noted?: NoteFocus['timers'] }) {
  const { t } = useI18n();
  return (
    <Panel id="timers" title={t('timers.title')} className="timers-panel">
      {timers.length === 0 ? (
        <p className="muted">{t('timers.none')}</p>
      ) : (
        <ul className="timers">
          {timers.map((tm) => {
            const total = Math.max(1e-9, tm.due - tm.setAt);
            const remaining = Math.max(0, tm.due - now);
            const frac = Math.min(1, remaining / total);
            const rem = remaining.toFixed(1);
            const isNoted = noted ? timerNoted(noted, tm.timer, tm.peer) : false;
            const name = t('timers.of', { peer: t(tm.peer === 'client' ? 'peer.client' : 'peer.server'), timer: tm.timer });
            return (
              <li key={`${tm.peer}:${tm.sock}:${tm.timer}`} className={isNoted ? 'timer--noted' : undefined} data-testid="timer" data-timer={tm.timer} data-peer={tm.peer} data-remaining={rem} data-noted={isNoted ? 'true' : undefined}>
                <span className={`timer-name peer-${tm.peer}`}>{name}</span>
                <span className="bar" role="meter" aria-valuemin={0} aria-valuemax={Number(total.toFixed(1))} aria-valuenow={Number(rem)} aria-label={name}>
                  <span className={`fill fill-${tm.peer}`} style={{ transform: `scaleX(${frac})` }} />
                </span>
                <span className="remaining">{t('timers.remaining', { s: rem })}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
});
