/**
 * The lesson player the embed drives (play, pause, step, next/previous note, seek), over
 * useSimulation: a lesson stops exactly at each note's instant (the clock's stop limit), and the
 * run "ends" once nothing is left to happen and every note has been shown. The embed and the
 * message protocol talk only to the `Player` interface, so a richer player can take its place.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScenarioNote } from '../../scenarios/index.ts';
import type { SimControls, SimState } from '../sim/useSimulation.ts';

export type PlayerStatus = 'idle' | 'playing' | 'note' | 'paused' | 'seeking' | 'ended';

export interface Player {
  status: PlayerStatus;
  /** index of the note in force (the last one whose time has come), or -1 */
  noteIndex: number;
  play(): void;
  pause(): void;
  toggle(): void;
  step(): void;
  nextNote(): void;
  prevNote(): void;
  seek(t: number): void;
}

const EPS = 1e-9;

/** The index of the note in force at `t`: the last note whose `at` has passed (or -1). */
export function noteIndexAt(notes: readonly ScenarioNote[], t: number): number {
  let i = -1;
  for (let k = 0; k < notes.length; k++) if (notes[k]!.at <= t + EPS) i = k;
  return i;
}

/** The first note strictly after the note in force at `t`, or -1. */
export function nextNoteAfter(notes: readonly ScenarioNote[], t: number): number {
  const i = noteIndexAt(notes, t) + 1;
  return i < notes.length ? i : -1;
}

/** Where "previous note" goes from `t`: the note in force if `t` is past its instant, else the one before. */
export function prevNoteFrom(notes: readonly ScenarioNote[], t: number): number {
  let i = noteIndexAt(notes, t);
  // notes sharing one instant count as one stop
  while (i >= 0 && notes[i]!.at >= t - EPS) i--;
  if (i < 0) return -1;
  return noteIndexAt(notes, notes[i]!.at);
}

export function usePlayer(sim: SimState, controls: SimControls, notes: readonly ScenarioNote[], lesson: boolean): Player {
  const time = sim.displayTime;
  const noteIndex = noteIndexAt(notes, time);
  const [started, setStarted] = useState(time > 0);
  const atEnd = sim.view.nextEventAt === null && noteIndex === notes.length - 1;

  // nothing left to happen: stop the clock rather than let it run on
  useEffect(() => {
    if (sim.playing && atEnd && time > 0) controls.pause();
  }, [sim.playing, atEnd, time, controls]);

  const seek = useCallback(
    (t: number) => {
      setStarted(true);
      controls.seek(t);
    },
    [controls],
  );

  const player = useMemo(() => {
    const goToNote = (i: number) => {
      if (i < 0 || i >= notes.length) return;
      controls.pause();
      seek(notes[i]!.at);
    };
    return {
      play: () => {
        setStarted(true);
        const next = nextNoteAfter(notes, time);
        controls.setStopAt(lesson && next >= 0 ? notes[next]!.at : null);
        controls.play();
      },
      pause: () => controls.pause(),
      step: () => {
        setStarted(true);
        controls.step();
      },
      seek,
      nextNote: () => goToNote(nextNoteAfter(notes, time)),
      prevNote: () => {
        const i = prevNoteFrom(notes, time);
        if (i >= 0) goToNote(i);
        else seek(0);
      },
    };
  }, [controls, notes, time, seek, lesson]);

  let status: PlayerStatus;
  if (sim.playing) status = 'playing';
  else if (atEnd && time > 0) status = 'ended';
  else if (noteIndex >= 0 && Math.abs(notes[noteIndex]!.at - time) < EPS && started) status = 'note';
  else if (!started) status = 'idle';
  else status = 'paused';

  const toggle = useCallback(() => (sim.playing ? player.pause() : player.play()), [sim.playing, player]);
  return { ...player, toggle, status, noteIndex };
}
