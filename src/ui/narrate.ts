/**
 * The event log in plain sentences. `buildLog` groups trace events (pure, no language);
 * `sentence` renders one group with a dictionary.
 */
import type { PeerName, TraceEvent, TraceSegment } from '../sim/types.ts';
import type { Translate } from './i18n/index.ts';

export interface SegRef {
  flags: string;
  len: number;
  id: number;
  retransmit: boolean;
  /** a tail loss probe (RFC 8985): a retransmission sent before the RTO, named as the ladder names it */
  tlp: boolean;
}

export type LogLine =
  | { kind: 'deliver'; t: number; index: number; peer: PeerName; seg: SegRef; sends: SegRef[]; from?: string; to?: string }
  | { kind: 'call'; t: number; index: number; peer: PeerName; call: string; result: string; sends: SegRef[]; from?: string; to?: string }
  | { kind: 'fire'; t: number; index: number; peer: PeerName; timer: string; sends: SegRef[]; from?: string; to?: string }
  | { kind: 'host'; t: number; index: number; peer: PeerName; what: 'crash' | 'reboot' }
  | { kind: 'send'; t: number; index: number; peer: PeerName; sends: SegRef[] }
  | { kind: 'state'; t: number; index: number; peer: PeerName; from: string; to: string; cause: string }
  | { kind: 'drop'; t: number; index: number; peer: PeerName; seg: SegRef; reason: string }
  | { kind: 'timer'; t: number; index: number; peer: PeerName; timer: string; action: 'set' | 'cancel'; due?: number };

const ref = (s: TraceSegment, retransmit = false, tlp = false): SegRef => ({ flags: s.flags.join(',') || '-', len: s.len, id: s.id, retransmit, tlp });
/** A sent segment as the log names it (a retransmission, a tail loss probe). */
const sent = (e: Extract<TraceEvent, { type: 'send' }>): SegRef => ref(e.seg, !!e.retransmit, !!e.tlp);

/** `read() = 0`, `connect() = -1 ECONNREFUSED`. */
export function callText(call: string, result: string): string {
  return `${call}() = ${/^-?\d+$/.test(result) ? result : `-1 ${result}`}`;
}

/**
 * Group the trace: a delivery, an application call or a timer expiry absorbs the sends and the
 * state change of the same peer at the same instant; timer set/cancel lines follow on their own.
 */
export function buildLog(trace: readonly TraceEvent[]): LogLine[] {
  const out: LogLine[] = [];
  appendLog(trace, 0, out);
  return out;
}

/**
 * The lines of trace[from…] appended to `out` (`from` must start a group). Returns where the
 * last group began, in the trace and in `out`: the last group may still grow with later events
 * of the same instant, so an incremental reader rebuilds from there (see LogCache).
 */
export function appendLog(trace: readonly TraceEvent[], from: number, out: LogLine[]): { traceAt: number; linesAt: number } {
  let i = from;
  let last = { traceAt: from, linesAt: out.length };
  while (i < trace.length) {
    const e = trace[i]!;
    const index = i;
    last = { traceAt: i, linesAt: out.length };
    i++;
    if (e.type === 'app' && (e.call === 'crash' || e.call === 'reboot')) {
      out.push({ kind: 'host', t: e.t, index, peer: e.peer, what: e.call });
      continue;
    }
    if (e.type === 'deliver' || (e.type === 'app' && e.result !== 'EAGAIN') || (e.type === 'timer' && e.action === 'fire')) {
      const sends: SegRef[] = [];
      const deferred: LogLine[] = [];
      let from: string | undefined;
      let to: string | undefined;
      // absorb same-instant, same-peer sends, one state change, timer set/cancel (deferred)
      while (i < trace.length) {
        const n = trace[i]!;
        if (n.t !== e.t || n.peer !== e.peer) break;
        if (n.type === 'send') sends.push(sent(n));
        else if (n.type === 'state' && from === undefined) {
          from = n.from;
          to = n.to;
        } else if (n.type === 'timer' && n.action !== 'fire') deferred.push({ kind: 'timer', t: n.t, index: i, peer: n.peer, timer: n.timer, action: n.action, ...(n.due !== undefined ? { due: n.due } : {}) });
        else if (n.type === 'app' && e.type === 'app' && n.call === e.call && n.result === e.result) {
          /* duplicate */
        } else break;
        i++;
      }
      const st = from !== undefined ? { from, to } : {};
      if (e.type === 'deliver') out.push({ kind: 'deliver', t: e.t, index, peer: e.peer, seg: ref(e.seg), sends, ...st });
      else if (e.type === 'app') out.push({ kind: 'call', t: e.t, index, peer: e.peer, call: e.call, result: e.result, sends, ...st });
      else if (e.type === 'timer') out.push({ kind: 'fire', t: e.t, index, peer: e.peer, timer: e.timer, sends, ...st });
      out.push(...deferred);
      continue;
    }
    switch (e.type) {
      case 'app':
        continue; // EAGAIN polling by the automatic reader is noise
      case 'send': {
        const sends = [sent(e)];
        while (i < trace.length && trace[i]!.type === 'send' && trace[i]!.t === e.t && trace[i]!.peer === e.peer) {
          const n = trace[i] as Extract<TraceEvent, { type: 'send' }>;
          sends.push(sent(n));
          i++;
        }
        out.push({ kind: 'send', t: e.t, index, peer: e.peer, sends });
        continue;
      }
      case 'state':
        out.push({ kind: 'state', t: e.t, index, peer: e.peer, from: e.from, to: e.to, cause: e.cause });
        continue;
      case 'drop':
        out.push({ kind: 'drop', t: e.t, index, peer: e.peer, seg: ref(e.seg), reason: e.reason });
        continue;
      case 'timer':
        if (e.action !== 'fire') out.push({ kind: 'timer', t: e.t, index, peer: e.peer, timer: e.timer, action: e.action, ...(e.due !== undefined ? { due: e.due } : {}) });
        continue;
      default:
        continue;
    }
  }
  return last;
}

