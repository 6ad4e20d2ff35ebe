/**
 * The browser half of the fleet's worker figures, in a Web Worker of Chromium:
 * fleet.worker_ten_minutes_wall_s (`{ capMs }`) and fleet.worker_lifecycles_per_s
 * (`{ capMs, lean: virtual seconds }`).
 */
import { leanRun } from './lean.ts';
import { tenMinutes } from './measure.ts';

type Ask = { capMs: number; lean?: number };
const scope = self as unknown as { onmessage: ((e: MessageEvent<Ask>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => {
  const clock = () => performance.now();
  scope.postMessage(e.data.lean === undefined ? tenMinutes(clock, e.data.capMs) : leanRun(clock, e.data.lean, e.data.capMs));
};
