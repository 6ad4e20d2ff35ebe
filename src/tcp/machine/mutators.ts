/**
 * The endpoint machine's actions as named mutators: plain functions that change
 * the TCB in place and report what the host must do to `fx`. This is the one
 * implementation of each action: setup.ts generates the XState actions from
 * these (adapter.ts) and the derived stepper calls them directly.
 *
 * Ordering rules (each has a unit test in mutators.test.ts):
 * - sendSyn, sendSynAck, keepalive probes and retransmit build their segment from
 *   the TCB as it was before the action changes it;
 * - acceptSegment re-arms the retransmission timer with the RTO from before the
 *   RTT sample it takes;
 * - retransmit arms its timer with the RTO after back-off;
 * - ackData builds its ACK from the TCB after the actions before it (acceptSegment).
 */
import type { Errno } from '../errno.ts';
import { onAcked, onRto, probeTimeout } from '../rules/congestion.ts';
import type { Output } from '../rules/build.ts';
import { ackSegment, finAgainSegment, headSegment, keepaliveProbe, lossProbe, pendingWriteEnds, resetFor, rstAckSegment, synAckSegment, synSegment, takeOutput } from '../rules/build.ts';
import { oowAckCounts, oowAckSuppressed } from '../rules/ratelimit.ts';
import { afterSegment } from '../rules/reassembly.ts';
import type { RttEstimate } from '../rules/rto.ts';
import { backoff, rttSample } from '../rules/rto.ts';
import type { Segment } from '../segment.ts';
import { seqAdd, seqField, seqGe } from '../seq.ts';
import type { Tcb } from '../tcb.ts';
import { flag, setFlag, TF, UNSET } from '../tcb.ts';
import type { EndpointEvent } from './events.ts';
import type { Fx } from './fx.ts';
import { TIMER_NAMES } from './fx.ts';
import type { StateParam } from './guards.ts';
import { finTime, finWait2Split, verdictOf } from './guards.ts';

export type Mutator<P = undefined> = (t: Tcb, e: EndpointEvent, fx: Fx, p: P) => void;

const segOf = (e: EndpointEvent): Segment => {
  if (e.type !== 'SEGMENT') throw new Error(`expected SEGMENT, got ${e.type}`);
  return e.seg;
};

const inFlight = (t: Tcb): number => (t.sndNxt - t.sndUna) >>> 0;

/**
 * Arm the retransmission timer after a send or an ACK with data outstanding: as a
 * tail loss probe when one is due (RFC 8985; Linux tcp_schedule_loss_probe()),
 * else as the RTO.
 */
const armRtoOrProbe = (t: Tcb, fx: Fx, rto: number): void => {
  const pto = probeTimeout(t, inFlight(t));
  setFlag(t, TF.tlpArmed, pto !== null);
  fx.set('RTO', pto ?? rto);
};

/** output()'s scratch result (takeOutput fills it; nothing keeps it past the mutator) */
const OUTPUT: Output = { segs: [], n: 0, sndNxt: 0, unsent: 0, finSeq: UNSET, writeEnds: [] };

/** rttSample()'s scratch result (read at once into the TCB) */
const RTT: RttEstimate = { srtt: 0.5, rttvar: 0.5, rto: 0.5 };

const startSyn = (t: Tcb, now: number): void => {
  t.sndUna = t.iss;
  t.sndNxt = seqAdd(t.iss, 1);
  t.rttSeq = seqAdd(t.iss, 1);
  t.rttAt = now;
};

