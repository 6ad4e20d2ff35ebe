import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS, SCENARIOS } from '../../scenarios/index.ts';
import { DEFAULT_URL_STATE, parseUrl, serializeUrl } from '../url.ts';
import { defaultDocsParams } from './docsParams.ts';
import { decodeScenario, encodeScenario } from './scenarioParam.ts';

const parse = (q: string) => parseUrl(q, SCENARIO_IDS);

describe('docs URL parameters', () => {
  it('reads view, controls, height, origin and theme', () => {
    const { state, problems } = parse('?embed=1&view=packetdrill&controls=minimal&height=500&origin=https://a.example,http://127.0.0.1:8080&theme=dark');
    expect(problems).toEqual([]);
    expect(state.docs).toEqual({ view: 'packetdrill', controls: 'minimal', height: 500, origins: ['https://a.example', 'http://127.0.0.1:8080'], theme: 'dark' });
  });

  it('reports each bad value, naming the parameter and what is allowed, and keeps the default', () => {
    const { state, problems } = parse('?view=map&controls=some&height=9&origin=https://a.example,*&theme=pink');
    expect(problems.map((p) => p.param)).toEqual(['view', 'controls', 'height', 'origin', 'theme']);
    expect(problems[0]!.allowed).toBe('sim, fleet, packetdrill');
    expect(problems[3]!.allowed).toMatch(/“\*” is not one/);
    expect(state.docs).toEqual(defaultDocsParams());
  });

  it('round-trips through serializeUrl', () => {
    const docs = { ...defaultDocsParams(), controls: 'none' as const, height: 480, origins: ['https://a.example'], theme: 'contrast' as const };
    const s = { ...DEFAULT_URL_STATE, scenario: 'teardown', embed: true, docs };
    expect(parse(serializeUrl(s))).toEqual({ state: s, problems: [] });
  });
});

describe('s= (a whole scenario)', () => {
  it('round-trips every library scenario exactly', () => {
    for (const sc of SCENARIOS) {
      const r = decodeScenario(encodeScenario(sc));
      expect(r).toEqual({ scenario: sc });
    }
  });

  it('is taken from the URL and kept by serializeUrl', () => {
    const sc = { ...SCENARIOS[1]!, id: 'my-teardown' };
    const raw = encodeScenario(sc);
    const { state, problems } = parse(`?s=${raw}&embed=1`);
    expect(problems).toEqual([]);
    expect(state.docs.custom).toEqual(sc);
    expect(serializeUrl(state)).toContain(`s=${raw}`);
  });

  it('names the field path of a bad scenario and applies nothing of it', () => {
    const sc = JSON.parse(JSON.stringify(SCENARIOS[0])) as { steps: { do?: string }[] };
    sc.steps[1]!.do = 'conect';
    const { state, problems } = parse(`?s=${compressToEncodedURIComponent(JSON.stringify(sc))}`);
    expect(state.docs.custom).toBeUndefined();
    expect(state.docs.s).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.param).toBe('s');
    expect(problems[0]!.allowed).toMatch(/steps\[1\]\.do: unknown action "conect"/);
  });

  it('reports text that is not lz-string, or not JSON, with where', () => {
    expect(decodeScenario('%%%')).toEqual({ error: expect.stringMatching(/^s: not a scenario/) });
    const r = decodeScenario(compressToEncodedURIComponent('{"id": "x",\n  "title": }'));
    expect(r).toEqual({ error: expect.stringMatching(/^s:2:12: invalid JSON/) });
  });

  it('refuses scenario= and s= together', () => {
    const { state, problems } = parse(`?scenario=teardown&s=${encodeScenario(SCENARIOS[0]!)}`);
    expect(problems.map((p) => p.param)).toEqual(['scenario']);
    expect(state.scenario).toBe('free');
  });
});
