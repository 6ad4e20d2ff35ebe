/**
 * The sequence (ladder) diagram: client timeline left, server right, time down.
 * React renders the SVG; geometry is precomputed (sequenceLayout.ts, timeScale.ts)
 * and only in-flight arrows change from frame to frame.
 */
import { paperHeight } from './paperHeight.ts';
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { PeerName, TimerView } from '../../sim/types.ts';
import type { WorldView } from '../../sim/view.ts';
import type { TcpState } from '../../tcp/states.ts';
import type { SegmentGeometry, ShownStatus } from './sequenceLayout.ts';
import { PEER_X, SEQ_TOP, SEQ_W } from './sequenceLayout.ts';
import type { TimeBreak } from './timeScale.ts';
import { formatSeconds } from './timeScale.ts';
import type { LabelSpot, OBox } from './labelLayout.ts';
import { SEG_LABEL_FONT, SEG_LINE_HEIGHT, bounds, lineBox, placeNowLabel, segmentLabelLines, textWidth } from './labelLayout.ts';
import type { LabelLine } from './labelLayout.ts';
import type { DrawnSegment } from './ladderModel.ts';
import { LadderModel, ladderPace } from './ladderModel.ts';
import type { Lang } from './strings.ts';
import { s } from './strings.ts';
import { followLabel } from './labelFollow.ts';
import { uncutTop } from './uncut.ts';
import type { BandLabel } from './timerLabel.ts';
import { BAND_LINE_HEIGHT, BAND_W, bandLabelBox, bandLabelLines, placeTimerLabel, timerBarX } from './timerLabel.ts';
import { sideRoom } from './stateNames.ts';
import { formatNow } from '../timeText.ts';
import type { NoteFocus } from '../noteFocus.ts';
import { timerNoted } from '../noteFocus.ts';
import type { ViewTransform, ZoomSource } from './useD3Zoom.ts';
import { useD3Zoom, viewIdentity } from './useD3Zoom.ts';

export interface SequenceDiagramProps {
  view: WorldView;
  displayTime: number;
  relative: boolean;
  lang: Lang;
  selectedSegment: number | null;
  onSelectSegment(id: number): void;
  /** bumps whenever the simulation's history is rewritten (step back, reset, new configuration) */
  epoch?: number;
  /** font size of the segment labels in SVG units, when they should be larger (presenter mode) */
  labelFont?: number;
  /** font size of the state names, timer and "now" labels in SVG units (presenter mode: larger) */
  textFont?: number;
  /** the lanes' titles, when they are not simply client and server (the packetdrill view: engine and script) */
  peerTitles?: Partial<Record<PeerName, string>>;
  /** the "now" line's text, when the clock to show is not the display time (the packetdrill view shows the script's) */
  nowText?: string;
  /** what the lesson's note names: highlighted segments, peers and timers */
  noted?: LadderNoted;
  /** whether the clock runs: a stopped clock's frame is drawn whole, even where its follow leapt (default true) */
  running?: boolean;
}

export interface LadderNoted {
  segments: readonly number[];
  peers: readonly PeerName[];
  timers: NoteFocus['timers'];
}

const PEERS: readonly PeerName[] = ['client', 'server'];
/** the segment label's font size (diagrams.css .seq-seg-label) */
const SEG_FONT = 14;
const BOTTOM_PAD = 48;
/** The least the drawing grows by at a time, in user units (one screen when the box is measured). */
const GROW_MIN = 240;
/** the time axis' zoom range (1 = 600 px per second around events) and the −/+ step */
const ZOOM_MIN = 0.25;
const ZOOM_MAX = 6;
const ZOOM_STEP = 1.5;

/** The scroll box's top and height in screen px, as last measured or scrolled to by the follow. */
class ScrollBox {
  top = 0;
  height = 0;
  set(top: number, height: number): void {
    this.top = top;
    this.height = height;
  }
}

/** Whether the last committed frame's follow jumped a box or more (ArrowProps `bare`). */
class LeapRun {
  leapt = false;
  set(leapt: boolean): void {
    this.leapt = leapt;
  }
}

/** Past the box top while following, user units: about a segment label's height (see also vh / 8). */
const FOLLOW_EDGE = 60;
/**
 * Where the follow puts the box's top (px) for the now line at `ny` px: where it is while the line
 * is comfortably inside, else with the line at 60 % of the box (before `uncut` shifts it).
 */
function followTopPx(ny: number, box: { top: number; height: number }): number {
  if (ny >= box.top + 20 && ny <= box.top + box.height - 40) return box.top;
  return Math.max(0, ny - box.height * 0.6);
}

