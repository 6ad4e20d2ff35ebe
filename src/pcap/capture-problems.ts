/**
 * Why a capture file cannot be opened, as data: a code and the values the sentence needs. The
 * reader's English (`captureProblemText`) is what `npm run replay` prints and what CaptureError
 * messages say, byte for byte; the capture panel words the same problem in the page's language
 * (src/ui/capture/captureProblemsZh.ts). Values are numbers and names read from the file.
 */
import type { SkipWhy } from './decode.ts';

/** A pcapng block the reader checks the length of. */
export type BlockKind = 'section header' | 'interface description' | 'packet' | 'simple packet';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A stream as an unknown-stream problem lists it (`describeStream` in English). */
export interface StreamLine {
  id: number;
  client: string;
  server: string;
  packets: number;
}

/** "0: 10.0.0.1:40000 → 10.0.0.2:80, 8 packets": what `npm run replay` prints for a stream. */
export const streamLineText = (s: StreamLine): string => `${s.id}: ${s.client} → ${s.server}, ${plural(s.packets, 'packet')}`;

/** A kind of skipped packet, as `no-tcp-stream` lists them. */
export interface SkippedKind {
  count: number;
  reason: string;
  why: SkipWhy;
  offset: number;
}

export type CaptureProblem =
  | { code: 'file-too-short'; length: number }
  | { code: 'wrong-magic'; magic: string }
  | { code: 'pcap-header-cut'; length: number }
  | { code: 'link-type'; linkType: number; supported: string }
  | { code: 'record-header-cut'; packet: number; have: number }
  | { code: 'record-too-large'; packet: number; bytes: number }
  | { code: 'record-cut'; packet: number; announced: number; present: number }
  | { code: 'block-header-cut'; left: number }
  | { code: 'byte-order-magic'; magic: string }
  | { code: 'block-length'; length: number }
  | { code: 'block-cut'; announced: number; present: number }
  | { code: 'trailing-length'; trailing: number; leading: number }
  /** `min` absent: the sentence names no minimum (the simple packet block's) */
  | { code: 'block-too-short'; block: BlockKind; length: number; min?: number }
  | { code: 'pcapng-version'; major: number }
  | { code: 'timestamp-resolution'; exp: number }
  | { code: 'interface-id'; id: number; declared: number }
  | { code: 'packet-overflows-block'; captured: number; block: number }
  | { code: 'simple-before-interface' }
  | { code: 'option-overflows'; option: number; length: number }
  | { code: 'no-tcp-stream'; frames: number; skipped: SkippedKind[] }
  /** `streams`: the capture's streams, endpoints as `endpointKey` writes them */
  | { code: 'unknown-stream'; id: number; streams: StreamLine[] }
  /** a bug of the reader answered as an error: `reason` is the caught exception's own message */
  | { code: 'unreadable'; reason: string };

export const CAPTURE_PROBLEM_CODES = [
  'file-too-short', 'wrong-magic', 'pcap-header-cut', 'link-type', 'record-header-cut', 'record-too-large', 'record-cut',
  'block-header-cut', 'byte-order-magic', 'block-length', 'block-cut', 'trailing-length', 'block-too-short', 'pcapng-version',
  'timestamp-resolution', 'interface-id', 'packet-overflows-block', 'simple-before-interface', 'option-overflows',
  'no-tcp-stream', 'unknown-stream', 'unreadable',
] as const satisfies readonly CaptureProblem['code'][];

/** The reader's English for a problem (the part of the message after the file and byte). */
export function captureProblemText(p: CaptureProblem): string {
  switch (p.code) {
    case 'file-too-short':
      return `truncated: ${p.length} bytes is too short for a capture file`;
    case 'wrong-magic':
      return `wrong magic number ${p.magic}: not a pcap or pcapng file`;
    case 'pcap-header-cut':
      return `truncated pcap header: ${p.length} of 24 bytes`;
    case 'link-type':
      return `unsupported link type ${p.linkType}; supported: ${p.supported}`;
    case 'record-header-cut':
      return `truncated packet record header (packet ${p.packet}): ${p.have} of 16 bytes`;
    case 'record-too-large':
      return `packet ${p.packet} claims ${p.bytes} captured bytes: corrupt record`;
    case 'record-cut':
      return `truncated packet ${p.packet}: ${p.announced} bytes announced, ${p.present} present`;
    case 'block-header-cut':
      return `truncated block header: ${p.left} bytes left, a block needs at least 12`;
    case 'byte-order-magic':
      return `wrong byte-order magic ${p.magic} in section header`;
    case 'block-length':
      return `block length ${p.length} is invalid (at least 12, a multiple of 4)`;
    case 'block-cut':
      return `truncated block: ${p.announced} bytes announced, ${p.present} present`;
    case 'trailing-length':
      return `block's trailing length ${p.trailing} differs from its leading length ${p.leading}`;
    case 'block-too-short':
      return `${p.block} block of ${p.length} bytes is too short${p.min === undefined ? '' : ` (${p.min} at least)`}`;
    case 'pcapng-version':
      return `unsupported pcapng version ${p.major}`;
    case 'timestamp-resolution':
      return `timestamp resolution ${p.exp} is out of range`;
    case 'interface-id':
      return `packet block names interface ${p.id}, but the section declares ${p.declared}`;
    case 'packet-overflows-block':
      return `packet of ${p.captured} captured bytes does not fit its ${p.block}-byte block`;
    case 'simple-before-interface':
      return 'simple packet block before any interface description';
    case 'option-overflows':
      return `option ${p.option} of ${p.length} bytes runs past the end of its block`;
    case 'no-tcp-stream': {
      const why = p.skipped.length ? `; ${p.skipped.map((s) => `${s.count} skipped: ${s.reason} (first at byte ${s.offset})`).join('; ')}` : '';
      return `no TCP stream in ${plural(p.frames, 'packet')}${why}`;
    }
    case 'unknown-stream':
      return `no TCP stream ${p.id}; the capture holds ${p.streams.length}: ${p.streams.map(streamLineText).join('; ')}`;
    case 'unreadable':
      return `could not be read (${p.reason})`;
  }
}
