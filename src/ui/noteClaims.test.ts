import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../scenarios/index.ts';
import { viewOf } from '../sim/view.ts';
import { noteClaims } from './noteClaims.ts';
import { SimController } from './sim/controller.ts';

describe('reading what a note says about the picture', () => {
  it('takes the state a named peer enters or is in', () => {
    expect(noteClaims('The client calls close(): it sends its FIN and enters FIN_WAIT_1.', 'en')).toEqual([{ peer: 'client', state: 'FIN_WAIT_1' }]);
    expect(noteClaims('The final ACK reaches the server: LAST_ACK → CLOSED.', 'en')).toEqual([{ peer: 'server', state: 'CLOSED' }]);
    expect(noteClaims('服务器端收到 FIN 并回复 ACK，连接进入 CLOSE_WAIT。', 'zh-CN')).toEqual([{ peer: 'server', state: 'CLOSE_WAIT' }]);
    expect(noteClaims('处于 FIN_WAIT_2 的客户端接收数据。', 'zh-CN')).toEqual([{ peer: 'client', state: 'FIN_WAIT_2' }]);
  });
  it('leaves out states left, negated, hypothetical, or at another named instant', () => {
    expect(noteClaims('The server moves from LISTEN to SYN_RCVD.', 'en')).toEqual([{ peer: 'server', state: 'SYN_RCVD' }]);
    expect(noteClaims('The server side holds no TIME_WAIT.', 'en')).toEqual([]);
    expect(noteClaims('Without keepalive the client would stay ESTABLISHED.', 'en')).toEqual([]);
    expect(noteClaims('The server enters CLOSE_WAIT at 2.05 s.', 'en', 2)).toEqual([]);
    expect(noteClaims('The server enters CLOSE_WAIT at 2.05 s.', 'en', 2.05)).toEqual([{ peer: 'server', state: 'CLOSE_WAIT' }]);
  });
});

describe('every note agrees with the picture at its instant', () => {
  for (const sc of SCENARIOS) {
    it(sc.id, () => {
      sc.notes.forEach((n, i) => {
        // the note's instant: every event at its time has run
        const c = new SimController({ scenario: sc, profile: sc.profile ?? 'linux', knobs: {} }, n.at);
        c.advanceTo(n.at);
        const peers = viewOf(c.world).peers;
        for (const lang of ['en', 'zh-CN'] as const) {
          for (const claim of noteClaims(n.text[lang], lang, n.at)) {
            expect(`${sc.id} notes[${i}] (${n.at} s, ${lang}): ${claim.peer} ${peers[claim.peer].state}`).toBe(`${sc.id} notes[${i}] (${n.at} s, ${lang}): ${claim.peer} ${claim.state}`);
          }
        }
      });
    });
  }
  it('finds claims to check in most notes (the reading is not vacuous)', () => {
    const all = SCENARIOS.flatMap((sc) => sc.notes.flatMap((n) => noteClaims(n.text.en, 'en', n.at)));
    expect(all.length).toBeGreaterThan(40);
  });
});
