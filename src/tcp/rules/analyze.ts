import type { Segment } from '../segment.ts';
import { segSpace } from '../segment.ts';
import { seqAdd, seqDiff, seqGt } from '../seq.ts';
import type { TcpState } from '../states.ts';
import type { Tcb } from '../tcb.ts';
import { advertisedWindow, flag, TF, UNSET } from '../tcb.ts';
import { secureRst, secureSyn } from '../knobs.ts';
import { ackAcceptable, segmentAcceptable, synRcvdAckAcceptable, synSentAckAcceptable } from './acceptability.ts';
import type { SegmentVerdict, Verdict } from './verdict.ts';
import { joinQueued } from './reassembly.ts';
import { ackVerdict, BARE_SYN, dropVerdict, REFUSED, RESET, RST_REPLY, segmentVerdict, SYN_AGAIN, SYN_RESET, TW_NEW_SYN } from './verdict.ts';

const drop = dropVerdict;

/**
 * RFC 9293 §3.10.7: classify an arriving segment for a connection in `state`. Verdicts without
 * numbers are shared frozen objects; an acceptable segment's verdict is written into `into`
 * when given (a host's scratch record, read only while it steps this segment), else a new object.
 */
export function analyze(state: TcpState, t: Tcb, s: Segment, into?: SegmentVerdict): Verdict {
  switch (state) {
    case 'CLOSED':
      return drop('no-syn');
    case 'LISTEN':
      return analyzeListen(t, s);
    case 'SYN_SENT':
      return analyzeSynSent(t, s);
    case 'TIME_WAIT':
      return analyzeTimeWait(t, s, into);
    default:
      return analyzeSynchronized(state, t, s, into);
  }
}

function analyzeListen(t: Tcb, s: Segment): Verdict {
  const f = s.flags;
  if (f.RST) return drop('rst-in-listen');
  // RFC 9293 answers any ACK with a RST; FreeBSD (and the suite's reference) drops a SYN,ACK.
  if (f.SYN && f.ACK && !t.k.listen_synack_rst) return drop('synack-in-listen');
  if (f.ACK) return RST_REPLY;
  // A listener takes only the SYN; data and FIN riding on it are not acknowledged.
  if (f.SYN) return f.FIN && t.k.drop_synfin ? drop('syn-fin') : BARE_SYN;
  return drop('no-syn');
}

function analyzeSynSent(t: Tcb, s: Segment): Verdict {
  const f = s.flags;
  const ackOk = !!f.ACK && synSentAckAcceptable(t.iss, t.sndNxt, s.ack);
  if (f.ACK && !ackOk) return f.RST ? drop('rst-bad-ack') : RST_REPLY;
  if (f.RST) return ackOk ? REFUSED : drop('rst-without-ack');
  if (f.SYN) {
    if (f.FIN && t.k.drop_synfin) return drop('syn-fin');
    // Simultaneous open: like a listener, take only the SYN; data and FIN on it wait for a retransmission.
    if (!ackOk) return { kind: 'syn', data: t.k.simopen_hold_text ? Math.min(s.len, t.k.rcv_wnd) : 0, fin: false };
    const data = Math.min(s.len, t.k.rcv_wnd);
    const fin = !!f.FIN && data === s.len;
    return { kind: 'syn-ack', data, fin };
  }
  return drop('no-syn');
}

/**
 * TIME_WAIT keeps only RCV.NXT and SND.NXT. A bare ACK exactly at RCV.NXT is
 * quiet; an RST at RCV.NXT ends TIME_WAIT unless tcp_rfc1337; everything else
 * is answered with an ACK (Linux tcp_timewait_state_process, FreeBSD tcp_twcheck).
 */
function analyzeTimeWait(t: Tcb, s: Segment, into: SegmentVerdict | undefined): Verdict {
  const f = s.flags;
  const k = t.k;
  if (f.RST) {
    if (k.tcp_rfc1337) return drop('rst-ignored-rfc1337');
    if (secureRst(k)) return s.seq === t.rcvNxt ? RESET : drop('rst-outside-window');
    return segmentAcceptable(t.rcvNxt, advertisedWindow(t), s.seq, 0) ? RESET : drop('rst-outside-window');
  }
  // TIME_WAIT keeps only the window it last advertised (FreeBSD tcptw, Linux tw_rcv_wnd); a SYN
  // is "in the window" by its own sequence number (RFC 9293 §3.10.7.4 fourth check).
  const synInWindow = segmentAcceptable(t.rcvNxt, advertisedWindow(t), s.seq, 1);
  if (f.SYN) {
    // Linux lets a fresh SYN above RCV.NXT reopen the 4-tuple (RFC 1122 4.2.2.13 "MAY").
    if (k.tw_syn_reopen && !f.ACK && seqGt(s.seq, t.rcvNxt)) return TW_NEW_SYN;
    if (synInWindow && !secureSyn(k)) return SYN_RESET;
    return ackVerdict(synInWindow ? 'challenge' : 'unacceptable');
  }
  if (!f.ACK) return drop('no-ack');
  const fin = !!f.FIN && seqAdd(s.seq, s.len) === seqAdd(t.rcvNxt, -1);
  if (!f.FIN && s.len === 0 && s.seq === t.rcvNxt && s.ack === t.sndNxt) {
    return segmentVerdict(false, false, 0, false, null, false, false, into);
  }
  if (fin) return segmentVerdict(false, false, 0, false, null, true, false, into);
  return ackVerdict('time-wait');
}

