/** Bad presets, mixes and knobs are answered with an error naming the field (DESIGN.md invariant 5). */
import { zeroSockstat } from './../tcp/stack/sockstat.ts';
import { describe, expect, it } from 'vitest';
import { InputError } from '../tcp/knobs.ts';
import { TCP_STATES } from '../tcp/states.ts';
import { fillNote, unknownPlaceholders } from './narrate.ts';
import { applyOverrides } from './overrides.ts';
import { preset, PRESET_IDS } from './presets/index.ts';
import { zeroCounters, zeroErrors, zeroStates } from './sample.ts';
import type { Sample } from './sample.ts';
import { knobsJson, resolveFleetKnobs } from './knobs.ts';
import { parsePreset } from './validate.ts';

const good = () => structuredClone({ id: 'mine', title: { en: 'Mine', 'zh-CN': '我的' }, rate: 5, mix: { clients: { 'well-behaved': 1 }, app: { leak: 1 } } });

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('preset files', () => {
  it('accept a minimal preset and fill in defaults', () => {
    const p = parsePreset(JSON.stringify(good()), 'mine.json');
    expect(p.seed).toBe(1);
    expect(p.minutes).toBe(10);
    expect(p.server.request_bytes).toBeGreaterThan(0);
  });

  it.each([
    [(o: Record<string, unknown>) => (o.rate = -1), 'mine.json: rate'],
    [(o: Record<string, unknown>) => (o.mix = { clients: { 'well-behaved': 1, teleport: 1 }, app: { leak: 1 } }), 'mine.json: mix.clients.teleport'],
    [(o: Record<string, unknown>) => (o.mix = { clients: { 'well-behaved': 1 }, app: { forget: 1 } }), 'mine.json: mix.app.forget'],
    [(o: Record<string, unknown>) => (o.mix = { clients: { 'well-behaved': 0 }, app: { leak: 1 } }), 'mine.json: mix.clients'],
    [(o: Record<string, unknown>) => (o.set = { tcp_fin_timeout: -3 }), 'mine.json: set.tcp_fin_timeout'],
    [(o: Record<string, unknown>) => (o.set = { tcp_fin_timout: 3 }), 'mine.json: set.tcp_fin_timout'],
    [(o: Record<string, unknown>) => (o.set = { ulimit_n: 1.5 }), 'mine.json: set.ulimit_n'],
    [(o: Record<string, unknown>) => (o.set = { tcp_abort_on_overflow: 2 }), 'mine.json: set.tcp_abort_on_overflow'],
    [(o: Record<string, unknown>) => (o.changes = [{ at: 10, set: { tcp_abort_on_overflow: 'yes' } }]), 'mine.json: changes[0].set.tcp_abort_on_overflow'],
    [(o: Record<string, unknown>) => (o.set = { ip_local_port_range: '60999-32768' }), 'mine.json: set.ip_local_port_range'],
    [(o: Record<string, unknown>) => (o.server = { read_timeout: 'soon' }), 'mine.json: server.read_timeout'],
    [(o: Record<string, unknown>) => (o.server = { keepalive: { idle: 30, intvl: 2 } }), 'mine.json: server.keepalive.cnt'],
    [(o: Record<string, unknown>) => (o.changes = [{ at: 10, set: { tcp_orphan_retries: 3 } }, { at: 20, set: { nope: 1 } }]), 'mine.json: changes[1].set.nope'],
    [(o: Record<string, unknown>) => (o.changes = [{ at: 10 }]), 'mine.json: changes[0]'],
    [(o: Record<string, unknown>) => (o.notes = [{ at: 1, text: { en: 'x' } }]), 'mine.json: notes[0].text.zh-CN'],
    [(o: Record<string, unknown>) => (o.colour = 'blue'), 'mine.json: colour'],
  ])('name the field of a bad value (%#)', (spoil, where) => {
    const o = good() as Record<string, unknown>;
    spoil(o);
    expect(errorOf(() => parsePreset(o, 'mine.json'))).toMatch(new RegExp(`^${where.replace(/[.[\]]/g, '\\$&')}: `));
  });

  it('report JSON syntax errors with the file name', () => {
    expect(errorOf(() => parsePreset('{"id": ', 'broken.json'))).toMatch(/^broken\.json: not JSON/);
  });
});

