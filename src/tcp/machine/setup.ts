/**
 * The endpoint machine's implementations: named guards, actions and delays.
 * The state chart (states/*.ts) refers to them by name only, so the diagram and
 * the narration can be derived from the chart.
 */
import { assign, emit, enqueueActions, raise, setup } from 'xstate';
import type { Errno } from '../errno.ts';
import { ackSegment, finAgainSegment, headSegment, keepaliveProbe, resetFor, rstAckSegment, synAckSegment, synSegment, takeOutput } from '../rules/build.ts';
import { oowAckCounts, oowAckSuppressed } from '../rules/ratelimit.ts';
import { backoff, retriesExhausted, rttSample } from '../rules/rto.ts';
import type { Verdict } from '../rules/verdict.ts';
import type { Segment } from '../segment.ts';
import { seqAdd, seqGe } from '../seq.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import type { EndpointEmitted, EndpointEvent } from './events.ts';

type Ev = EndpointEvent;
type Args = { context: Tcb; event: Ev };

const verdict = (e: Ev): Verdict | null => (e.type === 'SEGMENT' ? e.v : null);
const segOf = (e: Ev): Segment => {
  if (e.type !== 'SEGMENT') throw new Error(`expected SEGMENT, got ${e.type}`);
  return e.seg;
};
const isSeg = (e: Ev, pred: (v: Extract<Verdict, { kind: 'segment' }>) => boolean): boolean => {
  const v = verdict(e);
  return v !== null && v.kind === 'segment' && pred(v);
};
const kindIs = (k: Verdict['kind']) => ({ event }: Args) => verdict(event)?.kind === k;

/** State name at the time an action runs: the machine passes it as a param where it matters. */
type StateParam = { state: TcpState };

const out = (seg: Segment, rtx = false): EndpointEmitted => ({ type: 'segment', seg, rtx });

