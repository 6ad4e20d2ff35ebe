/**
 * What moves on the state diagram: for each peer, a chip labelled with the cause of its last
 * transition travels along that edge (the edge stays lit until the peer's next transition), and
 * each segment on the wire travels as a chip from the sender's state towards the receiver's.
 * The segment chips are placed from the virtual clock (their flight progress); the transition chip
 * is a short animation started once per transition (Web Animations, no per-frame React work).
 * With reduced motion there are no travelling chips: the lit edge carries the label instead.
 */
import { memo, useLayoutEffect, useRef } from 'react';
import type { PeerName } from '../../sim/types.ts';
import type { TcpState } from '../../tcp/states.ts';
import { NODE_H, NODE_POS, NODE_W } from './layout.ts';
import { textWidth } from './labelLayout.ts';

/** A peer's latest transition, as drawn. */
export interface PeerMove {
  peer: PeerName;
  from: TcpState;
  to: TcpState;
  /** what caused it: `SYN`, `FIN,ACK`, `connect()`, `close()`, `timeout`, ... */
  label: string;
  /** virtual time of the transition (with peer and states, identifies it) */
  t: number;
}

/** A segment on the wire, seen from the state diagram. */
export interface Flight {
  id: number;
  from: PeerName;
  flags: string;
  /** 0 to 1 along its flight */
  progress: number;
  fromState: TcpState;
  toState: TcpState;
}

/** The label of a transition from the trace's cause (`rcv SYN,ACK` → `SYN,ACK`, `close` → `close()`). */
export function causeLabel(cause: string): string {
  if (cause.startsWith('rcv ')) return cause.slice(4);
  if (/timeout$/.test(cause)) return 'timeout';
  if (cause === 'host crash') return 'crash';
  if (cause === 'start') return '';
  return /^[a-z_]+$/.test(cause) ? `${cause}()` : cause;
}

const CHIP_FONT = 13;
const MOVE_MS = 1000;
const SAMPLES = 24;

function Chip({ text, peer, className }: { text: string; peer: PeerName; className: string }) {
  const w = Math.max(28, textWidth(text, CHIP_FONT) + 14);
  return (
    <g className={`sd-chip sd-chip--${peer} ${className}`}>
      <rect x={-w / 2} y={-11} width={w} height={22} rx={11} />
      <text dy="0.35em" textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

/** Points every `step` units along a polyline (pure arithmetic; no DOM geometry). */
export function samplePolyline(pts: readonly (readonly [number, number])[], n: number): [number, number][] {
  const lens = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i]![0], p[1] - pts[i]![1]));
  const total = lens.reduce((x, y) => x + y, 0);
  const out: [number, number][] = [];
  for (let k = 0; k <= n; k++) {
    let want = (total * k) / n;
    let i = 0;
    while (i < lens.length - 1 && want > lens[i]!) want -= lens[i++]!;
    const l = lens[i] ?? 0;
    const f = l > 0 ? Math.min(1, want / l) : 0;
    const p = pts[i] ?? pts[0]!;
    const q = pts[i + 1] ?? p;
    out.push([p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f]);
  }
  return out;
}

/** The transition chip: slides along the edge's route from the old state to the new one, once. */
export const MoveToken = memo(function MoveToken({ move, route }: { move: PeerMove; route: readonly (readonly [number, number])[] }) {
  const ref = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const g = ref.current;
    if (!g || typeof g.animate !== 'function') return;
    const frames: Keyframe[] = samplePolyline(route, SAMPLES).map(([x, y], i) => ({
      transform: `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px)`,
      opacity: 1,
      offset: (i / SAMPLES) * 0.7,
    }));
    // it rests a moment where it arrived, then fades: the lit edge and the peer's badge carry on the story
    const last = frames[frames.length - 1]!;
    frames.push({ ...last, offset: 0.85 }, { ...last, opacity: 0, offset: 1 });
    const a = g.animate(frames, { duration: MOVE_MS, easing: 'ease-in-out', fill: 'forwards' });
    return () => a.cancel();
  }, [route]);
  const end = route[route.length - 1] ?? [NODE_POS[move.to].x, NODE_POS[move.to].y];
  return (
    <g
      ref={ref}
      className="sd-token-move"
      data-testid="edge-token"
      data-peer={move.peer}
      data-from={move.from}
      data-to={move.to}
      data-label={move.label}
      style={{ transform: `translate(${end[0]}px, ${end[1]}px)`, opacity: 0 }}
      aria-hidden="true"
    >
      <Chip text={move.label} peer={move.peer} className="" />
    </g>
  );
});

/** Reduced motion: the cause shown at once beside the state entered. */
export function MoveLabel({ move }: { move: PeerMove }) {
  const end = NODE_POS[move.to];
  const dx = move.peer === 'client' ? -NODE_W / 2 - 8 : NODE_W / 2 + 8;
  return (
    <g className="sd-token-still" data-testid="edge-label" data-peer={move.peer} data-from={move.from} data-to={move.to} data-label={move.label} transform={`translate(${end.x + dx}, ${end.y + NODE_H / 2 + 14})`} aria-hidden="true">
      <Chip text={move.label} peer={move.peer} className="" />
    </g>
  );
}

/** Where a segment chip is: from the sender's state towards the receiver's, by flight progress. */
export function flightPoint(f: Flight): { x: number; y: number } {
  const a = NODE_POS[f.fromState];
  const b = NODE_POS[f.toState];
  const p = Math.min(1, Math.max(0, f.progress));
  if (f.fromState === f.toState) {
    // both peers in the same state: cross over the box, from the sender's side to the receiver's
    const dir = f.from === 'client' ? 1 : -1;
    return { x: a.x + dir * (NODE_W / 2 + 10) * (2 * p - 1), y: a.y - NODE_H / 2 - 26 };
  }
  return { x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p + (f.from === 'client' ? -14 : 14) };
}

export function FlightToken({ f, reducedMotion }: { f: Flight; reducedMotion: boolean }) {
  // reduced motion: the segment waits beside its sender's state instead of travelling
  const { x, y } = flightPoint(reducedMotion ? { ...f, progress: 0 } : f);
  return (
    <g className="sd-token-flight" data-testid="flight-token" data-id={f.id} data-from={f.from} data-flags={f.flags} data-progress={f.progress.toFixed(3)} transform={`translate(${x.toFixed(1)}, ${y.toFixed(1)})`} aria-hidden="true">
      <Chip text={f.flags || '·'} peer={f.from} className="sd-chip-seg" />
    </g>
  );
}
