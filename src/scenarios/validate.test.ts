import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError, KNOB_NAMES } from '../tcp/knobs.ts';
import { SCENARIOS, SCENARIO_IDS, getScenario, requireScenario } from './index.ts';
import { parseJsonWithPositions } from './json.ts';
import type { Scenario } from './types.ts';
import { ScenarioError, parseScenario, parseScenarioText } from './validate.ts';

const LIBRARY_DIR = new URL('./library/', import.meta.url);
const CJK = /[\u4e00-\u9fff]/;

const EXPECTED_IDS = [
  'handshake',
  'teardown',
  'server-close',
  'simultaneous-open',
  'simultaneous-close',
  'half-close',
  'close-wait-leak',
  'lost-fin',
  'rst-closed-port',
  'keepalive-dead-peer',
  'lost-syn',
  'lost-final-ack',
  'time-wait-reuse',
  'abort',
  'fin-wait-2-timeout',
];

/** A small valid scenario as plain JSON data; each negative test breaks one thing. */
function base(): Record<string, unknown> & { steps: Record<string, unknown>[]; notes: Record<string, unknown>[] } {
  return {
    id: 'test',
    title: { en: 'Test', 'zh-CN': '测试' },
    summary: { en: 'A test scenario.', 'zh-CN': '测试场景。' },
    steps: [
      { at: 0, peer: 'server', do: 'listen' },
      { at: 0.1, peer: 'client', do: 'connect' },
    ],
    notes: [{ at: 0.1, text: { en: 'Connect.', 'zh-CN': '连接。' } }],
  };
}

function withStep(step: Record<string, unknown>): Record<string, unknown> {
  const s = base();
  s.steps = [step];
  return s;
}