function analyzeSynchronized(state: TcpState, t: Tcb, s: Segment, into: SegmentVerdict | undefined): Verdict {
  const f = s.flags;
  const k = t.k;
  // A retransmitted SYN of the handshake: answer it with our SYN,ACK again.
  if (state === 'SYN_RCVD' && f.SYN && !f.ACK && !f.RST && s.seq === t.irs) return SYN_AGAIN;
  // Simultaneous open: the peer's SYN,ACK repeats its SYN and acknowledges ours; it completes
  // the handshake (RFC 9293 figure 8; Linux and FreeBSD let this "crossed SYN" through RFC 5961).
  if (state === 'SYN_RCVD' && f.SYN && f.ACK && !f.RST && s.seq === t.irs && synRcvdAckAcceptable(t.sndUna, t.sndNxt, s.ack)) {
    return segmentVerdict(true, false, 0, false, null, false, false, into);
  }

  const space = segSpace(s);
  // SYN_RCVD: the window is the one our SYN,ACK announced; later the full receive buffer.
  // (a listener's child; after a simultaneous open the socket already has its buffer).
  const rcvWnd = state === 'SYN_RCVD' && flag(t, TF.passive) ? advertisedWindow(t) : k.rcv_wnd;
  if (!segmentAcceptable(t.rcvNxt, rcvWnd, s.seq, space)) {
    return f.RST ? drop('rst-outside-window') : ackVerdict('unacceptable');
  }
  if (f.RST) {
    // RFC 5961 §3.2: only an exact match resets; in-window gets a challenge ACK.
    if (secureRst(k) && s.seq !== t.rcvNxt) return ackVerdict('challenge');
    return RESET;
  }
  if (f.SYN) return secureSyn(k) ? ackVerdict('challenge') : SYN_RESET;
  if (!f.ACK) return drop('no-ack');

  if (state === 'SYN_RCVD') {
    if (!synRcvdAckAcceptable(t.sndUna, t.sndNxt, s.ack)) return RST_REPLY;
  } else if (!ackAcceptable(t.sndUna, t.sndNxt, t.maxSndWnd, s.ack, !!k.rfc5961)) {
    return ackVerdict(seqGt(s.ack, t.sndNxt) ? 'ack-unsent' : 'ack-too-old');
  }

  const newAck = seqGt(s.ack, t.sndUna);
  const finAcked = t.finSeq !== UNSET && seqGt(s.ack, t.finSeq);

  // Text (seventh step): only states that still expect data from the peer take it.
  const takesText = state === 'SYN_RCVD' || state === 'ESTABLISHED' || state === 'FIN_WAIT_1' || state === 'FIN_WAIT_2';
  const peerFin = flag(t, TF.peerFin);
  let data = 0;
  let ooo = false;
  let queue: SegmentVerdict['queue'] = null;
  const finSeq = seqAdd(s.seq, s.len);
  if (takesText && seqGt(s.seq, t.rcvNxt) && (s.len > 0 || (f.FIN && !peerFin))) {
    // beyond a hole: held for later (RFC 9293 "SHOULD be held for later processing"), within the window
    ooo = true;
    if (k.ofo_queue) {
      const room = Math.max(0, k.rcv_wnd - seqDiff(s.seq, t.rcvNxt));
      const n = Math.min(s.len, room);
      queue = { start: s.seq, end: seqAdd(s.seq, n), fin: !!f.FIN && !peerFin && n === s.len };
    }
  } else if (s.len > 0 && takesText) {
    data = Math.max(0, Math.min(s.len - seqDiff(t.rcvNxt, s.seq), k.rcv_wnd));
  }
  // FIN (eighth step): only when it is the next thing in sequence.
  let fin = !!f.FIN && !ooo && !peerFin && takesText && finSeq === seqAdd(t.rcvNxt, data);
  // New text may reach what the queue holds: RCV.NXT then moves over it (and a FIN queued after it).
  if (data > 0 && !fin && (t.ofo.length > 0 || t.ofoFin !== UNSET)) {
    const r = joinQueued(t, seqAdd(t.rcvNxt, data));
    data = seqDiff(r.end, t.rcvNxt);
    fin = r.fin && !peerFin;
  }
  const dataAfterClose = data > 0 && flag(t, TF.orphan);
  return segmentVerdict(newAck, finAcked, data, ooo, queue, fin, dataAfterClose, into);
}