/** The time drawn at `y` (user units) on an axis given by its knots; linear past the ends. */
function timeAtY(knots: readonly (readonly [number, number])[], y: number, pxPerSecond: number): number {
  const n = knots.length;
  if (n === 0) return 0;
  if (y <= knots[0]![1]) return knots[0]![0];
  const [tn, yn] = knots[n - 1]!;
  if (y >= yn) return tn + (y - yn) / pxPerSecond;
  let lo = 1;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (knots[mid]![1] < y) lo = mid + 1;
    else hi = mid;
  }
  const [t0, y0] = knots[lo - 1]!;
  const [t1, y1] = knots[lo]!;
  return t0 + ((y - y0) / (y1 - y0)) * (t1 - t0);
}

interface ArrowProps {
  g: SegmentGeometry;
  frac: number;
  /** 0 to 1 along its flight (virtual time); 1 once delivered or at its point of loss */
  progress: number;
  /** where its label goes (ladderModel.ts, labelLayout.ts); none in a bare frame */
  spot: LabelSpot | undefined;
  /** the label's lines (labelLayout.ts segmentLabelLines: one, unless it is too wide for the lane) and its font size */
  lines: readonly LabelLine[];
  font: number;
  status: ShownStatus;
  selected: boolean;
  /** named by the lesson's note */
  noted: boolean;
  /**
   * Drawn for a single frame of a fast follow (the box jumps a screen or more per frame): the arrow
   * alone, without its label, hit area and tags, which nobody can read or click at that pace. The
   * next frame that stays (a pause, a stop, a slower speed) draws them all again.
   */
  bare: boolean;
  lang: Lang;
  onSelect(id: number): void;
}

const REASONS = ['drop-next', 'loss', 'partition', 'host-down'] as const;
function dropReasonText(reason: string | undefined, lang: Lang): string {
  if (reason === undefined) return '?';
  return (REASONS as readonly string[]).includes(reason) ? s(lang, `reason.${reason as (typeof REASONS)[number]}`) : reason;
}

const widest = (lines: readonly LabelLine[]): string => lines.reduce((a, b) => (b[0].length > a[0].length ? b : a))[0];

const statusKey = { 'in-flight': 'statusInFlight', delivered: 'statusDelivered', dropped: 'statusDropped' } as const;

const SegmentArrow = memo(function SegmentArrow({ g, frac, progress, spot, lines, font, status, selected, noted, bare, lang, onSelect }: ArrowProps) {
  const sg = g.seg;
  // the focus frame exists only while it can show (keyboard focus, selection, a note): a hidden one
  // was restyled with every move of its arrow
  const [focused, setFocused] = useState(false);
  const hx = g.x1 + (g.x2 - g.x1) * frac;
  const hy = g.y1 + (g.y2 - g.y1) * frac;
  // in flight, the label rides behind the head; it settles at its spot once the head has passed it
  const lab = !spot ? null : status === 'in-flight' ? followLabel({ x1: g.x1, y1: g.y1, mx: g.lx, my: g.ly, hx, hy, lx: spot.x, ly: spot.y, text: widest(lines), fontSize: SEG_FONT }) : { x: spot.x, y: spot.y, visible: true };
  const dropped = status === 'dropped';
  const cls = [
    'seq-seg',
    `seq-seg--${sg.from}`,
    `seq-seg--${status}`,
    sg.retransmit ? 'seq-seg--rtx' : '',
    sg.tlp ? 'seq-seg--tlp' : '',
    selected ? 'seq-seg--selected' : '',
    noted ? 'seq-seg--noted' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const aria = s(lang, 'segmentAria', {
    id: sg.id,
    from: s(lang, sg.from),
    to: s(lang, sg.to),
    label: g.label + (sg.tlp ? s(lang, 'paren', { x: s(lang, 'tailLossProbe') }) : sg.retransmit ? s(lang, 'paren', { x: s(lang, 'retransmission') }) : ''),
    status: s(lang, statusKey[status]),
  });
  const onKey = (ev: KeyboardEvent<SVGGElement>) => {
    if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
      ev.preventDefault();
      onSelect(sg.id);
    }
  };
  const dir = sg.to === 'server' ? 1 : -1;
  const minX = Math.min(g.x1, hx);
  const minY = Math.min(g.y1, hy);
  return (
    <g
      className={cls}
      data-testid="segment"
      data-id={sg.id}
      data-flags={sg.flags.join(',')}
      data-from={sg.from}
      data-status={status}
      data-progress={progress.toFixed(3)}
      data-retransmit={sg.retransmit ? 'true' : undefined}
      data-noted={noted ? 'true' : undefined}
      data-tlp={sg.tlp ? 'true' : undefined}
      role="button"
      tabIndex={0}
      aria-label={aria}
      aria-pressed={selected}
      onClick={() => onSelect(sg.id)}
      onKeyDown={onKey}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
    >
      {(focused || selected || noted) && <rect className="seq-seg-focus" x={minX - 4} y={minY - 18} width={Math.abs(hx - g.x1) + 8} height={Math.abs(hy - g.y1) + 24} rx={4} />}
      {!bare && <line className="seq-seg-hit" x1={g.x1} y1={g.y1} x2={hx} y2={hy} />}
      <line
        className="seq-seg-line"
        x1={g.x1}
        y1={g.y1}
        x2={hx}
        y2={hy}
        markerEnd={dropped || frac <= 0 ? undefined : `url(#seq-arrow-${sg.from})`}
      />
      {spot && lab && (
        <text className="seq-seg-label" transform={`translate(${lab.x.toFixed(1)}, ${lab.y.toFixed(1)}) rotate(${g.angle.toFixed(2)})`} y={spot.dy} textAnchor="middle" opacity={lab.visible ? undefined : 0}>
          {lines.map(([l, fit], i) => (
            // (a line a little too wide for the lane is condensed to it)
            <tspan key={i} x={0} dy={i === 0 ? undefined : (SEG_LINE_HEIGHT * font).toFixed(1)} textLength={fit || undefined} lengthAdjust={fit ? 'spacingAndGlyphs' : undefined}>
              {l}
            </tspan>
          ))}
        </text>
      )}
      {bare ? null : sg.tlp ? (
        // outside the lanes, in the state names' column beside the sender's lifeline (the probe's
        // label fills the arrow); the timer and "now" labels keep clear of it (tlpTags)
        <text className="seq-rtx-tag seq-tlp-tag" data-testid="tlp-tag" x={g.x1 - dir * BAND_W} y={g.y1} dy="0.35em" textAnchor={dir > 0 ? 'end' : 'start'}>
          {s(lang, 'tlp')}
        </text>
      ) : sg.retransmit && (
        <text className="seq-rtx-tag" x={g.x1 + dir * 6} y={g.y1 - 4} textAnchor={dir > 0 ? 'start' : 'end'}>
          {s(lang, 'rtx')}
        </text>
      )}
      {dropped && (
        <text className="seq-drop-x" data-testid="segment-drop" x={hx} y={hy} dy="0.35em" textAnchor="middle">
          <title>{s(lang, 'droppedBecause', { reason: dropReasonText(sg.dropReason, lang) })}</title>✕
        </text>
      )}
    </g>
  );
});

