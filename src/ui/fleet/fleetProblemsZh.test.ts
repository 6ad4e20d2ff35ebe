import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../fleet/overrides.ts';
import { checkHostKnob, checkKnobChain, FLEET_KNOB_NAMES, resolveFleetKnobs } from '../../fleet/knobs.ts';
import { FleetSim } from '../../fleet/sim.ts';
import type { Change } from '../../fleet/config.ts';
import type { FleetProblem } from '../../fleet/problems.ts';
import { FLEET_PROBLEM_CODES, FleetInputError, fleetProblemText, refusalOf } from '../../fleet/problems.ts';
import { preset as loadPreset } from '../../fleet/presets/index.ts';
import { InputError } from '../../tcp/knobs.ts';
import { fleetProblemZh, refusalIn } from './fleetProblemsZh.ts';

/** A problem of every code, with the English `npm run fleet` has always printed for it. */
const SAMPLES: [FleetProblem, string][] = [
  [{ code: 'host-int', knob: 'ulimit_n', min: 8, max: 1048576, got: '"lots"' }, 'expected a whole number 8..1048576 (open files per process (ulimit -n)), got "lots"'],
  [{ code: 'host-int', knob: 'tcp_max_syn_backlog', min: 1, max: 262144, got: '0' }, 'expected a whole number 1..262144 (without SYN cookies, SYNs are dropped once SYN_RCVD passes 3/4 of it; the SYN queue itself ends at the listen() backlog, capped by somaxconn), got 0'],
  [{ code: 'host-int', knob: 'tcp_syncookies', min: 0, max: 2, got: '3' }, 'expected a whole number 0..2 (1 = SYN cookies once the SYN queue passes the listen() backlog, 2 = always, 0 = never), got 3'],
  [{ code: 'host-int', knob: 'tcp_abort_on_overflow', min: 0, max: 1, got: '2' }, "expected a whole number 0..1 (when the accept queue is full, 0 = drop the handshake's last ACK, 1 = answer it with a RST), got 2"],
  [{ code: 'host-int', knob: 'tcp_tw_recycle', min: 0, max: 1, got: '2' }, 'expected a whole number 0..1 (removed in Linux 4.12 (it broke clients behind NAT); accepted and ignored), got 2'],
  [{ code: 'port-range-form', got: '"a-b"' }, 'expected a port range "lo-hi" (e.g. "32768-60999"), got "a-b"'],
  [{ code: 'port-range-bounds', lo: 80, hi: 90 }, '80-90 is out of range; allowed: 1024 <= lo <= hi <= 65535'],
  [{ code: 'unknown-knob', name: 'tcp_fin', known: ['rto_min', 'ulimit_n'] }, 'unknown knob "tcp_fin"; known knobs: rto_min, ulimit_n'],
  [{ code: 'number', integer: true, min: 0, max: 4294967295, got: '"x"' }, 'expected a whole number 0..4294967295, got "x"'],
  [{ code: 'number', integer: false, min: 0, max: 100000, got: '-1' }, 'expected a number 0..100000, got -1'],
  [{ code: 'seconds', min: 0, max: 86400, got: '"soon"' }, 'expected seconds 0..86400, got "soon"'],
];

/** The values a sentence must carry. */
const values = (p: FleetProblem): string[] => Object.entries(p).filter(([k, v]) => k !== 'code' && k !== 'knob' && typeof v !== 'boolean').flatMap(([, v]) => (Array.isArray(v) ? v.map(String) : [String(v)]));

const thrown = (f: () => unknown): InputError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
};

