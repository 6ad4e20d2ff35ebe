/**
 * The frame's side of the embed protocol: posts events to the parent window (only to it, and
 * only when framed), and turns messages from the allowed origins into player commands through
 * the pure judgeMessage. Nothing here throws at the host page.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { TraceEvent } from '../../sim/types.ts';
import { eventMessage, judgeMessage } from './protocol.ts';
import type { Command, FrameEvent } from './protocol.ts';
import { pendingEvents } from './frameEvents.ts';
import type { EventCursor } from './frameEvents.ts';

const framed = (): boolean => typeof window !== 'undefined' && window.parent !== window;

function post(e: FrameEvent, targetOrigin = '*'): void {
  if (!framed()) return;
  try {
    window.parent.postMessage(eventMessage(e), targetOrigin);
  } catch {
    /* a parent that went away */
  }
}

/** Seconds of real time between two `time` events while the clock runs. */
const TIME_EVERY_MS = 250;

export interface BridgeInput {
  scenarioId: string;
  lang: string;
  origins: readonly string[];
  trace: readonly TraceEvent[];
  time: number;
  noteIndex: number;
  noteAt: number | undefined;
  ended: boolean;
  playing: boolean;
  /** perform a valid command; return an error message to send back, or null */
  run(c: Command): string | null;
}

export function useFrameBridge(input: BridgeInput): void {
  const { trace, time, noteIndex, noteAt, ended, playing, origins } = input;
  const runRef = useRef(input.run);
  useLayoutEffect(() => {
    runRef.current = input.run;
  });

  // ready: once, with what is shown
  const readyInfo = useRef({ scenario: input.scenarioId, lang: input.lang });
  useEffect(() => {
    post({ type: 'ready', ...readyInfo.current });
  }, []);

  // state and note events, in time order
  const cursor = useRef<EventCursor>({ seen: 0, note: -1 });
  useEffect(() => {
    const { events, next } = pendingEvents(trace, noteIndex, noteAt, cursor.current);
    cursor.current = next;
    for (const e of events) post(e);
  }, [trace, noteIndex, noteAt]);

  // time: throttled while playing, exact when the clock stops
  const lastTime = useRef({ at: -Infinity, t: -1 });
  useEffect(() => {
    const now = performance.now();
    if (time === lastTime.current.t) return;
    if (playing && now - lastTime.current.at < TIME_EVERY_MS) return;
    lastTime.current = { at: now, t: time };
    post({ type: 'time', t: time });
  }, [time, playing]);

  const endedSent = useRef(false);
  useEffect(() => {
    if (ended && !endedSent.current) post({ type: 'ended', t: time });
    endedSent.current = ended;
  }, [ended, time]);

  // commands from allowed origins
  useEffect(() => {
    const onMessage = (ev: MessageEvent) => {
      const v = judgeMessage(ev.data, ev.origin, origins);
      if (v.kind === 'ignore') return;
      const reply = (cmd: string, message: string) => post({ type: 'error', cmd, message }, ev.origin);
      if (v.kind === 'error') return reply(v.cmd, v.message);
      try {
        const problem = runRef.current(v.command);
        if (problem) reply(v.command.cmd, problem);
      } catch (e) {
        reply(v.command.cmd, e instanceof Error ? e.message : String(e));
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [origins]);

  // auto-height: the content's height whenever it changes
  useEffect(() => {
    if (!framed() || typeof ResizeObserver === 'undefined') return;
    let last = -1;
    const measure = () => {
      const h = Math.ceil(document.documentElement.scrollHeight);
      if (h !== last) {
        last = h;
        post({ type: 'resize', height: h });
      }
    };
    const ro = new ResizeObserver(measure);
    ro.observe(document.documentElement);
    ro.observe(document.body);
    const root = document.getElementById('root');
    if (root) ro.observe(root);
    measure();
    return () => ro.disconnect();
  }, []);
}