/** Drawn segments in the order of their slots (the DOM order of their elements). */
function bySlot(drawn: readonly DrawnSegment[]): DrawnSegment[] {
  const out: DrawnSegment[] = [];
  for (const d of drawn) out[d.slot] = d;
  return out.filter(Boolean);
}

/** The break's zigzag across the ladder (and its `side` margins), interrupted where its label sits (gap = half the label's width). */
function zigzag(y0: number, y1: number, gap: number, side: number): string {
  const mid = (y0 + y1) / 2;
  const amp = Math.min(6, (y1 - y0) / 3);
  let d = '';
  let pen = false;
  for (let x = -side, i = 0; x <= SEQ_W + side; x += 12, i++) {
    const y = (mid + (i % 2 ? amp : -amp)).toFixed(1);
    const inGap = Math.abs(x - SEQ_W / 2) < gap;
    d += inGap || !pen ? `M${x},${y}` : `L${x},${y}`;
    pen = !inGap;
  }
  return d;
}

function Break({ b, lang, font, side }: { b: TimeBreak; lang: Lang; font: number; side: number }) {
  const text = s(lang, 'skipped', { d: formatSeconds(b.skipped, lang) });
  const gap = textWidth(text, font) / 2 + 12;
  return (
    <g className="seq-break" data-testid="time-break" data-skipped={b.skipped.toFixed(3)}>
      <rect className="seq-break-bg" x={-side} y={b.y0 + 2} width={SEQ_W + 2 * side} height={Math.max(0, b.y1 - b.y0 - 4)} />
      <path className="seq-break-zigzag" d={zigzag(b.y0 + 4, b.y1 - 4, gap, side)} />
      <text className="seq-break-label" x={SEQ_W / 2} y={(b.y0 + b.y1) / 2} dy="0.35em" textAnchor="middle">
        <tspan className="seq-break-bg-text">{text}</tspan>
      </text>
    </g>
  );
}

interface Band {
  peer: PeerName;
  state: TcpState;
  t0: number;
  y0: number;
  y1: number;
}

/** state names, timer labels, the "now" label and breaks (diagrams.css --seq-text-font) */
const TEXT_FONT = 13;
/** the smallest text the ladder draws, in CSS px: its fonts grow where the drawing is scaled down (a phone) */
const LEGIBLE_PX = 11.2;

