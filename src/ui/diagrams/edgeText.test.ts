import { describe, expect, it } from 'vitest';
import { EDGES } from '../../tcp/machine/edges.ts';
import { edgeText, ZH_ON } from './edgeText.ts';

describe('edge labels in both languages', () => {
  it('every event label the machine uses has a Chinese text (a new guard without one fails here)', () => {
    for (const e of EDGES) expect(ZH_ON[e.on], e.id).toBeTruthy();
  });
  it('reads as the RFC notation in English and with 收/发 in Chinese', () => {
    const e = EDGES.find((x) => x.from === 'LISTEN' && x.to === 'SYN_RCVD')!;
    expect(edgeText(e, 'en')).toBe('rcv SYN / snd SYN,ACK');
    expect(edgeText(e, 'zh-CN')).toBe('收 SYN / 发 SYN,ACK');
  });
});
