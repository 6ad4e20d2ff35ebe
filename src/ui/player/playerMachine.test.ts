import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import { getScenario } from '../../scenarios/index.ts';
import { viewOf } from '../../sim/view.ts';
import { SimController } from '../sim/controller.ts';
import type { Pace } from './pace.ts';

import type { PlayerEmitted } from './playerMachine.ts';
import { playerMachine, statusOf } from './playerMachine.ts';
import { flightEnd } from './playback.ts';
import { moveProgress } from './pace.ts';
import { peerMoves } from '../diagrams/stageTokens.ts';

/** The machine with its frame loop replaced: the test sends the frames. */
const testMachine = playerMachine.provide({ actors: { ticker: fromCallback(() => () => {}) } });
const FRAME = 1 / 60;

function start(id: string | null, o: { lesson?: boolean; pace?: Pace; speed?: number; t?: number } = {}) {
  const scenario = id ? getScenario(id)! : null;
  const ctrl = new SimController({ scenario, profile: 'linux', knobs: {} }, o.t ?? 0);
  const notes = scenario?.notes.map((n) => n.at) ?? [];
  const actor = createActor(testMachine, {
    input: { ctrl, speed: o.speed ?? 1, pace: o.pace ?? 'auto', lesson: o.lesson ?? notes.length > 0, notes, autoplay: false },
  });
  const emitted: PlayerEmitted[] = [];
  for (const type of ['state', 'note', 'ended', 'status'] as const) actor.on(type, (e) => emitted.push(e));
  actor.start();
  const status = () => statusOf(actor.getSnapshot());
  const time = () => actor.getSnapshot().context.time;
  /** send frames while playing and `more()` holds; returns the number of frames sent */
  const frames = (more: () => boolean, max = 100_000) => {
    let n = 0;
    while (status() === 'playing' && more() && n < max) {
      actor.send({ type: 'TICK', dt: FRAME });
      n++;
    }
    return n;
  };
  return { ctrl, actor, emitted, status, time, frames, notes };
}

const picture = (c: SimController) => JSON.stringify({ ...viewOf(c.world), trace: c.world.trace });

