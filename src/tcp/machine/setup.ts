/**
 * The endpoint machine's implementations: named guards and actions, generated
 * from the plain guards (guards.ts) and mutators (mutators.ts) by adapter.ts.
 * The state chart (states/*.ts) refers to them by name only, so the diagram, the
 * narration and the derived stepper can be derived from the chart.
 */
import { setup } from 'xstate';
import type { Tcb } from '../tcb.ts';
import { xstateAction, xstateGuard } from './adapter.ts';
import type { EndpointEmitted, EndpointEvent } from './events.ts';
import { GUARDS } from './guards.ts';
import { MUTATORS } from './mutators.ts';

const g = GUARDS;
const m = MUTATORS;

export const endpointSetup = setup({
  types: {
    context: {} as Tcb,
    input: {} as Tcb,
    events: {} as EndpointEvent,
    emitted: {} as EndpointEmitted,
  },
  guards: {
    replyAck: xstateGuard(g.replyAck),
    replyRst: xstateGuard(g.replyRst),
    rcvSyn: xstateGuard(g.rcvSyn),
    rcvSynAck: xstateGuard(g.rcvSynAck),
    rcvSynAckWithFin: xstateGuard(g.rcvSynAckWithFin),
    rcvRstForSyn: xstateGuard(g.rcvRstForSyn),
    rcvRst: xstateGuard(g.rcvRst),
    rcvSynInWindow: xstateGuard(g.rcvSynInWindow),
    rcvSynAgain: xstateGuard(g.rcvSynAgain),
    rcvNewSyn: xstateGuard(g.rcvNewSyn),
    rcvAck: xstateGuard(g.rcvAck),
    rcvFin: xstateGuard(g.rcvFin),
    rcvAckOfFin: xstateGuard(g.rcvAckOfFin),
    rcvFinAndAckOfFin: xstateGuard(g.rcvFinAndAckOfFin),
    rcvDataAfterClose: xstateGuard(g.rcvDataAfterClose),
    passiveOpen: xstateGuard(g.passiveOpen),
    tlpDue: xstateGuard(g.tlpDue),
    rstAfterFinEpipe: xstateGuard(g.rstAfterFinEpipe),
    twAnswerRestarts: xstateGuard(g.twAnswerRestarts),
    delayFinAck: xstateGuard(g.delayFinAck),
    closeResets: xstateGuard(g.closeResets),
    retriesLeft: xstateGuard(g.retriesLeft),
    keepaliveNotIdle: xstateGuard(g.keepaliveNotIdle),
    keepaliveProbesLeft: xstateGuard(g.keepaliveProbesLeft),
    orphan: xstateGuard(g.orphan),
    finWait2Excess: xstateGuard(g.finWait2Excess),
  },
  actions: {
    sendSyn: xstateAction(m.sendSyn),
    recordSyn: xstateAction(m.recordSyn),
    sendSynAck: xstateAction(m.sendSynAck),
    resendSynAck: xstateAction(m.resendSynAck),
    sendAck: xstateAction(m.sendAck),
    sendLossProbe: xstateAction(m.sendLossProbe),
    sendOowAck: xstateAction(m.sendOowAck),
    ackCrossingFin: xstateAction(m.ackCrossingFin),
    sendRstReply: xstateAction(m.sendRstReply),
    sendRstAck: xstateAction(m.sendRstAck),
    acceptSegment: xstateAction(m.acceptSegment),
    ackData: xstateAction(m.ackData),
    releaseHeldText: xstateAction(m.releaseHeldText),
    queueData: xstateAction(m.queueData),
    queueFin: xstateAction(m.queueFin),
    markOrphan: xstateAction(m.markOrphan),
    shutRead: xstateAction(m.shutRead),
    consumeRead: xstateAction(m.consumeRead),
    setLinger0: xstateAction(m.setLinger0),
    output: xstateAction(m.output),
    retransmit: xstateAction(m.retransmit),
    setError: xstateAction(m.setError),
    armKeepalive: xstateAction(m.armKeepalive),
    setKeepalive: xstateAction(m.setKeepalive),
    keepaliveWait: xstateAction(m.keepaliveWait),
    sendKeepaliveProbe: xstateAction(m.sendKeepaliveProbe),
    armTimeWait: xstateAction(m.armTimeWait),
    armFinWait2: xstateAction(m.armFinWait2),
    enterFinWait2Bucket: xstateAction(m.enterFinWait2Bucket),
    armDelayedAck: xstateAction(m.armDelayedAck),
    cancelTimers: xstateAction(m.cancelTimers),
  },
});

export type EndpointSetup = typeof endpointSetup;
