/**
 * Matching what the stack sent against a `>` line: taking the next segment
 * off the queue (merging TSO/GSO bursts) and comparing it field by field.
 * When to wait for it is the runner's business; this file only judges it.
 */
import type { Segment } from '../tcp/segment.ts';
import { formatFlags } from '../tcp/segment.ts';
import type { PacketEvent } from './ast.ts';
import { fail } from './failures.ts';
import type { Mismatch } from './reasons.ts';
import { describe, relAck, relSeq } from './wire.ts';

/** A segment the stack sent, stamped with the virtual time (µs) it left. */
export interface Out {
  seg: Segment;
  t: number;
}

/**
 * Removes the next segment from `outQ`. A kernel with TSO/GSO hands the wire
 * one large segment where the model sends several MSS-sized ones, so when the
 * line asks for more bytes than the first holds, the contiguous segments sent
 * at the same instant are merged into one, as packetdrill sees them.
 */
export function takeSegment(outQ: Out[], e: PacketEvent): Out {
  const first = outQ.shift()!;
  const want = e.seq.len;
  const seg: Segment = { ...first.seg, flags: { ...first.seg.flags } };
  while (seg.len < want && outQ.length > 0) {
    const nx = outQ[0]!;
    if (nx.t !== first.t || nx.seg.flags.SYN || nx.seg.flags.RST || seg.flags.FIN || nx.seg.seq !== ((seg.seq + seg.len) >>> 0)) break;
    if (!!nx.seg.flags.ACK !== !!seg.flags.ACK) break;
    outQ.shift();
    seg.len += nx.seg.len;
    seg.ack = nx.seg.ack;
    seg.win = nx.seg.win;
    seg.flags = { ...seg.flags, PSH: !!nx.seg.flags.PSH, FIN: !!nx.seg.flags.FIN };
  }
  return { seg, t: first.t };
}

/**
 * Fails the line unless `s` matches it. Window and options are compared only
 * when `strict`: of a kernel's options the model sends only mss, and its
 * windows need not equal a kernel's, so by default neither is held against it.
 * All mismatches are reported together, as one message.
 */
export function compareSegment(e: PacketEvent, s: Segment, localIsn: number, strict: boolean): void {
  const problems: Mismatch[] = [];
  const ef = e.flags;
  const sf = s.flags;
  if (!!ef.SYN !== !!sf.SYN || !!ef.FIN !== !!sf.FIN || !!ef.RST !== !!sf.RST || !!ef.PSH !== !!sf.PSH || !!ef.ACK !== !!sf.ACK) {
    problems.push({ field: 'flags', got: formatFlags(sf), want: formatFlags(ef) });
  }
  if (!e.seq.any && relSeq(s, localIsn) !== e.seq.start) problems.push({ field: 'seq', got: String(relSeq(s, localIsn)), want: String(e.seq.start) });
  if (s.len !== e.seq.len) problems.push({ field: 'length', got: String(s.len), want: String(e.seq.len) });
  if (e.ack !== undefined && relAck(s) !== e.ack) problems.push({ field: 'ack', got: sf.ACK ? String(relAck(s)) : '(none)', want: String(e.ack) });
  if (strict) {
    if (e.win !== undefined && s.win !== e.win) problems.push({ field: 'win', got: String(s.win), want: String(e.win) });
    if (e.options && !e.options.wildcard) {
      const want = e.options.items.filter((i) => i.name !== 'nop' && i.name !== 'eol');
      const mss = want.find((i) => i.name === 'mss');
      const other = want.filter((i) => i.name !== 'mss');
      if (other.length) problems.push({ field: 'options-not-sent', want: other.map((i) => i.raw).join(', ') });
      if (mss && mss.value !== s.mss) problems.push({ field: 'mss', got: s.mss !== undefined ? String(s.mss) : '(none)', want: String(mss.value) });
    } else if (!e.options && s.mss !== undefined) problems.push({ field: 'unexpected-mss', got: String(s.mss) });
  }
  if (problems.length) fail(e.line, { code: 'packet-mismatch', expected: describeExpected(e), got: describe(s, 'out', localIsn), mismatches: problems });
}

/** A `>` line as the script wrote it, for failure messages. */
export function describeExpected(e: PacketEvent): string {
  const seq = e.seq.any ? `...(${e.seq.len})` : `${e.seq.start}:${e.seq.end}(${e.seq.len})`;
  return `${e.flagText} ${seq}${e.ack !== undefined ? ` ack ${e.ack}` : ''}`;
}
