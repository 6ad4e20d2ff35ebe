import { describe, expect, it } from 'vitest';
import type { Segment } from '../segment.ts';
import { EffectList } from './effectlist.ts';

const seg: Segment = { srcPort: 1, dstPort: 2, seq: 10, ack: 0, flags: { SYN: true }, len: 0, win: 100 };

describe('EffectList', () => {
  it('gives back the effects in order, each with its kind’s fields', () => {
    const l = new EffectList();
    l.send(3, seg, true, 7);
    l.timer(3, 'RTO', 'set', 0.2);
    l.push({ kind: 'state', sock: 3, from: 'CLOSED', to: 'SYN_SENT', cause: 'connect' });
    l.timer(3, 'DELACK', 'cancel', 0);
    l.app(3, 'connect', '0');
    expect(l.toArray()).toStrictEqual([
      { kind: 'send', sock: 3, seg, rtx: true, addr: 7 },
      { kind: 'timer', sock: 3, timer: 'RTO', action: 'set', delay: 0.2 },
      { kind: 'state', sock: 3, from: 'CLOSED', to: 'SYN_SENT', cause: 'connect' },
      { kind: 'timer', sock: 3, timer: 'DELACK', action: 'cancel' },
      { kind: 'app', sock: 3, call: 'connect', result: '0' },
    ]);
  });

  it('reuses its records after clear(), while toArray() copies stay as they were', () => {
    const l = new EffectList();
    l.timer(1, 'RTO', 'set', 1);
    const before = l.toArray();
    const rec = l.at(0);
    l.clear();
    l.app(9, 'read', '5');
    expect(l.length).toBe(1);
    expect(l.at(0)).toBe(rec);
    expect(l.at(0)).toMatchObject({ kind: 'app', sock: 9, call: 'read', result: '5' });
    expect(before).toStrictEqual([{ kind: 'timer', sock: 1, timer: 'RTO', action: 'set', delay: 1 }]);
  });

  it('does not keep a pushed object, nor a sent segment once its record holds another kind', () => {
    const l = new EffectList();
    const e = { kind: 'app', sock: 1, call: 'accept', result: '4' } as const;
    l.push(e);
    expect(l.at(0)).not.toBe(e);
    l.clear();
    l.send(1, seg, false, 0);
    l.clear();
    l.state(1, 'ESTABLISHED', 'CLOSE_WAIT', 'rcv FIN,ACK');
    expect((l.at(0) as unknown as { seg: unknown }).seg).toBeNull();
  });
});
