import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { DEFAULT_URL_STATE, decodeActions, encodeActions, encodeKnobs, parseUrl, serializeUrl } from './url.ts';
// a page fetches the codec before it reads a packed link (lz.ts); Node code imports it at once
import './lzCodec.ts';
import type { JournalEntry } from './sim/controller.ts';

const IDS = ['handshake', 'teardown'];

describe('URL state', () => {
  it('parses every parameter', () => {
    const { state, problems } = parseUrl('?scenario=teardown&profile=rfc9293&lang=zh-CN&speed=10&t=2.5&autoplay=1&embed=1', IDS);
    expect(problems).toEqual([]);
    expect(state).toEqual({ scenario: 'teardown', profile: 'rfc9293', lang: 'zh-CN', speed: 10, t: 2.5, autoplay: true, embed: true, knobs: {}, docs: { view: 'sim', controls: 'full', origins: [] } });
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

describe('URL user actions (a)', () => {
  const ACTIONS: JournalEntry[] = [
    { at: 0, action: { peer: 'server', do: 'listen' } },
    { at: 0.25, action: { peer: 'client', do: 'connect' } },
    { at: 0.25, action: { net: 'drop-next', dir: 'client->server', flags: 'ACK' } },
    { at: 0.4, action: { peer: 'client', do: 'send', bytes: 100 } },
    { at: 0.400001, action: { peer: 'client', do: 'keepalive', on: true, idle: 10 } },
    { at: 1.5, action: { peer: 'server', do: 'shutdown', how: 'wr' } },
    { at: 2, action: { net: 'loss', percent: 12.5 } },
    { at: 2, action: { peer: 'server', do: 'crash' } },
  ];
  const raw = (json: unknown) => compressToEncodedURIComponent(JSON.stringify(json));
  const errorOf = (value: string, t = 10): string => {
    const { problems, state } = parseUrl(`?t=${t}&a=${value}`, IDS);
    expect(state.actions).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.param).toBe('a');
    expect(problems[0]!.kind).toBe('bad');
    return problems[0]!.allowed;
  };

  it('round-trips through encode/decode and through the whole URL', () => {
    expect(decodeActions(encodeActions(ACTIONS))).toEqual({ actions: ACTIONS });
    const s = { ...DEFAULT_URL_STATE, profile: 'linux' as const, t: 3.000125, knobs: { time_wait_len: 5 }, actions: ACTIONS };
    const q = serializeUrl(s);
    expect(q).toMatch(/[?&]a=/);
    expect(parseUrl(q, IDS)).toEqual({ state: s, problems: [] });
  });
  it('writes a compact array of {t, ...action}', () => {
    const json = JSON.parse(decompressFromEncodedURIComponent(encodeActions(ACTIONS.slice(0, 2))));
    expect(json).toEqual([
      { t: 0, peer: 'server', do: 'listen' },
      { t: 0.25, peer: 'client', do: 'connect' },
    ]);
  });
  it('leaves `a` out when there are no actions', () => {
    expect(serializeUrl({ ...DEFAULT_URL_STATE, actions: [] })).toBe('');
    expect(parseUrl(`?a=${raw([])}`, IDS)).toEqual({ state: DEFAULT_URL_STATE, problems: [] });
  });
  it('keeps float times exact', () => {
    const a: JournalEntry[] = [{ at: 0.1 + 0.2, action: { peer: 'server', do: 'listen' } }];
    expect(decodeActions(encodeActions(a))).toEqual({ actions: a });
  });
  it('reports a value that is not lz-string data', () => {
    expect(errorOf('!!!')).toMatch(/not lz-string data/);
  });
  it('reports unpacked text that is not JSON', () => {
    expect(errorOf(compressToEncodedURIComponent('[{"t":0,'))).toMatch(/not JSON/);
  });
  it('reports JSON that is not an array', () => {
    expect(errorOf(raw({ t: 0, peer: 'server', do: 'listen' }))).toMatch(/not an array/);
  });
  it('reports an entry that is not an object', () => {
    expect(errorOf(raw([{ t: 0, peer: 'server', do: 'listen' }, 7]))).toMatch(/a\[1\]: expected an object/);
  });
  it('reports a bad, missing or out-of-order time', () => {
    expect(errorOf(raw([{ peer: 'server', do: 'listen' }]))).toMatch(/a\[0\]\.t: expected seconds .* got nothing/);
    expect(errorOf(raw([{ t: '1', peer: 'server', do: 'listen' }]))).toMatch(/a\[0\]\.t: .*got "1"/);
    expect(errorOf(raw([{ t: -1, peer: 'server', do: 'listen' }]))).toMatch(/a\[0\]\.t/);
    expect(errorOf(raw([{ t: 2, peer: 'server', do: 'listen' }, { t: 1, peer: 'client', do: 'connect' }]))).toMatch(/a\[1\]\.t: 1 is earlier than a\[0\]\.t/);
  });
  it('reports an action later than the link time t', () => {
    expect(errorOf(raw([{ t: 5, peer: 'server', do: 'listen' }]), 4)).toMatch(/a\[0\]\.t: 5 is later than the link's time t = 4/);
    expect(parseUrl(`?a=${raw([{ t: 5, peer: 'server', do: 'listen' }])}`, IDS).problems[0]!.allowed).toMatch(/t = 0/);
  });
  it('reports an unknown action or network action', () => {
    expect(errorOf(raw([{ t: 0, peer: 'server', do: 'fly' }]))).toMatch(/a\[0\]\.do: unknown action "fly"; allowed: listen, connect/);
    expect(errorOf(raw([{ t: 0, net: 'flood' }]))).toMatch(/a\[0\]\.net: unknown network action "flood"; allowed: drop-next/);
    expect(errorOf(raw([{ t: 0, peer: 'server', do: 'toString' }]))).toMatch(/unknown action "toString"/);
  });
  it('reports an entry with both or neither of do and net', () => {
    expect(errorOf(raw([{ t: 0, peer: 'server', do: 'listen', net: 'heal' }]))).toMatch(/a\[0\]: give exactly one of "do".*"net"/);
    expect(errorOf(raw([{ t: 0, peer: 'server' }]))).toMatch(/a\[0\]: give exactly one/);
  });
  it('reports a bad field: peer, unknown field, missing, wrong type, value not allowed', () => {
    expect(errorOf(raw([{ t: 0, peer: 'router', do: 'listen' }]))).toMatch(/a\[0\]\.peer: expected one of client, server, got "router"/);
    expect(errorOf(raw([{ t: 0, do: 'listen' }]))).toMatch(/a\[0\]\.peer: .*got nothing/);
    expect(errorOf(raw([{ t: 0, peer: 'client', do: 'connect', bytes: 1 }]))).toMatch(/a\[0\]\.bytes: unknown field for "do": "connect"; allowed: t, peer, do/);
    expect(errorOf(raw([{ t: 0, net: 'partition', peer: 'client' }]))).toMatch(/a\[0\]\.peer: unknown field for "net": "partition"/);
    expect(errorOf(raw([{ t: 0, peer: 'client', do: 'send' }]))).toMatch(/a\[0\]\.bytes: missing/);
    expect(errorOf(raw([{ t: 0, peer: 'client', do: 'send', bytes: '100' }]))).toMatch(/a\[0\]\.bytes: expected a number, got "100"/);
    expect(errorOf(raw([{ t: 0, peer: 'client', do: 'never-close', on: 1 }]))).toMatch(/a\[0\]\.on: expected true or false/);
    expect(errorOf(raw([{ t: 0, peer: 'client', do: 'shutdown', how: 'both' }]))).toMatch(/a\[0\]\.how: expected one of wr, rd, rdwr, got "both"/);
    expect(errorOf(raw([{ t: 0, net: 'drop-next', dir: 'up' }]))).toMatch(/a\[0\]\.dir: expected one of client->server, server->client/);
  });
  it('applies none of a list with one bad entry, and keeps the other parameters', () => {
    const { state, problems } = parseUrl(`?profile=rfc9293&t=3&a=${raw([{ t: 0, peer: 'server', do: 'listen' }, { t: 1, peer: 'client', do: 'fly' }])}`, IDS);
    expect(state.actions).toBeUndefined();
    expect(state.profile).toBe('rfc9293');
    expect(state.t).toBe(3);
    expect(problems.map((p) => p.param)).toEqual(['a']);
  });
});

describe('echoed values', () => {
  it('shortens every value and unknown name it reports', () => {
    const long = 'q'.repeat(12_000);
    const { problems } = parseUrl(`?scenario=${long}&profile=${long}&lang=${long}&${long}=${long}`, ['handshake']);
    expect(problems).toHaveLength(4);
    for (const p of problems) {
      expect(p.value.length).toBeLessThanOrEqual(41);
      expect(p.param.length).toBeLessThanOrEqual(41);
    }
  });

  it('shortens names and values from inside k and a too (a knob name, a knob value, an action field)', () => {
    const long = `<img src=x onerror=alert(1)>${'q'.repeat(5000)}`;
    const lz = (v: unknown) => compressToEncodedURIComponent(JSON.stringify(v));
    for (const [param, v] of [
      ['k', lz({ [long]: 1 })],
      ['k', lz({ tcp_fin_timeout: long })],
      ['a', lz([{ t: 0, peer: 'client', do: long }])],
      ['a', lz([{ t: 0, peer: 'client', do: 'close', [long]: 1 }])],
    ] as const) {
      const { problems } = parseUrl(`?${new URLSearchParams([[param, v]]).toString()}`, []);
      expect(problems).toHaveLength(1);
      const text = `${problems[0]!.value} ${problems[0]!.allowed}`;
      // the start of the payload is named, 5,000 characters of it are not
      expect(text).toContain('<img src=x onerror=alert(1)>');
      expect(text).not.toContain('q'.repeat(41));
      expect(problems[0]!.allowed.length).toBeLessThan(800);
    }
  });
});

describe('malformed k', () => {
  it('reports a k value lz-string cannot unpack instead of throwing', () => {
    const { problems } = parseUrl('?k=y', []);
    expect(problems).toEqual([expect.objectContaining({ kind: 'bad', param: 'k', value: 'y' })]);
  });
});
