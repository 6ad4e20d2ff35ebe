import { describe, expect, it } from 'vitest';
import { DEFAULT_URL_STATE, encodeKnobs, parseUrl, serializeUrl } from './url.ts';

const IDS = ['handshake', 'teardown'];

describe('URL state', () => {
  it('parses every parameter', () => {
    const { state, problems } = parseUrl('?scenario=teardown&profile=rfc9293&lang=zh-CN&speed=10&t=2.5&autoplay=1&embed=1', IDS);
    expect(problems).toEqual([]);
    expect(state).toEqual({ scenario: 'teardown', profile: 'rfc9293', lang: 'zh-CN', speed: 10, t: 2.5, autoplay: true, embed: true, knobs: {} });
  });
  it('round-trips', () => {
    const s = { ...DEFAULT_URL_STATE, scenario: 'handshake', profile: 'linux' as const, speed: 0.5, t: 62.3, knobs: { time_wait_len: 5 } };
    expect(parseUrl(serializeUrl(s), IDS)).toEqual({ state: s, problems: [] });
  });
  it('names bad values and what is allowed', () => {
    const { problems } = parseUrl('?scenario=nope&profile=bsd&lang=fr&speed=fast&t=-1&autoplay=yes&zoom=2', IDS);
    expect(problems.map((p) => p.param)).toEqual(['scenario', 'profile', 'lang', 'speed', 't', 'autoplay', 'zoom']);
    expect(problems[0]).toEqual({ kind: 'bad', param: 'scenario', value: 'nope', allowed: 'free, handshake, teardown' });
    expect(problems[1]!.allowed).toBe('linux, rfc9293');
    expect(problems[6]!.kind).toBe('unknown');
    expect(parseUrl('?speed=5000', IDS).problems[0]!.param).toBe('speed');
    expect(parseUrl('?speed=1e400', IDS).problems[0]!.param).toBe('speed');
  });
  it('rejects bad knob overrides with the knob named', () => {
    const { problems } = parseUrl(`?k=${encodeKnobs({ time_wait_len: -3 })}`, IDS);
    expect(problems[0]!.allowed).toMatch(/time_wait_len/);
    expect(parseUrl('?k=garbage', IDS).problems[0]!.param).toBe('k');
  });
  it('leaves defaults out', () => {
    expect(serializeUrl(DEFAULT_URL_STATE)).toBe('');
  });
});