export const endpointSetup = setup({
  types: {
    context: {} as Tcb,
    input: {} as Tcb,
    events: {} as EndpointEvent,
    emitted: {} as EndpointEmitted,
  },
  delays: {
    rto: ({ context }) => context.rto * 1000,
    timeWaitLen: ({ context }) => context.k.time_wait_len * 1000,
    finTimeout: ({ context }) => context.k.tcp_fin_timeout * 1000,
    keepaliveIdle: ({ context }) => context.keepalive.idle * 1000,
    keepaliveIntvl: ({ context }) => context.keepalive.intvl * 1000,
    delayedAck: ({ context }) => context.k.delayed_ack * 1000,
    keepaliveRest: ({ context, event }) => Math.max(0, context.keepalive.idle - (event.now - context.lastRcvAt)) * 1000,
  },
  guards: {
    replyAck: kindIs('ack'),
    replyRst: kindIs('rst-reply'),
    rcvSyn: kindIs('syn'),
    rcvSynAck: kindIs('syn-ack'),
    rcvSynAckWithFin: ({ event }) => {
      const v = verdict(event);
      return v?.kind === 'syn-ack' && v.fin;
    },
    rcvRstForSyn: kindIs('refused'),
    rcvRst: kindIs('reset'),
    rcvSynInWindow: kindIs('syn-reset'),
    rcvSynAgain: kindIs('syn-again'),
    rcvNewSyn: kindIs('tw-new-syn'),
    rcvAck: ({ event }) => isSeg(event, () => true),
    rcvFin: ({ event }) => isSeg(event, (v) => v.fin),
    rcvAckOfFin: ({ event }) => isSeg(event, (v) => v.finAcked),
    rcvFinAndAckOfFin: ({ event }) => isSeg(event, (v) => v.fin && v.finAcked),
    rcvDataAfterClose: ({ event }) => isSeg(event, (v) => v.dataAfterClose),
    passiveOpen: ({ context }) => context.passive,
    /** rst_after_fin_epipe: a RST after the peer's FIN reports EPIPE (Linux tcp_reset() in CLOSE_WAIT) */
    rstAfterFinEpipe: ({ context }) => context.k.rst_after_fin_epipe === 1,
    /** tw_restart_on_ack: TIME_WAIT answers a segment carrying an ACK and restarts (Linux) */
    twAnswerRestarts: ({ context, event }) => context.k.tw_restart_on_ack === 1 && event.type === 'SEGMENT' && !!event.seg.flags.ACK && !event.seg.flags.RST,
    /** Linux pingpong mode: the ACK of a bare FIN waits for the delayed-ACK timer */
    delayFinAck: ({ context, event }) => context.pingpong && context.k.delayed_ack > 0 && isSeg(event, (v) => v.fin && v.data === 0),
    /** close() must reset: unread data (RFC 1122 4.2.2.13, Linux) or SO_LINGER 0 */
    closeResets: ({ context }) => context.unread > 0 || context.linger0,
    // params are typed `unknown` here: XState's enqueueActions typing rejects parameterized guards otherwise.
    retriesLeft: ({ context, event }, p: unknown) => !retriesExhausted(context.k, (p as StateParam).state, context, event.now),
    keepaliveNotIdle: ({ context, event }) => context.kaProbes === 0 && event.now - context.lastRcvAt < context.keepalive.idle - 1e-9,
    keepaliveProbesLeft: ({ context }) => context.kaProbes < context.keepalive.cnt,
    orphan: ({ context }) => context.orphan,
  },
  actions: {
    sendSyn: enqueueActions(({ enqueue, context, event }) => {
      enqueue.assign({ sndUna: context.iss, sndNxt: seqAdd(context.iss, 1), rttSeq: seqAdd(context.iss, 1), rttAt: event.now, retries: 0, headSentAt: event.now });
      enqueue.emit(out(synSegment(context)));
      enqueue.raise({ type: 'TIMEOUT.RTO', now: 0 }, { id: 'RTO', delay: 'rto' });
    }),
    /** Take the peer's SYN: IRS, RCV.NXT, its window and MSS (and data or FIN riding on it). */
    recordSyn: assign(({ context, event }) => {
      const s = segOf(event);
      const v = verdict(event);
      const data = v && (v.kind === 'syn' || v.kind === 'syn-ack') ? v.data : 0;
      const fin = v && (v.kind === 'syn' || v.kind === 'syn-ack') ? v.fin : false;
      // A crossing SYN's text waits for ESTABLISHED (releaseHeldText).
      const hold = v?.kind === 'syn' ? data : 0;
      return {
        irs: s.seq,
        rcvNxt: seqAdd(s.seq, 1 + data - hold + (fin ? 1 : 0)),
        unread: context.unread + data - hold,
        heldData: hold,
        peerFin: fin,
        sndWnd: s.win,
        maxSndWnd: Math.max(context.maxSndWnd, s.win),
        sndMss: Math.min(context.k.mss, s.mss ?? 536),
        lastRcvAt: event.now,
      };
    }),
    sendSynAck: enqueueActions(({ enqueue, context, event }) => {
      enqueue.assign({ sndUna: context.iss, sndNxt: seqAdd(context.iss, 1), rttSeq: seqAdd(context.iss, 1), rttAt: event.now, headSentAt: event.now });
      enqueue.emit(out(synAckSegment(context)));
      enqueue.raise({ type: 'TIMEOUT.RTO', now: 0 }, { id: 'RTO', delay: 'rto' });
    }),
    resendSynAck: enqueueActions(({ enqueue, context }) => {
      enqueue.emit(out(synAckSegment(context), true));
    }),
    sendAck: emit(({ context }) => out(ackSegment(context))),
    /**
     * The ACK that answers an invalid segment (out of window, RFC 5961 challenge,
     * TIME_WAIT): at most one per tcp_invalid_ratelimit per socket (Linux).
     */
    sendOowAck: enqueueActions(({ enqueue, context, event }) => {
      const s = segOf(event);
      if (oowAckSuppressed(context, s, event.now)) return;
      if (oowAckCounts(context, s)) enqueue.assign({ lastOowAckAt: event.now });
      enqueue.emit(out(ackSegment(context)));
    }),

    /** FIN_WAIT_1 -> CLOSING: ACK the peer's FIN; with simclose_ack_with_fin the ACK repeats our FIN. */
    ackCrossingFin: emit(({ context }) => out(context.k.simclose_ack_with_fin && context.finSeq !== null ? finAgainSegment(context) : ackSegment(context))),
    /** reply to a segment that does not belong here: <SEQ=SEG.ACK><CTL=RST> or RST,ACK */
    sendRstReply: emit(({ event }) => out(resetFor(segOf(event)))),
    sendRstAck: emit(({ context }) => out(rstAckSegment(context))),
    /** RFC 9293 §3.10.7.4 fifth to eighth steps for an acceptable segment: ACK field, text, FIN. */
    acceptSegment: enqueueActions(({ enqueue, context, event, check: _check }) => {
      const s = segOf(event);
      const v = verdict(event);
      if (!v || (v.kind !== 'segment' && v.kind !== 'syn-ack')) return;
      const patch: Partial<Tcb> = { lastRcvAt: event.now, kaProbes: 0 };
      const newAck = seqGe(s.ack, context.sndUna) && s.ack !== context.sndUna;
      if (s.flags.ACK && newAck) {
        patch.sndUna = s.ack;
        patch.retries = 0;
        if (context.rttSeq !== null && seqGe(s.ack, context.rttSeq)) {
          Object.assign(patch, rttSample(context.k, context.srtt, context.rttvar, event.now - context.rttAt));
          patch.rttSeq = null;
        }
        if (s.ack === context.sndNxt) enqueue.cancel('RTO');
        else enqueue.raise({ type: 'TIMEOUT.RTO', now: 0 }, { id: 'RTO', delay: ({ context: c }) => c.rto * 1000 });
      }
      if (s.flags.ACK) {
        patch.sndWnd = s.win;
        patch.maxSndWnd = Math.max(context.maxSndWnd, s.win);
      }
      if (v.kind === 'segment') {
        if (v.data > 0) {
          patch.rcvNxt = seqAdd(context.rcvNxt, v.data);
          patch.unread = context.unread + v.data;
        }
        if (v.fin) {
          patch.rcvNxt = seqAdd(patch.rcvNxt ?? context.rcvNxt, 1);
          patch.peerFin = true;
        }
      }
      enqueue.assign(patch);
    }),
    /** ACK what arrived out of order or as new data (immediate ACKs: no delayed-ACK timer for data). */
    ackData: enqueueActions(({ enqueue, event }) => {
      if (isSeg(event, (v) => v.data > 0 || v.ooo)) enqueue.emit(({ context }) => out(ackSegment(context)));
    }),
    /** SYN_RCVD -> ESTABLISHED after a simultaneous open: the text that rode on the peer's SYN is now received. */
    releaseHeldText: assign(({ context }) =>
      context.heldData > 0 ? { rcvNxt: seqAdd(context.rcvNxt, context.heldData), unread: context.unread + context.heldData, heldData: 0 } : {},
    ),
    queueData: assign({ unsent: ({ context, event }) => context.unsent + (event.type === 'SEND' ? event.bytes : 0) }),
    queueFin: assign({ finQueued: true }),
    markOrphan: assign({ orphan: true }),
    shutRead: assign({ shutRd: true }),
    consumeRead: assign({ unread: ({ context, event }) => Math.max(0, context.unread - (event.type === 'READ' ? event.bytes : 0)) }),
    setLinger0: assign({ linger0: ({ event }) => event.type === 'SET_LINGER0' && event.on }),
    /** Put queued data and a queued FIN on the wire, within the peer's window. */
    output: enqueueActions(({ enqueue, context, event }) => {
      const r = takeOutput(context);
      if (r.segs.length === 0) return;
      const wasIdle = context.sndUna === context.sndNxt;
      const timing = context.rttSeq === null ? { rttSeq: r.sndNxt, rttAt: event.now } : {};
      // Linux's interactive heuristic (tcp_event_data_sent): data sent within the ACK delay of the last receipt.
      const sentData = r.segs.some((s) => s.len > 0);
      const interactive = sentData && context.k.delayed_ack > 0 && event.now - context.lastRcvAt <= context.k.delayed_ack + 1e-9;
      enqueue.assign({ sndNxt: r.sndNxt, unsent: r.unsent, finSeq: r.finSeq, ...timing, ...(interactive ? { pingpong: true } : {}), ...(wasIdle ? { headSentAt: event.now } : {}) });
      for (const s of r.segs) enqueue.emit(out(s));
      // Every segment we send carries the ACK: a pending delayed ACK is done.
      enqueue.cancel('DELACK');
      if (wasIdle) enqueue.raise({ type: 'TIMEOUT.RTO', now: 0 }, { id: 'RTO', delay: 'rto' });
    }),
    /** RTO expired: back off, retransmit the head, re-arm (RFC 6298 §5.4-5.6; Karn: stop timing). */
    retransmit: enqueueActions(({ enqueue, context }, p: StateParam) => {
      const retries = context.retries + 1;
      enqueue.assign({ retries, rto: backoff(context.k, p.state, context.rto, retries), rttSeq: null });
      const head = headSegment(context, p.state);
      if (head) enqueue.emit(out(head, true));
      enqueue.raise({ type: 'TIMEOUT.RTO', now: 0 }, { id: 'RTO', delay: 'rto' });
    }),
    setError: assign((_, p: { errno: Errno }) => ({ error: p.errno })),
    armKeepalive: enqueueActions(({ enqueue, context }) => {
      if (context.keepalive.on) enqueue.raise({ type: 'TIMEOUT.KEEPALIVE', now: 0 }, { id: 'KEEPALIVE', delay: 'keepaliveIdle' });
    }),
    setKeepalive: enqueueActions(({ enqueue, event }, p: { armed: boolean }) => {
      if (event.type !== 'SET_KEEPALIVE') return;
      enqueue.assign({ keepalive: event.opts, kaProbes: 0, lastRcvAt: event.now });
      if (event.opts.on && p.armed) enqueue.raise({ type: 'TIMEOUT.KEEPALIVE', now: 0 }, { id: 'KEEPALIVE', delay: 'keepaliveIdle' });
      else enqueue.cancel('KEEPALIVE');
    }),
    keepaliveWait: raise({ type: 'TIMEOUT.KEEPALIVE', now: 0 }, { id: 'KEEPALIVE', delay: 'keepaliveRest' }),
    sendKeepaliveProbe: enqueueActions(({ enqueue, context }) => {
      enqueue.emit(out(keepaliveProbe(context)));
      enqueue.assign({ kaProbes: context.kaProbes + 1 });
      enqueue.raise({ type: 'TIMEOUT.KEEPALIVE', now: 0 }, { id: 'KEEPALIVE', delay: 'keepaliveIntvl' });
    }),
    armTimeWait: raise({ type: 'TIMEOUT.TIME_WAIT', now: 0 }, { id: 'TIME_WAIT', delay: 'timeWaitLen' }),
    /** Linux's tcp_fin_timeout: only a socket the application has closed waits a bounded time. */
    armFinWait2: enqueueActions(({ enqueue, context }) => {
      if (context.orphan && context.k.tcp_fin_timeout > 0) {
        enqueue.raise({ type: 'TIMEOUT.FIN_WAIT_2', now: 0 }, { id: 'FIN_WAIT_2', delay: 'finTimeout' });
      }
    }),
    armDelayedAck: raise({ type: 'TIMEOUT.DELACK', now: 0 }, { id: 'DELACK', delay: 'delayedAck' }),
    cancelTimers: enqueueActions(({ enqueue }) => {
      for (const id of ['RTO', 'KEEPALIVE', 'FIN_WAIT_2', 'TIME_WAIT', 'DELACK']) enqueue.cancel(id);
    }),
  },
});

export type EndpointSetup = typeof endpointSetup;
