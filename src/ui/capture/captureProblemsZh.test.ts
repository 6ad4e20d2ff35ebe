import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openCapture, replayCapture } from '../../pcap/app-api.ts';
import type { CaptureProblem } from '../../pcap/capture-problems.ts';
import { CAPTURE_PROBLEM_CODES, captureProblemText } from '../../pcap/capture-problems.ts';
import { readCapture } from '../../pcap/capture.ts';
import { CaptureError } from '../../pcap/capture-error.ts';
import { SUPPORTED_LINK_TYPES } from '../../pcap/frames.ts';
import { captureProblemZh, openErrorZh } from './captureProblemsZh.ts';

const supported = Object.entries(SUPPORTED_LINK_TYPES).map(([n, s]) => `${n} ${s}`).join(', ');

/** A problem of every code, with the reader's English for it (what `npm run replay` has always printed). */
const SAMPLES: [CaptureProblem, string][] = [
  [{ code: 'file-too-short', length: 2 }, 'truncated: 2 bytes is too short for a capture file'],
  [{ code: 'wrong-magic', magic: '0x68656c6c' }, 'wrong magic number 0x68656c6c: not a pcap or pcapng file'],
  [{ code: 'pcap-header-cut', length: 20 }, 'truncated pcap header: 20 of 24 bytes'],
  [{ code: 'link-type', linkType: 105, supported }, `unsupported link type 105; supported: ${supported}`],
  [{ code: 'record-header-cut', packet: 3, have: 9 }, 'truncated packet record header (packet 3): 9 of 16 bytes'],
  [{ code: 'record-too-large', packet: 4, bytes: 99999999 }, 'packet 4 claims 99999999 captured bytes: corrupt record'],
  [{ code: 'record-cut', packet: 5, announced: 60, present: 41 }, 'truncated packet 5: 60 bytes announced, 41 present'],
  [{ code: 'block-header-cut', left: 7 }, 'truncated block header: 7 bytes left, a block needs at least 12'],
  [{ code: 'byte-order-magic', magic: '0x1a2b3c4e' }, 'wrong byte-order magic 0x1a2b3c4e in section header'],
  [{ code: 'block-length', length: 13 }, 'block length 13 is invalid (at least 12, a multiple of 4)'],
  [{ code: 'block-cut', announced: 96, present: 50 }, 'truncated block: 96 bytes announced, 50 present'],
  [{ code: 'trailing-length', trailing: 44, leading: 48 }, "block's trailing length 44 differs from its leading length 48"],
  [{ code: 'block-too-short', block: 'section header', length: 24, min: 28 }, 'section header block of 24 bytes is too short (28 at least)'],
  [{ code: 'block-too-short', block: 'interface description', length: 16, min: 20 }, 'interface description block of 16 bytes is too short (20 at least)'],
  [{ code: 'block-too-short', block: 'packet', length: 28, min: 32 }, 'packet block of 28 bytes is too short (32 at least)'],
  [{ code: 'block-too-short', block: 'simple packet', length: 12 }, 'simple packet block of 12 bytes is too short'],
  [{ code: 'pcapng-version', major: 2 }, 'unsupported pcapng version 2'],
  [{ code: 'timestamp-resolution', exp: 70 }, 'timestamp resolution 70 is out of range'],
  [{ code: 'interface-id', id: 3, declared: 1 }, 'packet block names interface 3, but the section declares 1'],
  [{ code: 'packet-overflows-block', captured: 200, block: 64 }, 'packet of 200 captured bytes does not fit its 64-byte block'],
  [{ code: 'simple-before-interface' }, 'simple packet block before any interface description'],
  [{ code: 'option-overflows', option: 2, length: 40 }, 'option 2 of 40 bytes runs past the end of its block'],
  [{ code: 'no-tcp-stream', frames: 1, skipped: [] }, 'no TCP stream in 1 packet'],
  [
    { code: 'no-tcp-stream', frames: 3, skipped: [{ count: 3, reason: 'IP protocol 17', why: { code: 'ip-protocol', proto: 17, ipv6: false }, offset: 24 }] },
    'no TCP stream in 3 packets; 3 skipped: IP protocol 17 (first at byte 24)',
  ],
  [
    { code: 'unknown-stream', id: 4, streams: [{ id: 0, client: '10.0.0.1:1', server: '10.0.0.2:2', packets: 3 }, { id: 1, client: '[2001:db8::1]:5', server: '[2001:db8::2]:6', packets: 1 }] },
    'no TCP stream 4; the capture holds 2: 0: 10.0.0.1:1 → 10.0.0.2:2, 3 packets; 1: [2001:db8::1]:5 → [2001:db8::2]:6, 1 packet',
  ],
  [{ code: 'unreadable', reason: 'x is undefined' }, 'could not be read (x is undefined)'],
];

