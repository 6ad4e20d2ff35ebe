/**
 * packetdrill's timing tolerance: an event may happen up to the larger of
 * `--tolerance_usecs` (default 4000) and `--tolerance_percent` (default 12.5)
 * of the scripted gap since the previous event, early or late. A blocking
 * call's gap is its own `start...end` span. This is run.c's verify_time().
 */
export interface Tolerance {
  /** the fixed part, µs */
  usecs: number;
  /** the share of the gap, percent */
  percent: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { usecs: 4000, percent: 12.5 };

const numeric = (v: string | undefined): number | undefined => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);

/** The tolerance a script's options ask for (`--tolerance_usecs=N`, `--tolerance_percent=P`). */
export function toleranceOf(options: Readonly<Record<string, string>>): Tolerance {
  return {
    usecs: numeric(options['tolerance_usecs']) ?? DEFAULT_TOLERANCE.usecs,
    percent: numeric(options['tolerance_percent']) ?? DEFAULT_TOLERANCE.percent,
  };
}

/** The tolerance (µs) for an event `gapUs` after the previous one. */
export function tolerance(t: Tolerance, gapUs: number): number {
  return Math.max(t.usecs, Math.floor((t.percent / 100) * Math.max(0, gapUs)));
}