/** A tail loss probe's tag as a label of the state names' column: centred on the probe's start (`dy` 0.35em). */
function tlpTag(y1: number, lang: Lang, font: number): BandLabel {
  return { y0: y1 + 0.35 * font - 1.1 * font, text: s(lang, 'tlp') };
}

function timerGeometry(t: TimerView, displayTime: number, y: (t: number) => number, lang: Lang, font: number, bands: readonly BandLabel[], side: number) {
  const remaining = Math.max(0, t.due - displayTime);
  const bx = timerBarX(t.peer, side);
  const y0 = y(t.setAt);
  const yDue = Math.max(y0 + 2, y(t.due));
  const yNow = Math.min(yDue, Math.max(y0, y(displayTime)));
  const label = placeTimerLabel({ peer: t.peer, name: t.timer, left: formatSeconds(remaining, lang), widest: formatSeconds(t.due - t.setAt, lang), yNow, font, bands, side });
  return { remaining, bx, y0, yDue, yNow, label };
}

/** A timer's bar in the outer margin of its lane, and its label by the bar's "now" end (timerLabel.ts). */
function TimerBar({ t, displayTime, y, lang, bands, font, noted, side }: { t: TimerView; displayTime: number; y: (t: number) => number; lang: Lang; bands: readonly BandLabel[]; font: number; noted: boolean; side: number }) {
  const { remaining, bx, y0, yDue, yNow, label } = timerGeometry(t, displayTime, y, lang, font, bands, side);
  return (
    <g
      className={`seq-timer-bar seq-timer-bar--${t.peer}${noted ? ' seq-timer-bar--noted' : ''}`}
      data-testid="timer-bar"
      data-noted={noted ? 'true' : undefined}
      data-timer={t.timer}
      data-peer={t.peer}
      data-remaining={remaining.toFixed(3)}
    >
      <title>{s(lang, 'timerTitle', { timer: t.timer, peer: s(lang, t.peer), remaining: formatSeconds(remaining, lang) })}</title>
      {/* whole span set → due as a track, the elapsed part solid */}
      <rect className="seq-timer-track" x={bx} y={y0} width={8} height={yDue - y0} rx={3} />
      <rect x={bx} y={y0} width={8} height={Math.max(2, yNow - y0)} rx={3} />
      <text className="seq-timer-text" x={label.x} y={label.y} textAnchor={label.anchor}>
        {label.lines.length === 1
          ? label.lines[0]
          : label.lines.map((l, i) => (
              <tspan key={i} x={label.x} dy={i === 0 ? 0 : label.lineHeight}>
                {l}
              </tspan>
            ))}
      </text>
    </g>
  );
}