/** The values a sentence must carry (numbers and names read from the file). */
const values = (p: CaptureProblem): string[] => {
  if (p.code === 'no-tcp-stream') return [String(p.frames), ...p.skipped.flatMap((s) => [String(s.count), String(s.offset)])];
  if (p.code === 'unknown-stream') return [String(p.id), ...p.streams.flatMap((l) => [String(l.id), l.client, l.server, String(l.packets)])];
  if (p.code === 'link-type') return [String(p.linkType), ...Object.keys(SUPPORTED_LINK_TYPES)];
  return Object.entries(p).filter(([k]) => k !== 'code' && k !== 'block').map(([, v]) => String(v));
};

describe('capture file problems in both languages', () => {
  it('every code is sampled; the English is the reader’s, unchanged', () => {
    expect(new Set(SAMPLES.map(([p]) => p.code))).toEqual(new Set(CAPTURE_PROBLEM_CODES));
    for (const [p, english] of SAMPLES) expect(captureProblemText(p)).toBe(english);
  });

  it('the Chinese carries every value and no English word beyond format and protocol names', () => {
    for (const [p] of SAMPLES) {
      const text = captureProblemZh(p);
      expect(text, p.code).toMatch(/[\u4e00-\u9fff]/);
      for (const v of values(p)) expect(text, p.code).toContain(v);
      let rest = text;
      for (const v of values(p).sort((a, b) => b.length - a.length)) rest = rest.split(v).join(' ');
      rest = rest.replace(/\b(pcapng|pcap|IP|IPv4|IPv6|TCP|SHB|IDB|SPB|SLL2?|Linux|BSD|OpenBSD|null|v2)\b/g, ' ');
      expect(rest, `${p.code}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('the reader throws each problem as data beside its English message', () => {
    const e = (() => {
      try {
        readCapture(new TextEncoder().encode('hello, not a capture'), 'notes.txt');
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(CaptureError);
    expect((e as CaptureError).message).toBe('notes.txt: byte 0: wrong magic number 0x68656c6c: not a pcap or pcapng file');
    expect((e as CaptureError).problem).toEqual({ code: 'wrong-magic', magic: '0x68656c6c' });
    const r = openCapture(new Uint8Array([0xd4, 0xc3]), 'tiny.pcap');
    expect(r).toMatchObject({ ok: false, error: 'tiny.pcap: byte 0: truncated: 2 bytes is too short for a capture file', file: 'tiny.pcap', offset: 0 });
    if (r.ok || !r.problem) throw new Error('expected a structured failure');
    expect(openErrorZh(r.file!, r.offset ?? null, r.problem)).toBe('tiny.pcap：第 0 字节：文件被截断：2 字节，不足以构成抓包文件');
  });

  it('a replay of a stream the capture does not hold is the same problem, worded in Chinese', () => {
    const opened = openCapture(new Uint8Array(readFileSync('tests/captures/linux/teardown.pcap')), 'teardown.pcap');
    if (!opened.ok) throw new Error(opened.error);
    const r = replayCapture(opened.capture, 5, 'linux');
    if (!('error' in r)) throw new Error('expected a failed replay');
    const n = opened.streams[0]!.packets;
    expect(r.error).toBe(`teardown.pcap: no TCP stream 5; the capture holds 1: 0: ${opened.labels[0]!.slice(3)}`);
    expect(r.problem).toEqual({ code: 'unknown-stream', id: 5, streams: [{ id: 0, client: '10.14.0.1:40000', server: '10.14.0.2:8080', packets: n }] });
    expect(openErrorZh(r.file, null, r.problem!)).toBe(`teardown.pcap：没有 TCP 流 5；抓包中有 1 条：0：10.14.0.1:40000 → 10.14.0.2:8080，${n} 个包`);
  });
});
