import { describe, expect, it } from 'vitest';
import { checkKnob, InputError, KNOB_NAMES, KNOB_SPECS, resolveKnobs } from './knobs.ts';
import type { KnobProblem } from './knobs.ts';

describe('knobs', () => {
  it('profiles carry the reference numbers', () => {
    const l = resolveKnobs('linux');
    expect([l.time_wait_len, l.tcp_fin_timeout, l.tcp_keepalive_time, l.tcp_keepalive_intvl, l.tcp_keepalive_probes]).toEqual([60, 60, 7200, 75, 9]);
    expect([l.tcp_syn_retries, l.tcp_syn_linear_timeouts, l.tcp_synack_retries, l.tcp_retries2, l.rto_min, l.rto_max]).toEqual([6, 4, 5, 15, 0.2, 120]);
    const r = resolveKnobs('rfc9293');
    expect([r.time_wait_len, r.tcp_fin_timeout, r.tcp_syn_linear_timeouts, r.rto_min, r.tcp_rfc1337]).toEqual([240, 0, 0, 1, 1]);
  });
  it('every knob has defaults inside its own range', () => {
    for (const n of KNOB_NAMES) {
      const s = KNOB_SPECS[n];
      for (const v of Object.values(s.defaults)) expect(v >= s.min && v <= s.max, n).toBe(true);
    }
  });
  it('an unknown knob is named with the list of known ones', () => {
    expect(() => resolveKnobs('linux', { tcp_fin_timout: 3 })).toThrow(/set\.tcp_fin_timout: unknown knob "tcp_fin_timout"; known knobs: time_wait_len, /);
  });
  it('out-of-range and non-numeric values name the field and the allowed range', () => {
    expect(() => resolveKnobs('linux', { tcp_fin_timeout: -1 })).toThrow('set.tcp_fin_timeout: -1 is out of range; allowed: 0..3600 seconds');
    expect(() => resolveKnobs('linux', { tcp_keepalive_probes: 0 })).toThrow('set.tcp_keepalive_probes: 0 is out of range; allowed: 1..127 (integer)');
    expect(() => resolveKnobs('linux', { tcp_keepalive_probes: 2.5 })).toThrow(/allowed: 1\.\.127 \(integer\)/);
    expect(() => checkKnob('rfc5961', 'maybe')).toThrow(/expected a number \(0 or 1\), got "maybe"/);
    expect(() => resolveKnobs('linux', { rto_min: 5, rto_max: 1 })).toThrow(/rto_min \(5\) exceeds rto_max \(1\)/);
  });
  it('every rejection carries its problem as data beside its English message', () => {
    const caught = (f: () => unknown): InputError => {
      try {
        f();
      } catch (e) {
        if (e instanceof InputError) return e;
      }
      throw new Error('no InputError');
    };
    const cases: [() => unknown, string, KnobProblem, string][] = [
      [() => resolveKnobs('linux', { tcp_fin_timout: 3 }), 'set.tcp_fin_timout', { code: 'unknown-knob', name: '"tcp_fin_timout"' }, 'unknown knob "tcp_fin_timout"; known knobs: time_wait_len, msl,'],
      [() => checkKnob('rfc5961', 'maybe'), 'knob rfc5961', { code: 'not-a-number', knob: 'rfc5961', got: '"maybe"' }, 'expected a number (0 or 1), got "maybe"'],
      [() => resolveKnobs('linux', { tcp_fin_timeout: -1 }), 'set.tcp_fin_timeout', { code: 'out-of-range', knob: 'tcp_fin_timeout', value: -1 }, '-1 is out of range; allowed: 0..3600 seconds'],
      [() => resolveKnobs('bsd' as never), 'profile', { code: 'unknown-profile', profile: 'bsd' }, 'unknown profile "bsd"; allowed: linux, rfc9293'],
      [() => resolveKnobs('linux', { rto_min: 5, rto_max: 1 }), 'set.rto_min', { code: 'rto-order', min: 5, max: 1 }, 'rto_min (5) exceeds rto_max (1)'],
    ];
    const codes: Record<KnobProblem['code'], true> = { 'unknown-knob': true, 'not-a-number': true, 'out-of-range': true, 'unknown-profile': true, 'rto-order': true };
    expect(new Set(cases.map((c) => c[2].code))).toEqual(new Set(Object.keys(codes)));
    for (const [f, where, problem, text] of cases) {
      const e = caught(f);
      expect(e.where).toBe(where);
      expect(e.problem).toEqual(problem);
      expect(e.message.startsWith(`${where}: ${text}`), e.message).toBe(true);
    }
  });
  it('strings from the command line are accepted when they are numbers or on/off', () => {
    expect(resolveKnobs('linux', { tcp_fin_timeout: '30', rfc5961: 'off' })).toMatchObject({ tcp_fin_timeout: 30, rfc5961: 0 });
  });
  it('an unknown profile is rejected with the allowed ones', () => {
    expect(() => resolveKnobs('bsd' as never)).toThrow(InputError);
    expect(() => resolveKnobs('bsd' as never)).toThrow('profile: unknown profile "bsd"; allowed: linux, rfc9293');
  });
});
