import { describe, expect, it } from 'vitest';
import { TCP_STATES } from '../../tcp/states.ts';
import type { TcpState } from '../../tcp/states.ts';
import { NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';
import { edgeGeometry } from './stateGraph.ts';
import { wayPoint as alongWay } from './chipLanes.ts';
import { chipWays, chipWidth, flightPoint, pointAlong } from './StateTokens.tsx';
import type { PeerMove } from './stageTokens.ts';
import type { Flight } from './stageTokens.ts';

const FLAGS = ['SYN', 'SYN,ACK', 'ACK', 'FIN,ACK', 'RST'];

/** Do a chip of width w centred at (x, y) and the state box of s overlap? */
function overlapsBox(x: number, y: number, w: number, s: TcpState): boolean {
  const b = NODE_POS[s];
  return Math.abs(x - b.x) < NODE_WIDTH[s] / 2 + w / 2 && Math.abs(y - b.y) < NODE_H / 2 + 11;
}

const flight = (fromState: TcpState, toState: TcpState, from: 'client' | 'server', flags: string, progress: number): Flight => ({ id: 1, from, flags, sentAt: 0, endAt: 0.05, progress, fromState, toState });

describe('a segment chip on the state diagram', () => {
  it('waits just outside its sender state and arrives just outside the receiver state, never over a name', () => {
    let clipped = 0;
    for (const a of TCP_STATES)
      for (const b of TCP_STATES) {
        if (a === b) continue;
        for (const peer of ['client', 'server'] as const)
          for (const flags of FLAGS) {
            const w = chipWidth(flags);
            const start = flightPoint(flight(a, b, peer, flags, 0));
            const end = flightPoint(flight(a, b, peer, flags, 1));
            const mid = flightPoint(flight(a, b, peer, flags, 0.5));
            // the middle of the flight is the middle of the line, whatever the clipping
            expect(mid.x).toBeCloseTo((NODE_POS[a].x + NODE_POS[b].x) / 2, 6);
            const farApart = Math.abs(NODE_POS[a].x - NODE_POS[b].x) > Math.max(NODE_WIDTH[a], NODE_WIDTH[b]) + w + 4 || Math.abs(NODE_POS[a].y - NODE_POS[b].y) > NODE_H + 2 * (11 + 14 + 2);
            if (!farApart) continue;
            clipped++;
            expect(overlapsBox(start.x, start.y, w, a), `${flags} ${a}→${b} (${peer}) starts over ${a}`).toBe(false);
            expect(overlapsBox(end.x, end.y, w, b), `${flags} ${a}→${b} (${peer}) ends over ${b}`).toBe(false);
          }
      }
    expect(clipped).toBeGreaterThan(500);
  });

  it('waits off an edge label on its line: the tail loss probe\'s FIN,ACK beside "close() / snd FIN" (FIN_WAIT_1 → ESTABLISHED)', () => {
    // the label's box as drawn at the desk (its text's extent and halo, drawing units)
    const label = { x0: 221, y0: 444, x1: 386, y1: 475 };
    const f = flight('FIN_WAIT_1', 'ESTABLISHED', 'client', 'FIN,ACK', 0);
    const w = chipWidth('FIN,ACK');
    const chipBox = (q: { x: number; y: number }) => ({ x0: q.x - w / 2, y0: q.y - 11, x1: q.x + w / 2, y1: q.y + 11 });
    const meets = (a: typeof label, b: typeof label) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    // without the label known, the chip starts on it
    expect(meets(chipBox(flightPoint(f)), label)).toBe(true);
    const start = flightPoint(f, w, [label]);
    expect(meets(chipBox(start), label)).toBe(false);
    for (const st of TCP_STATES) expect(overlapsBox(start.x, start.y, w, st), st).toBe(false);
    // still by its sender: nearer FIN_WAIT_1 than ESTABLISHED
    const d = (st: TcpState) => Math.hypot(start.x - NODE_POS[st].x, start.y - NODE_POS[st].y);
    expect(d('FIN_WAIT_1')).toBeLessThan(d('ESTABLISHED'));
    // the label runs the whole way between the boxes: the chip arrives beside it too, by ESTABLISHED
    const end = flightPoint({ ...f, progress: 1 }, w, [label]);
    expect(meets(chipBox(end), label)).toBe(false);
    const e = (st: TcpState) => Math.hypot(end.x - NODE_POS[st].x, end.y - NODE_POS[st].y);
    expect(e('ESTABLISHED')).toBeLessThan(e('FIN_WAIT_1'));
  });

  it('moves monotonically from sender to receiver', () => {
    const d = (p: number) => {
      const q = flightPoint(flight('SYN_SENT', 'LISTEN', 'client', 'SYN', p));
      return Math.hypot(q.x - NODE_POS.SYN_SENT.x, q.y - NODE_POS.SYN_SENT.y);
    };
    for (let p = 0; p < 1; p += 0.05) expect(d(p + 0.05)).toBeGreaterThan(d(p));
  });

  describe('chips drawn together (chipWays)', () => {
    const label = { x0: 221, y0: 444, x1: 386, y1: 475 };
    const straight = (m: PeerMove) => [[NODE_POS[m.from].x, NODE_POS[m.from].y], [NODE_POS[m.to].x, NODE_POS[m.to].y]] as const;
    const box = (p: readonly [number, number], text: string) => ({ x0: p[0] - chipWidth(text) / 2, y0: p[1] - 11, x1: p[0] + chipWidth(text) / 2, y1: p[1] + 11 });
    const meets = (a: typeof label, b: typeof label) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

    it('two segments sent together by one peer (ACK, then FIN,ACK from LAST_ACK) wait and travel side by side, the first on its own way', () => {
      const ack = { ...flight('LAST_ACK', 'FIN_WAIT_2', 'server', 'ACK', 0), id: 7, sentAt: 3, endAt: 3.05 };
      const fin = { ...flight('LAST_ACK', 'FIN_WAIT_2', 'server', 'FIN,ACK', 0), id: 8, sentAt: 3, endAt: 3.05 };
      const avoid = [label];
      const ways = chipWays([], [fin, ack], avoid, straight);
      const lineOf = (f: Flight) => (u: number) => [NODE_POS[f.fromState].x + (NODE_POS[f.toState].x - NODE_POS[f.fromState].x) * u, NODE_POS[f.fromState].y + 14 + (NODE_POS[f.toState].y - NODE_POS[f.fromState].y) * u] as const;
      // the one sent first (lower id) keeps the way it has alone
      const alone = flightPoint(ack, chipWidth('ACK'), avoid);
      expect(alongWay(lineOf(ack), ways.flights[1]!, 0).map((v) => v.toFixed(6))).toEqual([alone.x, alone.y].map((v) => v.toFixed(6)));
      for (const p of [0, 0.5, 1]) expect(meets(box(alongWay(lineOf(ack), ways.flights[1]!, p), 'ACK'), box(alongWay(lineOf(fin), ways.flights[0]!, p), 'FIN,ACK')), `at ${p}`).toBe(false);
      // the same set drawn again is the same placement (computed once)
      expect(chipWays([], [fin, ack], avoid, straight).flights[0]).toBe(ways.flights[0]);
    });

    it('a transition chip and the segment it sends at that instant (close() and FIN,ACK, ESTABLISHED ↔ FIN_WAIT_1) wait apart', () => {
      const move: PeerMove = { peer: 'client', from: 'ESTABLISHED', to: 'FIN_WAIT_1', label: 'close()', t: 2, span: 0.05 };
      const f = { ...flight('FIN_WAIT_1', 'ESTABLISHED', 'client', 'FIN,ACK', 0), sentAt: 2, endAt: 2.05 };
      // the labels round that edge (with their 4-unit halo) and the client's badge, as drawn at the desk (drawing units)
      const avoid = [{ x0: 88, y0: 406, x1: 252, y1: 436 }, { x0: 221, y0: 444, x1: 386, y1: 475 }, { x0: 82, y0: 466, x1: 141, y1: 486 }];
      const a = NODE_POS.FIN_WAIT_1;
      const b = NODE_POS.ESTABLISHED;
      const route = (m: PeerMove) => edgeGeometry(m.from, m.to).pts;
      const starts = (ways: ReturnType<typeof chipWays>) => [alongWay((u) => pointAlong(route(move), u), ways.moves[0]!, 0), alongWay((u) => [a.x + (b.x - a.x) * u, a.y - 14 + (b.y - a.y) * u], ways.flights[0]!, 0)] as const;
      // each placed alone, both wait on the middle of the line, one on the other
      const [alone, aloneF] = starts({ moves: chipWays([move], [], avoid, route).moves, flights: chipWays([], [f], avoid, route).flights });
      expect(meets(box(alone, 'close()'), box(aloneF, 'FIN,ACK'))).toBe(true);
      const [m0, f0] = starts(chipWays([move], [f], avoid, route));
      expect(meets(box(m0, 'close()'), box(f0, 'FIN,ACK'))).toBe(false);
      for (const o of avoid) expect(meets(box(f0, 'FIN,ACK'), o)).toBe(false);
      // the transition came first: its chip keeps its place
      expect(m0).toEqual(alone);
    });
  });
});
