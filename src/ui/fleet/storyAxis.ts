/**
 * A fleet connection's story on the two-peer ladder. The fleet's links are short (0.05 s one
 * way), so a story's handshake, request, response and close put a dozen segments into its
 * first half second, drawn a few px apart with their labels over each other. As the capture
 * replay does (spreadAxis.ts), every distinct time up to the moment the fleet found the
 * connection gets at least a label's height of drawing after the one before; later times keep
 * their distances. Segments sent or arriving at one instant (a response burst and its FIN) get
 * one step each, in the trace's order, so their arrows run parallel a label apart instead of
 * fanning out from one point; a state entered at that instant is drawn with the segment its
 * peer sent next (FIN_WAIT_1 with its FIN). The axis is made once, when the view has reached
 * that moment (a drill link opens there), and kept for the story, so the drawing does not move
 * while the story plays again from its start.
 */
import { useState } from 'react';
import type { Scenario } from '../../scenarios/types.ts';
import type { PeerName, TraceEvent } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { TcpState } from '../../tcp/states.ts';
import type { SpreadAxis } from '../capture/spreadAxis.ts';
import { MIN_STEP, spreadView } from '../capture/spreadAxis.ts';
import type { Lang } from '../diagrams/strings.ts';
import { s } from '../diagrams/strings.ts';
import { formatNow } from '../timeText.ts';

/** storyScenario's ids: `fleet-<preset>-conn<serial>` */
const STORY_ID = /^fleet-.+-conn\d+$/;

/** The story's instant the fleet found it at, when `scenario` is a fleet story. */
export function storyMoment(scenario: Scenario | null): number | null {
  if (!scenario || !STORY_ID.test(scenario.id) || scenario.notes.length === 0) return null;
  return scenario.notes[0]!.at;
}

/** The ladder's times of `view` up to `until`: segments sent, arriving or dropped, state changes. */
export function storyTimes(view: WorldView, until: number): number[] {
  const out: number[] = [];
  const add = (t: number | undefined) => {
    if (t !== undefined && t <= until + 1e-9) out.push(t);
  };
  for (const s of view.segments) {
    add(s.sentAt);
    add(s.arriveAt);
    add(s.dropAt);
  }
  for (const p of [view.peers.client, view.peers.server]) for (const h of p.history) add(h.t);
  return out;
}

/** The spread axis of a story, with a step of its own for each segment of a burst. */
export interface StoryAxis extends SpreadAxis {
  /** drawing time of segment `id`, sent at `t` */
  sent(id: number, t: number): number;
  /** drawing time of segment `id`, arriving at `t` */
  arrived(id: number, t: number): number;
  /** drawing time of `peer` entering `state` at `t` */
  entered(peer: PeerName, state: TcpState, t: number): number;
}

interface Knot {
  t: number;
  /** place among the segments sent at t (0 for everything else at t) */
  rank: number;
  d: number;
}

const stateKey = (peer: PeerName, state: TcpState, t: number) => `${peer} ${state} ${t}`;

/**
 * The axis of `view`'s story up to `until`: every distinct time, and every segment sent at a time
 * already taken by another segment, gets at least `minStep` of drawing after the one before.
 */
