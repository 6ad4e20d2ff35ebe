/** Fuzz surface `packetdrill`: the parser (preprocessor included) and the runner, on mutated real scripts. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { collectPkts } from '../../packetdrill/files.ts';
import { PacketdrillSyntaxError, parseScript } from '../../packetdrill/parser.ts';
import { runScript } from '../../packetdrill/runner.ts';
import type { Surface } from './harness.ts';
import { clip } from './harness.ts';
import { mutatedText } from './mutate.ts';

// Pieces of real syntax, so inserted text is often almost valid.
const FRAGMENTS = [
  '0', '+0', '+.1', '*', '...', '~', '0.2', ' ', '\n', '\r\n', '\t', '<', '>', 'S', 'S.', 'F.', 'R.', 'P.', '.',
  '0:0(0)', '1:1001(1000)', 'ack 1', 'win 0', '4294967295', '<mss 1460,nop>', '<...>', 'TS val 1 ecr 2', 'sackOK',
  'close(3)', 'read(3, ..., 10)', 'f(', ')', '(', '[', ']', '{', '}', '=', '= 0', '= -1 EPIPE (Broken pipe)', '|', '"',
  '0x1f', '`', '`sysctl -q net.ipv4.tcp_fin_timeout=1`', '%{', '}%', '//', '/*', '*/', '#ifdef A', '#ifndef A', '#else',
  '#endif', '--tolerance_usecs=1', '-1', '1e400', '99999999999999999999',
];

const FALLBACK = ['0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n+0 < S 0:0(0) win 1000\n+0 > S. 0:0(0) ack 1\n'];

/** The scripts inputs are made from: every .pkt under `dirs` (the project's own by default). */
export function loadScripts(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of dirs) {
    try {
      for (const f of collectPkts([d])) out.push(readFileSync(f, 'utf8'));
    } catch {
      // a corpus folder that is not there is simply not used
    }
  }
  return out.length ? out : FALLBACK;
}

export function packetdrillSurface(corpus: readonly string[]): Surface<string> {
  const inputs = fc.oneof(
    { weight: 6, arbitrary: mutatedText(corpus, FRAGMENTS) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((p) => p.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 300, unit: 'binary' }) },
  );
  return {
    name: 'packetdrill',
    inputs,
    run(text) {
      let script;
      try {
        script = parseScript(text, 'fuzz.pkt', new Set(['A']));
      } catch (e) {
        if (e instanceof PacketdrillSyntaxError) return 'clean';
        throw e;
      }
      // both profiles, alternating (running each input twice would halve the inputs per minute)
      runScript(script, { profile: text.length % 2 ? 'rfc9293' : 'linux' });
      return 'accepted';
    },
    size: (text) => text.length,
    show: (text) => JSON.stringify(clip(text)),
  };
}
