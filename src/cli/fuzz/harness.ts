/**
 * The fuzz harness: runs one surface (a parser, a validator, a handler) on many
 * generated inputs, sorts every outcome into the four kinds of DESIGN.md's
 * `npm run fuzz` line, and shrinks each crash or slow input to a small
 * counterexample with fast-check.
 */
import fc from 'fast-check';

/** What a surface does with one input: refuse it with a clear error, or accept it. A crash is a throw. */
export type Verdict = 'clean' | 'accepted';

export interface Surface<T> {
  name: string;
  inputs: fc.Arbitrary<T>;
  /** Feeds one input to the code under test. Throws only on a crash (an error the surface did not mean to give). */
  run(input: T): Verdict;
  /** size of an input in bytes (for the time limit, which grows per 100 KB) */
  size(input: T): number;
  /** a short printable form of an input for the report */
  show(input: T): string;
}

export interface FuzzOptions {
  inputs: number;
  seed: number;
  /** CPU-time limit per input per started 100 KB, ms */
  limitMs: number;
  /** how many failures per surface are shrunk and reported */
  maxReported?: number;
}

export interface Failure {
  kind: 'crash' | 'over time';
  /** the error (crash) or the time taken (over time) for the shrunk input */
  detail: string;
  input: string;
}

export interface FuzzReport {
  surface: string;
  inputs: number;
  clean: number;
  accepted: number;
  crashes: number;
  overTime: number;
  failures: Failure[];
}

type Outcome = { kind: Verdict; ms: number } | { kind: 'crash'; error: unknown; ms: number };

/**
 * The clock of the time limit: this process's CPU time (user + system, ms). On a machine shared
 * with other work, wall time counts the others' turns as ours; CPU time counts only what an input
 * cost (garbage collection included).
 */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function attempt<T>(s: Surface<T>, input: T): Outcome {
  const t0 = cpuMs();
  try {
    const kind = s.run(input);
    return { kind, ms: cpuMs() - t0 };
  } catch (error) {
    return { kind: 'crash', error, ms: cpuMs() - t0 };
  }
}

const limitFor = <T>(s: Surface<T>, input: T, o: FuzzOptions): number => o.limitMs * Math.max(1, Math.ceil(s.size(input) / 100_000));

export function errorLine(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.split('\n')[0]!.slice(0, 300);
  return String(e).slice(0, 300);
}

export function fuzz<T>(s: Surface<T>, o: FuzzOptions): FuzzReport {
  const r: FuzzReport = { surface: s.name, inputs: 0, clean: 0, accepted: 0, crashes: 0, overTime: 0, failures: [] };
  // First pass: every input once, counted. Failing runs are remembered by index to be shrunk after.
  const failing: { index: number; kind: Failure['kind']; key: string }[] = [];
  let index = 0;
  fc.check(
    fc.property(s.inputs, (input) => {
      const out = attempt(s, input);
      r.inputs++;
      if (out.kind === 'crash') {
        r.crashes++;
        failing.push({ index, kind: 'crash', key: errorLine(out.error).slice(0, 80) });
      } else {
        if (out.kind === 'clean') r.clean++;
        else r.accepted++;
        if (out.ms > limitFor(s, input, o)) {
          r.overTime++;
          failing.push({ index, kind: 'over time', key: 'over time' });
        }
      }
      index++;
      return true;
    }),
    { numRuns: o.inputs, seed: o.seed },
  );
  // Second pass: one shrunk counterexample per distinct failure (same error text = same bug).
  const seen = new Set<string>();
  for (const f of failing) {
    if (seen.has(f.key) || seen.size >= (o.maxReported ?? 5)) continue;
    seen.add(f.key);
    r.failures.push(shrink(s, o, f.index, f.kind));
  }
  return r;
}

/** Replays run `index` of the seeded sequence and lets fast-check shrink it while it still fails the same way. */
function shrink<T>(s: Surface<T>, o: FuzzOptions, index: number, kind: Failure['kind']): Failure {
  const fails = (input: T): boolean => {
    const out = attempt(s, input);
    return kind === 'crash' ? out.kind === 'crash' : out.ms > limitFor(s, input, o);
  };
  const res = fc.check(fc.property(s.inputs, (input) => !fails(input)), { numRuns: o.inputs, seed: o.seed, path: String(index) });
  const input = res.failed && res.counterexample ? res.counterexample[0] : undefined;
  if (input === undefined) return { kind, detail: 'did not fail again when replayed', input: '' };
  const out = attempt(s, input);
  const detail = out.kind === 'crash' ? errorLine(out.error) : `${out.ms.toFixed(0)} ms of CPU time for ${s.size(input)} bytes`;
  return { kind, detail, input: s.show(input) };
}

/** DESIGN.md's line: `fuzz.<surface>: <N> inputs, <n> clean errors, <n> accepted, <n> crashes, <n> over time`. */
export function reportLine(r: FuzzReport): string {
  return `fuzz.${r.surface}: ${r.inputs} inputs, ${r.clean} clean errors, ${r.accepted} accepted, ${r.crashes} crashes, ${r.overTime} over time`;
}

/** A long input shown by its start, its length and its end. */
export function clip(text: string, max = 600): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max / 2)} … [${text.length} characters] … ${text.slice(-max / 2)}`;
}
