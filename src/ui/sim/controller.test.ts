import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.ts';
import { viewOf } from '../../sim/view.ts';
import { ReplayError, SimController } from './controller.ts';

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
  it('rebuilds the same world from the journal of hand actions (a link) and the time', () => {
    const c = new SimController({ scenario: null, profile: 'linux', knobs: {} });
    c.perform({ peer: 'server', do: 'listen' });
    c.advanceTo(0.3);
    c.perform({ peer: 'client', do: 'connect' });
    while (c.world.state('client') !== 'ESTABLISHED') c.step();
    c.perform({ peer: 'client', do: 'send', bytes: 100 });
    c.perform({ net: 'drop-next', dir: 'server->client' });
    c.advanceTo(1.2345678);
    const copy = new SimController({ scenario: null, profile: 'linux', knobs: {} }, c.now, JSON.parse(JSON.stringify(c.actions)));
    expect(copy.actions).toEqual(c.actions);
    expect(copy.now).toBe(c.now);
    expect(pic(copy)).toBe(pic(c));
  });
  it('refuses a journal the world does not accept, naming the action', () => {
    const cfg = { scenario: null, profile: 'linux' as const, knobs: {} };
    const make = (actions: { at: number; action: Parameters<SimController['perform']>[0] }[], t = 5) => () => new SimController(cfg, t, actions);
    expect(make([{ at: 0, action: { peer: 'client', do: 'close' } }])).toThrow(ReplayError);
    expect(make([{ at: 0, action: { net: 'loss', percent: 150 } }])).toThrow(/action 0 at 0 s: .*150 is out of range/);
    expect(make([{ at: 0, action: { peer: 'server', do: 'listen' } }, { at: 1, action: { peer: 'server', do: 'listen' } }])).toThrow(/action 1 at 1 s/);
    expect(make([{ at: 6, action: { peer: 'server', do: 'listen' } }])).toThrow(/later than the time t = 5/);
    expect(make([{ at: 2, action: { peer: 'server', do: 'listen' } }, { at: 1, action: { peer: 'client', do: 'connect' } }])).toThrow(/earlier than/);
  });
});
