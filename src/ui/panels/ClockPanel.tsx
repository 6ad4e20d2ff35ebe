import { memo, useRef } from 'react';
import type { SimControls } from '../sim/useSimulation.ts';
import type { Pace } from '../player/pace.ts';
import { PACES } from '../player/pace.ts';
import type { PlayerStatus } from '../player/playerMachine.ts';
import { useI18n } from '../i18n/index.ts';
import { fmtTime } from '../narrate.ts';
import { formatNow } from '../timeText.ts';
import { Panel } from './Panel.tsx';
import { SPEEDS } from '../player/speeds.ts';

export { SPEEDS };

interface Props {
  time: number;
  status: PlayerStatus;
  speed: number;
  pace: Pace;
  lesson: boolean;
  /** the furthest time reached (the scrubber's end) */
  horizon: number;
  canStepBack: boolean;
  nextEventAt: number | null;
  nextTimerAt: number | null;
  controls: SimControls;
  /** a socket call was made while the clock stands still: point at Play */
  pausedHint?: boolean;
}

const STATUS_KEY = {
  idle: 'player.idle',
  playing: 'player.playing',
  note: 'player.note',
  paused: 'player.paused',
  seeking: 'player.seeking',
  ended: 'player.ended',
} as const;

/** The timeline under the clock: spans the run so far; dragging or arrow keys seek exactly. */
function Scrubber({ time, horizon, controls }: { time: number; horizon: number; controls: SimControls }) {
  const { t } = useI18n();
  const dragging = useRef(false);
  const end = Math.max(horizon, time, 0.001);
  const onValue = (v: number) => (dragging.current ? controls.seekTo(v) : controls.seek(v));
  const release = () => {
    if (!dragging.current) return;
    dragging.current = false;
    controls.seekEnd();
  };
  return (
    <label className="scrubber">
      <span className="visually-hidden">{t('player.timeline')}</span>
      <input
        type="range"
        data-testid="scrubber"
        min={0}
        max={end}
        step={0.001}
        value={Math.min(time, end)}
        aria-valuetext={t('seconds', { t: fmtTime(time) })}
        onPointerDown={() => {
          dragging.current = true;
          controls.seekStart();
        }}
        onPointerUp={release}
        onPointerCancel={release}
        onBlur={release}
        onChange={(e) => onValue(Number(e.target.value))}
      />
      <span className="muted small scrubber-ends" aria-hidden="true">
        <span>0</span>
        <span>{t('seconds', { t: fmtTime(end) })}</span>
      </span>
    </label>
  );
}

export const ClockPanel = memo(function ClockPanel({ time, status, speed, pace, lesson, horizon, canStepBack, nextEventAt, nextTimerAt, controls, pausedHint = false }: Props) {
  const { t } = useI18n();
  const secs = formatNow(time);
  // a speed from the link that is not one of the stops (speed=7) gets a stop of its own, so the
  // slider shows where it is between its neighbours
  const stops = SPEEDS.includes(speed) ? SPEEDS : [...SPEEDS, speed].sort((a, b) => a - b);
  const idx = stops.indexOf(speed);
  const playing = status === 'playing';
  return (
    <Panel id="clock" title={t('clock.title')} className="clock-panel">
      <div className="player" data-testid="player" data-status={status}>
        <p className="sim-time" data-testid="sim-time" data-seconds={String(Math.round(time * 1000) / 1000)} aria-live="off">
          <span className="muted">{t('clock.time')}</span> <output>{t('seconds', { t: secs })}</output>{' '}
          <span className={`player-status player-status--${status}`} data-testid="player-status">
            {t(STATUS_KEY[status])}
          </span>
        </p>
        <Scrubber time={time} horizon={horizon} controls={controls} />
        {pausedHint && (
          <p className="paused-hint" role="status" data-testid="paused-hint">
            {t('paused.hint')}
          </p>
        )}
        <div className="row buttons">
          <button type="button" className={`primary${pausedHint ? ' play--hint' : ''}`} data-testid="play" aria-pressed={playing} onClick={controls.toggle}>
            <span aria-hidden="true">{playing ? '❚❚' : '▶'}</span> {playing ? t('clock.pause') : status === 'note' ? t('player.continue') : t('clock.play')}
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
        <div className="row speed-row">
          <label className="speed">
            {t('clock.speed')} <strong>{speed}×</strong>
            <input
              type="range"
              min={0}
              max={stops.length - 1}
              step={1}
              value={idx}
              data-testid="speed"
              aria-valuetext={`${speed}×`}
              onChange={(e) => controls.setSpeed(stops[Number(e.target.value)] ?? 1)}
            />
          </label>
          <div className="seg-switch" role="group" aria-label={t('player.pace')} data-testid="pace" data-pace={pace}>
            {PACES.map((p) => (
              <button key={p} type="button" aria-pressed={pace === p} data-testid={`pace-${p}`} title={t(p === 'auto' ? 'player.paceAutoHelp' : 'player.paceExactHelp')} onClick={() => controls.setPace(p)}>
                {t(p === 'auto' ? 'player.paceAuto' : 'player.paceExact')}
              </button>
            ))}
          </div>
        </div>
        <p className="muted small">
          {nextEventAt === null ? t('clock.idle') : t('clock.next', { t: fmtTime(nextEventAt) })} · {t(lesson ? 'player.keysLesson' : 'clock.keys')}
        </p>
      </div>
    </Panel>
  );
});
