// A seeded slice of `npm run fuzz` for CI: the capture reader answers any broken capture with a
// CaptureError naming the byte, and every stream it accepts replays.
import { describe, expect, it } from 'vitest';
import { readCapture, streamPackets } from '../../pcap/capture.ts';
import { replayStream } from '../../pcap/replay.ts';
import { CaptureError } from '../../pcap/capture-error.ts';
import { captureCorpus, pcapSurface } from './pcap.ts';
import { expectCleanSlice } from './slice.ts';

describe('fuzz.pcap (seeded slice)', () => {
  it('answers 3000 mutated captures with a replay or a CaptureError, never a crash', () => {
    expectCleanSlice(pcapSurface(), 3000);
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

  it('replays a capture whose SYN announces an MSS of 0 (found by the fuzzer: the window grew forever)', () => {
    const bytes = new Uint8Array(Buffer.from('obI8TQACAAQAAAAAAAAAAAAA//8AAAABaw9kegd1iAsAAABKAAAASgIACg4AAgIACg4AAQgARQAAPC0SQABABvmLCg4AAQoOAAKcQB+Qf+TpBAAAAACgAvrwFE0AAAIEAAD//wgKHH+ZmwAAAAABAwMKaw9kegd10Z4AAABKAAAASgIACg4AAQIACg4AAggARQAAPAAAQABABiaeCg4AAgoOAAEfkJxAbkI5JH/k6QWgEv6IFE0AAAIEBbQEAggKeXPrBhx/mZsBAwMKaw9kegd2BNcAAABCAAAAQgIACg4AAgIACg4AAQgARQAANC0TQABABvmSCg4AAQoOAAKcQB+Qf+TpBW5COSWAEAA/FEUAAAEBCAocf5mbeXPrBi/ebtkHdqFOAAAApgAAAKYCAAoOAAICAAoOAAEIAEUAAJgtFEAAQAb5LQoOAAEKDgACnEAfkH/k6QVuQjklgBgAPxSpAAABAQgKHH+Zm3lz6wZ4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4aw9kegd2uJYAAABCAAAAQgIACg4AAQIACg4AAggARQAANJCnQABABpX+Cg4AAgoOAAEfkJxAbkI5JX/k6WmAEABAFEUAAAEBCAp5c+sGHH+Zm2sPZHsHY1/QAAAAQgAAAEICAAoOAAICAAoOAAEIAEUAADQtFUAAQAb5kAoOAAEKDgACnEAfkH/k6WluQjklgBEAPxRFAAABAQgKHH+dgnlz6wZrD2R7E7DwmwAAAEIAAABCAgAKDgACAgAKDgABCABFAAA0LRZAAEAG+Y8KDgABCg4AApxAH5B/5OlpbkI5JYARAD8URQAAAQEIChx/nlF5c+sGaw9kexO2zAkAAABCAAAAQgIACg4AAQIACg4AAggARQAANJCoQABABpX9Cg4AAgoOAAEfkJxAbkI5JX/k6WqAEQBAFEUAAAEBCAp5c++8HH+eUWsPZHsTtwL8AAAAQgAAAEICAAoOAAICAAoOAAEIAEUAADQtF0AAQAb5jgoOAAEKDgACnEAfkH/k6WpuQjkmgBAAPxRFAAABAQgKHH+eUXlz77w=', 'base64'));
    expect(pcapSurface([bytes]).run({ bytes, profile: 'linux' })).toBe('accepted');
  });

  it('replays a capture with a FIN stamped 770 million seconds early (found by the fuzzer: the timers ran across the gap until the heap ran out)', () => {
    const bytes = new Uint8Array(Buffer.from('TTyyoQIABAAAAAAAAAAAAP//AAABAAAAemQPawuIdQdKAAAASgAAAAIACg4AAgIACg4AAQgARQAAPC0SQABABvmLCg4AAQoOAAKcQB+Qf+TpBAAAAACgAvrwFE0AAAIEBbQEAggKHH+ZmwAAAAABAwMKemQPa57RdQdKAAAASgAAAAIACg4AAQIACg4AAggARQAAPAAAQABABiaeCg4AAgoOAAEfkJxAbkI5JH/k6QWgEv6IFE0AAAIEBbQEAggKeXPrBhx/mZsBAwMKemQPa9cEdgdCAAAAQgAAAAIACg4AAgIACg4AAQgARQAfAAAAQABABvmSCg4AAQoOAAKcQB+Qf+TpBW5COSWAEAA/FEUAAAEBCAocf5mbeXPrBnpkD2tOoXYHpgAAAKYAAAACAAoOAAICAAoOAAEIAEUAAJgtFEAAQAb5LQoOAAEKDgACnEAfkH/k6QVuQjklgBgAPxSpAAABAQgKHH+Zm3lz6wZ4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4emQPa5a4dgdCAAAAQgAAAAIACg4AAQIACg4AAggARQAANJCnQABABpX+Cg4AAgoOAAEfkJxAbkI5JX/k6WmAEABAFEUAAAEBCAp5c+sGHH+Zm3tkD2vQX2MHQgAAAEIAAAACAAoOAAICAAoOAAEIAEUAADQtFUAAQAb5kAoOAAEKDgACnEAfkH/k6WluQjklgBEAPxRFAAABAQgKHH+dgnlz6wZ7ZA89m/CwE0IAAABCAAAAAgAKDgACAgAKDgABCABFAAA0LRZAAEAG+Y8KDgABCg4AApxAH5B/5OlpbkI5JYARAD8URQAAAQEIChx/nlF5c+sGe2QPawnMthNCAAAAQgAAAAIACg4AAQIACg4AAggARQAANJCoQABABpX9Cg4AAgoOAAEfkJxAbkI5JX/k6WqAEQBAFEUAAAEBCAp5c++8HH+eUXtkD2v8ArcTQgAAAEIAAAACAAoOAAICAAoOAAEIAEUAADQtF0AAQAb5jgoOAAEKDgACnEAfkH/k6WpuQjkmgBAAPxRFAAABAQgKHH+eUXlz77w=', 'base64'));
    expect(pcapSurface([bytes]).run({ bytes, profile: 'linux' })).toBe('accepted');
    const c = readCapture(bytes, 'seed.pcap');
    const { info, packets } = streamPackets(c, 0);
    const r = replayStream(info, packets);
    expect(r.flags[0]!.reason).toBe("packet 7 is stamped 1024418939.330363 s, 771751935.793590 s before packet 6 (1796170875.123953 s): replayed at packet 6's time");
    expect(Math.max(...r.trace.events.map((e) => e.t))).toBeLessThan(2);
  });
});
