/**
 * Every library scenario, exported and read back by Wireshark's tshark with
 * checksum validation on: the packets, flags, seq/ack and lengths are the
 * trace's, nothing is malformed, every checksum is good, every packet has its
 * comment. Needs tshark (Debian package `tshark`; .ci/run installs it).
 *
 * tshark takes seconds to start, so the scenarios go into two files read once
 * each: one pcapng holding every scenario's capture at both peers (two
 * interfaces per scenario) and one classic pcap of every client-side capture.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_UNTIL, SCENARIOS } from '../scenarios/index.ts';
import { createWorld } from '../scenarios/world.ts';
import type { PeerName, Trace, TraceEvent } from '../sim/types.ts';
import type { CaptureFile } from './container.ts';
import { traceToCaptureFile } from './export.ts';
import { writePcap } from './pcap-writer.ts';
import { writePcapng } from './pcapng-writer.ts';

const FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
const CHECKS = ['-o', 'tcp.check_checksum:TRUE', '-o', 'ip.check_checksum:TRUE'];
/** Wireshark's expert severity "error" (PI_ERROR): malformed packets, bad checksums. */
const PI_ERROR = '8388608';
const FIELDS = ['frame.interface_id', 'tcp.flags', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.len', 'tcp.checksum.status', 'ip.checksum.status', 'frame.comment', 'tcp.options.mss_val', '_ws.malformed', '_ws.expert.severity'];

type Row = Record<(typeof FIELDS)[number], string>;

function tshark(file: string): Row[] {
  const out = execFileSync('tshark', ['-r', file, ...CHECKS, '-T', 'fields', '-E', 'separator=|', ...FIELDS.flatMap((f) => ['-e', f])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return out.split('\n').filter(Boolean).map((l) => Object.fromEntries(l.split('|').map((v, i) => [FIELDS[i]!, v])) as Row);
}

/** What a capture at `points` must hold, in order: each point's sends and the deliveries to it. */
function expected(events: readonly TraceEvent[], points: PeerName[], ifaceBase: number): string[] {
  const out: string[] = [];
  for (const e of events) {
    if ((e.type === 'send' || e.type === 'deliver') && points.includes(e.peer)) {
      const bits = e.seg.flags.reduce((b, f) => b | FLAG_BITS[f]!, 0);
      out.push([ifaceBase + points.indexOf(e.peer), bits, e.seg.seq, e.seg.flags.includes('ACK') ? e.seg.ack : 0, e.seg.len].join('|'));
    }
  }
  return out;
}
const got = (r: Row, iface = r['frame.interface_id']) => [iface, Number(r['tcp.flags']), r['tcp.seq_raw'], r['tcp.ack_raw'], r['tcp.len']].join('|');

const runs = SCENARIOS.map((sc) => {
  const w = createWorld(sc);
  w.runUntil(sc.until ?? DEFAULT_UNTIL);
  return { id: sc.id, mss: w.knobs.mss, trace: w.toJSON() as Trace };
});

/** Several captures in one file: the interfaces side by side, each capture's packets after the previous one's. */
function merge(files: CaptureFile[]): CaptureFile {
  const out: CaptureFile = { interfaces: [], packets: [], application: 'tcp-state-sim' };
  for (const f of files) {
    const base = out.interfaces.length;
    out.interfaces.push(...f.interfaces);
    out.packets.push(...f.packets.map((p) => ({ ...p, iface: base + p.iface })));
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'tss-pcap-'));
let ng: Row[] = [];
let classic: Row[] = [];
beforeAll(() => {
  const both = merge(runs.map((r) => traceToCaptureFile(r.trace, { point: 'both', mss: r.mss })));
  const client = merge(runs.map((r) => traceToCaptureFile(r.trace, { point: 'client', mss: r.mss })));
  writeFileSync(join(dir, 'all.pcapng'), writePcapng(both));
  writeFileSync(join(dir, 'all.pcap'), writePcap({ ...client, interfaces: [client.interfaces[0]!] }));
  ng = tshark(join(dir, 'all.pcapng'));
  classic = tshark(join(dir, 'all.pcap'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exported captures read by tshark', () => {
  it('nothing is malformed and every checksum is good', () => {
    expect(ng.length).toBeGreaterThan(runs.length * 3);
    for (const r of [...ng, ...classic]) {
      expect(r['tcp.checksum.status'], 'TCP checksum status (1 = good)').toBe('1');
      expect(r['ip.checksum.status'], 'IPv4 checksum status (1 = good)').toBe('1');
      expect(r['_ws.malformed'], 'malformed').toBe('');
      expect(r['_ws.expert.severity']!.split(','), 'expert errors').not.toContain(PI_ERROR);
    }
  });

  // Where each scenario's packets start in the two files.
  let ngAt = 0;
  let classicAt = 0;
  const spans = runs.map((run, i) => {
    const want = expected(run.trace.events, ['client', 'server'], 2 * i);
    const wantClient = expected(run.trace.events, ['client'], 0);
    const span = { want, wantClient, ngAt, classicAt };
    ngAt += want.length;
    classicAt += wantClient.length;
    return span;
  });
  runs.forEach((run, i) => {
    it(`${run.id}: the capture at both peers (pcapng) and at the client (pcap) hold the trace's segments`, () => {
      const { want, wantClient } = spans[i]!;
      const rows = ng.slice(spans[i]!.ngAt, spans[i]!.ngAt + want.length);
      expect(rows.map((r) => got(r))).toEqual(want);
      for (const r of rows) {
        expect(r['frame.comment']).toMatch(/^client [A-Z_12]+( → [A-Z_12]+)?; server [A-Z_12]+( → [A-Z_12]+)?/);
        if (Number(r['tcp.flags']) & FLAG_BITS.SYN!) expect(r['tcp.options.mss_val']).toBe(String(run.mss));
      }
      // Segments the network lost are marked where their sender's capture saw them.
      const drops = run.trace.events.filter((e) => e.type === 'drop').length;
      expect(rows.filter((r) => r['frame.comment']!.includes('lost in the network')).length).toBe(drops);

      const crows = classic.slice(spans[i]!.classicAt, spans[i]!.classicAt + wantClient.length);
      expect(crows.map((r) => got(r, '0'))).toEqual(wantClient);
    });
  });
  it('no packet is left over', () => {
    expect(ngAt).toBe(ng.length);
    expect(classicAt).toBe(classic.length);
  });
});
