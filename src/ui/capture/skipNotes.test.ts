import { describe, expect, it } from 'vitest';
import type { Capture } from '../../pcap/capture.ts';
import { skipNotes } from '../../pcap/capture.ts';
import { SKIP_CODES, skipWords } from '../../pcap/decode.ts';
import type { SkipWhy } from '../../pcap/decode.ts';
import { skipNoteLines, skipWordsZh } from './skipNotes.ts';

/** A skip of every code, with the reader's English for it (what `npm run replay` has always printed). */
const SAMPLES: [SkipWhy, string, string][] = [
  [{ code: 'cut', header: 'Linux cooked v2 header', need: 20, have: 12 }, 'Linux cooked v2 header cut by the snapshot length', 'Linux cooked v2 header needs 20 bytes, the capture kept 12'],
  [{ code: 'ip-version', version: 5 }, 'IP version 5', 'not IPv4 or IPv6 (version 5)'],
  [{ code: 'ethertype', type: '0x0806' }, 'EtherType 0x0806', 'not IP (EtherType 0x0806)'],
  [{ code: 'address-family', family: 7 }, 'address family 7', 'not IP (loopback address family 7)'],
  [{ code: 'link-type', linkType: 105 }, 'link type 105', 'unsupported link type 105'],
  [{ code: 'malformed-ipv4', version: 4, length: 12 }, 'malformed IPv4 header', 'IPv4 header with version 4 and length 12'],
  [{ code: 'ip-protocol', proto: 17, ipv6: false }, 'IP protocol 17', 'not TCP (IP protocol 17)'],
  [{ code: 'ip-protocol', proto: 58, ipv6: true }, 'IP protocol 58', 'not TCP (IPv6 next header 58)'],
  [{ code: 'ipv4-fragment' }, 'IPv4 fragment', 'a fragment of an IPv4 packet (not reassembled)'],
  [{ code: 'ipv6-fragment' }, 'IPv6 fragment', 'a fragment of an IPv6 packet (not reassembled)'],
  [{ code: 'malformed-tcp', offset: 8 }, 'malformed TCP header', 'TCP data offset 8 is below 20'],
];

const values = (w: SkipWhy): string[] => Object.entries(w).filter(([k, v]) => k !== 'code' && typeof v !== 'boolean' && k !== 'header').map(([, v]) => String(v));

describe('skipped packets in both languages', () => {
  it('every skip code is sampled; the English is the reader’s, unchanged', () => {
    expect(new Set(SAMPLES.map(([w]) => w.code))).toEqual(new Set(SKIP_CODES));
    for (const [w, key, detail] of SAMPLES) expect(skipWords(w)).toEqual({ key, detail });
  });

  it('the Chinese carries every value and no English word beyond protocol names', () => {
    for (const [w] of SAMPLES) {
      const { key, detail } = skipWordsZh(w);
      for (const text of [key, detail]) {
        expect(text, w.code).toMatch(/[\u4e00-\u9fff]/);
        let rest = text.replace(/\b(IP|IPv4|IPv6|TCP|VLAN|Linux|SLL2?)\b/g, ' ');
        for (const v of values(w)) rest = rest.split(v).join(' ');
        expect(rest, `${w.code}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
      }
      for (const v of values(w)) expect(detail, w.code).toContain(v);
    }
  });

  it('a capture’s notes: the reader’s lines in English, the same facts in Chinese', () => {
    const c: Capture = {
      file: 'mixed.pcap',
      format: 'pcap',
      frames: 4,
      tcp: [],
      skipped: [{ reason: 'IP protocol 17', count: 2, cut: false, first: { number: 2, offset: 82, detail: 'not TCP (IP protocol 17)', why: { code: 'ip-protocol', proto: 17, ipv6: false } } }],
    };
    expect(skipNoteLines(c, 'en', skipNotes(c))).toEqual(['mixed.pcap: 2 packets skipped: IP protocol 17 (first: packet 2 at byte 82: not TCP (IP protocol 17))']);
    expect(skipNoteLines(c, 'zh-CN', skipNotes(c))).toEqual(['mixed.pcap：跳过 2 个包：IP 协议 17（第一个：第 2 个包，位于第 82 字节：不是 TCP（IP 协议 17））']);
  });
});
