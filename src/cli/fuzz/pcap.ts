/**
 * Fuzz surface `pcap`: the capture reader and the replay behind "Open capture…" and
 * `npm run replay`. Inputs are the real captures of `tests/captures/` and the project's own
 * pcapng export, rewritten into every container variant the reader supports (pcap in both byte
 * orders with µs or ns timestamps, pcapng in both byte orders with other timestamp resolutions),
 * then broken: bytes and 32-bit fields overwritten with the values that break readers (0,
 * 0xffffffff, just over a length), truncated, spliced, repeated, cut at every structure.
 * The reader must answer each with a capture or a CaptureError naming the byte; every stream of
 * an accepted capture is then replayed as the app does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { listStreams, readCapture, skipNotes, streamPackets } from '../../pcap/capture.ts';
import { CaptureError } from '../../pcap/capture-error.ts';
import { traceToPcapng } from '../../pcap/export.ts';
import { readFrames } from '../../pcap/frames.ts';
import { replayStream, TimerFloodError } from '../../pcap/replay.ts';
import { pcapFile, pcapngFile } from '../../pcap/test-captures.ts';
import { getScenario } from '../../scenarios/index.ts';
import { createWorld, runScenario } from '../../scenarios/world.ts';
import type { Surface } from './harness.ts';

const CAPTURES = new URL('../../../tests/captures/', import.meta.url);

/** Every .pcap/.pcapng under tests/captures (folders included), read once. */
function realCaptures(): Uint8Array[] {
  const out: Uint8Array[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (/\.(pcap|pcapng)$/.test(e.name)) out.push(new Uint8Array(readFileSync(join(dir, e.name))));
    }
  };
  walk(CAPTURES.pathname);
  return out;
}

/** The same packets in the other container shapes: pcap BE/ns, pcapng LE/BE at µs and ns. */
function variants(bytes: Uint8Array): Uint8Array[] {
  const ff = readFrames(bytes, 'corpus');
  const lt = ff.interfaces[0]!.linkType;
  const recs = ff.frames.map((f) => ({ t: f.t, data: f.data }));
  return [
    bytes,
    pcapFile(lt, recs, { le: false, nanos: true }),
    pcapFile(lt, recs, { le: true, nanos: true }),
    pcapngFile([{ linkType: lt }], recs, true),
    pcapngFile([{ linkType: lt, tsresol: 9 }], recs, false),
  ];
}

/** A run of the simulator written at both peers: pcapng with two interfaces and packet comments. */
function exported(): Uint8Array[] {
  return ['teardown', 'lost-syn'].flatMap((id) => {
    const sc = getScenario(id);
    if (!sc) return [];
    const w = createWorld(sc);
    runScenario(w, sc.until ?? 120);
    return [traceToPcapng(w.toJSON(), { point: 'both' })];
  });
}

let corpus: Uint8Array[] | undefined;
/** The corpus, built once per process. */
export function captureCorpus(): Uint8Array[] {
  corpus ??= [...realCaptures().flatMap(variants), ...exported()];
  return corpus;
}

/** Values that break readers when written over a length, a count, a type or a magic number. */
const SPECIAL32 = [0, 1, 3, 11, 12, 13, 16, 20, 28, 31, 32, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff, 16 << 20, (16 << 20) + 1, 0x0a0d0d0a, 0x1a2b3c4d, 0xa1b2c3d4, 0xa1b23c4d];

type ByteMutation =
  | { op: 'set8'; at: number; v: number }
  | { op: 'set32'; at: number; v: number; le: boolean; aligned: boolean }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; bytes: Uint8Array }
  | { op: 'delete'; at: number; n: number }
  | { op: 'repeat'; at: number; n: number; times: number }
  | { op: 'splice'; at: number; from: number; other: number };

const mutationArb: fc.Arbitrary<ByteMutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set8' as const), at: fc.nat(), v: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set32' as const), at: fc.nat(), v: fc.oneof(fc.constantFrom(...SPECIAL32), fc.nat({ max: 0xffffffff })), le: fc.boolean(), aligned: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 24 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('repeat' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 200 }), times: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 2, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }) }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('splice' as const), at: fc.nat(), from: fc.nat(), other: fc.nat() }) },
);