describe('command-line overrides', () => {
  it('name the option and the field', () => {
    const p = preset('close-wait-leak');
    expect(errorOf(() => applyOverrides(p, { mix: '{"clients": {"bogus": 1}}' }))).toMatch(/^--mix\.clients\.bogus: unknown behaviour/);
    expect(errorOf(() => applyOverrides(p, { mix: 'not json' }))).toMatch(/^--mix: not JSON/);
    expect(errorOf(() => applyOverrides(p, { set: { tcp_keepalive_time: '0' } }))).toMatch(/^--set\.tcp_keepalive_time: /);
    expect(errorOf(() => applyOverrides(p, { set: { wobble: '1' } }))).toMatch(/^--set\.wobble: unknown knob/);
    expect(errorOf(() => applyOverrides(p, { set: { tcp_abort_on_overflow: '-1' } }))).toBe(
      "--set.tcp_abort_on_overflow: expected a whole number 0..1 (when the accept queue is full, 0 = drop the handshake's last ACK, 1 = answer it with a RST), got \"-1\"",
    );
    expect(errorOf(() => applyOverrides(p, { rate: 'fast' }))).toMatch(/^--rate: /);
    expect(errorOf(() => applyOverrides(p, { minutes: '0' }))).toMatch(/^--minutes: /);
    expect(errorOf(() => applyOverrides(p, { seed: '-1' }))).toMatch(/^--seed: /);
  });

  it('replace one mix group and keep the other; leave the preset untouched', () => {
    const p = preset('close-wait-leak');
    const o = applyOverrides(p, { mix: { app: { 'wait-close': 1 } }, rate: '50', set: { tcp_fin_timeout: '30' } });
    expect(o.mix.app).toEqual({ 'wait-close': 1 });
    expect(o.mix.clients).toEqual(p.mix.clients);
    expect(o.rate).toBe(50);
    expect(o.set.tcp_fin_timeout).toBe('30');
    expect(p.set.tcp_fin_timeout).toBeUndefined();
  });

  it('print every knob, host knobs included, in the JSON knob set', () => {
    const k = knobsJson(resolveFleetKnobs({ ip_local_port_range: '40000-40999', ulimit_n: 4096 }));
    expect(k.ip_local_port_range).toBe('40000-40999');
    expect(k.ulimit_n).toBe(4096);
    expect(k.somaxconn).toBe(4096);
    expect(k.tcp_fin_timeout).toBe(60);
    expect(k.tcp_abort_on_overflow).toBe(0);
    expect(knobsJson(resolveFleetKnobs({ tcp_abort_on_overflow: '1' })).tcp_abort_on_overflow).toBe(1);
  });
});

describe('the five presets', () => {
  it.each(PRESET_IDS)('%s: valid, narrated in both languages with numbers the samples fill in', (id) => {
    const p = preset(id);
    expect(p.id).toBe(id);
    expect(p.notes.length).toBeGreaterThanOrEqual(2);
    const s: Sample = { t: 1, states: zeroStates(), fds: 1, errors: zeroErrors(), counters: zeroCounters(), queues: { syn: 0, accept: 0 }, orphans: 0, sockstat: zeroSockstat(), closeWait: [] };
    TCP_STATES.forEach((st, i) => (s.states[st] = 1000 + i));
    const knobs = knobsJson(resolveFleetKnobs(p.set));
    for (const n of p.notes) {
      expect(n.at).toBeLessThanOrEqual(p.minutes * 60);
      for (const lang of ['en', 'zh-CN'] as const) {
        expect(unknownPlaceholders(n.text[lang], s, knobs)).toEqual([]);
        // every note names at least one number read off the samples
        expect(n.text[lang]).toMatch(/\{[A-Za-z_0-9]+\}/);
        expect(fillNote(n.text[lang], s, knobs, lang)).not.toMatch(/\{/);
      }
    }
  });
});
