/** The browser half of fleet.worker_ten_minutes_wall_s: the same run in a Web Worker of Chromium. */
import { tenMinutes } from './measure.ts';

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ capMs: number }>) => void) | null; postMessage(m: unknown): void };
scope.onmessage = (e) => scope.postMessage(tenMinutes(() => performance.now(), e.data.capMs));
