import { beforeAll, describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim/types.ts';
import { World } from '../sim/world.ts';
import { loadLang, loadTexts, translator } from './i18n/index.ts';
import { buildLog, callText, sentence } from './narrate.ts';

const seg = (id: number, flags: string[], len = 0) => ({ id, flags: flags as never, seq: 1, ack: 0, len, win: 65535 });

describe('event log sentences', () => {
  // the log is the app's: its sentences are in the app part of the texts, as on the page
  beforeAll(() => Promise.all([loadLang('en').then(() => loadTexts('en', 'app')), loadLang('zh-CN').then(() => loadTexts('zh-CN', 'app'))]));
  const trace: TraceEvent[] = [
    { t: 0.15, type: 'deliver', peer: 'server', seg: seg(1, ['SYN']) },
    { t: 0.15, type: 'send', peer: 'server', sock: 2, seg: seg(2, ['SYN', 'ACK']) },
    { t: 0.15, type: 'timer', peer: 'server', sock: 2, timer: 'RTO', action: 'set', due: 1.15 },
    { t: 0.15, type: 'state', peer: 'server', sock: 2, from: 'LISTEN', to: 'SYN_RCVD', cause: 'rcv SYN' },
    { t: 0.2, type: 'drop', peer: 'client', seg: seg(2, ['SYN', 'ACK']), reason: 'drop-next' },
    { t: 1, type: 'app', peer: 'client', call: 'connect', result: 'ECONNREFUSED' },
  ];
  it('combines a delivery with the answer and the state change', () => {
    const lines = buildLog(trace);
    expect(sentence(lines[0]!, translator('en'))).toBe('The server received SYN and answered SYN,ACK: LISTEN → SYN_RCVD');
    expect(sentence(lines[0]!, translator('zh-CN'))).toBe('服务器端收到 SYN，回复 SYN,ACK：LISTEN → SYN_RCVD');
    expect(lines[1]).toMatchObject({ kind: 'timer', action: 'set', timer: 'RTO' });
    expect(sentence(lines[2]!, translator('en'))).toBe('The network dropped SYN,ACK on its way to the client (drop-next rule)');
    expect(sentence(lines[3]!, translator('en'))).toBe('The client called connect() = -1 ECONNREFUSED');
  });
  it('names a tail loss probe as the ladder does, and a plain retransmission as one', () => {
    const probe: TraceEvent[] = [
      { t: 2.55, type: 'timer', peer: 'server', sock: 2, timer: 'RTO', action: 'fire' },
      { t: 2.55, type: 'send', peer: 'server', sock: 2, seg: seg(8, ['FIN', 'ACK']), retransmit: true, tlp: true },
      { t: 2.85, type: 'timer', peer: 'server', sock: 2, timer: 'RTO', action: 'fire' },
      { t: 2.85, type: 'send', peer: 'server', sock: 2, seg: seg(9, ['FIN', 'ACK']), retransmit: true },
    ];
    const [tlp, rto] = buildLog(probe);
    expect(sentence(tlp!, translator('en'))).toContain('FIN,ACK (tail loss probe)');
    expect(sentence(tlp!, translator('zh-CN'))).toContain('FIN,ACK（尾部丢包探测）');
    expect(sentence(rto!, translator('en'))).toContain('FIN,ACK (retransmission)');
  });
  it('formats results like the application saw them', () => {
    expect(callText('read', '0')).toBe('read() = 0');
    expect(callText('connect', 'ECONNREFUSED')).toBe('connect() = -1 ECONNREFUSED');
  });
  it('narrates a whole run without losing state changes', () => {
    const w = new World({ steps: [{ at: 0, peer: 'server', do: 'listen' }, { at: 0.1, peer: 'client', do: 'connect' }, { at: 1, peer: 'client', do: 'close' }] });
    w.runUntil(3);
    const text = buildLog(w.trace).map((l) => sentence(l, translator('en')));
    expect(text).toContain('The client received SYN,ACK and sent ACK: SYN_SENT → ESTABLISHED'.replace('sent ACK', 'answered ACK'));
    const states = w.trace.filter((e) => e.type === 'state').length;
    expect(text.filter((s) => s.includes('→')).length).toBeGreaterThanOrEqual(states);
  });
});