describe('fleet knob problems in both languages', () => {
  it('every code is sampled; the English is the fleet’s, unchanged', () => {
    expect(new Set(SAMPLES.map(([p]) => p.code))).toEqual(new Set(FLEET_PROBLEM_CODES));
    for (const [p, english] of SAMPLES) expect(fleetProblemText(p)).toBe(english);
  });

  it('the Chinese carries every value and no English word beyond knob names and values', () => {
    for (const [p] of SAMPLES) {
      const text = fleetProblemZh(p);
      expect(text, p.code).toMatch(/[\u4e00-\u9fff]/);
      let rest = text;
      for (const v of values(p)) {
        expect(text, p.code).toContain(v);
        rest = rest.split(v).join(' ');
      }
      // listen() and its backlog, like somaxconn, are names a Chinese text keeps
      rest = rest.replace(/\b(SYN|SYN_RCVD|ACK|RST|NAT|Linux|cookie|ulimit|listen|backlog|somaxconn|lo|hi)\b/g, ' ');
      expect(rest, `${p.code}: ${text}`).not.toMatch(/[A-Za-z]{2,}/);
    }
  });

  it('the fleet throws each as data beside the English message, and the page words it in either language', () => {
    const host = thrown(() => checkHostKnob('ulimit_n', 'lots', 'what-if.ulimit_n'));
    expect(host.message).toBe('what-if.ulimit_n: expected a whole number 8..1048576 (open files per process (ulimit -n)), got "lots"');
    expect((host as FleetInputError).fleetProblem).toEqual({ code: 'host-int', knob: 'ulimit_n', min: 8, max: 1048576, got: '"lots"' });
    expect(refusalIn(host, 'en')).toBe(host.message);
    expect(refusalIn(host, 'zh-CN')).toBe('what-if.ulimit_n：应为整数 8..1048576（每个进程可打开的文件数（ulimit -n）），实际为 "lots"');
    const abort = thrown(() => resolveFleetKnobs({ tcp_abort_on_overflow: 'on' }, 'what-if'));
    expect(refusalIn(abort, 'zh-CN')).toBe('what-if.tcp_abort_on_overflow：应为整数 0..1（全连接队列已满时，0 = 丢弃握手的最后一个 ACK，1 = 以 RST 回应），实际为 "on"');
    const range = thrown(() => resolveFleetKnobs({ ip_local_port_range: '80-90' }, 'what-if'));
    expect(range.message).toBe('what-if.ip_local_port_range: 80-90 is out of range; allowed: 1024 <= lo <= hi <= 65535');
    const unknown = thrown(() => resolveFleetKnobs({ tcp_fin: 1 }, 'set'));
    expect(unknown.message).toBe(`set.tcp_fin: unknown knob "tcp_fin"; known knobs: ${FLEET_KNOB_NAMES.join(', ')}`);
    // an engine knob carries src/tcp's problem: worded in Chinese too
    const engine = thrown(() => resolveFleetKnobs({ tcp_fin_timeout: 'banana' }, 'what-if'));
    expect(refusalIn(engine, 'zh-CN')).toMatch(/^what-if\.tcp_fin_timeout：应为数字/);
    const preset = loadPreset('fin-wait-2');
    expect(thrown(() => applyOverrides(preset, { seed: 'x' })).message).toBe('--seed: expected a whole number 0..4294967295, got "x"');
  });

  it('changes that clash on the way are refused before a run starts, and the worker’s data is worded like the error', () => {
    const base = loadPreset('close-wait-leak');
    const changes: Change[] = [
      { at: 30, set: { rto_min: 5 } },
      { at: 10, set: { rto_max: 1 } },
    ];
    // each alone is in range; in time order the second leaves rto_min above rto_max
    const chain = thrown(() => checkKnobChain(base.set, changes));
    expect(chain.message).toBe('changes[0].set.rto_min: rto_min (5) exceeds rto_max (1)');
    expect(checkKnobChain(base.set, [changes[1]!]).engine.rto_max).toBe(1);
    expect(() => new FleetSim({ ...base, changes })).toThrow(chain.message);
    // what the worker posts is plain data, worded by the page as the error itself is
    const data = structuredClone(refusalOf(chain));
    expect(refusalIn(data, 'en')).toBe(chain.message);
    expect(refusalIn(data, 'zh-CN')).toBe('changes[0].set.rto_min：rto_min（5）大于 rto_max（1）');
    expect(refusalIn(structuredClone(refusalOf(new Error('boom'))), 'zh-CN')).toBe('boom');
  });
});
