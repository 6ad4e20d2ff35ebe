/**
 * The endpoint machine's guards as plain functions of (TCB, event, params).
 * setup.ts wraps each for XState; the derived stepper calls them directly, so
 * both engines decide with the same code.
 */
import { retriesExhausted } from '../rules/rto.ts';
import type { SegmentVerdict, Verdict } from '../rules/verdict.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import { flag, TF } from '../tcb.ts';
import type { EndpointEvent } from './events.ts';

/**
 * Whether an orphan's FIN_WAIT_2 runs in two parts (Linux, its wait beyond TIME_WAIT's
 * length): first the wait minus that length as a full socket (tcp_close() and
 * tcp_rcv_state_process() arm the keepalive timer for it), then the same again in a TIME_WAIT
 * bucket (tcp_time_wait(sk, TCP_FIN_WAIT2, tmo)). With 90 s the socket is gone after 60 s.
 */
export const finWait2Split = (t: Tcb): boolean => t.k.tw_minisock === 1 && finTime(t) > t.k.time_wait_len;

/**
 * How long an orphan waits in FIN_WAIT_2: tcp_fin_timeout, but under Linux never less than
 * 3.5 RTO (tcp_fin_time(): with tcp_fin_timeout 0 about a second); under rfc9293, 0 is no timer.
 */
export const finTime = (t: Tcb): number => (t.k.profile === 'linux' ? Math.max(t.k.tcp_fin_timeout, 3.5 * t.rto) : t.k.tcp_fin_timeout);

export type Guard<P = undefined> = (t: Tcb, e: EndpointEvent, p: P) => boolean;

/** State name at the time a guard or action runs: the chart passes it as a param where it matters. */
export type StateParam = { state: TcpState };

export const verdictOf = (e: EndpointEvent): Verdict | null => (e.type === 'SEGMENT' ? e.v : null);
const seg = (e: EndpointEvent): SegmentVerdict | null => (e.type === 'SEGMENT' && e.v.kind === 'segment' ? e.v : null);
const kindIs =
  (k: Verdict['kind']): Guard =>
  (_t, e) =>
    e.type === 'SEGMENT' && e.v.kind === k;

export const GUARDS = {
  replyAck: kindIs('ack'),
  replyRst: kindIs('rst-reply'),
  rcvSyn: kindIs('syn'),
  rcvSynAck: kindIs('syn-ack'),
  rcvSynAckWithFin: (_t, e) => e.type === 'SEGMENT' && e.v.kind === 'syn-ack' && e.v.fin,
  rcvRstForSyn: kindIs('refused'),
  rcvRst: kindIs('reset'),
  rcvSynInWindow: kindIs('syn-reset'),
  rcvSynAgain: kindIs('syn-again'),
  rcvNewSyn: kindIs('tw-new-syn'),
  rcvAck: (_t, e) => seg(e) !== null,
  rcvFin: (_t, e) => !!seg(e)?.fin,
  rcvAckOfFin: (_t, e) => !!seg(e)?.finAcked,
  rcvFinAndAckOfFin: (_t, e) => {
    const v = seg(e);
    return !!v && v.fin && v.finAcked;
  },
  rcvDataAfterClose: (_t, e) => !!seg(e)?.dataAfterClose,
  passiveOpen: (t) => flag(t, TF.passive),
  /** the retransmission timer was armed as a tail loss probe */
  tlpDue: (t) => flag(t, TF.tlpArmed),
  /** rst_after_fin_epipe: a RST after the peer's FIN reports EPIPE (Linux tcp_reset() in CLOSE_WAIT) */
  rstAfterFinEpipe: (t) => t.k.rst_after_fin_epipe === 1,
  /** tw_restart_on_ack: TIME_WAIT restarts on every segment carrying an ACK (Linux tcp_timewait_state_process()) */
  twAnswerRestarts: (t, e) => t.k.tw_restart_on_ack === 1 && e.type === 'SEGMENT' && !!e.seg.flags.ACK && !e.seg.flags.RST,
  /** Linux pingpong mode: the ACK of a bare FIN waits for the delayed-ACK timer */
  delayFinAck: (t, e) => {
    const v = seg(e);
    return flag(t, TF.pingpong) && t.k.delayed_ack > 0 && !!v && v.fin && v.data === 0;
  },
  /** close() must reset: unread data (RFC 1122 4.2.2.13, Linux) or SO_LINGER 0 */
  closeResets: (t) => t.unread > 0 || flag(t, TF.linger0),
  retriesLeft: ((t, e, p) => !retriesExhausted(t.k, p.state, t, e.now)) as Guard<StateParam>,
  keepaliveNotIdle: (t, e) => t.kaProbes === 0 && e.now - t.lastRcvAt < t.keepalive.idle - 1e-9,
  keepaliveProbesLeft: (t) => t.kaProbes < t.keepalive.cnt,
  orphan: (t) => flag(t, TF.orphan),
  /**
   * Linux: an orphan's FIN_WAIT_2 timer ran out the part of tcp_fin_timeout beyond TIME_WAIT's
   * length (tcp_keepalive_timer()), so it moves into a TIME_WAIT bucket instead of ending
   */
  finWait2Excess: (t) => finWait2Split(t) && !flag(t, TF.finWait2Bucket),
} satisfies Record<string, Guard<never>>;

export type GuardName = keyof typeof GUARDS;