function applyMutation(files: readonly Uint8Array[], b: Uint8Array, m: ByteMutation): Uint8Array {
  const pos = (n: number) => (b.length === 0 ? 0 : n % (b.length + 1));
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  switch (m.op) {
    case 'set8': {
      if (!b.length) return b;
      const out = b.slice();
      out[m.at % b.length] = m.v;
      return out;
    }
    case 'set32': {
      if (b.length < 4) return b;
      let at = m.at % (b.length - 3);
      if (m.aligned) at -= at % 4;
      const out = b.slice();
      new DataView(out.buffer).setUint32(at, m.v >>> 0, m.le);
      return out;
    }
    case 'truncate':
      return b.slice(0, pos(m.at));
    case 'insert': {
      const at = pos(m.at);
      return cat(b.subarray(0, at), m.bytes, b.subarray(at));
    }
    case 'delete': {
      const at = pos(m.at);
      return cat(b.subarray(0, at), b.subarray(at + m.n));
    }
    case 'repeat': {
      const at = pos(m.at);
      const piece = b.subarray(at, at + m.n);
      return cat(b.subarray(0, at), ...Array<Uint8Array>(m.times).fill(piece), b.subarray(at + m.n));
    }
    case 'splice': {
      const other = files[m.other % files.length]!;
      return cat(b.subarray(0, pos(m.at)), other.subarray(other.length ? m.from % other.length : 0));
    }
  }
}

export interface PcapInput {
  bytes: Uint8Array;
  /** replay under this profile */
  profile: 'linux' | 'rfc9293';
}

export function pcapInputs(files: readonly Uint8Array[]): fc.Arbitrary<PcapInput> {
  const magics = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a];
  const bytes = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...files), fc.array(mutationArb, { minLength: 1, maxLength: 5 })).map(([b, ms]) => ms.reduce((x, m) => applyMutation(files, x, m), b)) },
    // a header that promises a capture, then noise
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 400 })).map(([m, rest]) => {
      const out = new Uint8Array(4 + rest.length);
      new DataView(out.buffer).setUint32(0, m, false);
      out.set(rest, 4);
      return out;
    }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  );
  return fc.record({ bytes, profile: fc.constantFrom('linux' as const, 'rfc9293' as const) });
}

/** `read`: the reader under test (the project's unless a test hands in a broken one). */
export function pcapSurface(files: readonly Uint8Array[] = captureCorpus(), read: typeof readCapture = readCapture): Surface<PcapInput> {
  return {
    name: 'pcap',
    inputs: pcapInputs(files),
    run({ bytes, profile }) {
      let c;
      try {
        c = read(bytes, 'fuzz.pcap');
      } catch (e) {
        // a CaptureError with a cause is the reader's own bug, caught at its door: a crash here
        if (e instanceof CaptureError && e.cause === undefined) return 'clean';
        throw e;
      }
      skipNotes(c);
      const streams = listStreams(c);
      if (!streams.length) return 'clean';
      // every stream, as the app offers them (the corpus holds a few per file)
      for (const s of streams.slice(0, 8)) {
        const { info, packets } = streamPackets(c, s.id);
        try {
          replayStream(info, packets, { profile, file: c.file });
        } catch (e) {
          // a gap the models' timers cannot cross within the bound: the replay's own clear answer
          if (e instanceof TimerFloodError) return 'clean';
          throw e;
        }
      }
      return 'accepted';
    },
    size: (input) => input.bytes.length,
    show: (input) => `${input.profile}: ${input.bytes.length} bytes, hex ${hexClip(input.bytes)}`,
  };
}

function hexClip(b: Uint8Array): string {
  const hex = (x: Uint8Array) => Array.from(x, (v) => v.toString(16).padStart(2, '0')).join('');
  return b.length <= 300 ? hex(b) : `${hex(b.subarray(0, 150))} … [${b.length} bytes] … ${hex(b.subarray(-150))}`;
}