/** The message of the error parseScenario throws (and checks it is a ScenarioError). */
function errorOf(json: unknown, where?: string): string {
  try {
    parseScenario(json, where);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected parseScenario to throw');
}

function textErrorOf(text: string, file = 'x.json'): ScenarioError {
  try {
    parseScenarioText(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return e as ScenarioError;
  }
  throw new Error('expected parseScenarioText to throw');
}

describe('built-in scenarios', () => {
  const files = readdirSync(LIBRARY_DIR).filter((f) => f.endsWith('.json'));

  it('has exactly the expected scenarios, each registered once', () => {
    expect([...SCENARIO_IDS].sort()).toEqual([...EXPECTED_IDS].sort());
    expect(new Set(SCENARIO_IDS).size).toBe(SCENARIO_IDS.length);
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...EXPECTED_IDS].sort());
  });

  describe.each(files)('%s', (file) => {
    const text = readFileSync(new URL(file, LIBRARY_DIR), 'utf8');
    const parsed = parseScenarioText(text, file);

    it('validates, from text and from the JSON value alike', () => {
      expect(parseScenario(JSON.parse(text), file)).toEqual(parsed);
      expect(getScenario(parsed.id)).toEqual(parsed);
    });

    it('has an id equal to its file name', () => {
      expect(`${parsed.id}.json`).toBe(file);
    });

    it('has title, summary and notes in both languages', () => {
      for (const t of [parsed.title, parsed.summary, ...parsed.notes.map((n) => n.text)]) {
        expect(t.en.trim()).not.toBe('');
        expect(t['zh-CN'].trim()).not.toBe('');
        expect(t.en).not.toMatch(CJK);
        expect(t['zh-CN']).toMatch(CJK);
      }
      expect(parsed.summary.en.length).toBeGreaterThan(200);
    });

    it('has 3 to 8 notes in time order', () => {
      expect(parsed.notes.length).toBeGreaterThanOrEqual(3);
      expect(parsed.notes.length).toBeLessThanOrEqual(8);
      const times = parsed.notes.map((n) => n.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('uses the default 0.05 s link and the linux profile', () => {
      expect(parsed.link?.delay).toBe(0.05);
      expect(parsed.profile ?? 'linux').toBe('linux');
    });
  });

  const byId = (id: string): Scenario => requireScenario(id);
  const peerSteps = (id: string, peer: 'client' | 'server') => byId(id).steps.filter((s) => s.peer === peer);

  it('simultaneous-open: both peers connect at the same instant, nobody listens', () => {
    const s = byId('simultaneous-open');
    expect(s.steps.some((st) => st.do === 'listen')).toBe(false);
    const connects = s.steps.filter((st) => st.do === 'connect');
    expect(connects.map((st) => st.peer).sort()).toEqual(['client', 'server']);
    expect(new Set(connects.map((st) => st.at)).size).toBe(1);
  });

  it('simultaneous-close: both peers close at the same instant', () => {
    const closes = byId('simultaneous-close').steps.filter((st) => st.do === 'close');
    expect(closes.map((st) => st.peer).sort()).toEqual(['client', 'server']);
    expect(closes[0]?.at).toBe(closes[1]?.at);
  });

  it('close-wait-leak: the server never closes, keeps keepalive on, and later hits EPIPE', () => {
    const server = peerSteps('close-wait-leak', 'server');
    expect(server.some((st) => st.do === 'close' || st.do === 'abort')).toBe(false);
    expect(server.find((st) => st.do === 'never-close')).toMatchObject({ on: true });
    expect(server.find((st) => st.do === 'keepalive')).toMatchObject({ on: true });
  });

  it('keepalive-dead-peer: probes are tuned on the socket, not with set', () => {
    const s = byId('keepalive-dead-peer');
    expect(s.set).toBeUndefined();
    expect(s.steps.find((st) => st.do === 'keepalive')).toMatchObject({ peer: 'client', on: true, idle: 10, intvl: 5, cnt: 3 });
    expect(s.steps.find((st) => st.do === 'crash')).toMatchObject({ peer: 'server' });
  });

  it('timer scenarios about SYN retries and TIME_WAIT keep the real Linux defaults', () => {
    for (const id of ['lost-syn', 'time-wait-reuse', 'teardown', 'lost-final-ack', 'fin-wait-2-timeout']) {
      expect(byId(id).set, id).toBeUndefined();
    }
  });

  it('rst-closed-port: nobody listens', () => {
    expect(byId('rst-closed-port').steps.some((st) => st.do === 'listen')).toBe(false);
  });

  it('drop-next steps use the flags they are about', () => {
    const drops = (id: string) => byId(id).steps.filter((st) => st.net === 'drop-next');
    expect(drops('lost-fin')).toEqual([expect.objectContaining({ dir: 'client->server', flags: 'FIN' })]);
    expect(drops('lost-final-ack')).toEqual([expect.objectContaining({ dir: 'client->server', flags: 'ACK', when: { peer: 'server', state: 'LAST_ACK' } })]);
    expect(drops('lost-syn').every((st) => st.flags === 'SYN' && st.dir === 'client->server')).toBe(true);
  });

  it('getScenario and requireScenario', () => {
    expect(getScenario('teardown')?.title.en).toMatch(/client closes first/i);
    expect(getScenario('nope')).toBeUndefined();
    expect(() => requireScenario('nope')).toThrow('scenario: unknown scenario "nope"; allowed: handshake, teardown,');
    expect(SCENARIOS.length).toBe(EXPECTED_IDS.length);
  });
});

describe('parseScenario: valid input', () => {
  it('accepts a minimal scenario and returns a clean copy', () => {
    const input = base();
    const frozen = JSON.stringify(input);
    const s = parseScenario(input);
    expect(s).toEqual(input);
    expect(s).not.toBe(input);
    expect(s.steps[0]).not.toBe(input.steps[0]);
    expect(JSON.stringify(input)).toBe(frozen);
  });

  it('accepts every kind of step and the optional top-level fields', () => {
    const s = base();
    Object.assign(s, { profile: 'rfc9293', set: { tcp_fin_timeout: 10, rfc5961: true }, link: { delay: 0.1, loss: 5, jitter: 0.01, duplicate: 1 }, seed: 42, until: 100 });
    s.steps = [
      { at: 0, peer: 'server', do: 'listen', backlog: 5 },
      { at: 0, peer: 'server', do: 'never-close', on: true },
      { at: 0, peer: 'server', do: 'auto-read', on: false },
      { at: 0.1, peer: 'client', do: 'connect' },
      { when: { peer: 'client', state: 'ESTABLISHED' }, peer: 'client', do: 'keepalive', on: true, idle: 10, intvl: 5, cnt: 3 },
      { when: { peer: 'client', state: 'ESTABLISHED' }, after: 0.5, peer: 'client', do: 'send', bytes: 100 },
      { at: 1, peer: 'server', do: 'read' },
      { at: 1, peer: 'server', do: 'read', bytes: 10 },
      { at: 2, peer: 'client', do: 'shutdown', how: 'rdwr' },
      { at: 3, peer: 'client', do: 'close' },
      { at: 3, peer: 'client', do: 'abort' },
      { at: 3, peer: 'client', do: 'keepalive', on: false },
      { at: 4, peer: 'server', do: 'crash' },
      { at: 5, peer: 'server', do: 'reboot' },
      { at: 0, net: 'drop-next', dir: 'server->client' },
      { at: 0, net: 'drop-next', dir: 'server->client', flags: 'SYN,ACK' },
      { at: 0, net: 'drop-next', dir: 'client->server', flags: 'SYN,FIN,RST,PSH,ACK' },
      { at: 0, net: 'loss', percent: 100 },
      { at: 0, net: 'delay', seconds: 0.2 },
      { at: 6, net: 'partition' },
      { when: { peer: 'server', state: 'CLOSED' }, after: 1, net: 'heal' },
    ];
    const parsed = parseScenario(s);
    expect(parsed.set).toEqual({ tcp_fin_timeout: 10, rfc5961: 1 });
    expect(parsed.steps).toEqual(s.steps);
  });

  it('allows notes at the same instant', () => {
    const s = base();
    s.notes = [
      { at: 1, text: { en: 'a', 'zh-CN': '甲' } },
      { at: 1, text: { en: 'b', 'zh-CN': '乙' } },
    ];
    expect(parseScenario(s).notes).toHaveLength(2);
  });
});

describe('parseScenario: every error names the field path and what is allowed', () => {
  it('unknown action', () => {
    expect(errorOf(withStep({ at: 1, peer: 'client', do: 'conect' }))).toBe(
      'scenario: steps[0].do: unknown action "conect"; allowed: listen, connect, send, read, shutdown, close, abort, keepalive, crash, reboot, never-close, auto-read',
    );
  });

  it('names the step index', () => {
    const s = base();
    s.steps.push({ at: 1, peer: 'client', do: 'send' }, { at: 2, peer: 'client', do: 'conect' });
    expect(errorOf(s)).toBe('scenario: steps[2].bytes: missing; allowed: 1..1048576 (integer) bytes');
  });

  it('missing or unknown peer', () => {
    expect(errorOf(withStep({ at: 1, do: 'close' }))).toBe('scenario: steps[0].peer: missing; allowed: client, server');
    expect(errorOf(withStep({ at: 1, peer: 'browser', do: 'close' }))).toBe('scenario: steps[0].peer: unknown peer "browser"; allowed: client, server');
  });

  it('bad or missing direction', () => {
    expect(errorOf(withStep({ at: 1, net: 'drop-next', dir: 'up' }))).toBe(
      'scenario: steps[0].dir: unknown direction "up"; allowed: client->server, server->client',
    );
    expect(errorOf(withStep({ at: 1, net: 'drop-next' }))).toBe('scenario: steps[0].dir: missing; allowed: client->server, server->client');
  });

  it('bad flags', () => {
    const drop = (flags: unknown) => errorOf(withStep({ at: 1, net: 'drop-next', dir: 'client->server', flags }));
    expect(drop('FINN')).toBe('scenario: steps[0].flags: unknown flag "FINN"; allowed: SYN, FIN, RST, PSH, ACK (comma-separated, in that order, e.g. "SYN,ACK")');
    expect(drop('fin')).toContain('steps[0].flags: unknown flag "fin"; allowed: SYN, FIN, RST, PSH, ACK');
    expect(drop('ACK,SYN')).toBe('scenario: steps[0].flags: write "SYN,ACK", not "ACK,SYN": flags go in the order SYN,FIN,RST,PSH,ACK');
    expect(drop('ACK,ACK')).toBe('scenario: steps[0].flags: flag ACK appears twice');
    expect(drop('SYN, ACK')).toBe('scenario: steps[0].flags: "SYN, ACK" contains spaces; write flags like "SYN,ACK"');
    expect(drop('')).toBe('scenario: steps[0].flags: must not be empty; leave out "flags" to drop the next segment of any kind');
    expect(drop(['SYN'])).toContain('steps[0].flags: expected a string of flags, got an array; allowed: SYN, FIN');
  });

  it('at and when both present, or neither', () => {
    expect(errorOf(withStep({ at: 1, when: { peer: 'server', state: 'LISTEN' }, peer: 'client', do: 'connect' }))).toBe(
      'scenario: steps[0].when: not allowed together with "at"; give exactly one of at, when',
    );
    expect(errorOf(withStep({ peer: 'client', do: 'connect' }))).toBe(
      'scenario: steps[0].at: missing; give "at" (seconds) or "when" ({ "peer", "state" }, optionally with "after")',
    );
    expect(errorOf(withStep({ at: 1, after: 2, peer: 'client', do: 'connect' }))).toBe(
      'scenario: steps[0].after: only allowed with "when"; with "at", add the delay to "at"',
    );
  });

  it('negative or non-numeric times', () => {
    expect(errorOf(withStep({ at: -1, peer: 'client', do: 'connect' }))).toBe('scenario: steps[0].at: -1 is out of range; allowed: 0..1000000 seconds');
    expect(errorOf(withStep({ at: '1', peer: 'client', do: 'connect' }))).toBe('scenario: steps[0].at: expected a number (0..1000000 seconds), got "1"');
    expect(errorOf(withStep({ when: { peer: 'server', state: 'LISTEN' }, after: -0.5, peer: 'client', do: 'connect' }))).toBe(
      'scenario: steps[0].after: -0.5 is out of range; allowed: 0..1000000 seconds',
    );
  });

  it('bad when', () => {
    const when = (w: unknown) => errorOf(withStep({ when: w, peer: 'client', do: 'close' }));
    expect(when({ peer: 'server', state: 'TIMEWAIT' })).toBe(
      'scenario: steps[0].when.state: unknown state "TIMEWAIT"; allowed: CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT',
    );
    expect(when({ peer: 'server', state: 'TIME-WAIT' })).toContain('steps[0].when.state: unknown state "TIME-WAIT"; write TIME_WAIT');
    expect(when({ peer: 'server', state: 'SYN_RECV' })).toContain('write SYN_RCVD');
    expect(when({ state: 'LISTEN' })).toBe('scenario: steps[0].when.peer: missing; allowed: client, server');
    expect(when({ peer: 'server', state: 'LISTEN', after: 1 })).toBe('scenario: steps[0].when.after: unknown field; allowed: peer, state');
    expect(when('LISTEN')).toBe('scenario: steps[0].when: expected an object { peer, state }, got "LISTEN"');
  });

  it('do and net: exactly one', () => {
    expect(errorOf(withStep({ at: 1, peer: 'client', do: 'close', net: 'heal' }))).toBe(
      'scenario: steps[0].net: not allowed together with "do"; a step is either a peer action ("peer" + "do") or a network action ("net")',
    );
    expect(errorOf(withStep({ at: 1, peer: 'client' }))).toBe(
      'scenario: steps[0]: missing "do" or "net"; a step is either a peer action ("peer" + "do") or a network action ("net")',
    );
    expect(errorOf(withStep({ at: 1, net: 'partiton' }))).toBe(
      'scenario: steps[0].net: unknown network action "partiton"; allowed: drop-next, loss, delay, partition, heal',
    );
    expect(errorOf(withStep({ at: 1, peer: 'client', net: 'partition' }))).toBe(
      'scenario: steps[0].peer: not allowed in a network step ("net": "partition"); the network belongs to neither peer',
    );
  });

  it('unknown step fields', () => {
    expect(errorOf(withStep({ at: 1, peer: 'client', do: 'close', bytes: 5 }))).toBe(
      'scenario: steps[0].bytes: unknown field for "do": "close"; allowed: at, when, after, peer, do',
    );
    expect(errorOf(withStep({ at: 1, net: 'loss', percent: 5, dir: 'client->server' }))).toBe(
      'scenario: steps[0].dir: unknown field for "net": "loss"; allowed: at, when, after, net, percent',
    );
    expect(errorOf(withStep({ at: 1, peer: 'client', do: 'send', bytes: 5, comment: 'x' }))).toBe(
      'scenario: steps[0].comment: unknown field for "do": "send"; allowed: at, when, after, peer, do, bytes',
    );
  });

  it('action arguments', () => {
    const step = (s: Record<string, unknown>) => errorOf(withStep({ at: 1, peer: 'client', ...s }));
    expect(step({ do: 'send', bytes: 0 })).toBe('scenario: steps[0].bytes: 0 is out of range; allowed: 1..1048576 (integer) bytes');
    expect(step({ do: 'send', bytes: 1.5 })).toBe('scenario: steps[0].bytes: 1.5 is out of range; allowed: 1..1048576 (integer) bytes');
    expect(step({ do: 'shutdown', how: 'write' })).toBe('scenario: steps[0].how: unknown shutdown direction "write"; allowed: wr, rd, rdwr');
    expect(step({ do: 'shutdown' })).toBe('scenario: steps[0].how: missing; allowed: wr, rd, rdwr');
    expect(step({ do: 'keepalive' })).toBe('scenario: steps[0].on: missing; allowed: true, false');
    expect(step({ do: 'keepalive', on: 'yes' })).toBe('scenario: steps[0].on: expected true or false, got "yes"');
    expect(step({ do: 'keepalive', on: false, idle: 10 })).toBe('scenario: steps[0].idle: only allowed with "on": true');
    expect(step({ do: 'keepalive', on: true, idle: 0 })).toBe('scenario: steps[0].idle: 0 is out of range; allowed: 1..32767 seconds');
    expect(step({ do: 'keepalive', on: true, cnt: 2.5 })).toBe('scenario: steps[0].cnt: 2.5 is out of range; allowed: 1..127 (integer)');
    expect(step({ do: 'never-close' })).toBe('scenario: steps[0].on: missing; allowed: true, false');
    expect(step({ do: 'listen', backlog: -1 })).toBe('scenario: steps[0].backlog: -1 is out of range; allowed: 0..65535 (integer)');
    expect(errorOf(withStep({ at: 1, net: 'loss', percent: 101 }))).toBe('scenario: steps[0].percent: 101 is out of range; allowed: 0..100 percent');
    expect(errorOf(withStep({ at: 1, net: 'delay' }))).toBe('scenario: steps[0].seconds: missing; allowed: 0..60 seconds');
  });

  it('steps that would never run', () => {
    expect(errorOf(withStep({ at: 700, peer: 'client', do: 'close' }))).toBe(
      'scenario: steps[0].at: 700 is after the default run length (600 s) and would never be reached; set "until"',
    );
    expect(errorOf({ ...withStep({ at: 50, peer: 'client', do: 'close' }), until: 40 })).toBe(
      'scenario: steps[0].at: 50 is after until (40) and would never be reached',
    );
    expect(parseScenario({ ...withStep({ at: 700, peer: 'client', do: 'close' }), until: 800 }).until).toBe(800);
  });

  it('unknown knob, out-of-range knob, knob given as a string', () => {
    expect(errorOf({ ...base(), set: { tcp_fin_timout: 10 } })).toBe(
      `scenario: set.tcp_fin_timout: unknown knob "tcp_fin_timout"; known knobs: ${KNOB_NAMES.join(', ')}`,
    );
    expect(errorOf({ ...base(), set: { tcp_fin_timeout: -1 } })).toBe('scenario: set.tcp_fin_timeout: -1 is out of range; allowed: 0..3600 seconds');
    expect(errorOf({ ...base(), set: { tcp_keepalive_probes: 2.5 } })).toBe('scenario: set.tcp_keepalive_probes: 2.5 is out of range; allowed: 1..127 (integer)');
    expect(errorOf({ ...base(), set: { tcp_fin_timeout: '60' } })).toBe('scenario: set.tcp_fin_timeout: expected a number (0..3600 seconds), got "60"');
    expect(errorOf({ ...base(), set: { tcp_fin_timeout: true } })).toBe('scenario: set.tcp_fin_timeout: expected a number (0..3600 seconds), got true');
    expect(errorOf({ ...base(), set: { rto_min: 5, rto_max: 1 } })).toBe('scenario: set.rto_min: rto_min (5) exceeds rto_max (1)');
    expect(errorOf({ ...base(), set: [] })).toBe('scenario: set: expected an object of knob values, got an array');
  });

  it('unknown top-level field', () => {
    expect(errorOf({ ...base(), descripton: 'x' })).toBe(
      'scenario: descripton: unknown field; allowed: id, title, summary, profile, set, link, seed, until, steps, notes',
    );
    expect(errorOf({ ...base(), 'odd key': 1 })).toContain('scenario: ["odd key"]: unknown field');
  });

  it('top-level values', () => {
    expect(errorOf([])).toBe('scenario: expected a JSON object (a scenario), got an array');
    expect(errorOf(null)).toBe('scenario: expected a JSON object (a scenario), got null');
    expect(errorOf({ ...base(), id: 'Bad_Id' })).toContain('scenario: id: expected a kebab-case name like "lost-fin"');
    const noId = base();
    delete noId.id;
    expect(errorOf(noId)).toBe('scenario: id: missing; expected a kebab-case name like "lost-fin"');
    expect(errorOf({ ...base(), profile: 'bsd' })).toBe('scenario: profile: unknown profile "bsd"; allowed: linux, rfc9293');
    expect(errorOf({ ...base(), link: { loss: 150 } })).toBe('scenario: link.loss: 150 is out of range; allowed: 0..100 percent');
    expect(errorOf({ ...base(), link: { delay: 0.05, bandwidth: 10 } })).toBe('scenario: link.bandwidth: unknown field; allowed: delay, loss, jitter, duplicate');
    expect(errorOf({ ...base(), seed: -1 })).toBe('scenario: seed: -1 is out of range; allowed: 0..4294967295 (integer)');
    expect(errorOf({ ...base(), until: 0 })).toBe('scenario: until: 0 is out of range; allowed: more than 0 up to 1000000 seconds');
    expect(errorOf({ ...base(), steps: {} })).toBe('scenario: steps: expected an array of steps, got an object');
    expect(errorOf({ ...base(), notes: undefined })).toBe('scenario: notes: missing; expected an array of notes { at, text }');
    expect(errorOf({ ...base(), steps: [42] })).toBe('scenario: steps[0]: expected a step object, got 42');
  });

  it('titles, summaries and notes in both languages', () => {
    expect(errorOf({ ...base(), title: { en: 'Only English' } })).toBe('scenario: title.zh-CN: missing');
    expect(errorOf({ ...base(), summary: { en: 'x', 'zh-CN': '  ' } })).toBe('scenario: summary.zh-CN: must not be empty');
    expect(errorOf({ ...base(), title: { en: 'x', 'zh-CN': '测试', fr: 'essai' } })).toBe('scenario: title.fr: unknown language; allowed: en, zh-CN');
    expect(errorOf({ ...base(), title: 'Test' })).toBe('scenario: title: expected an object with en and zh-CN texts, got "Test"');
    const s = base();
    s.notes = [{ at: 1, text: { en: 'x', 'zh-CN': '甲' } }, { at: 2, text: { 'zh-CN': '乙' } }];
    expect(errorOf(s)).toBe('scenario: notes[1].text.en: missing');
  });

  it('notes out of order or too late', () => {
    const s = base();
    s.notes = [
      { at: 2, text: { en: 'b', 'zh-CN': '乙' } },
      { at: 1, text: { en: 'a', 'zh-CN': '甲' } },
    ];
    expect(errorOf(s)).toBe('scenario: notes[1].at: 1 is earlier than notes[0].at (2); notes must be in time order');
    s.notes = [{ at: 601, text: { en: 'a', 'zh-CN': '甲' } }];
    expect(errorOf(s)).toContain('scenario: notes[0].at: 601 is after the default run length (600 s)');
    s.notes = [{ at: 1, text: { en: 'a', 'zh-CN': '甲' }, speaker: 'x' }];
    expect(errorOf(s)).toBe('scenario: notes[0].speaker: unknown field; allowed: at, text');
  });

  it('names the source given as `where` and exposes the path', () => {
    expect(errorOf(withStep({ at: 1, peer: 'client', do: 'conect' }), 'my.json')).toMatch(/^my\.json: steps\[0\]\.do: unknown action/);
    expect(() => parseScenario(withStep({ at: 1, peer: 'client', do: 'conect' }))).toThrow(
      expect.objectContaining({ path: 'steps[0].do', source: 'scenario', line: undefined, where: 'scenario' }),
    );
  });
});

describe('parseScenarioText', () => {
  it('reports JSON syntax errors with line:column', () => {
    expect(textErrorOf('{\n  "id": "x",\n  "steps": [ { "at": 1, } ]\n}').message).toBe("x.json:3:25: invalid JSON: trailing comma before '}'");
    expect(textErrorOf('{ "id": "x" "title": 1 }').message).toBe(`x.json:1:13: invalid JSON: unexpected "\\""; expected ',' or '}' after property value`);
    expect(textErrorOf('{\n  "id": "x,\n}').message).toBe('x.json:2:12: invalid JSON: a line break inside a string must be escaped');
    expect(textErrorOf('{ "id": "x"').message).toBe("x.json:1:12: invalid JSON: unexpected end of input; expected ',' or '}' after property value");
    expect(textErrorOf('').message).toBe('x.json:1:1: invalid JSON: empty document; expected a JSON object');
    expect(textErrorOf('{ "id": "a", "id": "b" }').message).toBe('x.json:1:14: invalid JSON: duplicate key "id"');
    expect(textErrorOf('{\n  // note\n  "id": "a"\n}').message).toBe('x.json:2:3: invalid JSON: comments are not allowed in JSON');
    expect(textErrorOf('{ "id": \'a\' }').message).toBe('x.json:1:9: invalid JSON: strings must use double quotes');
    expect(textErrorOf('{} {}').message).toBe('x.json:1:4: invalid JSON: unexpected "{" after the end of the JSON value');
    expect(textErrorOf('{ "seed": 01 }').message).toBe('x.json:1:11: invalid JSON: invalid number');
    const e = textErrorOf('[\n1,\n2,,]');
    expect([e.line, e.column, e.path]).toEqual([3, 3, '']);
  });

  it('reports field errors at the line and column of the offending value', () => {
    const s = base();
    s.steps[1] = { at: 0.1, peer: 'client', do: 'conect' };
    const text = JSON.stringify(s, null, 2);
    const e = textErrorOf(text, 'my.json');
    const line = text.split('\n').findIndex((l) => l.includes('"conect"')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('"conect"') + 1;
    expect(e.message).toBe(`my.json:${line}:${column}: steps[1].do: unknown action "conect"; allowed: listen, connect, send, read, shutdown, close, abort, keepalive, crash, reboot, never-close, auto-read`);
    expect(e).toMatchObject({ path: 'steps[1].do', line, column, source: 'my.json' });
  });

  it('points a missing field at the object that lacks it', () => {
    const text = '{\n  "id": "t",\n  "title": { "en": "T" },\n  "summary": { "en": "S", "zh-CN": "摘要" },\n  "steps": [],\n  "notes": []\n}';
    expect(textErrorOf(text).message).toBe('x.json:3:12: title.zh-CN: missing');
  });

  it('parses the same values as JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, 0, true, false, null, "\\u4e2d\\n\\"x\\""], "b": {}, "c": []}';
    expect(parseJsonWithPositions(text).value).toEqual(JSON.parse(text));
    const withProto = parseJsonWithPositions('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    expect(Object.keys(withProto)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(withProto)).toBe(Object.prototype);
  });

  it('accepts a byte-order mark', () => {
    const text = `\uFEFF${JSON.stringify(base())}`;
    expect(parseScenarioText(text).id).toBe('test');
  });
});
