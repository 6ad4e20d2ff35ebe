// A seeded slice of `npm run fuzz` for CI: the capture reader answers any broken capture with a
// CaptureError naming the byte, and every stream it accepts replays.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../pcap/capture.ts';
import { CaptureError } from '../../pcap/capture-error.ts';
import { fuzz } from './harness.ts';
import { captureCorpus, pcapSurface } from './pcap.ts';

describe('fuzz.pcap (seeded slice)', () => {
  it('answers 3000 mutated captures with a replay or a CaptureError, never a crash', () => {
    const r = fuzz(pcapSurface(), { inputs: 3000, seed: 20261201, limitMs: 60_000 });
    expect(r.failures).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.clean).toBeGreaterThan(0);
    expect(r.accepted).toBeGreaterThan(0);
  }, 120_000);

  it('starts from every container variant: pcap in both byte orders, µs and ns, and pcapng', () => {
    const formats = captureCorpus().map((b) => {
      const c = readCapture(b, 'corpus');
      const magic = new DataView(b.buffer, b.byteOffset).getUint32(0, false).toString(16);
      return `${c.format} ${magic}`;
    });
    expect(new Set(formats)).toEqual(new Set(['pcap d4c3b2a1', 'pcap a1b23c4d', 'pcap 4d3cb2a1', 'pcapng a0d0d0a']));
    expect(captureCorpus().every((b) => readCapture(b, 'corpus').tcp.length > 0)).toBe(true);
  });

  it('counts a bug caught at the reader\'s door as a crash, and its own errors as clean', () => {
    const files = [new Uint8Array([0xa1, 0xb2, 0xc3, 0xd4])];
    const input = { bytes: new Uint8Array([1, 2, 3, 4, 5]), profile: 'linux' as const };
    expect(pcapSurface(files).run(input)).toBe('clean');
    const buggy = pcapSurface(files, (_b, file) => {
      throw new CaptureError(file, null, 'could not be read (x is undefined)', new TypeError('x is undefined'));
    });
    expect(() => buggy.run(input)).toThrow(/could not be read/);
    // and readCapture itself wraps only its own bugs: a short file is a plain CaptureError
    const plain = (() => {
      try {
        readCapture(new Uint8Array(2), 'f');
      } catch (e) {
        return e;
      }
    })();
    expect(plain).toBeInstanceOf(CaptureError);
    expect((plain as CaptureError).message).toBe('f: byte 0: truncated: 2 bytes is too short for a capture file');
    expect((plain as CaptureError).cause).toBeUndefined();
  });
});