export function storyAxis(view: WorldView, until: number, minStep = MIN_STEP): StoryAxis {
  const sendRank = new Map<number, number>();
  const arriveRank = new Map<number, number>();
  const stateRank = new Map<string, number>();
  const knots: { t: number; rank: number }[] = storyTimes(view, until).map((t) => ({ t, rank: 0 }));
  // The trace in its order. At one instant each segment sent or arriving takes the next step,
  // except a peer's answer to what just reached it (the ACK of an arriving segment), which
  // leaves at that arrival's step; a state change waits for its peer's next send (or is drawn
  // with the last arrival or send of that peer at that instant).
  let instant = NaN;
  let next = 0;
  let answering: PeerName | null = null;
  let waiting: { peer: PeerName; key: string }[] = [];
  const last: Record<PeerName, number> = { client: 0, server: 0 };
  const settle = () => {
    for (const w of waiting) stateRank.set(w.key, last[w.peer]);
    waiting = [];
  };
  const take = (t: number, rank: number) => {
    if (rank > 0) knots.push({ t, rank });
    next = Math.max(next, rank + 1);
  };
  for (const e of view.trace as readonly TraceEvent[]) {
    if (e.t > until + 1e-9) break;
    if (e.t !== instant) {
      settle();
      instant = e.t;
      next = 0;
      answering = null;
      last.client = 0;
      last.server = 0;
    }
    if (e.type === 'send') {
      const rank = answering === e.peer ? next - 1 : next;
      answering = null;
      sendRank.set(e.seg.id, rank);
      last[e.peer] = rank;
      take(e.t, rank);
      waiting = waiting.filter((w) => (w.peer === e.peer ? (stateRank.set(w.key, rank), false) : true));
    } else if (e.type === 'deliver') {
      const rank = next;
      arriveRank.set(e.seg.id, rank);
      last[e.peer] = rank;
      answering = e.peer;
      take(e.t, rank);
    } else if (e.type === 'state') waiting.push({ peer: e.peer, key: stateKey(e.peer, e.to, e.t) });
  }
  settle();
  knots.sort((a, b) => a.t - b.t || a.rank - b.rank);
  const ks: Knot[] = [];
  for (const k of knots) {
    const prev = ks[ks.length - 1];
    if (prev && prev.t === k.t && prev.rank === k.rank) continue;
    ks.push({ ...k, d: prev ? prev.d + Math.max(k.t - prev.t, minStep) : k.t });
  }
  const byKey = new Map(ks.map((k) => [`${k.t} ${k.rank}`, k.d]));
  const map = (t: number): number => {
    if (ks.length === 0 || t <= ks[0]!.t) return t;
    // the last knot at or before t (binary search), then its instant's first knot when t is that instant
    let lo = 0;
    let hi = ks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ks[mid]!.t <= t) lo = mid;
      else hi = mid - 1;
    }
    const k = ks[lo]!;
    if (k.t === t) return byKey.get(`${t} 0`) ?? k.d;
    if (lo === ks.length - 1) return k.d + (t - k.t);
    const n = ks[lo + 1]!;
    return k.d + ((t - k.t) / (n.t - k.t)) * (n.d - k.d);
  };
  const ranked = (rank: number | undefined, t: number) => (rank ? (byKey.get(`${t} ${rank}`) ?? map(t)) : map(t));
  return {
    map,
    sent: (id, t) => ranked(sendRank.get(id), t),
    arrived: (id, t) => ranked(arriveRank.get(id), t),
    entered: (peer, state, t) => ranked(stateRank.get(stateKey(peer, state, t)), t),
  };
}

/** The story's axis, or null (not a fleet story, or its moment not reached yet). */
export function useStoryAxis(scenario: Scenario | null, view: WorldView): StoryAxis | null {
  const [kept, setKept] = useState<{ id: string; axis: StoryAxis } | null>(null);
  const moment = storyMoment(scenario);
  if (moment === null || !scenario) return null;
  if (kept?.id === scenario.id) return kept.axis;
  if (view.now < moment - 1e-9) return null;
  const axis = storyAxis(view, moment);
  // kept from render to render (React's state from an earlier render): made once per story
  setKept({ id: scenario.id, axis });
  return axis;
}

/** `view` on the story's axis: every time mapped, a burst's segments and the states entered with them each at their own step. */
export function storyView(view: WorldView, axis: StoryAxis): WorldView {
  const v = spreadView(view, axis);
  const peer = (p: PeerName) => ({ ...v.peers[p], history: v.peers[p].history.map((h, i) => ({ ...h, t: axis.entered(p, h.state, view.peers[p].history[i]!.t) })) });
  return {
    ...v,
    peers: { client: peer('client'), server: peer('server') },
    segments: v.segments.map((s, i) => ({ ...s, sentAt: axis.sent(s.id, view.segments[i]!.sentAt), arriveAt: axis.arrived(s.id, view.segments[i]!.arriveAt) })),
    trace: v.trace.map((e, i) => (e.type === 'send' ? { ...e, t: axis.sent(e.seg.id, view.trace[i]!.t) } : e.type === 'deliver' ? { ...e, t: axis.arrived(e.seg.id, view.trace[i]!.t) } : e)),
  };
}

/** What the ladder draws: the view and its now on the story's axis, the now label in the story's own time. */
export function storyLadder(axis: StoryAxis | null, view: WorldView, displayTime: number, lang: Lang): { view: WorldView; displayTime: number; nowText: string | undefined } {
  if (!axis) return { view, displayTime, nowText: undefined };
  return { view: storyView(view, axis), displayTime: axis.map(displayTime), nowText: s(lang, 'nowAt', { t: formatNow(displayTime) }) };
}
