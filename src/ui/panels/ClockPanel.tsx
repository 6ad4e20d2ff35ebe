import { memo } from 'react';
import type { SimControls } from '../sim/useSimulation.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime } from '../narrate.ts';
import { Panel } from './Panel.tsx';

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1000];

interface Props {
  time: number;
  playing: boolean;
  speed: number;
  canStepBack: boolean;
  nextEventAt: number | null;
  nextTimerAt: number | null;
  controls: SimControls;
}

export const ClockPanel = memo(function ClockPanel({ time, playing, speed, canStepBack, nextEventAt, nextTimerAt, controls }: Props) {
  const { t } = useI18n();
  const secs = time.toFixed(3);
  const idx = SPEEDS.indexOf(speed);
  return (
    <Panel id="clock" title={t('clock.title')} className="clock-panel">
      <p className="sim-time" data-testid="sim-time" data-seconds={String(Math.round(time * 1000) / 1000)} aria-live="off">
        <span className="muted">{t('clock.time')}</span> <output>{t('seconds', { t: secs })}</output>
      </p>
      <div className="row buttons">
        <button type="button" className="primary" data-testid="play" aria-pressed={playing} onClick={controls.toggle}>
          <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? t('clock.pause') : t('clock.play')}
        </button>
        <button type="button" data-testid="step-back" disabled={!canStepBack} onClick={controls.back}>
          <span aria-hidden="true">◀</span> {t('clock.back')}
        </button>
        <button type="button" data-testid="step" disabled={nextEventAt === null} onClick={controls.step}>
          {t('clock.step')} <span aria-hidden="true">▶</span>
        </button>
        <button type="button" data-testid="jump-timer" disabled={nextTimerAt === null} onClick={controls.jumpToNextTimer}>
          {t('clock.jumpTimer')} <span aria-hidden="true">»</span>
        </button>
        <button type="button" data-testid="reset" onClick={controls.reset}>
          <span aria-hidden="true">↺</span> {t('clock.reset')}
        </button>
      </div>
      <label className="speed">
        {t('clock.speed')} <strong>{speed}×</strong>
        <input
          type="range"
          min={0}
          max={SPEEDS.length - 1}
          step={1}
          value={idx < 0 ? 3 : idx}
          aria-valuetext={`${speed}×`}
          onChange={(e) => controls.setSpeed(SPEEDS[Number(e.target.value)] ?? 1)}
        />
      </label>
      <p className="muted small">
        {nextEventAt === null ? t('clock.idle') : t('clock.next', { t: fmtTime(nextEventAt) })} · {t('clock.keys')}
      </p>
    </Panel>
  );
});
