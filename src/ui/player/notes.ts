/**
 * A lesson's notes against the clock. A note belongs to the instant after every event at its
 * time has run (that is when the picture shows what it says).
 */

/** Index of the note in force at `time`: the last one whose instant has passed; -1 if none. */
export function noteInForce(notes: readonly number[], time: number, pendingAtTime: boolean): number {
  let idx = -1;
  for (let i = 0; i < notes.length; i++) {
    const at = notes[i]!;
    if (at < time - 1e-9 || (Math.abs(at - time) <= 1e-9 && !pendingAtTime)) idx = i;
    else break;
  }
  return idx;
}

/** The next note playback must stop at from `time`: the first one not yet in force; null if none. */
export function nextStop(notes: readonly number[], time: number, pendingAtTime: boolean): number | null {
  const i = noteInForce(notes, time, pendingAtTime) + 1;
  return i < notes.length ? notes[i]! : null;
}

/** Index of the note before the one shown at `time` (Previous): the last note strictly before it; -1 if none. */
export function previousNote(notes: readonly number[], time: number): number {
  let idx = -1;
  for (let i = 0; i < notes.length; i++) if (notes[i]! < time - 1e-9) idx = i;
  return idx;
}