export const MUTATORS = {
  sendSyn: (t, e, fx) => {
    const syn = synSegment(t);
    startSyn(t, e.now);
    t.retries = 0;
    t.headSentAt = e.now;
    fx.send(syn, false);
    fx.set('RTO', t.rto);
  },
  /** Take the peer's SYN: IRS, RCV.NXT, its window and MSS (and data or FIN riding on it). */
  recordSyn: (t, e) => {
    const s = segOf(e);
    const v = verdictOf(e);
    const data = v && (v.kind === 'syn' || v.kind === 'syn-ack') ? v.data : 0;
    const fin = v && (v.kind === 'syn' || v.kind === 'syn-ack') ? v.fin : false;
    // A crossing SYN's text waits for ESTABLISHED (releaseHeldText).
    const hold = v?.kind === 'syn' ? data : 0;
    t.irs = seqField(s.seq);
    t.rcvNxt = seqAdd(s.seq, 1 + data - hold + (fin ? 1 : 0));
    t.unread = t.unread + data - hold;
    t.heldData = hold;
    setFlag(t, TF.peerFin, fin);
    t.sndWnd = s.win;
    t.maxSndWnd = Math.max(t.maxSndWnd, s.win);
    t.sndMss = Math.min(t.k.mss, s.mss ?? 536);
    setFlag(t, TF.sackOk, !!s.sackOk && t.k.tcp_sack === 1);
    t.lastRcvAt = e.now;
  },
  sendSynAck: (t, e, fx) => {
    const synAck = synAckSegment(t);
    startSyn(t, e.now);
    t.headSentAt = e.now;
    fx.send(synAck, false);
    fx.set('RTO', t.rto);
  },
  resendSynAck: (t, _e, fx) => fx.send(synAckSegment(t), true),
  sendAck: (t, _e, fx) => fx.send(ackSegment(t), false),
  /**
   * The ACK that answers an invalid segment (out of window, RFC 5961 challenge,
   * TIME_WAIT): at most one per tcp_invalid_ratelimit per socket (Linux).
   */
  sendOowAck: (t, e, fx) => {
    const s = segOf(e);
    if (oowAckSuppressed(t, s, e.now)) return;
    if (oowAckCounts(t, s)) t.lastOowAckAt = e.now;
    fx.send(ackSegment(t), false);
  },
  /** FIN_WAIT_1 -> CLOSING: ACK the peer's FIN; with simclose_ack_with_fin the ACK repeats our FIN. */
  ackCrossingFin: (t, _e, fx) => fx.send(t.k.simclose_ack_with_fin && t.finSeq !== UNSET ? finAgainSegment(t) : ackSegment(t), false),
  /** reply to a segment that does not belong here: <SEQ=SEG.ACK><CTL=RST> or RST,ACK */
  sendRstReply: (_t, e, fx) => fx.send(resetFor(segOf(e)), false),
  sendRstAck: (t, _e, fx) => fx.send(rstAckSegment(t), false),
  /** RFC 9293 §3.10.7.4 fifth to eighth steps for an acceptable segment: ACK field, text, FIN. */
  acceptSegment: (t, e, fx) => {
    const s = segOf(e);
    const v = verdictOf(e);
    if (!v || (v.kind !== 'segment' && v.kind !== 'syn-ack')) return;
    // The timer is re-armed with the RTO from before this segment's RTT sample.
    const rtoBefore = t.rto;
    const newAck = seqGe(s.ack, t.sndUna) && s.ack !== t.sndUna;
    if (s.flags.ACK && newAck) {
      // the ACK of our SYN opens the window at its initial size (tcp_init_transfer()); later ACKs grow it
      if (v.kind === 'segment' && t.sndUna !== t.iss) onAcked(t, Math.ceil(((s.ack - t.sndUna) >>> 0) / t.sndMss));
      if (t.tlpHighSeq !== UNSET && seqGe(s.ack, t.tlpHighSeq)) t.tlpHighSeq = UNSET;
      // everything acknowledged (the usual case): SND.UNA takes SND.NXT's own number, so a TCB
      // idle with both past 2^31 holds one 16-byte box for them, not two
      t.sndUna = s.ack === t.sndNxt ? t.sndNxt : seqField(s.ack);
      if (s.ack === t.sndNxt) {
        fx.cancel('RTO');
        setFlag(t, TF.tlpArmed, false);
      } else armRtoOrProbe(t, fx, rtoBefore);
      t.retries = 0;
      if (t.rttSeq !== UNSET && seqGe(s.ack, t.rttSeq)) {
        const r = rttSample(t.k, t.srtt, t.rttvar, e.now - t.rttAt, RTT);
        t.srtt = r.srtt;
        t.rttvar = r.rttvar;
        t.rto = r.rto;
        t.rttSeq = UNSET;
      }
    }
    t.lastRcvAt = e.now;
    t.kaProbes = 0;
    if (s.flags.ACK) {
      t.sndWnd = s.win;
      t.maxSndWnd = Math.max(t.maxSndWnd, s.win);
    }
    if (v.kind === 'segment') {
      if (v.data > 0) {
        t.rcvNxt = seqAdd(t.rcvNxt, v.data);
        t.unread += v.data;
      }
      if (v.fin) {
        t.rcvNxt = seqAdd(t.rcvNxt, 1);
        setFlag(t, TF.peerFin, true);
      }
      if (v.queue || t.ofo.length > 0 || t.ofoFin !== UNSET) {
        const q = afterSegment(t, t.rcvNxt, v.queue);
        t.ofo = q.ofo;
        t.ofoFin = seqField(q.ofoFin);
      }
    }
  },
  /** ACK what arrived out of order or as new data (immediate ACKs: no delayed-ACK timer for data). Built after acceptSegment moved RCV.NXT. */
  ackData: (t, e, fx) => {
    const v = verdictOf(e);
    if (v?.kind === 'segment' && (v.data > 0 || v.ooo)) fx.send(ackSegment(t), false);
  },
  /** SYN_RCVD -> ESTABLISHED after a simultaneous open: the text that rode on the peer's SYN is now received. */
  releaseHeldText: (t) => {
    if (t.heldData <= 0) return;
    t.rcvNxt = seqAdd(t.rcvNxt, t.heldData);
    t.unread += t.heldData;
    t.heldData = 0;
  },
  queueData: (t, e) => {
    if (e.type !== 'SEND' || e.bytes <= 0) return;
    t.unsent += e.bytes;
    // the write ends here; only writes not yet acknowledged are remembered (at most 64: beyond, PSH
    // falls back to the end of the queued data)
    const ends = pendingWriteEnds(t);
    // an array of the exact size (a spread into a literal reserved room for 17 numbers per write)
    const end = seqAdd(t.sndNxt, t.unsent);
    t.writeEnds = ends.length === 0 ? [end] : ends.length < 64 ? ends.concat(end) : ends;
  },
  queueFin: (t) => {
    setFlag(t, TF.finQueued, true);
  },
  markOrphan: (t) => {
    setFlag(t, TF.orphan, true);
  },
  shutRead: (t) => {
    setFlag(t, TF.shutRd, true);
  },
  consumeRead: (t, e) => {
    t.unread = Math.max(0, t.unread - (e.type === 'READ' ? e.bytes : 0));
  },
  setLinger0: (t, e) => {
    setFlag(t, TF.linger0, e.type === 'SET_LINGER0' && e.on);
  },
  /** Put queued data and a queued FIN on the wire, within the peer's window. */
  output: (t, e, fx) => {
    const r = takeOutput(t, OUTPUT);
    const n = r.n;
    if (n === 0) return;
    const wasIdle = t.sndUna === t.sndNxt;
    // Linux's interactive heuristic (tcp_event_data_sent): data sent within the ACK delay of the last receipt.
    let sentData = false;
    for (let i = 0; i < n; i++) if (r.segs[i]!.len > 0) sentData = true;
    const interactive = sentData && t.k.delayed_ack > 0 && e.now - t.lastRcvAt <= t.k.delayed_ack + 1e-9;
    if (t.rttSeq === UNSET) {
      t.rttSeq = seqField(r.sndNxt);
      t.rttAt = e.now;
    }
    t.sndNxt = seqField(r.sndNxt);
    t.unsent = r.unsent;
    t.finSeq = seqField(r.finSeq);
    t.writeEnds = r.writeEnds;
    if (interactive) setFlag(t, TF.pingpong, true);
    // the head of the retransmission queue was sent now (Linux's retry budget counts from it)
    if (wasIdle) t.headSentAt = e.now;
    for (let i = 0; i < n; i++) fx.send(r.segs[i]!, false);
    // Every segment we send carries the ACK: a pending delayed ACK is done.
    fx.cancel('DELACK');
    const pto = probeTimeout(t, inFlight(t));
    if (pto !== null) {
      setFlag(t, TF.tlpArmed, true);
      fx.set('RTO', pto);
    } else if (wasIdle || flag(t, TF.tlpArmed)) {
      setFlag(t, TF.tlpArmed, false);
      fx.set('RTO', t.rto);
    }
  },
  /** RTO expired: back off, retransmit the head, re-arm with the backed-off RTO (RFC 6298 §5.4-5.6; Karn: stop timing). */
  retransmit: ((t, _e, fx, p) => {
    const head = headSegment(t, p.state);
    t.retries += 1;
    t.rto = backoff(t.k, p.state, t.rto, t.retries);
    t.rttSeq = UNSET;
    onRto(t);
    if (head) fx.send(head, true);
    fx.set('RTO', t.rto);
  }) as Mutator<StateParam>,
  /** The probe timeout expired (RFC 8985 section 7.3): one new segment or the last one again, then the RTO. */
  sendLossProbe: (t, _e, fx) => {
    setFlag(t, TF.tlpArmed, false);
    const p = lossProbe(t);
    if (p) {
      t.sndNxt = seqField(p.sndNxt);
      t.unsent = p.unsent;
      t.finSeq = seqField(p.finSeq);
      t.tlpHighSeq = t.sndNxt;
      fx.send(p.seg, !p.fresh);
    }
    fx.set('RTO', t.rto);
  },
  setError: ((t, _e, _fx, p) => {
    t.error = p.errno;
  }) as Mutator<{ errno: Errno }>,
  armKeepalive: (t, _e, fx) => {
    if (t.keepalive.on) fx.set('KEEPALIVE', t.keepalive.idle);
  },
  setKeepalive: ((t, e, fx, p) => {
    if (e.type !== 'SET_KEEPALIVE') return;
    t.keepalive = e.opts;
    t.kaProbes = 0;
    t.lastRcvAt = e.now;
    if (e.opts.on && p.armed) fx.set('KEEPALIVE', t.keepalive.idle);
    else fx.cancel('KEEPALIVE');
  }) as Mutator<{ armed: boolean }>,
  /** Woken early (data arrived since): sleep the rest of the idle time. */
  keepaliveWait: (t, e, fx) => fx.set('KEEPALIVE', Math.max(0, t.keepalive.idle - (e.now - t.lastRcvAt))),
  sendKeepaliveProbe: (t, _e, fx) => {
    const probe = keepaliveProbe(t);
    t.kaProbes += 1;
    fx.send(probe, false);
    fx.set('KEEPALIVE', t.keepalive.intvl);
  },
  armTimeWait: (t, _e, fx) => fx.set('TIME_WAIT', t.k.time_wait_len),
  /** Linux's tcp_fin_timeout: only a socket the application has closed waits a bounded time (its first part only, finWait2Split). */
  armFinWait2: (t, _e, fx) => {
    const wait = finTime(t);
    if (flag(t, TF.orphan) && wait > 0) fx.set('FIN_WAIT_2', finWait2Split(t) ? wait - t.k.time_wait_len : wait);
  },
  /** The first part of a split FIN_WAIT_2 is over: the orphan waits the second in a TIME_WAIT bucket (tcp_time_wait(): at least 3.5 RTO). */
  enterFinWait2Bucket: (t, _e, fx) => {
    setFlag(t, TF.finWait2Bucket, true);
    fx.set('FIN_WAIT_2', Math.max(finTime(t) - t.k.time_wait_len, 3.5 * t.rto));
  },
  armDelayedAck: (t, _e, fx) => fx.set('DELACK', t.k.delayed_ack),
  cancelTimers: (_t, _e, fx) => {
    for (const id of TIMER_NAMES) fx.cancel(id);
  },
} satisfies Record<string, Mutator<never>>;

export type MutatorName = keyof typeof MUTATORS;
