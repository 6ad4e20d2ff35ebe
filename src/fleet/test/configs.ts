/** Small fleets for tests: a few hundred connections, so the engine's full rules run quickly. */
import type { FleetConfig, Mix } from '../config.ts';
import { parsePreset } from '../validate.ts';

export function small(o: { rate: number; seconds: number; mix: Mix; set?: Record<string, number | string>; server?: object; clients?: object; backend?: object; changes?: object[]; seed?: number }): FleetConfig {
  return parsePreset({
    id: 'test',
    title: { en: 'test', 'zh-CN': '测试' },
    seed: o.seed ?? 1,
    minutes: o.seconds / 60,
    rate: o.rate,
    mix: o.mix,
    set: o.set ?? {},
    ...(o.server ? { server: o.server } : {}),
    ...(o.clients ? { clients: o.clients } : {}),
    ...(o.backend ? { backend: o.backend } : {}),
    ...(o.changes ? { changes: o.changes } : {}),
  });
}

export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
