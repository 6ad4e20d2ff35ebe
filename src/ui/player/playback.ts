/**
 * One frame of playback: move the controller's world forward by one frame of real time,
 * following the pace rules (pace.ts) and stopping at a lesson's next note. Plain TypeScript.
 */
import type { SegmentView } from '../../sim/types.ts';
import type { SimController } from '../sim/controller.ts';
import { lastTransition } from '../diagrams/stageTokens.ts';
import type { Pace } from './pace.ts';
import { AUTO_CAP, autoRate, dwellFor, moveSpan } from './pace.ts';

/** Real seconds: a dwell shorter than this (high speeds) is skipped, it could not be seen anyway. */
const MIN_DWELL = 0.02;

export interface FrameState {
  /** the time shown (the world has run every event before it; events exactly at it may wait for a dwell) */
  time: number;
  /** real seconds left before the next event may run (auto pace, after a state change) */
  dwell: number;
  /** index of the first segment that may still be on the wire (segments are sent in time order) */
  cursor: number;
}

export interface FrameOptions {
  speed: number;
  pace: Pace;
  /** a note to stop at (lesson mode): playback halts there once every event up to it has run */
  stopAt: number | null;
}

export interface FrameResult extends FrameState {
  /** the frame ended exactly at `stopAt` with nothing left to run up to it */
  stopped: boolean;
}

/** When a segment's drawn arrow ends: its arrival, or the point where it was lost. */
export const flightEnd = (s: SegmentView): number => (s.dropAt !== undefined ? Math.min(s.dropAt, s.arriveAt) : s.arriveAt);

/** Virtual durations of the flights on the wire at `t`, advancing `cursor` past finished ones. */
export function flightsAt(segs: readonly SegmentView[], t: number, cursor: number): { spans: number[]; cursor: number } {
  // `cursor` counts segments of the whole run; the world keeps the newest (segs[0] has id base + 1)
  const base = (segs[0]?.id ?? 1) - 1;
  let c = Math.max(0, Math.min(cursor - base, segs.length));
  while (c < segs.length && flightEnd(segs[c]!) <= t) c++;
  const spans: number[] = [];
  for (let i = c; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.sentAt > t) break;
    const end = flightEnd(s);
    if (end > t) spans.push(end - s.sentAt);
  }
  return { spans, cursor: c + base };
}

/**
 * The state-diagram chips still travelling at `t`: for each peer its latest transition, which
 * travels for moveSpan(link delay) from its instant (stageTokens.ts draws them the same way).
 */
export function movesAt(ctrl: SimController, t: number): { spans: number[]; until: number } {
  const span = moveSpan(ctrl.world.linkState.cfg.delay);
  const spans: number[] = [];
  let until = -Infinity;
  for (const p of ['client', 'server'] as const) {
    const h = ctrl.world.summary(p, 3).history;
    const i = lastTransition(h);
    if (i < 0) continue;
    const end = h[i]!.t + span;
    until = Math.max(until, end);
    if (h[i]!.t <= t && t < end) spans.push(span);
  }
  return { spans, until };
}

/** What the trace events from number `from` of the run on did that matters to the pace. */
function effectsSince(ctrl: SimController, from: number): { stateChanged: boolean; sent: boolean } {
  const tr = ctrl.world.trace;
  const base = ctrl.world.eventCount - tr.length;
  let stateChanged = false;
  let sent = false;
  for (let i = Math.max(0, from - base); i < tr.length; i++) {
    const ty = tr[i]!.type;
    if (ty === 'state') stateChanged = true;
    else if (ty === 'send') sent = true;
  }
  return { stateChanged, sent };
}

/** The world counts whole microseconds; the clock shown does too, so both agree on what is due. */
const quantize = (t: number): number => Math.round(t * 1e6) / 1e6;

export function playFrame(ctrl: SimController, st: FrameState, wallDt: number, o: FrameOptions): FrameResult {
  const stop = o.stopAt !== null && o.stopAt >= st.time ? o.stopAt : null;
  const capped = (t: number) => (stop !== null && t > stop ? stop : quantize(t));
  if (o.pace === 'exact') {
    const target = capped(st.time + wallDt * o.speed);
    const before = ctrl.world.eventCount;
    ctrl.advanceTo(target);
    if (ctrl.world.eventCount !== before) ctrl.forgetMarks();
    const next = ctrl.world.nextEventAt();
    return { time: target, dwell: 0, cursor: st.cursor, stopped: stop !== null && target >= stop && (next === null || next > stop) };
  }
  let dwell = Math.max(0, st.dwell - wallDt);
  const fl = flightsAt(ctrl.world.segmentViews(), st.time, st.cursor);
  // a transition chip on the move slows time like a segment on the wire
  const target = capped(st.time + wallDt * autoRate(o.speed, [...fl.spans, ...movesAt(ctrl, st.time).spans]));
  let time = st.time;
  for (;;) {
    const next = ctrl.world.nextEventAt();
    if (next === null || next > target) {
      time = target;
      if (ctrl.world.now < time) ctrl.advanceTo(time);
      break;
    }
    if (dwell > 0) {
      // wait at the next event until the state just entered has been seen
      time = Math.max(time, next);
      break;
    }
    const before = ctrl.world.eventCount;
    ctrl.runNext(next);
    time = Math.max(time, next);
    const fx = effectsSince(ctrl, before);
    // above AUTO_CAP× a dwell shorter than a frame would only cap throughput at one change per frame
    if (fx.stateChanged && dwellFor(o.speed) >= MIN_DWELL) dwell = dwellFor(o.speed);
    // a new flight (or a new state) sets a new pace: the rest of this frame would run at the old one
    if ((fx.stateChanged || fx.sent) && o.speed <= AUTO_CAP) break;
  }
  const next = ctrl.world.nextEventAt();
  const stopped = stop !== null && time >= stop && (next === null || next > stop);
  return { time, dwell, cursor: fl.cursor, stopped };
}