export const fmtTime = (t: number): string => String(Math.round(t * 1000) / 1000);

function segText(s: SegRef, t: Translate): string {
  const base = s.len > 0 ? t('log.bytes', { flags: s.flags, n: s.len }) : s.flags;
  return s.tlp ? t('log.tlp', { seg: base }) : s.retransmit ? t('log.rtx', { seg: base }) : base;
}

/** Causes a state change can have on its own line (not a segment, call or timer), in words. */
const CAUSES = ['host crash', 'start', 'tcp_max_tw_buckets overflow'] as const;
export function causeText(cause: string, t: Translate): string {
  return (CAUSES as readonly string[]).includes(cause) ? t(`cause.${cause as (typeof CAUSES)[number]}`) : cause;
}

/** Why the network dropped a segment, in words. */
const REASONS = ['drop-next', 'loss', 'partition', 'host-down'] as const;
export function reasonText(reason: string, t: Translate): string {
  return (REASONS as readonly string[]).includes(reason) ? t(`reason.${reason as (typeof REASONS)[number]}`) : reason;
}

/** What the application saw, for the peers panel: `read() = 0`; host events in words. */
export function resultText(call: string, result: string, t: Translate): string {
  if (call === 'crash') return t('result.crash');
  if (call === 'reboot') return t('result.reboot');
  return callText(call, result);
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One log line as a sentence in the dictionary's language. */
export function sentence(l: LogLine, t: Translate): string {
  const peer = t(l.peer === 'client' ? 'log.peer.client' : 'log.peer.server');
  const segs = (xs: SegRef[]) => xs.map((s) => segText(s, t)).join(', ');
  const tail = (x: { sends: SegRef[]; from?: string; to?: string }, verb: 'log.answered' | 'log.sentAlso') =>
    (x.sends.length ? t(verb, { segs: segs(x.sends) }) : '') + (x.from !== undefined ? t('log.transition', { from: x.from, to: x.to ?? '' }) : '');
  switch (l.kind) {
    case 'deliver':
      return t('log.received', { peer, seg: segText(l.seg, t) }) + tail(l, 'log.answered');
    case 'call':
      return t('log.called', { peer, call: callText(l.call, l.result) }) + tail(l, 'log.sentAlso');
    case 'fire':
      return cap(t('log.timerFire', { peer, timer: l.timer })) + tail(l, 'log.sentAlso');
    case 'host':
      return t(l.what === 'crash' ? 'log.crash' : 'log.reboot', { peer });
    case 'send':
      return t('log.sent', { peer, segs: segs(l.sends) });
    case 'state':
      return t('log.stateOnly', { peer, from: l.from, to: l.to, cause: causeText(l.cause, t) });
    case 'drop': {
      return t('log.dropped', { seg: segText(l.seg, t), to: t(l.peer === 'client' ? 'peer.client' : 'peer.server'), reason: reasonText(l.reason, t) });
    }
    case 'timer':
      return l.action === 'set' ? t('log.timerSet', { peer, timer: l.timer, due: fmtTime(l.due ?? l.t) }) : t('log.timerCancel', { peer, timer: l.timer });
  }
}
