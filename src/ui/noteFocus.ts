/**
 * What a lesson's note names, so the page can highlight it while the note is shown: the peers,
 * the states (noteClaims.ts), the segments (by their flags, e.g. "FIN", "SYN,ACK") and the timers
 * (RTO, TIME_WAIT, FIN_WAIT_2, keepalive, delayed ACK). Only the sentences that speak of the note's
 * own instant count (no hypothesis, no other instant); a thing the note says is absent ("no FIN",
 * "no timer") is not named. Pure: text in, names out.
 */
import type { PeerName, SegmentView, TimerName } from '../sim/types.ts';
import type { TcpState } from '../tcp/states.ts';
import type { Lang, NoteClaim } from './noteClaims.ts';
import { noteClaims, peersNamed, sentencesAbout } from './noteClaims.ts';

export interface NoteFocus {
  claims: NoteClaim[];
  /** states said to be a peer's */
  states: TcpState[];
  peers: PeerName[];
  /** flag sets named, in the DESIGN.md spelling (`SYN`, `SYN,ACK`, `FIN`, `ACK`, ...) */
  flags: string[];
  /** timers named, with the peer they are said to belong to when the sentence names one */
  timers: { timer: TimerName; peer?: PeerName }[];
}

const FLAGS_RE = /(?<![A-Z_])(SYN,ACK|FIN,ACK|RST,ACK|PSH,ACK|SYN|FIN|RST|ACK)(?![A-Z_,])/g;
/** right before a thing said to be absent */
const ABSENT_RE: Record<Lang, RegExp> = {
  en: /\b(no|not|without|never)\s+(\w+\s+)?$/i,
  'zh-CN': /(没有|不启动|不发送|没|无)\s*$/,
};

const TIMER_RE: Record<Lang, [TimerName, RegExp][]> = {
  en: [
    ['RTO', /\bRTO\b|retransmission timer|retransmission timeout/gi],
    ['KEEPALIVE', /\bkeepalive\b/gi],
    ['FIN_WAIT_2', /FIN_WAIT_2 timer|tcp_fin_timeout/g],
    // the state's name with its duration or its end: the TIME_WAIT timer
    ['TIME_WAIT', /TIME_WAIT\b(?=[^.]*?\b(\d+ s\b|timer|due)\b)|\b\d+ s timer\b/g],
    ['DELACK', /delayed ACK/gi],
  ],
  'zh-CN': [
    ['RTO', /RTO|重传定时器|重传超时/g],
    ['KEEPALIVE', /保活|keepalive/gi],
    ['FIN_WAIT_2', /FIN_WAIT_2 定时器|tcp_fin_timeout/g],
    ['TIME_WAIT', /TIME_WAIT(?=[^。]*?(\d+ 秒|定时器|计时|预定))|\d+ 秒(定时器|计时)/g],
    ['DELACK', /延迟确认|延迟 ACK/g],
  ],
};

const uniq = <T,>(xs: T[]): T[] => [...new Set(xs)];

export function noteFocus(text: string, lang: Lang, at?: number): NoteFocus {
  const claims = noteClaims(text, lang, at);
  const peers: PeerName[] = [];
  const flags: string[] = [];
  const timers: NoteFocus['timers'] = [];
  for (const sentence of sentencesAbout(text, lang, at)) {
    const named = peersNamed(sentence, lang);
    for (const p of named) peers.push(p.peer);
    for (const m of sentence.matchAll(FLAGS_RE)) if (!ABSENT_RE[lang].test(sentence.slice(0, m.index))) flags.push(m[1]!);
    for (const [timer, re] of TIMER_RE[lang]) {
      for (const m of sentence.matchAll(re)) {
        if (ABSENT_RE[lang].test(sentence.slice(0, m.index))) continue;
        const peer = named.filter((p) => p.at < m.index).at(-1)?.peer;
        if (!timers.some((x) => x.timer === timer && x.peer === peer)) timers.push(peer ? { timer, peer } : { timer });
      }
    }
  }
  return { claims, states: uniq(claims.map((c) => c.state)), peers: uniq(peers), flags: uniq(flags), timers };
}

/** Whether a segment's flags are what a note calls `named`: "FIN" is a FIN (with its ACK), "ACK" a bare ACK, "SYN" the SYN without ACK. */
export function flagsMatch(named: string, flags: readonly string[]): boolean {
  const want = named.split(',');
  if (!want.every((f) => flags.includes(f))) return false;
  const extra = flags.filter((f) => !want.includes(f));
  if (named === 'ACK') return extra.length === 0;
  if (want.includes('SYN') && !want.includes('ACK') && flags.includes('ACK')) return false;
  return extra.every((f) => f === 'ACK' || f === 'PSH');
}

/** The segments a note's named flags point at: for each, the newest such segment sent by the note's instant. */
export function notedSegments(segments: readonly SegmentView[], named: readonly string[], at: number): number[] {
  const out: number[] = [];
  for (const n of named) {
    for (let i = segments.length - 1; i >= 0; i--) {
      const s = segments[i]!;
      if (s.sentAt <= at + 1e-9 && flagsMatch(n, s.flags)) {
        if (!out.includes(s.id)) out.push(s.id);
        break;
      }
    }
  }
  return out;
}

/** Whether a timer is one the note names. */
export const timerNoted = (timers: NoteFocus['timers'], timer: string, peer: PeerName): boolean => timers.some((x) => x.timer === timer && (x.peer === undefined || x.peer === peer));
