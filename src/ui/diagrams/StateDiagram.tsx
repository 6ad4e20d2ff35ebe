/**
 * The classic TCP state diagram. React renders the SVG; geometry comes from
 * pure functions (stateGraph.ts, d3 line generators). Edges come from EDGES.
 */
import { memo, useCallback, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
// derived from the endpoint machine when the app is built (sim/firstPicturePlugin.ts): no XState on the page for a drawing
import { EDGES } from 'virtual:tcp-edges';
import type { TcpState } from '../../tcp/states.ts';
import { TCP_STATES } from '../../tcp/states.ts';
import { DIAGRAM_H, DIAGRAM_W, NODE_H, NODE_POS, NODE_WIDTH } from './layout.ts';
import type { DrawnEdge } from './stateGraph.ts';
import { edgeGeometry, pairKey, selectEdges, stubGeometry } from './stateGraph.ts';
import { edgeText } from './edgeText.ts';
import type { EdgeLabelInput, LabelSpot } from './edgeLabelPlace.ts';
import { placeEdgeLabels } from './edgeLabelPlace.ts';
import { textWidth } from './labelLayout.ts';
import type { Lang } from './strings.ts';
import { s } from './strings.ts';
import type { Flight, PeerMove, WorldChips } from './stageTokens.ts';
import type { Box } from './chipStretch.ts';
import type { PlacedBadge } from './badgePlace.ts';
import { badgeBox, badgeWidth, placeBadges } from './badgePlace.ts';
import type { ChipPlacing } from './StateTokens.tsx';
import { chipWays, drawnMoves, FlightToken, MoveLabel, MoveToken, stillMoves } from './StateTokens.tsx';
import { moveProgress } from '../player/pace.ts';
import type { Pace } from '../player/pace.ts';
import { placedWithHistory } from './chipHistory.ts';
import type { ViewTransform } from './useD3Zoom.ts';
import { useD3Zoom, viewIdentity } from './useD3Zoom.ts';
import { aimView, stateBox } from './zoomView.ts';

/** the smallest text the diagram may show at its starting zoom, CSS px (issue: phones ≥ 11 px) */
const LEGIBLE_PX = 11.2;
const VIEW_TOP = -16;
/** a phone (app.css's phone layout) or a small frame: the edge labels must be legible too, not only the names */
const PHONE = '(max-width: 700px)';
const SD_BOUNDS = [0, VIEW_TOP, DIAGRAM_W, DIAGRAM_H] as const;
const VIEW_BOUNDS: Box = { x0: 0, y0: VIEW_TOP, x1: DIAGRAM_W, y1: DIAGRAM_H };

export interface LastEdge {
  from: TcpState;
  to: TcpState;
  peer: 'client' | 'server';
  key: number;
}

export interface StateDiagramProps {
  clientState: TcpState;
  serverState: TcpState;
  lastEdge: LastEdge | null;
  lang: Lang;
  selected: TcpState | null;
  onSelect(state: TcpState): void;
  showAllEdges?: boolean;
  /** each peer's latest transition: its edge stays lit and a chip travels along it */
  moves?: readonly PeerMove[];
  /** the virtual time the chips are drawn at (stageTokens.ts moveClock; Infinity: all arrived) */
  moveTime?: number;
  /** segments on the wire, as chips between the peers' states */
  flights?: readonly Flight[];
  /** every chip of the world up to now (stageTokens.ts worldChips): each chip drawn is placed against those alive when it was born */
  world?: WorldChips;
  /** no travelling chips: the same information as instant highlights */
  reducedMotion?: boolean;
  /** the player's speed and pace: chips too quick to be seen moving are placed only against each other (chipHistory.ts); none given, against the world's history */
  speed?: number;
  pace?: Pace;
  /** states the note shown names (highlighted) */
  noted?: readonly TcpState[];
}

/** The route of a transition as drawn (the edge, or a straight line when the pair has none). */
const STRAIGHT = new Map<string, readonly (readonly [number, number])[]>();
const NO_MOVES: readonly PeerMove[] = [];
const NO_FLIGHTS: readonly Flight[] = [];
const moveRoute = (m: PeerMove) => routeOf(m.from, m.to);

function routeOf(from: TcpState, to: TcpState): readonly (readonly [number, number])[] {
  const key = pairKey(from, to);
  const g = GEOMETRY.get(key);
  if (g) return g.pts;
  let r = STRAIGHT.get(key);
  if (!r) {
    const a = NODE_POS[from];
    const b = NODE_POS[to];
    r = [[a.x, a.y], [a.x + (b.x - a.x) * 0.8, a.y + (b.y - a.y) * 0.8]];
    STRAIGHT.set(key, r);
  }
  return r;
}

const SELECTED = selectEdges(EDGES);
/** Geometry of every (from, to) pair that can be drawn; computed once. */
const GEOMETRY = new Map(
  [...SELECTED.classic, ...SELECTED.toClosed, ...SELECTED.other].map((e) => [e.key, { edge: e, ...edgeGeometry(e.from, e.to) }]),
);
const STUBS = SELECTED.toClosed.map((e) => ({ edge: e, ...stubGeometry(e.from) }));

const titleOf = (e: DrawnEdge, lang: Lang): string => `${e.from} → ${e.to}\n${e.all.map((x) => edgeText(x, lang)).join('\n')}`;

/** An edge's line (its label is drawn in EdgeLabelsLayer, over every line). */
function EdgePath({ e, className, lang }: { e: DrawnEdge; className: string; lang: Lang }) {
  const g = GEOMETRY.get(e.key)!;
  return (
    <g className={className} data-edge={e.key}>
      <title>{titleOf(e, lang)}</title>
      <path className="sd-edge-line" d={g.d} markerEnd="url(#sd-arrow)" />
    </g>
  );
}

/** An edge's label on its own, above every line: drawn with its edge, a later edge's line crossed it. */
function EdgeLabel({ e, className, lang, spot }: { e: DrawnEdge; className?: string; lang: Lang; spot?: LabelSpot | undefined }) {
  const g = GEOMETRY.get(e.key)!;
  const at = spot ?? { x: g.lx, y: g.ly, anchor: g.anchor };
  return (
    <g className={className} data-edge-label={e.key}>
      <title>{titleOf(e, lang)}</title>
      <rect className="sd-edge-label-bg" />
      <text className="sd-edge-label" x={at.x} y={at.y} dy="0.35em" textAnchor={at.anchor}>
        {edgeText(e.main, lang)}
      </text>
    </g>
  );
}

/** Where each labelled edge's label goes at this type size (edgeLabelPlace.ts). */
function labelSpots(edges: readonly DrawnEdge[], lang: Lang, font: LabelFont): Map<string, LabelSpot> {
  const items: EdgeLabelInput[] = edges.map((e) => {
    const g = GEOMETRY.get(e.key)!;
    return { key: e.key, text: edgeText(e.main, lang), pts: g.pts, spot: { x: g.lx, y: g.ly, anchor: g.anchor } };
  });
  return placeEdgeLabels(items, font.px, { x0: 0, y0: VIEW_TOP, x1: DIAGRAM_W, y1: DIAGRAM_H }, font.bold);
}
interface LabelFont {
  px: number;
  bold: boolean;
}

/** Static part: edges and legend; depends only on language and showAllEdges. */
const EdgesLayer = memo(function EdgesLayer({ lang, showAllEdges }: { lang: Lang; showAllEdges: boolean }) {
  return (
    <g className="sd-edges">
      {showAllEdges
        ? SELECTED.toClosed.map((e) => <EdgePath key={e.key} e={e} className="sd-edge sd-edge--faint" lang={lang} />)
        : STUBS.map((st) => (
            <g key={st.edge.key} className="sd-edge sd-edge--stub" data-edge={st.edge.key}>
              <title>{`${s(lang, 'toClosedTitle', { state: st.edge.from })}\n${st.edge.all.map((x) => edgeText(x, lang)).join('\n')}`}</title>
              <path className="sd-edge-line" d={st.d} markerEnd="url(#sd-arrow-faint)" />
            </g>
          ))}
      {showAllEdges && SELECTED.other.map((e) => <EdgePath key={e.key} e={e} className="sd-edge sd-edge--faint" lang={lang} />)}
      {SELECTED.classic.map((e) => (
        <EdgePath key={e.key} e={e} className="sd-edge" lang={lang} />
      ))}
      <g className="sd-legend" transform={`translate(${DIAGRAM_W - 12}, ${DIAGRAM_H - 6})`}>
        <text className="sd-legend-text" textAnchor="end">
          {s(lang, 'toClosedLegend')}
        </text>
      </g>
      <g className="sd-legend" transform="translate(12, 20)">
        <rect className="sd-legend-swatch sd-legend-swatch--client" x={0} y={-10} width={22} height={12} rx={3} />
        <text className="sd-legend-text" x={28}>
          {s(lang, 'legendClient')}
        </text>
        <rect className="sd-legend-swatch sd-legend-swatch--server" x={0} y={10} width={22} height={12} rx={3} />
        <text className="sd-legend-text" x={28} y={20}>
          {s(lang, 'legendServer')}
        </text>
      </g>
    </g>
  );
});

/**
 * The edges' labels, over every line and over the flash of the edge just taken (which runs along
 * that edge's own label): drawn with their edges, later lines crossed them.
 */
const EdgeLabelsLayer = memo(function EdgeLabelsLayer({ lang, showAllEdges, spots, extra, onBoxes }: { lang: Lang; showAllEdges: boolean; spots: Map<string, LabelSpot>; extra: DrawnEdge | null; onBoxes(boxes: readonly Box[]): void }) {
  const ref = useRef<SVGGElement>(null);
  // Each label's backing box takes its text's drawn extent: the halo hides lines around the
  // glyphs but not in the gaps between words, where at presenter size a line crossing the label
  // showed through. Measured when labels move or their type changes size (a page's CSS can change
  // it without a render: presenter mode, a phone, a frame), never per frame. The boxes, with the
  // halo round them, go to the chips, which wait clear of them (chipStretch.ts).
  useLayoutEffect(() => {
    const texts = [...(ref.current?.querySelectorAll<SVGTextElement>('g[data-edge-label] > text') ?? [])];
    if (texts.length === 0 || typeof texts[0]!.getBBox !== 'function') return;
    const fitAll = () => onBoxes(texts.map(fitBacking));
    fitAll();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(fitAll);
    for (const t of texts) ro.observe(t);
    return () => ro.disconnect();
  }, [lang, showAllEdges, spots, extra, onBoxes]);
  return (
    <g className="sd-edge-labels" ref={ref}>
      {showAllEdges && SELECTED.other.map((e) => <EdgeLabel key={e.key} e={e} className="sd-edge--faint" lang={lang} spot={spots.get(e.key)} />)}
      {SELECTED.classic.map((e) => (
        <EdgeLabel key={e.key} e={e} lang={lang} spot={spots.get(e.key)} />
      ))}
      {extra && <EdgeLabel key={extra.key} e={extra} className="sd-edge--faint" lang={lang} spot={spots.get(extra.key)} />}
    </g>
  );
});

/** the label's halo (diagrams.css: an 8 px stroke) past its text's extent, each side */
const HALO = 4;

/** A label's backing box (the rect before its text) set to the text's extent; returns that extent with its halo. */
function fitBacking(text: SVGTextElement): Box {
  const b = text.getBBox();
  const box = text.previousElementSibling;
  if (box instanceof SVGRectElement) {
    box.setAttribute('x', String(b.x));
    box.setAttribute('y', String(b.y));
    box.setAttribute('width', String(b.width));
    box.setAttribute('height', String(b.height));
  }
  return { x0: b.x - HALO, y0: b.y - HALO, x1: b.x + b.width + HALO, y1: b.y + b.height + HALO };
}

const sameBoxes = (a: readonly Box[], b: readonly Box[]): boolean =>
  a.length === b.length && a.every((p, i) => ((q) => Math.abs(p.x0 - q.x0) + Math.abs(p.y0 - q.y0) + Math.abs(p.x1 - q.x1) + Math.abs(p.y1 - q.y1) < 0.01)(b[i]!));

function Flash({ lastEdge }: { lastEdge: Pick<LastEdge, 'from' | 'to' | 'peer'> }) {
  const g = GEOMETRY.get(pairKey(lastEdge.from, lastEdge.to));
  if (!g) return null;
  return (
    <g className={`sd-flash sd-flash--${lastEdge.peer}`} data-testid="diagram-last-edge" data-edge={g.edge.key} data-peer={lastEdge.peer} aria-hidden="true">
      <path className="sd-flash-line" d={g.d} />
    </g>
  );
}

/** Each state's box in drawing units. */
const STATE_BOX = Object.fromEntries(TCP_STATES.map((st) => [st, stateBox(st)])) as Record<TcpState, Box>;
/** the peers' outlines round a box (the server's 9 units out when both are there, 3.5 wide) */
const OUTLINE = 11;
const STATE_KEEPOUT: readonly Box[] = TCP_STATES.map((st) => ((b) => ({ x0: b.x0 - OUTLINE, y0: b.y0 - OUTLINE, x1: b.x1 + OUTLINE, y1: b.y1 + OUTLINE }))(STATE_BOX[st]));
/** the legends' boxes (EdgesLayer: 15-unit type, the swatches' key at the top left, the note at the bottom right) */
function legendBoxes(lang: Lang): Box[] {
  const key = Math.max(textWidth(s(lang, 'legendClient'), 15), textWidth(s(lang, 'legendServer'), 15));
  return [
    { x0: 10, y0: 8, x1: 12 + 28 + key, y1: 44 },
    { x0: DIAGRAM_W - 12 - textWidth(s(lang, 'toClosedLegend'), 15), y0: DIAGRAM_H - 22, x1: DIAGRAM_W - 12, y1: DIAGRAM_H },
  ];
}

/** Where the peers' badges go (badgePlace.ts): off the edge labels' boxes as measured, the states and the legends. */
function badgeSpots(client: TcpState, server: TcpState, lang: Lang, labels: readonly Box[]): PlacedBadge[] {
  return placeBadges(
    [
      { peer: 'client', at: STATE_BOX[client], w: badgeWidth(s(lang, 'client')) },
      { peer: 'server', at: STATE_BOX[server], w: badgeWidth(s(lang, 'server')) },
    ],
    [...labels, ...STATE_KEEPOUT, ...legendBoxes(lang)],
    VIEW_BOUNDS,
  );
}

/** A peer's pill at its spot round its state's box (box: drawing units; ox, oy: the state group's origin). */
function Badge({ badge, text, ox, oy }: { badge: PlacedBadge; text: string; ox: number; oy: number }) {
  const { box } = badge;
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  return (
    <g className={`sd-badge sd-badge--${badge.peer}`} data-spot={badge.spot} transform={`translate(${box.x0 - ox}, ${box.y0 - oy})`}>
      <rect width={bw} height={bh} rx={bh / 2} />
      <text x={bw / 2} y={bh / 2} dy="0.35em" textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

interface NodeProps {
  state: TcpState;
  /** the peer's badge when the peer is in this state */
  client: PlacedBadge | null;
  server: PlacedBadge | null;
  selected: boolean;
  noted: boolean;
  lang: Lang;
  onSelect(state: TcpState): void;
}

const StateNode = memo(function StateNode({ state, client: clientBadge, server: serverBadge, selected, noted, lang, onSelect }: NodeProps) {
  const { x, y } = NODE_POS[state];
  const client = clientBadge !== null;
  const server = serverBadge !== null;
  const peers = [client ? 'client' : null, server ? 'server' : null].filter((p): p is 'client' | 'server' => p !== null);
  const peersText = peers.map((p) => s(lang, p)).join(s(lang, 'and'));
  const aria = s(lang, 'stateAria', { state, peers: peers.length ? s(lang, 'stateAriaPeers', { peers: peersText }) : '' });
  const onKey = (ev: KeyboardEvent<SVGGElement>) => {
    if (ev.key === 'Enter' || ev.key === ' ' || ev.key === 'Spacebar') {
      ev.preventDefault();
      onSelect(state);
    }
  };
  const w = NODE_WIDTH[state];
  const h = NODE_H;
  const cls = ['sd-node', client ? 'sd-node--client' : '', server ? 'sd-node--server' : '', selected ? 'sd-node--selected' : '', noted ? 'sd-node--noted' : '']
    .filter(Boolean)
    .join(' ');
  // server's dashed outline sits outside the client's solid one when both are here
  const serverPad = client ? 9 : 4;
  return (
    <g
      className={cls}
      data-testid="diagram-state"
      data-state={state}
      data-active-peers={peers.join(' ')}
      data-noted={noted ? 'true' : undefined}
      role="button"
      tabIndex={0}
      aria-label={aria}
      aria-pressed={selected}
      transform={`translate(${x - w / 2}, ${y - h / 2})`}
      onClick={() => onSelect(state)}
      onKeyDown={onKey}
    >
      <rect className="sd-focus" x={-14} y={-14} width={w + 28} height={h + 28} rx={16} />
      {server && (
        <rect className="sd-outline sd-outline--server" x={-serverPad} y={-serverPad} width={w + 2 * serverPad} height={h + 2 * serverPad} rx={10 + serverPad} />
      )}
      {client && <rect className="sd-outline sd-outline--client" x={-4} y={-4} width={w + 8} height={h + 8} rx={14} />}
      <rect className="sd-box" width={w} height={h} rx={10} />
      <text className="sd-name" x={w / 2} y={h / 2} dy="0.35em" textAnchor="middle">
        {state}
      </text>
      {clientBadge && <Badge badge={clientBadge} text={s(lang, 'client')} ox={x - w / 2} oy={y - h / 2} />}
      {serverBadge && <Badge badge={serverBadge} text={s(lang, 'server')} ox={x - w / 2} oy={y - h / 2} />}
    </g>
  );
});

/**
 * What a chip's ends keep off for any pair of the peers' states: the labels and the badges as drawn
 * then (a chip keeps off the badges as they were when it was born). One array per pair, so the
 * chips' placements are cached by it.
 */
function chipAvoid(lang: Lang, labelBoxes: readonly Box[]): (client: TcpState, server: TcpState) => readonly Box[] {
  const byPair = new Map<string, readonly Box[]>();
  return (c, s) => {
    let boxes = byPair.get(`${c}|${s}`);
    if (!boxes) {
      const [cb, sb] = badgeSpots(c, s, lang, labelBoxes);
      byPair.set(`${c}|${s}`, (boxes = [...labelBoxes, cb!.box, sb!.box]));
    }
    return boxes;
  };
}

export function StateDiagram({ clientState, serverState, lastEdge, lang, selected, onSelect, showAllEdges = false, moves, moveTime = Infinity, flights, world, reducedMotion = false, speed, pace = 'auto', noted }: StateDiagramProps) {
  const titleId = useId();
  const lastKey = lastEdge ? pairKey(lastEdge.from, lastEdge.to) : null;
  // A rare edge that is not normally drawn is shown while it is the last one taken.
  const extra = useMemo(() => {
    if (!lastKey || showAllEdges) return null;
    const g = GEOMETRY.get(lastKey);
    if (!g || SELECTED.classic.some((e) => e.key === lastKey)) return null;
    return g.edge;
  }, [lastKey, showAllEdges]);
  // the labels' type size as drawn (CSS: desk, presenter, contrast), read on resize
  const [labelFont, setLabelFont] = useState<LabelFont>({ px: 16, bold: false });
  // the edge labels' boxes as drawn (measured when they move or change size): chips wait clear of them
  const [labelBoxes, setLabelBoxes] = useState<readonly Box[]>([]);
  const onLabelBoxes = useCallback((next: readonly Box[]) => setLabelBoxes((prev) => (sameBoxes(prev, next) ? prev : next)), []);
  // the badges move only when a peer changes state, the language changes or the labels move (a
  // function of labels and states alone: the chips keep off the badges, never the other way)
  const [clientBadge, serverBadge] = useMemo(() => badgeSpots(clientState, serverState, lang, labelBoxes), [clientState, serverState, lang, labelBoxes]);
  // what a chip keeps its ends off (with the state boxes): the labels and both badges, now and,
  // for a chip born earlier, as they were when it was born (chipAvoid)
  const avoidAt = useMemo(() => chipAvoid(lang, labelBoxes), [lang, labelBoxes]);
  const obstacles = useMemo(() => avoidAt(clientState, serverState), [avoidAt, clientState, serverState]);
  // reduced motion: each move's cause still round the state entered, off those, the states'
  // outlines, the legends and each other; a waiting segment keeps off the causes too
  const stills = useMemo(() => (reducedMotion && moves ? stillMoves(moves.filter((m) => m.label), [...obstacles, ...STATE_KEEPOUT, ...legendBoxes(lang)], VIEW_BOUNDS) : []), [reducedMotion, moves, obstacles, lang]);
  const flightAvoid = useMemo(() => (stills.length ? [...obstacles, ...stills.map((m) => m.box)] : obstacles), [stills, obstacles]);
  // the chips drawn (not a transition chip that has arrived), each placed when it was born against
  // the chips alive then (chipWays), so none meets another at any moment of their flights and none
  // moves when an earlier one is gone; chips too quick to be seen moving at the player's speed are
  // only kept apart from each other (chipHistory.ts)
  const chips = { moves: (!reducedMotion && moves && drawnMoves(moves, moveTime)) || NO_MOVES, flights: flights ?? NO_FLIGHTS };
  const chipWorld = useMemo(() => (world ? { chips: world, avoidAt } : undefined), [world, avoidAt]);
  const spans = [...chips.moves.map((m) => m.span), ...chips.flights.map((f) => f.endAt - f.sentAt)];
  const how: ChipPlacing = reducedMotion ? 'still' : speed === undefined || placedWithHistory(spans, speed, pace) ? 'history' : 'drawn';
  const ways = chipWays(chips.moves, chips.flights, flightAvoid, moveRoute, chipWorld, how);
  const spots = useMemo(() => {
    const labelled = [...SELECTED.classic, ...(showAllEdges ? SELECTED.other : []), ...(extra && extra.all.length === 1 ? [extra] : [])];
    return labelSpots(labelled, lang, labelFont);
  }, [lang, labelFont, showAllEdges, extra]);
  // d3-zoom (useD3Zoom.ts). Where the whole diagram would make its text too small (a phone, a
  // docs page's frame), it starts zoomed to a legible size on the peers' current states and
  // follows them until the user pans or zooms; − zooms out to the whole picture, Reset comes back
  // to the legible view. Measured on resize only, never per frame.
  const svgRef = useRef<SVGSVGElement>(null);
  const [vt, setVt] = useState<ViewTransform>(viewIdentity);
  const legible = useRef(1);
  const follow = useRef(true);
  // the state names' type size in diagram units (read on resize): an away chip is drawn as large
  const [nameUnits, setNameUnits] = useState(18);
  const zoomer = useD3Zoom(svgRef, [1, 6], (t, _prev, src) => {
    if (!src.programmatic) follow.current = false;
    setVt(t);
  }, SD_BOUNDS);
  const mover = lastEdge?.peer ?? 'client';
  const moverState = mover === 'server' ? serverState : clientState;
  // the state the mover came from (primitives only: centre must not change with every render)
  const from = lastEdge && lastEdge.to === moverState ? lastEdge.from : moverState;
  // the badges' spots, not their objects: the labels are measured again at each zoom (text metrics
  // differ a little with scale), which makes new badge objects at the same spots
  const clientSpot = clientBadge!.spot;
  const serverSpot = serverBadge!.spot;
  const centre = useCallback(() => {
    const other = mover === 'server' ? clientState : serverState;
    // the largest of these that fits at the legible size, each state with its badges where they
    // are (above, below or beside the box): both peers' states and the edge the last mover took,
    // both states, the mover's edge, or the mover's state alone (a chip then points at the other:
    // AwayChip)
    const badges = [
      { state: clientState, box: badgeBox(STATE_BOX[clientState], badgeWidth(s(lang, 'client')), clientSpot) },
      { state: serverState, box: badgeBox(STATE_BOX[serverState], badgeWidth(s(lang, 'server')), serverSpot) },
    ];
    const aim = aimView([[moverState, other, from], [moverState, other], [moverState, from], [moverState]], badges, legible.current, DIAGRAM_W, DIAGRAM_H - VIEW_TOP);
    zoomer.set(centredOn(aim.x, aim.y, aim.k));
  }, [clientState, serverState, mover, moverState, from, zoomer, lang, clientSpot, serverSpot]);
  const centreRef = useRef(centre);
  useLayoutEffect(() => {
    centreRef.current = centre;
    if (follow.current) centre();
  }, [centre]);
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const r = svg.getBoundingClientRect();
      if (r.width === 0) return;
      const label = svg.querySelector('.sd-edge-label');
      if (label) {
        const cs = getComputedStyle(label);
        const px = parseFloat(cs.fontSize) || 16;
        const bold = (parseInt(cs.fontWeight, 10) || 400) >= 600;
        setLabelFont((f) => (f.px === px && f.bold === bold ? f : { px, bold }));
      }
      const fit = Math.min(r.width / DIAGRAM_W, r.height / (DIAGRAM_H - VIEW_TOP));
      // state names everywhere; on a phone or in a small frame the edge labels as well (a desktop
      // column draws them a little under the names and shows every state)
      const small = typeof matchMedia === 'function' && matchMedia(PHONE).matches;
      let font = Infinity;
      for (const sel of small ? ['.sd-name', '.sd-edge-label'] : ['.sd-name']) {
        const el = svg.querySelector(sel);
        if (el) font = Math.min(font, parseFloat(getComputedStyle(el).fontSize) || Infinity);
      }
      const names = parseFloat(getComputedStyle(svg.querySelector('.sd-name') ?? svg).fontSize);
      if (Number.isFinite(names)) setNameUnits(names);
      const k = Number.isFinite(font) && fit > 0 ? Math.min(4, Math.max(1, LEGIBLE_PX / (font * fit))) : 1;
      if (Math.abs(k - legible.current) < 0.01) return;
      legible.current = k;
      if (follow.current) centreRef.current();
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(svg);
    return () => ro.disconnect();
  }, []);
  const onReset = () => {
    follow.current = true;
    centre();
  };
  const zoomed = vt.k > 1.001;
  return (
    <div className={`sd-wrap${zoomed ? ' sd-wrap--zoomed' : ''}`} data-zoom={vt.k.toFixed(3)}>
    <div className="sd-tools" role="group" aria-label={s(lang, 'sdZoomGroup')}>
      <button type="button" className="seq-tool" data-testid="sd-zoom-out" onClick={() => zoomer.scaleBy(1 / 1.5)} disabled={!zoomed} aria-label={s(lang, 'sdZoomOut')} title={s(lang, 'sdZoomOut')}>
        −
      </button>
      <button type="button" className="seq-tool" data-testid="sd-zoom-in" onClick={() => zoomer.scaleBy(1.5)} disabled={vt.k >= 5.999} aria-label={s(lang, 'sdZoomIn')} title={s(lang, 'sdZoomIn')}>
        +
      </button>
      <button type="button" className="seq-tool seq-tool--text" data-testid="sd-zoom-reset" onClick={onReset} title={s(lang, 'sdZoomReset')}>
        {s(lang, 'sdZoomResetShort')}
      </button>
    </div>
    <svg
      ref={svgRef}
      className="sd"
      viewBox={`0 ${VIEW_TOP} ${DIAGRAM_W} ${DIAGRAM_H - VIEW_TOP}`}
      width="100%"
      preserveAspectRatio="xMidYMid meet"
      role="group"
      aria-labelledby={titleId}
      data-testid="state-diagram"
    >
      <title id={titleId}>{s(lang, 'stateDiagramTitle')}</title>
      <desc>{s(lang, 'stateDiagramDesc')}</desc>
      <defs>
        <marker id="sd-arrow" viewBox="0 0 10 10" refX={9} refY={5} markerWidth={7} markerHeight={7} orient="auto-start-reverse">
          <path className="sd-arrowhead" d="M0,0L10,5L0,10z" />
        </marker>
        <marker id="sd-arrow-faint" viewBox="0 0 10 10" refX={9} refY={5} markerWidth={6} markerHeight={6} orient="auto-start-reverse">
          <path className="sd-arrowhead sd-arrowhead--faint" d="M0,0L10,5L0,10z" />
        </marker>
      </defs>
      <g className="sd-view" transform={vt.toString()}>
      <EdgesLayer lang={lang} showAllEdges={showAllEdges} />
      {extra && <EdgePath e={extra} className="sd-edge sd-edge--faint" lang={lang} />}
      {moves ? moves.map((m) => <Flash key={`${m.peer}-${m.t}-${m.to}`} lastEdge={m} />) : lastEdge && <Flash key={lastEdge.key} lastEdge={lastEdge} />}
      {/* a grouped pair has several possible causes; its title lists them, a label would guess */}
      <EdgeLabelsLayer lang={lang} showAllEdges={showAllEdges} spots={spots} extra={extra && extra.all.length === 1 ? extra : null} onBoxes={onLabelBoxes} />
      <g className="sd-nodes">
        {TCP_STATES.map((st) => (
          <StateNode
            key={st}
            state={st}
            client={clientState === st ? clientBadge! : null}
            server={serverState === st ? serverBadge! : null}
            selected={selected === st}
            noted={noted?.includes(st) ?? false}
            lang={lang}
            onSelect={onSelect}
          />
        ))}
      </g>
      <g className="sd-tokens">
        {stills.map((m) => (
          <MoveLabel key={`${m.move.peer}-${m.move.t}-${m.move.from}-${m.move.to}`} still={m} />
        ))}
        {!reducedMotion &&
          // a chip is drawn while it travels (drawnMoves); once arrived, the lit edge and the peer's badge tell the rest
          chips.moves.map((m, i) => <MoveToken key={`${m.peer}-${m.t}-${m.from}-${m.to}`} move={m} route={routeOf(m.from, m.to)} progress={moveProgress(m.t, m.span, moveTime)} way={ways.moves[i]!} />)}
        {chips.flights.map((f, i) => <FlightToken key={f.id} f={f} reducedMotion={reducedMotion} way={ways.flights[i]!} />)}
      </g>
      </g>
      {zoomed &&
        (['client', 'server'] as const).map((peer) => {
          const st = peer === 'client' ? clientState : serverState;
          return <AwayChip key={peer} peer={peer} state={st} badge={(peer === 'client' ? clientBadge : serverBadge)?.box ?? null} vt={vt} units={nameUnits * vt.k} lang={lang} />;
        })}
    </svg>
    </div>
  );
}

/** The zoom at scale k that puts diagram point (x, y) in the middle of the view. */
function centredOn(x: number, y: number, k: number): ViewTransform {
  return viewIdentity.translate(DIAGRAM_W / 2 - k * x, VIEW_TOP + (DIAGRAM_H - VIEW_TOP) / 2 - k * y).scale(k);
}

/**
 * A peer whose state lies outside the zoomed view (a docs frame or a phone, where both peers'
 * states do not fit at a legible size): a chip at the view's edge, on the side of that state,
 * names the peer and its state (dragging or − brings it into view).
 */
function AwayChip({ peer, state, badge, vt, units, lang }: { peer: 'client' | 'server'; state: TcpState; badge: Box | null; vt: ViewTransform; units: number; lang: Lang }) {
  const p = NODE_POS[state];
  const x = vt.k * p.x + vt.x;
  const y = vt.k * p.y + vt.y;
  const top = VIEW_TOP;
  // from the view's centre; nothing to point at when the whole box and the peer's badge are in view
  const dx = x - DIAGRAM_W / 2;
  const dy = y - (top + DIAGRAM_H) / 2;
  const inView = (b: Box) => vt.k * b.x0 + vt.x >= -1 && vt.k * b.x1 + vt.x <= DIAGRAM_W + 1 && vt.k * b.y0 + vt.y >= top - 1 && vt.k * b.y1 + vt.y <= DIAGRAM_H + 1;
  if (inView(STATE_BOX[state]) && (!badge || inView(badge))) return null;
  const text = `${Math.abs(dx) > Math.abs(dy) ? (dx < 0 ? '←' : '→') : dy < 0 ? '↑' : '↓'} ${s(lang, peer)} ${state}`;
  const h = units * 1.6;
  const w = textWidth(text, units) * 1.08 + units;
  const m = units * 0.4;
  const left = Math.min(DIAGRAM_W - m - w, Math.max(m, x - w / 2));
  // on the state's side; moved to the bottom or top edge where it would cover a state box (the
  // top edge when every place would: the boxes there are the ones cut by the view's edge)
  const free = (cy: number) => !TCP_STATES.some((st) => ((q) => vt.k * (q.x - 75) + vt.x < left + w && vt.k * (q.x + 75) + vt.x > left && vt.k * (q.y - 30) + vt.y < cy + h && vt.k * (q.y + 22) + vt.y > cy)(NODE_POS[st]));
  const natural = Math.min(DIAGRAM_H - m - h, Math.max(top + m, y - h / 2));
  const ty = [natural, DIAGRAM_H - m - h, top + m].find(free) ?? top + m;
  return (
    <g className={`sd-away sd-away--${peer}`} transform={`translate(${left}, ${ty})`} data-testid="sd-offscreen" data-peer={peer} data-state={state}>
      <rect width={w} height={h} rx={h / 2} />
      <text x={w / 2} y={h / 2} dy="0.35em" textAnchor="middle" style={{ fontSize: units }}>
        {text}
      </text>
    </g>
  );
}
