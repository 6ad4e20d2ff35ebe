/**
 * `npm run replay -- FILE [--stream N] [--profile linux|rfc9293] [--json] [--list]`
 * Replays one TCP stream of a capture (pcap or pcapng) through two observer
 * endpoints of the engine and prints both peers' states: a ladder, or the
 * trace JSON of DESIGN.md with `--json`. Segments the model would not have
 * sent or would reject are flagged with the reason.
 */
import { readFileSync } from 'node:fs';
import { CaptureError } from '../pcap/capture-error.ts';
import { describeStream, listStreams, readCapture, skipNotes, streamPackets } from '../pcap/capture.ts';
import { replayStream } from '../pcap/replay.ts';
import { formatLadder } from '../sim/ladder.ts';
import type { TraceEvent } from '../sim/types.ts';
import { InputError, isProfile, PROFILES } from '../tcp/knobs.ts';
import { parseArgs, UsageError } from './args.ts';
import { runCli } from './run.ts';

const USAGE = `usage: npm run replay -- FILE [--stream N] [--profile ${PROFILES.join('|')}] [--json] [--list]`;

function main(argv: string[]): number {
  const a = parseArgs(argv, { values: ['stream', 'profile'], flags: ['json', 'list', 'help'] });
  if (a.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (a.positional.length !== 1) throw new UsageError(a.positional.length ? `one capture file, got ${a.positional.length}` : 'which capture file?');
  const file = a.positional[0]!;
  const profile = a.values.profile ?? 'linux';
  if (!isProfile(profile)) throw new InputError('--profile', `unknown profile "${profile}"; allowed: ${PROFILES.join(', ')}`);
  const stream = a.values.stream === undefined ? 0 : Number(a.values.stream);
  if (!Number.isInteger(stream) || stream < 0) throw new InputError('--stream', `expected a stream number (0, 1, ...), got ${JSON.stringify(a.values.stream)}`);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new InputError(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(e as Error).message})`);
  }
  const c = readCapture(bytes, file);
  for (const n of skipNotes(c)) console.error(`replay: ${n}`);
  if (a.flags.has('list')) {
    const all = listStreams(c);
    for (const s of all) console.log(describeStream(s));
    if (!all.length) console.log(`no TCP stream in ${c.frames} packets`);
    return 0;
  }
  const { info, packets } = streamPackets(c, stream);
  const r = replayStream(info, packets, { profile, file });
  if (a.flags.has('json')) {
    console.log(JSON.stringify(r.trace, null, 1));
    return 0;
  }
  const others = listStreams(c).length - 1;
  console.log(`# ${file}: stream ${describeStream(info)}${others ? ` (${others} other stream${others === 1 ? '' : 's'}: --list)` : ''}; profile ${profile}; times from ${new Date(r.trace.capture.start * 1000).toISOString()}`);
  console.log(formatLadder(r.trace.events));
  for (const f of r.flags) if (f.why?.code === 'time-back') console.log(`! ${f.reason}`);
  for (const e of r.trace.events as (TraceEvent & { flagged?: string })[]) if (e.flagged) console.log(`! packet ${'seg' in e ? e.seg.id : '?'} at ${e.t} s: ${e.flagged}`);
  console.log(`# client: ${r.paths.client.join(' → ')}`);
  console.log(`# server: ${r.paths.server.join(' → ')}`);
  console.log(`# ${r.flags.length} flagged segment${r.flags.length === 1 ? '' : 's'}`);
  return 0;
}

runCli('replay', USAGE, main, (e) => e instanceof InputError || e instanceof CaptureError);
