/**
 * What a scenario note says about the picture: for each TCP state name in the note, the peer it
 * is said to be in (or to have entered) at the note's instant. Used to highlight what a note
 * names and to check (scenarioNotes.test.ts) that notes and pictures agree.
 *
 * The reading is deliberately simple and conservative: a state counts when its sentence has a
 * subject peer (the last "client"/"server" named before it in that sentence) and it is not the
 * state left ("from X", "X →"), passed ("through X"), or part of a hypothetical or general remark
 * ("would", "if", "until", "without", "see", ...).
 */
import type { PeerName } from '../sim/types.ts';
import type { TcpState } from '../tcp/states.ts';
import { TCP_STATES } from '../tcp/states.ts';

export interface NoteClaim {
  peer: PeerName;
  state: TcpState;
}

export type Lang = 'en' | 'zh-CN';

const STATE_RE = new RegExp(`\\b(${TCP_STATES.join('|')})\\b`, 'g');
const PEER_RE: Record<Lang, RegExp> = {
  en: /\b(client|server)(?:'s|’s)?\b/gi,
  'zh-CN': /(客户端|服务器端|服务器)/g,
};
const SENTENCE_RE: Record<Lang, RegExp> = { en: /(?<=[.!?])\s+(?=[A-Z(“"])/, 'zh-CN': /(?<=[。！？])/ };
/** words that make a sentence about another case: a hypothesis, a general remark, a pointer elsewhere */
const ASIDE_RE: Record<Lang, RegExp> = {
  en: /\b(would|if|unless|without|see|never|instead|could|can|whether|unlike)\b/i,
  'zh-CN': /(如果|否则|参见|会一直|就会|可能|以免|不同）)/,
};
/** an explicit instant in a sentence ("at 2.05 s", "from 2.1 s", "在 2.4 秒"): the sentence is about that instant */
const TIME_RE: Record<Lang, RegExp> = {
  en: /\b(?:at|from|by|until)\s+(\d+(?:\.\d+)?)\s*s\b/g,
  // an instant ("在 2.05 秒", "2.1 秒时", "预定 62.3 秒"), not a duration ("持续 60 秒", "空闲 10 秒后")
  'zh-CN': /(?:(?:在|于|到|至|预定)\s*(\d+(?:\.\d+)?)\s*秒)|(?:(\d+(?:\.\d+)?)\s*秒(?:时|起))/g,
};
/** right before a state that is left, passed or ended rather than entered */
const LEFT_BEFORE_RE: Record<Lang, RegExp> = {
  en: /\b(from|through|via|leaves|left|passes|leaving|ends|end|a|an|no|not)\s+(the\s+)?((client|server)(?:'s|’s)\s+)?$/i,
  'zh-CN': /(从|经|经过|离开|不会进入|没有|结束了(客户端|服务器端|服务器)的)\s*$/,
};
/** right after a state that is left, ended, or not a peer's state at all ("a CLOSED port") */
const LEFT_AFTER_RE = /^\s*(→|->|to\s+[A-Z_]{4,}|ends|expires|port|socket|timer|结束|到期|端口|套接字|定时器)/;
/** Chinese attributive: "处于 FIN_WAIT_2 的客户端" names the peer after the state */
const ZH_ATTRIBUTIVE_RE = /^\s*(?:状态)?的(客户端|服务器端|服务器)/;

const peerOf = (word: string): PeerName => (/client|客户端/i.test(word) ? 'client' : 'server');

/** The sentences of a note that speak of its own instant: no hypothesis or aside, no other instant named. */
export function sentencesAbout(text: string, lang: Lang, at?: number): string[] {
  return text.split(SENTENCE_RE[lang]).filter((sentence) => {
    if (ASIDE_RE[lang].test(sentence)) return false;
    return at === undefined || ![...sentence.matchAll(TIME_RE[lang])].some((m) => Math.abs(Number(m[1] ?? m[2]) - at) > 1e-9);
  });
}

/** The peers a sentence names, with where. */
export function peersNamed(sentence: string, lang: Lang): { at: number; peer: PeerName }[] {
  return [...sentence.matchAll(PEER_RE[lang])].map((m) => ({ at: m.index, peer: peerOf(m[1]!) }));
}

/**
 * The claims of a note shown at `at` seconds. A sentence that names another instant is about
 * that instant and makes no claim about this one. Within a sentence, the last state named for
 * a peer is where that peer is said to be.
 */
export function noteClaims(text: string, lang: Lang, at?: number): NoteClaim[] {
  const out: NoteClaim[] = [];
  for (const sentence of sentencesAbout(text, lang, at)) {
    const peers = peersNamed(sentence, lang);
    const last = new Map<PeerName, TcpState>();
    for (const m of sentence.matchAll(STATE_RE)) {
      const before = sentence.slice(0, m.index);
      const after = sentence.slice(m.index + m[0].length);
      if (LEFT_BEFORE_RE[lang].test(before) || LEFT_AFTER_RE.test(after)) continue;
      const attributive = lang === 'zh-CN' ? ZH_ATTRIBUTIVE_RE.exec(after) : null;
      const subject = attributive ? peerOf(attributive[1]!) : peers.filter((p) => p.at < m.index).at(-1)?.peer;
      if (subject) last.set(subject, m[1] as TcpState);
    }
    for (const [peer, state] of last) if (!out.some((c) => c.peer === peer && c.state === state)) out.push({ peer, state });
  }
  return out;
}