describe('player machine', () => {
  it('starts idle, plays, and ends when nothing is scheduled and no note is ahead', () => {
    const p = start('handshake', { lesson: false });
    expect(p.status()).toBe('idle');
    p.actor.send({ type: 'PLAY' });
    expect(p.status()).toBe('playing');
    p.frames(() => true);
    expect(p.status()).toBe('ended');
    expect(p.ctrl.world.nextEventAt()).toBeNull();
    const t = p.time();
    // the clock does not run on
    p.actor.send({ type: 'PLAY' });
    expect(p.status()).toBe('ended');
    expect(p.time()).toBe(t);
    expect(p.emitted.some((e) => e.type === 'ended')).toBe(true);
  });

  it('a lesson opens at its first note when that note is at 0, with the note’s instant shown', () => {
    const p = start('handshake');
    expect(p.status()).toBe('note');
    expect(p.actor.getSnapshot().context.noteIndex).toBe(0);
    expect(p.ctrl.world.state('server')).toBe('LISTEN');
  });

  it('a lesson stops at each note in order, showing the world at the note’s instant; Next continues', () => {
    const p = start('teardown');
    expect(p.status()).toBe('idle');
    const seen: number[] = [];
    p.actor.send({ type: 'NEXT' });
    for (let guard = 0; guard < 20 && p.status() !== 'ended'; guard++) {
      p.frames(() => true);
      if (p.status() !== 'note') break;
      const ctx = p.actor.getSnapshot().context;
      seen.push(ctx.noteIndex);
      expect(ctx.time).toBeCloseTo(p.notes[ctx.noteIndex]!, 9);
      // nothing due at the note's instant is left waiting
      const next = p.ctrl.world.nextEventAt();
      expect(next === null || next > ctx.time).toBe(true);
      p.actor.send({ type: 'NEXT' });
    }
    expect(seen).toEqual(p.notes.map((_, i) => i));
    expect(p.status()).toBe('ended');
    expect(p.emitted.filter((e) => e.type === 'note').map((e) => (e as { index: number }).index)).toEqual(seen);
  });

  it('Previous returns to the earlier note’s exact world', () => {
    const p = start('teardown');
    p.actor.send({ type: 'PLAY' });
    p.frames(() => true); // note 0 (2 s)
    p.actor.send({ type: 'NEXT' });
    p.frames(() => true); // note 1
    p.actor.send({ type: 'NEXT' });
    p.frames(() => true); // note 2
    expect(p.actor.getSnapshot().context.noteIndex).toBe(2);
    p.actor.send({ type: 'PREV' });
    expect(p.status()).toBe('note');
    expect(p.actor.getSnapshot().context.noteIndex).toBe(1);
    const ref = new SimController({ scenario: getScenario('teardown')!, profile: 'linux', knobs: {} }, p.notes[1]);
    expect(picture(p.ctrl)).toBe(picture(ref));
  });

  it('auto pace: each flight takes 0.6–1 s of real time and each state entered is shown ≥ 0.3 s, at 1× and 10×', () => {
    for (const speed of [1, 10]) {
      const p = start('teardown', { lesson: false, speed });
      p.actor.send({ type: 'PLAY' });
      const stateSince = new Map<string, number>();
      const shown: number[] = [];
      let frame = 0;
      let lastTrace = 0;
      p.frames(() => {
        frame++;
        const tr = p.ctrl.world.trace;
        for (let i = lastTrace; i < tr.length; i++) {
          const e = tr[i]!;
          if (e.type !== 'state') continue;
          const key = `${e.peer}:${e.sock}`;
          const since = stateSince.get(key);
          // a state entered at 0 by a socket that then lives on under another one is not the subject
          if (since !== undefined) shown.push((frame - since) * FRAME);
          stateSince.set(key, frame);
        }
        lastTrace = tr.length;
        return p.time() < 3;
      });
      expect(shown.length).toBeGreaterThan(5);
      expect(Math.min(...shown)).toBeGreaterThanOrEqual(0.3);
      // every segment of the run so far: frames during which it was on the wire
      const segs = p.ctrl.world.segmentViews();
      expect(segs.length).toBeGreaterThan(6);
      const q = start('teardown', { lesson: false, speed });
      q.actor.send({ type: 'PLAY' });
      const onWire = new Map<number, number>();
      q.frames(() => {
        for (const s of q.ctrl.world.segmentViews()) if (s.sentAt <= q.time() && q.time() < flightEnd(s)) onWire.set(s.id, (onWire.get(s.id) ?? 0) + 1);
        return q.time() < 3;
      });
      for (const [, n] of onWire) {
        expect(n * FRAME).toBeGreaterThanOrEqual(0.6);
        expect(n * FRAME).toBeLessThanOrEqual(1.0);
      }
    }
  });

  it('a state-diagram chip travels about FLIGHT_WALL (0.95 s) of real time at auto pace (1× and 10×), placed by the clock alone', () => {
    for (const speed of [1, 10]) {
      const p = start('handshake', { lesson: false, speed });
      p.actor.send({ type: 'PLAY' });
      const moving = new Map<string, number>();
      const chipAt = (time: number) => {
        const v = viewOf(p.ctrl.world);
        return peerMoves(v.peers, v.link.delay).map((m) => ({ key: `${m.peer}:${m.from}->${m.to}`, progress: moveProgress(m.t, m.span, time) }));
      };
      let sample: { t: number; chips: string } | null = null;
      p.frames(() => {
        const chips = chipAt(p.time());
        for (const c of chips) if (c.progress > 0 && c.progress < 1) moving.set(c.key, (moving.get(c.key) ?? 0) + 1);
        if (!sample && chips.some((c) => c.key === 'client:CLOSED->SYN_SENT' && c.progress > 0.3)) sample = { t: p.time(), chips: JSON.stringify(chips) };
        return true;
      });
      expect([...moving.keys()].sort()).toEqual(['client:CLOSED->SYN_SENT', 'client:SYN_SENT->ESTABLISHED', 'server:CLOSED->LISTEN', 'server:LISTEN->SYN_RCVD', 'server:SYN_RCVD->ESTABLISHED']);
      for (const n of moving.values()) {
        expect(n * FRAME).toBeGreaterThanOrEqual(0.6);
        expect(n * FRAME).toBeLessThanOrEqual(1.0);
      }
      // the run ends once the last chip has arrived, not before
      expect(p.status()).toBe('ended');
      expect(chipAt(p.time()).every((c) => c.progress === 1)).toBe(true);
      // a seek to the sampled instant shows the chips exactly where they were
      p.actor.send({ type: 'SEEK', t: sample!.t });
      expect(JSON.stringify(chipAt(p.time()))).toBe(sample!.chips);
    }
  });

  it('auto pace runs quiet stretches at the chosen speed; exact pace is the literal ratio', () => {
    const p = start('teardown', { lesson: false, speed: 10 });
    p.actor.send({ type: 'SEEK', t: 3 }); // TIME_WAIT running, nothing on the wire
    p.actor.send({ type: 'PLAY' });
    p.frames(() => p.time() < 3 + 60 * FRAME * 10 - 1e-9, 60);
    expect(p.time()).toBeCloseTo(3 + 60 * FRAME * 10, 4);
    const e = start('handshake', { lesson: false, pace: 'exact' });
    e.actor.send({ type: 'PLAY' });
    const n = e.frames(() => e.time() < 0.15);
    expect(n).toBe(Math.ceil(0.15 / FRAME - 1e-9));
  });

  it('step back works after playback and after opening at a time t', () => {
    const p = start('handshake', { lesson: false });
    p.actor.send({ type: 'PLAY' });
    p.frames(() => p.time() < 0.18);
    p.actor.send({ type: 'PAUSE' });
    const t = p.time();
    p.actor.send({ type: 'BACK' });
    expect(p.status()).toBe('paused');
    expect(p.time()).toBeLessThan(t);
    const prev = p.ctrl.world.trace.filter((e) => e.t < t - 1e-9).at(-1)!.t;
    expect(p.time()).toBe(prev);
    const l = start('handshake', { lesson: false, t: 0.5 });
    expect(l.status()).toBe('paused');
    l.actor.send({ type: 'BACK' });
    expect(l.time()).toBe(0.25);
    expect(l.ctrl.world.state('server')).toBe('ESTABLISHED');
    l.actor.send({ type: 'BACK' });
    expect(l.time()).toBe(0.2);
    expect(l.ctrl.world.state('server')).toBe('SYN_RCVD');
  });

  it('announces state changes as they happen', () => {
    const p = start('handshake', { lesson: false });
    p.actor.send({ type: 'PLAY' });
    p.frames(() => true);
    const states = p.emitted.filter((e) => e.type === 'state');
    expect(states.map((e) => `${e.peer}:${e.to}`)).toEqual(p.ctrl.world.trace.filter((e) => e.type === 'state').map((e) => `${e.peer}:${e.to}`));
  });

  it('the scrubber seeks while dragging and settles when let go', () => {
    const p = start('teardown', { lesson: false, t: 3 });
    p.actor.send({ type: 'SEEK_START' });
    expect(p.status()).toBe('seeking');
    p.actor.send({ type: 'SEEK_TO', t: 2.06 });
    expect(p.ctrl.world.state('server')).toBe('CLOSE_WAIT');
    p.actor.send({ type: 'SEEK_TO', t: 1 });
    p.actor.send({ type: 'SEEK_END' });
    expect(p.status()).toBe('paused');
    expect(p.time()).toBe(1);
    expect(p.actor.getSnapshot().context.horizon).toBe(3);
  });
});
