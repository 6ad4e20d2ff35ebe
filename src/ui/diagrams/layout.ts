/**
 * Node positions for the classic RFC 9293 / Stevens TCP state diagram.
 * Coordinates are in the StateDiagram's viewBox (DIAGRAM_W × DIAGRAM_H); x,y is the box centre.
 */
import type { TcpState } from '../../tcp/states.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import { stateNameWidth } from './stateNames.ts';

export const DIAGRAM_W = 860;
export const DIAGRAM_H = 750;
/** the narrowest box (most states' box) */
export const NODE_W = 150;
export const NODE_H = 44;

/**
 * The largest size (user units) a state's name is drawn at: presenter mode's (present.css). The
 * desktop layout draws them at 21.5 and a phone at 17.5.
 */
export const NAME_FONT_MAX = 23;
/** room between a name and its box's sides, each side */
const NAME_PAD = 6;

/**
 * Each state's box width: NODE_W, or wider where the name at its largest would not fit
 * (ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, ...). Fixed, not measured, so the edges, labels and
 * chips are laid out once for every size the diagram is drawn at.
 */
export const NODE_WIDTH: Readonly<Record<TcpState, number>> = Object.fromEntries(
  TCP_STATES.map((st) => [st, Math.max(NODE_W, 2 * Math.ceil(stateNameWidth(st, NAME_FONT_MAX) / 2 + NAME_PAD))]),
) as Record<TcpState, number>;

export const NODE_POS: Record<TcpState, { x: number; y: number }> = {
  CLOSED: { x: 430, y: 40 },
  LISTEN: { x: 430, y: 160 },
  SYN_RCVD: { x: 170, y: 280 },
  SYN_SENT: { x: 690, y: 280 },
  ESTABLISHED: { x: 430, y: 400 },
  FIN_WAIT_1: { x: 170, y: 520 },
  CLOSING: { x: 430, y: 520 },
  CLOSE_WAIT: { x: 690, y: 520 },
  FIN_WAIT_2: { x: 170, y: 670 },
  TIME_WAIT: { x: 430, y: 670 },
  LAST_ACK: { x: 690, y: 670 },
};

/**
 * Optional routing waypoints for edges that would otherwise cross the picture
 * (keyed `FROM->TO`). Straight otherwise.
 */
export const EDGE_WAYPOINTS: Partial<Record<string, readonly (readonly [number, number])[]>> = {
  'LAST_ACK->CLOSED': [[835, 670], [835, 14], [530, 14]],
  'TIME_WAIT->CLOSED': [[430, 722], [28, 722], [28, 40], [300, 40]],
  'SYN_SENT->CLOSED': [[735, 120], [600, 44]],
  'CLOSED->SYN_SENT': [[560, 100]],
  'SYN_RCVD->LISTEN': [[200, 168]],
  'LISTEN->CLOSED': [[470, 100]],
  'CLOSED->LISTEN': [[390, 100]],
  'SYN_SENT->CLOSE_WAIT': [[780, 400]],
  'SYN_RCVD->CLOSE_WAIT': [[300, 460], [560, 470]],
};

/** Label placement overrides (default: middle of the route, centred). */
export const LABEL_POS: Partial<Record<string, { x: number; y: number; anchor?: 'start' | 'middle' | 'end' }>> = {
  'LAST_ACK->CLOSED': { x: 828, y: 400, anchor: 'end' },
  // above the SYN_RCVD → FIN_WAIT_1 label, which starts just right of this line
  'TIME_WAIT->CLOSED': { x: 36, y: 368, anchor: 'start' },
  'SYN_RCVD->LISTEN': { x: 250, y: 150 },
  'SYN_SENT->CLOSED': { x: 760, y: 150, anchor: 'start' },
  'CLOSED->SYN_SENT': { x: 600, y: 150 },
  'CLOSED->LISTEN': { x: 382, y: 100, anchor: 'end' },
  'LISTEN->CLOSED': { x: 478, y: 100, anchor: 'start' },
  'FIN_WAIT_1->CLOSING': { x: 302, y: 558 },
  // above the horizontal line rather than on it (the line would show between the words)
  'SYN_SENT->SYN_RCVD': { x: 430, y: 266 },
  'SYN_SENT->CLOSE_WAIT': { x: 772, y: 452, anchor: 'end' },
  'SYN_RCVD->CLOSE_WAIT': { x: 440, y: 490 },
  // high on its line: the FIN_WAIT_1 → TIME_WAIT label below runs under it
  'FIN_WAIT_1->FIN_WAIT_2': { x: 162, y: 568, anchor: 'end' },
  'CLOSING->TIME_WAIT': { x: 438, y: 595, anchor: 'start' },
  'FIN_WAIT_2->TIME_WAIT': { x: 350, y: 632, anchor: 'end' },
  // ends left of the CLOSING → TIME_WAIT line and its label
  'FIN_WAIT_1->TIME_WAIT': { x: 418, y: 604, anchor: 'end' },
  'SYN_RCVD->FIN_WAIT_1': { x: 178, y: 420, anchor: 'start' },
  'CLOSE_WAIT->LAST_ACK': { x: 698, y: 595, anchor: 'start' },
};

/** Direction of the short "→ CLOSED" stub (RST / abort / timeouts) leaving each node. */
export const ABORT_STUB: Record<TcpState, { dx: number; dy: number }> = {
  CLOSED: { dx: 0, dy: 0 },
  LISTEN: { dx: -60, dy: -30 },
  SYN_RCVD: { dx: -50, dy: -40 },
  SYN_SENT: { dx: 50, dy: -40 },
  ESTABLISHED: { dx: 0, dy: 40 },
  FIN_WAIT_1: { dx: -60, dy: -40 },
  FIN_WAIT_2: { dx: -60, dy: -10 },
  CLOSE_WAIT: { dx: 70, dy: -40 },
  CLOSING: { dx: 70, dy: 30 },
  LAST_ACK: { dx: 90, dy: -36 },
  TIME_WAIT: { dx: 90, dy: -24 },
};
