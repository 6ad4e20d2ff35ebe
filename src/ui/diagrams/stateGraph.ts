/**
 * Which of the machine's edges the state diagram draws, and where: a pure
 * selection over `EDGES` (never a second transition table) plus path geometry.
 */
import { basisPath } from './basisPath.ts';
import type { DrawnEdgeSource as Edge } from '../../tcp/machine/edges.ts';
import type { TcpState } from '../../tcp/states.ts';
import { ABORT_STUB, EDGE_WAYPOINTS, LABEL_POS, NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';

/**
 * The textbook edges, named by (from, to) and the guard or event whose label the
 * diagram shows. Only pairs present in EDGES are drawn; the label comes from the edge.
 */
const CLASSIC: readonly (readonly [TcpState, TcpState, string])[] = [
  ['CLOSED', 'LISTEN', 'LISTEN'],
  ['CLOSED', 'SYN_SENT', 'CONNECT'],
  ['LISTEN', 'SYN_RCVD', 'rcvSyn'],
  ['LISTEN', 'CLOSED', 'CLOSE'],
  ['SYN_SENT', 'SYN_RCVD', 'rcvSyn'],
  ['SYN_SENT', 'ESTABLISHED', 'rcvSynAck'],
  ['SYN_SENT', 'CLOSED', 'CLOSE'],
  ['SYN_RCVD', 'ESTABLISHED', 'rcvAck'],
  ['SYN_RCVD', 'FIN_WAIT_1', 'CLOSE'],
  ['SYN_RCVD', 'LISTEN', 'rcvRst+passiveOpen'],
  ['ESTABLISHED', 'FIN_WAIT_1', 'CLOSE'],
  ['ESTABLISHED', 'CLOSE_WAIT', 'rcvFin'],
  ['FIN_WAIT_1', 'FIN_WAIT_2', 'rcvAckOfFin'],
  ['FIN_WAIT_1', 'CLOSING', 'rcvFin'],
  ['FIN_WAIT_1', 'TIME_WAIT', 'rcvFinAndAckOfFin'],
  ['FIN_WAIT_2', 'TIME_WAIT', 'rcvFin'],
  ['CLOSING', 'TIME_WAIT', 'rcvAckOfFin'],
  ['CLOSE_WAIT', 'LAST_ACK', 'CLOSE'],
  ['LAST_ACK', 'CLOSED', 'rcvAckOfFin'],
  ['TIME_WAIT', 'CLOSED', 'TIMEOUT.TIME_WAIT'],
];

export const pairKey = (from: TcpState, to: TcpState): string => `${from}->${to}`;


export interface DrawnEdge {
  key: string;
  from: TcpState;
  to: TcpState;
  /** the edge whose label is shown */
  main: Edge;
  /** every machine edge with this (from, to), main first */
  all: Edge[];
}

export interface DiagramEdges {
  /** textbook edges, drawn prominently */
  classic: DrawnEdge[];
  /** per source state: the remaining edges into CLOSED (RST, abort, timeouts), drawn as one faint stub */
  toClosed: DrawnEdge[];
  /** anything else (rare paths such as SYN_SENT → CLOSE_WAIT), drawn faintly on demand */
  other: DrawnEdge[];
}

export function selectEdges(edges: readonly Edge[]): DiagramEdges {
  const byPair = new Map<string, Edge[]>();
  for (const e of edges) {
    const k = pairKey(e.from, e.to);
    const list = byPair.get(k);
    if (list) list.push(e);
    else byPair.set(k, [e]);
  }
  const used = new Set<string>();
  const classic: DrawnEdge[] = [];
  for (const [from, to, prefer] of CLASSIC) {
    const k = pairKey(from, to);
    const list = byPair.get(k);
    if (!list) continue;
    const main = list.find((e) => e.guard === prefer || e.event === prefer) ?? list[0]!;
    classic.push({ key: k, from, to, main, all: [main, ...list.filter((e) => e !== main)] });
    used.add(k);
  }
  const toClosed: DrawnEdge[] = [];
  const other: DrawnEdge[] = [];
  for (const [k, list] of byPair) {
    if (used.has(k)) continue;
    const first = list[0]!;
    const d: DrawnEdge = { key: k, from: first.from, to: first.to, main: first, all: list };
    (first.to === 'CLOSED' ? toClosed : other).push(d);
  }
  return { classic, toClosed, other };
}

type Pt = readonly [number, number];

/** Where the ray from the centre of `s`'s box towards `p` leaves the box (plus `pad`). */
export function boxExit(s: TcpState, p: Pt, pad = 3): [number, number] {
  const c = NODE_POS[s];
  const dx = p[0] - c.x;
  const dy = p[1] - c.y;
  if (dx === 0 && dy === 0) return [c.x, c.y];
  const hw = NODE_WIDTH[s] / 2 + pad;
  const hh = NODE_H / 2 + pad;
  const k = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return [c.x + dx * k, c.y + dy * k];
}

export interface EdgeGeometry {
  d: string;
  /** where the label goes */
  lx: number;
  ly: number;
  anchor: 'start' | 'middle' | 'end';
  /** the route as a polyline (start, waypoints, end): what travelling chips follow */
  pts: readonly (readonly [number, number])[];
}

/** Path from box to box through the layout's waypoints; label at the middle of the route. */
export function edgeGeometry(from: TcpState, to: TcpState): EdgeGeometry {
  const a = NODE_POS[from];
  const b = NODE_POS[to];
  const via = EDGE_WAYPOINTS[pairKey(from, to)] ?? [];
  const start = boxExit(from, via[0] ?? [b.x, b.y]);
  const end = boxExit(to, via[via.length - 1] ?? [a.x, a.y], 6);
  const pts: Pt[] = [start, ...via, end];
  // For basis curves, repeat the ends so the path starts and ends exactly there.
  const d = basisPath([start, start, ...via, end, end]);
  // label: midpoint of the polyline by length
  const segLen = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i]![0], p[1] - pts[i]![1]));
  const total = segLen.reduce((x, y) => x + y, 0);
  let acc = 0;
  let lx = (start[0] + end[0]) / 2;
  let ly = (start[1] + end[1]) / 2;
  for (let i = 0; i < segLen.length; i++) {
    const l = segLen[i]!;
    if (acc + l >= total / 2 && l > 0) {
      const f = (total / 2 - acc) / l;
      lx = pts[i]![0] + (pts[i + 1]![0] - pts[i]![0]) * f;
      ly = pts[i]![1] + (pts[i + 1]![1] - pts[i]![1]) * f;
      break;
    }
    acc += l;
  }
  const o = LABEL_POS[pairKey(from, to)];
  if (o) return { d, lx: o.x, ly: o.y, anchor: o.anchor ?? 'middle', pts };
  return { d, lx, ly, anchor: 'middle', pts };
}

/** A short faint arrow leaving `s` towards the "→ CLOSED" group. */
export function stubGeometry(s: TcpState): { d: string; x2: number; y2: number } {
  const c = NODE_POS[s];
  const o = ABORT_STUB[s];
  const tip: Pt = [c.x + o.dx * 1.9, c.y + o.dy * 1.6];
  const start = boxExit(s, tip);
  return { d: `M${start[0].toFixed(1)},${start[1].toFixed(1)}L${tip[0].toFixed(1)},${tip[1].toFixed(1)}`, x2: tip[0], y2: tip[1] };
}
