/**
 * The frame's side of the embed protocol: posts events to the parent window (only to it, and
 * only when framed), and turns messages from the allowed origins into commands through the pure
 * judgeMessage. The `state`, `note`, `time` and `ended` events are the player's own announcements
 * (player/playerMachine.ts), so they arrive in the order things happened. Nothing here throws at
 * the host page.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { PlayerActor } from '../player/playerMachine.ts';
import { eventMessage, judgeMessage } from './protocol.ts';
import type { Command, FrameEvent } from './protocol.ts';

const framed = (): boolean => typeof window !== 'undefined' && window.parent !== window;

function post(e: FrameEvent, targetOrigin = '*'): void {
  if (!framed()) return;
  try {
    window.parent.postMessage(eventMessage(e), targetOrigin);
  } catch {
    /* a parent that went away */
  }
}

/** Real milliseconds between two `time` events while the clock runs. */
const TIME_EVERY_MS = 250;

export interface BridgeInput {
  scenarioId: string;
  lang: string;
  origins: readonly string[];
  /** perform a valid command; return (or resolve to) an error message to send back, or null */
  run(c: Command): string | null | Promise<string | null>;
}

export function useFrameBridge(input: BridgeInput): void {
  const { origins } = input;
  const runRef = useRef(input.run);
  useLayoutEffect(() => {
    runRef.current = input.run;
  });

  // ready: once, with what is shown
  const readyInfo = useRef({ scenario: input.scenarioId, lang: input.lang });
  useEffect(() => {
    post({ type: 'ready', ...readyInfo.current });
  }, []);

  // commands from allowed origins
  useEffect(() => {
    const onMessage = (ev: MessageEvent) => {
      const v = judgeMessage(ev.data, ev.origin, origins);
      if (v.kind === 'ignore') return;
      const reply = (cmd: string, message: string) => post({ type: 'error', cmd, message }, ev.origin);
      if (v.kind === 'error') return reply(v.cmd, v.message);
      const fail = (e: unknown) => reply(v.command.cmd, e instanceof Error ? e.message : String(e));
      try {
        // a command may finish later (`load` of a scenario whose chunk is not here yet)
        Promise.resolve(runRef.current(v.command)).then((problem) => {
          if (problem) reply(v.command.cmd, problem);
        }, fail);
      } catch (e) {
        fail(e);
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

/**
 * The player's announcements as `state`, `note`, `time` and `ended` events. Called by the
 * component that runs the simulation, right after it creates the player (the embed's engine may
 * arrive after the frame said `ready`: sim/useDeferredEngine.ts).
 */
export function usePlayerEvents(player: PlayerActor): void {
  // the player's announcements; time is thinned out while playing, and always sent when it stops
  useEffect(() => {
    let lastAt = -Infinity;
    let pendingTime: number | null = null;
    const subs = [
      player.on('state', (e) => post({ type: 'state', peer: e.peer, from: e.from, to: e.to, t: e.t })),
      player.on('note', (e) => post({ type: 'note', index: e.index, t: e.t })),
      player.on('ended', (e) => post({ type: 'ended', t: e.t })),
      player.on('time', (e) => {
        const now = performance.now();
        if (now - lastAt >= TIME_EVERY_MS) {
          lastAt = now;
          pendingTime = null;
          post({ type: 'time', t: e.t });
        } else pendingTime = e.t;
      }),
      player.on('status', (e) => {
        if (e.status !== 'playing' && pendingTime !== null) {
          post({ type: 'time', t: pendingTime });
          pendingTime = null;
        }
      }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
  }, [player]);
}
