/**
 * Playing a packetdrill run's picture: the time shown moves between the run's stops. Step and
 * Back jump to the next or previous stop, Play moves the time continuously so that the segments
 * travel (a flight takes about 0.6 s of real time, a longer quiet stretch at most 1.2 s), and the
 * scrubber sets any time. The picture is a function of (run, time): nothing is re-run.
 * requestAnimationFrame only advances the time shown.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FLIGHT } from './pktPicture.ts';

export interface PktPlayer {
  time: number;
  playing: boolean;
  atStart: boolean;
  atEnd: boolean;
  play(): void;
  pause(): void;
  toggle(): void;
  step(): void;
  back(): void;
  toStart(): void;
  seek(t: number): void;
}

const EPS = 1e-9;
/** real seconds for one flight, and the bounds for any stretch between two stops */
const FLIGHT_REAL = 0.6;
const MIN_REAL = 0.25;
const MAX_REAL = 1.2;

export function nextStop(stops: readonly number[], t: number, end: number): number {
  for (const s of stops) if (s > t + EPS) return s;
  return end;
}
export function prevStop(stops: readonly number[], t: number): number {
  let best = 0;
  for (const s of stops) if (s < t - EPS) best = s;
  return best;
}

/** `run` changes with each new run: the time goes to the run's end (the whole picture, or the failure). */
export function usePktPlayer(stops: readonly number[], end: number, run: unknown): PktPlayer {
  const [time, setTime] = useState(end);
  const [playing, setPlaying] = useState(false);
  const timeRef = useRef(time);
  timeRef.current = time;
  const [seenRun, setSeenRun] = useState(run);
  if (seenRun !== run) {
    setSeenRun(run);
    setTime(end);
    setPlaying(false);
  }

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let id = requestAnimationFrame(function frame(now) {
      const dt = Math.min(0.1, (now - last) / 1000);
      last = now;
      const t = timeRef.current;
      const to = nextStop(stops, t, end);
      if (t >= end - EPS) {
        setPlaying(false);
        return;
      }
      const from = prevStop(stops, to);
      const gap = Math.max(EPS, to - from);
      const real = Math.min(MAX_REAL, Math.max(MIN_REAL, (gap / FLIGHT) * FLIGHT_REAL));
      const next = Math.min(to, t + (gap / real) * dt);
      timeRef.current = next;
      setTime(next);
      id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  }, [playing, stops, end]);

  const play = useCallback(() => {
    if (timeRef.current >= end - EPS) setTime(0);
    setPlaying(true);
  }, [end]);
  const pause = useCallback(() => setPlaying(false), []);
  const step = useCallback(() => {
    setPlaying(false);
    setTime(nextStop(stops, timeRef.current, end));
  }, [stops, end]);
  const back = useCallback(() => {
    setPlaying(false);
    setTime(prevStop(stops, timeRef.current));
  }, [stops]);
  const toStart = useCallback(() => {
    setPlaying(false);
    setTime(0);
  }, []);
  const seek = useCallback((t: number) => {
    setPlaying(false);
    setTime(Math.max(0, Math.min(end, t)));
  }, [end]);
  const toggle = useCallback(() => (playing ? pause() : play()), [playing, play, pause]);

  return useMemo(
    () => ({ time, playing, atStart: time <= EPS, atEnd: time >= end - EPS, play, pause, toggle, step, back, toStart, seek }),
    [time, playing, end, play, pause, toggle, step, back, toStart, seek],
  );
}
