import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLIGHT, pktPicture } from './pktPicture.ts';
import { runPkt } from './pktRun.ts';
import { pktView } from './pktView.ts';
import { nextStop, prevStop } from './usePktPlayer.ts';

const file = (p: string) => readFileSync(`tests/packetdrill/${p}`, 'utf8');
const picture = (text: string) => {
  const r = runPkt(text, 'linux');
  return { r, p: pktPicture(r.steps!, 'linux') };
};

describe('a packetdrill run drawn as the app draws a scenario', () => {
  it('a listening stack is the server lane; every segment flies and nothing overlaps in time', () => {
    const { r, p } = picture(file('common/passive-open.pkt'));
    expect(r.status).toBe('pass');
    expect(p.engine).toBe('server');
    const sends = p.events.filter((e) => e.type === 'send');
    const delivers = p.events.filter((e) => e.type === 'deliver');
    // the runner's own record: 3 segments from the script, 4 from the stack (the write leaves as 3)
    expect(sends.map((e) => `${e.peer}:${e.seg.flags.join(',')}`)).toEqual(['client:SYN', 'server:SYN,ACK', 'client:ACK', 'server:ACK', 'server:ACK', 'server:PSH,ACK', 'client:ACK']);
    for (const s of sends) {
      const d = delivers.find((x) => x.seg.id === s.seg.id)!;
      expect(d.peer).not.toBe(s.peer);
      expect(d.t - s.t).toBeCloseTo(FLIGHT, 9);
    }
    // no two segments leave at the same display instant, and time never goes back
    expect(new Set(sends.map((e) => e.t)).size).toBe(sends.length);
    for (let i = 1; i < p.events.length; i++) expect(p.events[i]!.t).toBeGreaterThanOrEqual(p.events[i - 1]!.t);
  });

  it('the stack\'s states are the run\'s; the script\'s are inferred by the engine from the segments', () => {
    const { p } = picture(file('common/passive-open.pkt'));
    expect(p.inferred).toBe(true);
    const path = (peer: string) => p.events.filter((e) => e.type === 'state' && e.peer === peer).map((e) => (e.type === 'state' ? e.to : ''));
    expect(path('server')).toEqual(['LISTEN', 'SYN_RCVD', 'ESTABLISHED']);
    expect(path('client')).toEqual(['SYN_SENT', 'ESTABLISHED']);
    // the script's peer reaches ESTABLISHED when the SYN,ACK arrives, not before it is sent
    const synAck = p.events.find((e) => e.type === 'deliver' && e.seg.flags.join(',') === 'SYN,ACK')!;
    const est = p.events.find((e) => e.type === 'state' && e.peer === 'client' && e.to === 'ESTABLISHED')!;
    expect(est.t).toBeCloseTo(synAck.t, 6);
    const end = pktView(p, p.end, 'linux');
    expect([end.peers.client.state, end.peers.server.state]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('a connecting stack is the client lane; steps carry the script line that produced them', () => {
    const { p } = picture(file('common/active-open.pkt'));
    expect(p.engine).toBe('client');
    const lines = file('common/active-open.pkt').split('\n');
    const connectLine = lines.findIndex((l) => l.includes('connect(3')) + 1;
    const synLine = lines.findIndex((l) => l.includes('> S 0:0(0)')) + 1;
    // the stop of the connect() line: the SYN leaves the client (the stack), which is in SYN_SENT
    const stop = p.stops.find((s) => s.line === connectLine);
    expect(stop).toBeDefined();
    const v = pktView(p, stop!.at, 'linux');
    expect(v.peers.client.state).toBe('SYN_SENT');
    expect(v.segments.map((s) => `${s.from}:${s.flags.join(',')}:${s.status}`)).toEqual(['client:SYN:in-flight']);
    // the next stop is the `>` line that claims it: the SYN has reached the script's peer
    const next = p.stops[p.stops.indexOf(stop!) + 1]!;
    expect(next.line).toBe(synLine);
    expect(pktView(p, next.at, 'linux').segments.map((s) => s.status)).toEqual(['delivered']);
    // the line shown never goes back while the run moves on
    const shown = p.stops.map((s) => s.line);
    for (let i = 1; i < shown.length; i++) expect(shown[i]).toBeGreaterThanOrEqual(shown[i - 1]!);
    // stepping forward and back moves between stops, from 0 to the end
    const at = p.stops.map((s) => s.at);
    expect(nextStop(at, stop!.at, p.end)).toBe(next.at);
    expect(prevStop(at, next.at)).toBe(stop!.at);
    expect(nextStop(at, p.end, p.end)).toBe(p.end);
  });

  it('a failing run ends at the failing line, drawn up to where it stopped', () => {
    const lines = file('common/active-open.pkt').split('\n');
    const i = lines.findIndex((l) => l.includes('> S 0:0(0)'));
    lines[i] = lines[i]!.replace('> S 0:0(0)', '> F 0:0(0)');
    const { r, p } = picture(lines.join('\n'));
    expect(r.status).toBe('fail');
    expect(p.stops.at(-1)!.line).toBe(i + 1);
    expect(p.stops.at(-1)!.at).toBe(p.end);
    expect(pktView(p, p.end, 'linux').segments.map((s) => s.flags.join(','))).toEqual(['SYN']);
  });

  it('a run without segments still has a picture, with nothing to infer', () => {
    const { r, p } = picture('0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 close(3) = 0\n');
    expect(r.status).toBe('pass');
    expect(p.inferred).toBe(false);
    expect(p.events.filter((e) => e.type === 'send')).toEqual([]);
    expect(p.stops.length).toBeGreaterThan(0);
  });

  it('every example and project script gives a picture without throwing', () => {
    for (const dir of ['common', 'linux', 'rfc9293']) {
      for (const f of ['active-close', 'simultaneous-open', 'simultaneous-close', 'keepalive', 'syn-retries', 'time-wait-expiry', 'rst-in-established', 'synack-retries']) {
        let text: string;
        try {
          text = file(`${dir}/${f}.pkt`);
        } catch {
          continue;
        }
        const { p } = picture(text);
        expect(p.stops.length).toBeGreaterThan(0);
        pktView(p, p.end / 2, 'linux');
      }
    }
  });
});