export function SequenceDiagram({ view, displayTime, relative, lang, selectedSegment, onSelectSegment, epoch = 0, labelFont: labelFontProp = SEG_LABEL_FONT, textFont: textFontProp = TEXT_FONT, peerTitles, nowText: nowTextProp, noted, running = true }: SequenceDiagramProps) {
  const titleId = useId();
  const { peers, timers } = view;
  const [zoom, setZoom] = useState(1);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The scroll box as last measured (resize, user scroll): screen px per user unit, height and top in user units.
  const [following, setFollowing] = useState(true);
  // `side`: the user units the drawing has beside its usual width on each side, for the state names (stateNames.ts sideRoom)
  const [port, setPort] = useState(() => ({ k: 1, vh: typeof window !== 'undefined' ? window.innerHeight : Infinity, st: 0, side: 0 }));
  // The scroll box in screen px, as last measured (resize) or set (scroll events, our own scrolls):
  // the per-frame follow below reads these, never the DOM, so a frame forces no layout. A record
  // that lives across renders like the model (the render reads it to draw where the box will be).
  const [box] = useState(() => new ScrollBox());
  // whether the last committed frame's follow jumped a box or more (set after commit, read in render)
  const [run] = useState(() => new LeapRun());
  const [, settle] = useState(0);
  const pxPerUnit = port.k;
  const side = port.side;
  // Where the drawing is scaled down (a phone, a narrow column) the type grows so that it is still
  // drawn at LEGIBLE_PX or more (in half units, so a resize does not re-place labels for nothing).
  const legible = Math.ceil((2 * LEGIBLE_PX) / pxPerUnit) / 2;
  // the sizes asked for (presenter mode) are for the drawing's usual width: wider margins keep them in px
  const grow = (SEQ_W + 2 * side) / SEQ_W;
  const labelFont = Math.max(labelFontProp * grow, legible);
  const textFont = Math.max(textFontProp * grow, legible);
  // room under the last event for the "now" label's lower rows, in proportion to the type, and two
  // lines more: at the drawing's end the follow may have to scroll a wrapped segment label at the
  // box's top wholly out of it (it cannot show it whole above: a state name is there, or the now
  // line would leave the box)
  const bottomPad = Math.max(BOTTOM_PAD, 3.4 * textFont) + 2 * SEG_LINE_HEIGHT * labelFont;

  // The layout lives across frames; a frame costs what is new or on screen (ladderModel.ts).
  const [model] = useState(() => new LadderModel());
  model.update(view, displayTime, { zoom, relative, epoch, labelFont });
  const nowY = model.nowY(displayTime);
  // The window drawn: what can be in view, with a margin of a quarter screen (half a screen for a
  // reader's own scrolling). While following, the box keeps the now line between its edges, so the
  // view lies within a screen of it either way; scrolled back, only what the reader looks at.
  // When this frame's follow (scrollToNow) moves the box, as it does every frame at 1000× (the now
  // line moves screens per frame), only where the box goes is drawn, plus a label's height for the
  // follow's `uncut`: a screen more above it was half of such a frame's DOM, layout and paint.
  const vh = port.vh;
  const measured = Number.isFinite(vh);
  const margin = vh / 4;
  // Where this frame's follow will put the box, if it moves it: clamped, as the browser clamps it, to
  // the drawing's end, which is less than 40 % of a box below the now line most of the time (a short
  // drawing keeps the box at 0).
  const followTop = following && box.height > 0 ? followTopPx(nowY * pxPerUnit, box) : box.top;
  const jumpTo = followTop !== box.top ? Math.min(followTop, Math.max(0, Math.ceil(model.height(displayTime) + bottomPad) * pxPerUnit - box.height)) / pxPerUnit : null;
  // A jump of a whole box or more, in a run of them (the clock runs at hundreds of times real
  // time): no arrow of this frame stays on screen for the next, so they are drawn bare (ArrowProps
  // `bare`). A single jump (a seek, a click on a note) draws everything; so does the first frame
  // that stays, and, should none come (the run ends without a render), the settle render below.
  const leap = jumpTo !== null && box.height > 0 && Math.abs(jumpTo * pxPerUnit - box.top) >= box.height;
  // (the frame a pause lands on may itself leap: a stopped clock shows every label at once)
  const bare = leap && run.leapt && running;
  const edge = Math.max(FOLLOW_EDGE, vh / 8);
  const winTop = !measured ? -Infinity : jumpTo !== null ? jumpTo - edge : following ? nowY - vh - margin : port.st - 2 * margin;
  const winBottom = !measured ? Infinity : jumpTo !== null ? jumpTo + vh + edge : following ? nowY + vh + margin : port.st + vh + 2 * margin;
  const fr = model.frame(displayTime, winTop, winBottom, bare);
  const full = fr.scale;
  // (before the first segment, room for the "no segments yet" line under the now label)
  const height = Math.max(fr.height + bottomPad, view.segments.length === 0 ? nowY + 3.6 * textFont : 0);
  // The drawing's paper grows in steps, not every frame: a new viewBox height re-lays out every
  // node of the SVG. At 1000× the now line moves screens per frame, so the paper doubles
  // (paperHeight). The box around it is clipped to the drawing's height, so the reader never
  // scrolls onto the empty paper below the lifelines' end.
  const svgHeight = paperHeight(height, measured ? Math.max(GROW_MIN, vh) : GROW_MIN);
  // the scroll range in user units (whole units, so it changes once per unit of growth at most)
  const paper = Math.min(svgHeight, Math.ceil(height));
  const drawn = fr.drawn;

  const bands: Band[] = [];
  for (const p of PEERS) {
    // states entered and left at the same instant (CLOSED → LISTEN at t=0) get no band
    const h = peers[p].history.filter((e, i, all) => e.t <= displayTime && !(all[i + 1] && all[i + 1]!.t <= e.t && all[i + 1]!.t <= displayTime));
    h.forEach((e, i) => {
      const next = h[i + 1];
      const y0 = full.y(e.t);
      const y1 = next ? full.y(next.t) : nowY;
      if (y1 >= winTop && y0 <= winBottom) bands.push({ peer: p, state: e.state, t0: e.t, y0, y1 });
    });
  }

  // The "now" label avoids the labels, arrows and timer labels near the line.
  const shownTimers = timers.filter((x) => x.setAt <= displayTime);
  const nowText = nowTextProp ?? s(lang, 'nowAt', { t: formatNow(displayTime) });
  // how far below the line it may go (the lowest row placeNowLabel tries)
  const nowReach = Math.max(40, 4 * textFont);
  const nearArrows = drawn
    .filter(({ g }) => Math.min(g.y1, g.y2) < nowY + nowReach && Math.max(g.y1, g.y2) > nowY - 30)
    .map(({ g, frac }) => lineBox(g.x1, g.y1, g.x1 + (g.x2 - g.x1) * frac, g.y1 + (g.y2 - g.y1) * frac));
  const laneLabels = (p: PeerName): BandLabel[] => bands.filter((b) => b.peer === p).map((b) => ({ y0: b.y0, text: b.state }));
  // a tail loss probe's tag sits in that column too, at the probe's start: timer labels avoid it as they avoid state names
  const tlpTags = (p: PeerName): BandLabel[] => (bare ? [] : drawn.filter(({ g }) => g.seg.tlp && g.seg.from === p).map(({ g }) => tlpTag(g.y1, lang, textFont)));
  const bandLabels = { client: [...laneLabels('client'), ...tlpTags('client')], server: [...laneLabels('server'), ...tlpTags('server')] };
  const taken: OBox[] = [...model.labelsNear(nowY - 40, nowY + nowReach), ...nearArrows, ...shownTimers.map((x) => timerGeometry(x, displayTime, full.y, lang, textFont, bandLabels[x.peer], side).label.box)];
  // and the state names beside the lifelines (the newest one is often on the now line), and a probe's tag
  for (const peer of PEERS) {
    for (const b of bandLabels[peer]) {
      if (b.y0 > nowY + nowReach || b.y0 + 2 * textFont < nowY - 40) continue;
      const r = bandLabelBox(peer, b, textFont, side);
      taken.push({ cx: (r.x0 + r.x1) / 2, cy: (r.y0 + r.y1) / 2, hw: (r.x1 - r.x0) / 2 + 2, hh: (r.y1 - r.y0) / 2 + 1, angle: 0 });
    }
  }
  // the drawing's top edge: the label goes below the line rather than be cut there (at t = 0)
  taken.push({ cx: SEQ_W / 2, cy: -500, hw: SEQ_W, hh: 500, angle: 0 });
  // ... and above the drawing's bottom edge, where the scroll box ends
  taken.push({ cx: SEQ_W / 2, cy: height + 500, hw: SEQ_W, hh: 500, angle: 0 });
  const nowSpot = placeNowLabel(nowText, nowY, SEQ_W + 2 * side, [PEER_X.client, PEER_X.server], taken, textFont, -side);

  const followRef = useRef(true);
  const programmatic = useRef(false);

  const measure = useCallback(() => {
    const el = scrollRef.current;
    const svg = el?.querySelector('svg');
    if (!el || !svg) return;
    const px = svg.getBoundingClientRect().width;
    // the margins grow with the type where the drawing is scaled down (the same rule as textFont above)
    const side = sideRoom(px, (k) => Math.max((textFontProp * px) / k / SEQ_W, Math.ceil((2 * LEGIBLE_PX) / k) / 2));
    const k = px / (SEQ_W + 2 * side) || 1;
    box.set(el.scrollTop, el.clientHeight);
    setPort({ k, vh: el.clientHeight / k, st: el.scrollTop / k, side });
  }, [box, textFontProp]);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);
  /**
   * A scroll position (px) whose top edge cuts no label in half under the lane titles (uncut.ts):
   * moved up to show the labels whole, or down past them when that would push the now line out of
   * the box (and the drawing goes on far enough below: `max`, where the browser stops the scroll).
   */
  const uncut = (top: number, height: number, max: number): number => {
    const k = pxPerUnit;
    const u = top / k;
    const labels = [
      ...model.labelsNear(u - 150, u + 150).map(bounds),
      ...bands.map((b) => bandLabelBox(b.peer, { y0: b.y0, text: b.state }, textFont, side)),
    ];
    const v = uncutTop(u, labels, (up) => nowY <= up + (height - 24) / k, max / k);
    return v === u ? top : v * k;
  };
  /**
   * Scrolls so the now line sits at 60 % of the box, unless it is already comfortably in view;
   * either way no label is left cut at the box's top edge (`uncut`).
   */
  const scrollToNow = (force: boolean) => {
    const el = scrollRef.current;
    if (!el) return;
    const { top, height } = box;
    const ny = nowY * pxPerUnit;
    // where the browser would clamp it (the drawing is `height` user units tall): `box` stays
    // exact, so the scroll event that follows need not read the position back
    const max = Math.max(0, paper * pxPerUnit - height);
    const stay = !force && followTopPx(ny, box) === top;
    // A box that stays is checked for cut labels too: the labels move under it as the clock runs
    // (a quiet stretch folds into a break, a new scale or box size lays them out afresh), and at
    // the drawing's end the browser may have pulled it up onto one. Left alone, where the box came to
    // rest at a note depended on which frames were drawn on the way (a busy machine draws fewer).
    const target = uncut(Math.min(stay ? top : followTopPx(ny, { top: -Infinity, height }), max), height, max);
    if (Math.abs(top - target) > 1) {
      programmatic.current = true;
      el.scrollTop = target;
      box.set(target, height);
    }
  };

  // d3-zoom: its scale is the time axis' zoom, its translation scrolls the box (useD3Zoom.ts).
  // A zoom keeps the time under the pointer (or, from the buttons, the now line) where it was.
  const anchor = useRef<{ t: number; px: number } | null>(null);
  const zoomer = useD3Zoom(scrollRef, [ZOOM_MIN, ZOOM_MAX], (t: ViewTransform, prev: ViewTransform, src: ZoomSource) => {
    const el = scrollRef.current;
    if (!el) return;
    if (t.k !== prev.k) {
      const top = el.getBoundingClientRect().top;
      const nowPx = nowY * pxPerUnit - el.scrollTop;
      const px = src.clientY !== undefined ? src.clientY - top : nowPx >= 0 && nowPx <= el.clientHeight ? nowPx : el.clientHeight / 2;
      anchor.current = { t: timeAtY(full.knots, (el.scrollTop + px) / pxPerUnit, ladderPace(zoom, labelFont).pxPerSecond), px };
      setZoom(t.k);
      return;
    }
    if (src.programmatic) return;
    el.scrollTop -= t.y - prev.y;
    el.scrollLeft -= t.x - prev.x;
  });
  useLayoutEffect(() => {
    const a = anchor.current;
    const el = scrollRef.current;
    anchor.current = null;
    if (!a || !el) return;
    el.scrollTop = Math.max(0, full.y(a.t) * pxPerUnit - a.px);
    box.set(el.scrollTop, el.clientHeight);
    const ny = nowY * pxPerUnit;
    // zooming away from the now line stops following it; the scroll event records the rest
    followRef.current = ny >= box.top && ny <= box.top + box.height;
    // full and nowY are this render's; the anchor is set only by a zoom, which re-renders
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zoom]);

  useLayoutEffect(() => {
    run.set(leap);
    if (followRef.current) scrollToNow(false);
  });
  // a bare frame is followed by a full one within a tenth of a second, even if nothing else renders
  useEffect(() => {
    if (!bare) return;
    const id = setTimeout(() => settle((n) => n + 1), 100);
    return () => clearTimeout(id);
  });

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    // Our own scroll lands where `box` says. At 1000× the follow scrolls every frame, so a hand
    // scroll in the same frame comes in the same scroll event: it lands elsewhere, and counts.
    // (At a scroll event the frame's layout is done: reading the position costs nothing.)
    const top = el.scrollTop;
    if (programmatic.current) {
      programmatic.current = false;
      if (Math.abs(top - box.top) < 1) return;
    }
    box.set(top, box.height);
    measure();
    const ny = nowY * pxPerUnit;
    const visible = ny >= el.scrollTop && ny <= el.scrollTop + el.clientHeight;
    followRef.current = visible;
    setFollowing(visible);
  };
  const onFollow = () => {
    followRef.current = true;
    setFollowing(true);
    scrollToNow(true);
  };
  const onResetZoom = () => {
    zoomer.set(viewIdentity);
    onFollow();
  };

  return (
    <div className="seq" data-testid="sequence-diagram" data-zoom={zoom.toFixed(3)} style={{ '--seq-label-font': `${labelFont}px`, '--seq-text-font': `${textFont}px` } as CSSProperties}>
      <div className="seq-tools">
        <span className="seq-zoom-hint">{s(lang, 'zoomHint')}</span>
        <button type="button" className="seq-tool" data-testid="seq-zoom-out" onClick={() => zoomer.scaleBy(1 / ZOOM_STEP)} disabled={zoom <= ZOOM_MIN + 1e-6} aria-label={s(lang, 'zoomOut')} title={s(lang, 'zoomOut')}>
          −
        </button>
        <button type="button" className="seq-tool" data-testid="seq-zoom-in" onClick={() => zoomer.scaleBy(ZOOM_STEP)} disabled={zoom >= ZOOM_MAX - 1e-6} aria-label={s(lang, 'zoomIn')} title={s(lang, 'zoomIn')}>
          +
        </button>
        <button type="button" className="seq-tool seq-tool--text" data-testid="seq-zoom-reset" onClick={onResetZoom} disabled={Math.abs(zoom - 1) < 1e-6 && following} title={s(lang, 'zoomReset')}>
          {s(lang, 'zoomResetShort')}
        </button>
      </div>
      {/* peer names stay visible while the ladder scrolls */}
      <div className="seq-head" aria-hidden="true">
        {PEERS.map((p) => (
          <span key={p} className={`seq-peer-title seq-peer-title--${p}${noted?.peers.includes(p) ? ' seq-peer-title--noted' : ''}`} data-noted={noted?.peers.includes(p) ? 'true' : undefined} style={{ left: `${(((PEER_X[p] + side) / (SEQ_W + 2 * side)) * 100).toFixed(2)}%` }}>
            {peerTitles?.[p] ?? s(lang, p)}
          </span>
        ))}
      </div>
      <div className="seq-scroll" ref={scrollRef} onScroll={onScroll}>
        {/* the box's scroll range: the drawing, not its paper (a new height here lays out one box, not the SVG) */}
        <div className="seq-paper" style={{ aspectRatio: `${SEQ_W + 2 * side} / ${paper.toFixed(1)}` }}>
        <svg className="seq-svg" viewBox={`${-side} 0 ${SEQ_W + 2 * side} ${svgHeight}`} role="group" aria-labelledby={titleId}>
          <title id={titleId}>{s(lang, 'seqTitle')}</title>
          <desc>{s(lang, 'seqDesc')}</desc>
          <defs>
            {PEERS.map((p) => (
              <marker key={p} id={`seq-arrow-${p}`} viewBox="0 0 10 10" refX={9} refY={5} markerUnits="userSpaceOnUse" markerWidth={11} markerHeight={11} orient="auto-start-reverse">
                <path className="seq-arrowhead" d="M0,0L10,5L0,10z" style={{ fill: `var(--dg-${p})` }} />
              </marker>
            ))}
          </defs>
          {PEERS.map((p) => (
            <line key={p} className="seq-lifeline" x1={PEER_X[p]} y1={SEQ_TOP - 10} x2={PEER_X[p]} y2={height - 16} />
          ))}
          {/* under everything else: a step stops the clock where a segment leaves or arrives, and the
              line then runs through state names and labels, whose halos cut it (diagrams.css) */}
          <g className="seq-now-line" data-testid="sequence-now" data-seconds={displayTime}>
            <line className="seq-now" x1={-side} x2={SEQ_W + side} y1={nowY} y2={nowY} />
            <text className="seq-now-label" x={nowSpot.x} y={nowY} dy={nowSpot.dy.toFixed(1)} textAnchor={nowSpot.anchor}>
              {nowText}
            </text>
          </g>
          <g className="seq-bands">
            {bands.map((b) => {
              const left = b.peer === 'client';
              const x = PEER_X[b.peer];
              const { lines } = bandLabelLines(b.peer, b.state, textFont, side);
              const lx = left ? x - BAND_W : x + BAND_W;
              return (
                <g key={`${b.peer}-${b.t0}`} data-testid="state-band" data-peer={b.peer} data-state={b.state}>
                  <rect className={`seq-band seq-band--${b.state}`} x={x - BAND_W / 2} y={b.y0} width={BAND_W} height={Math.max(1, b.y1 - b.y0)} />
                  <text className="seq-band-label" x={lx} y={b.y0} dy="1.1em" textAnchor={left ? 'end' : 'start'}>
                    {lines.length === 1
                      ? b.state
                      : lines.map((l, i) => (
                          // (wrapped where the margin is narrow for the type: after an underscore)
                          <tspan key={i} x={lx} dy={i === 0 ? undefined : `${BAND_LINE_HEIGHT}em`}>
                            {l}
                          </tspan>
                        ))}
                  </text>
                </g>
              );
            })}
          </g>
          <g className="seq-timers">
            {shownTimers.map((t) => (
              <TimerBar key={`${t.peer}-${t.sock}-${t.timer}`} t={t} displayTime={displayTime} y={full.y} lang={lang} bands={bandLabels[t.peer]} font={textFont} noted={noted ? timerNoted(noted.timers, t.timer, t.peer) : false} side={side} />
            ))}
          </g>
          {fr.breaks.map((b) => (
            <Break key={b.from} b={b} lang={lang} font={textFont} side={side} />
          ))}
          <g className="seq-segments">
            {/* keyed and ordered by slot: elements are reused as segments scroll in and out, never moved */}
            {bySlot(drawn).map(({ g, frac, progress, status, spot, slot }) => {
              return (
                <SegmentArrow
                  key={slot}
                  g={g}
                  frac={frac}
                  progress={progress}
                  spot={spot}
                  lines={segmentLabelLines(g.label, labelFont)}
                  font={labelFont}
                  status={status}
                  selected={selectedSegment === g.seg.id}
                  noted={noted?.segments.includes(g.seg.id) ?? false}
                  bare={bare}
                  lang={lang}
                  onSelect={onSelectSegment}
                />
              );
            })}
          </g>
          {view.segments.length === 0 && (
            // below the now line and its label, which sit at the top before anything is sent
            <text className="seq-time-label" x={SEQ_W / 2} y={Math.max(SEQ_TOP + 30, nowY + 3 * textFont)} textAnchor="middle">
              {s(lang, 'noSegments')}
            </text>
          )}
        </svg>
        </div>
      </div>
      {!following && (
        <button type="button" className="seq-follow" onClick={onFollow}>
          {s(lang, 'follow')}
        </button>
      )}
    </div>
  );
}
