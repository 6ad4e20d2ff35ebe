import { describe, expect, it } from 'vitest';
import { SimController } from '../../ui/sim/controller.ts';
import { parseUrl } from '../../ui/url.ts';
// the links carry `a=` (and `k=`): lz-string is loaded as the page loads it for such links (ui/lz.ts)
import '../../ui/lzCodec.ts';
import { CASES } from './cases.ts';

/** The world a case's link opens, as the app builds it (free-play cases: no scenario ids needed). */
function opened(name: string) {
  const c = CASES.find((x) => x.name === name)!;
  const { state, problems } = parseUrl(`?${new URLSearchParams(c.query).toString()}`, []);
  expect(problems).toEqual([]);
  const ctrl = new SimController({ scenario: null, profile: state.profile ?? 'linux', knobs: state.knobs }, state.t, state.actions ?? []);
  // the virtual time the recording covers at the case's speed (warm-up included)
  const span = state.speed * ((c.seconds ?? 6) + (c.warmupMs ?? 700) / 1000);
  return { ctrl, t: state.t, span };
}

const newestId = (ctrl: SimController) => ctrl.world.segmentViews().at(-1)?.id ?? 0;

describe('bench:ui transfer cases', () => {
  // the figures mean something only if segments flow while frames are recorded, at the stated speed
  for (const name of ['transfer_1mb_10x', 'transfer_1mb_1000x']) {
    it(`${name}: a 1 MB transfer of ≥ 2,000 segments still sending through the recording`, () => {
      const { ctrl, t, span } = opened(name);
      const before = newestId(ctrl);
      ctrl.advanceTo(t + span);
      expect(newestId(ctrl)).toBeGreaterThanOrEqual(2000);
      expect(newestId(ctrl) - before).toBeGreaterThan(10);
      expect(ctrl.world.nextEventAt()).not.toBeNull();
      expect(ctrl.world.apps.client.state()).toBe('ESTABLISHED');
    });
  }

  it('transfer_1mb_10x plays at exactly 10× (exact pace: no slowing for flights)', () => {
    const c = CASES.find((x) => x.name === 'transfer_1mb_10x')!;
    const { state } = parseUrl(`?${new URLSearchParams(c.query).toString()}`, []);
    expect(state.speed).toBe(10);
    expect(state.pace).toBe('exact');
  });
});
