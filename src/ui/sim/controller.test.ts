import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { viewOf } from '../../sim/view.ts';
import { SimController } from './controller.ts';

const pic = (c: SimController) => JSON.stringify({ ...viewOf(c.world), trace: c.world.trace });

describe('SimController', () => {
  it('steps back exactly', () => {
    const c = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    c.perform({ peer: 'server', do: 'listen' });
    const before = pic(c);
    c.perform({ peer: 'client', do: 'connect' });
    c.step();
    c.step();
    expect(c.world.state('server')).toBe('SYN_RCVD');
    c.back();
    c.back();
    c.back();
    expect(pic(c)).toBe(before);
    c.perform({ peer: 'client', do: 'connect' });
    c.advanceTo(1);
    expect(c.world.state('client')).toBe('ESTABLISHED');
  });
  it('seeks to a past instant, replaying user actions', () => {
    const c = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    c.perform({ peer: 'server', do: 'listen' });
    c.advanceTo(1);
    c.perform({ peer: 'client', do: 'connect' });
    c.advanceTo(1.2);
    const ref = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    ref.perform({ peer: 'server', do: 'listen' });
    ref.advanceTo(1);
    ref.perform({ peer: 'client', do: 'connect' });
    ref.advanceTo(1.05);
    c.advanceTo(10);
    c.seek(1.05);
    expect(pic(c)).toBe(pic(ref));
    c.back();
    expect(c.now).toBe(10);
  });
  it('runs a scenario to a time and jumps over TIME_WAIT', () => {
    const c = new SimController({ scenario: getScenario('teardown')!, profile: 'linux', knobs: {} }, 5);
    expect(c.world.state('client')).toBe('TIME_WAIT');
    c.jumpToNextTimer();
    expect(c.world.state('client')).toBe('CLOSED');
  });
  it('rejects an invalid action without changing anything', () => {
    const c = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    const before = pic(c);
    expect(() => c.perform({ peer: 'client', do: 'close' })).toThrow(/client/);
    expect(pic(c)).toBe(before);
    expect(c.canStepBack).toBe(false);
  });
  it('reconfigures knobs keeping the time and user actions', () => {
    const c = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    c.perform({ peer: 'server', do: 'listen' });
    c.advanceTo(0.5);
    c.perform({ peer: 'client', do: 'connect' });
    c.advanceTo(1);
    c.reconfigure({ scenario: null, profile: 'rfc9293', knobs: { time_wait_len: 5 } }, true);
    expect(c.now).toBe(1);
    expect(c.world.state('client')).toBe('ESTABLISHED');
    expect(c.world.knobs.time_wait_len).toBe(5);
  });
});
