/**
 * Connections per state over virtual time (d3 scales and shapes, drawn by React): a stacked
 * area or one line per state, linear or log. The time cursor is set by a click, a drag or the
 * arrow keys; clicking a band picks that state at that instant (the drill-down). The paths grow
 * with each run update (only the new samples' points are computed), never per pointer move:
 * hovering only moves a line.
 */
import { scaleLinear, scaleSymlog } from 'd3';
import { memo, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import type { Sample } from '../../fleet/sample.ts';
import { STATE_ALIASES } from '../../tcp/states.ts';
import type { TcpState } from '../../tcp/states.ts';
import { useI18n } from '../i18n/index.ts';
import { BandPaths } from './bandPaths.ts';
import { formatCount } from './formatCount.ts';
import { STATE_COLOURS } from './colours.ts';
import { useWidth } from './useWidth.ts';

export type ChartMode = 'stacked' | 'lines';

interface Props {
  samples: readonly Sample[];
  total: number;
  cursor: number;
  onCursor: (t: number) => void;
  onPick: (state: TcpState, t: number) => void;
  mode: ChartMode;
  log: boolean;
  yMax: number;
  markers: readonly { t: number; label: string }[];
  caption: string;
  testid: string;
  /** states worth a band or a line (those ever above zero) */
  states: readonly TcpState[];
}

// room above the plot for the y axis' title, clear of the top tick's figure
const M = { top: 28, right: 14, bottom: 38, left: 52 };
const HEIGHT = 260;

export const aliasText = (s: TcpState) => `${s} — ss: ${STATE_ALIASES[s].ss}, netstat: ${STATE_ALIASES[s].netstat}`;

function CountsChartInner(p: Props) {
  const { t, lang } = useI18n();
  const [ref, width] = useWidth<HTMLDivElement>();
  const [hover, setHover] = useState<number | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const w = Math.max(240, width);
  const x = useMemo(() => scaleLinear().domain([0, Math.max(1, p.total)]).range([M.left, w - M.right]), [p.total, w]);
  const y = useMemo(() => {
    const s = p.log ? scaleSymlog().constant(1) : scaleLinear();
    return s.domain([0, Math.max(1, p.yMax)]).range([HEIGHT - M.bottom, M.top]).nice();
  }, [p.log, p.yMax]);

  // built as samples arrive: a chunk adds its points, earlier ones are kept (bandPaths.ts)
  const [bands] = useState(() => new BandPaths());
  const scaleKey = `${x.domain()}|${x.range()}|${y.domain()}|${y.range()}|${p.log}`;
  const paths = useMemo(() => bands.update(p.samples, p.states, p.mode, x, y, scaleKey), [bands, p.samples, p.mode, p.states, x, y, scaleKey]);

  const tAt = (e: PointerEvent<SVGElement>) => {
    const box = svgRef.current!.getBoundingClientRect();
    const v = Math.round(x.invert(e.clientX - box.left));
    return Math.max(1, Math.min(p.samples.length || 1, v));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const step = e.shiftKey ? 10 : 1;
    if (e.key === 'ArrowLeft') p.onCursor(Math.max(1, p.cursor - step));
    else if (e.key === 'ArrowRight') p.onCursor(Math.min(p.samples.length, p.cursor + step));
    else return;
    e.preventDefault();
  };

  const hs = hover !== null ? p.samples[hover - 1] : undefined;
  // one time label per 80 px at most ("280 s", "280 秒" are about 40 px): d3's nice steps can give
  // more ticks than asked, so ask for fewer until they fit
  const maxTicks = Math.max(2, Math.floor((w - M.left - M.right) / 80) + 1);
  let xTicks = x.ticks(maxTicks);
  for (let n = maxTicks - 1; xTicks.length > maxTicks && n >= 1; n--) xTicks = x.ticks(n);
  const yTicks = p.log ? logTicks(y.domain()[1]!) : y.ticks(5);
  const fmt = (n: number) => formatCount(n, lang);

  return (
    <figure className="fleet-chart" ref={ref} data-testid={p.testid}>
      <figcaption>{p.caption}</figcaption>
      <svg
        ref={svgRef}
        width={w}
        height={HEIGHT}
        role="img"
        tabIndex={0}
        aria-label={`${p.caption}. ${t('fleet.chart.keys')}`}
        onKeyDown={onKey}
        onPointerMove={(e) => setHover(tAt(e))}
        onPointerLeave={() => setHover(null)}
        onPointerDown={(e) => {
          if ((e.target as Element).getAttribute('data-state')) return;
          p.onCursor(tAt(e));
        }}
      >
        <g className="axis">
          {yTicks.map((v) => (
            <g key={`y${v}`} transform={`translate(0,${y(v)})`}>
              <line x1={M.left} x2={w - M.right} className="grid" />
              <text x={M.left - 6} dy="0.32em" textAnchor="end">
                {fmt(v)}
              </text>
            </g>
          ))}
          {xTicks.map((v) => (
            <text key={`x${v}`} x={x(v)} y={HEIGHT - M.bottom + 15} textAnchor={x(v) > w - M.right - 24 ? 'end' : x(v) < M.left + 24 ? 'start' : 'middle'}>
              {t('seconds', { t: v })}
            </text>
          ))}
          <text className="axis-title" x={M.left - 6} y={M.top - 13} textAnchor="end">
            {t('fleet.axisSockets')}
          </text>
          <text className="axis-title" x={(M.left + w - M.right) / 2} y={HEIGHT - 4} textAnchor="middle">
            {t('fleet.axisTime')}
          </text>
        </g>
        {paths.map((pa) => (
          <path
            key={pa.state}
            d={pa.d}
            data-testid="fleet-band"
            data-state={pa.state}
            className={pa.fill ? 'band' : 'series'}
            fill={pa.fill ? STATE_COLOURS[pa.state] : 'none'}
            stroke={STATE_COLOURS[pa.state]}
            onPointerDown={(e) => {
              e.stopPropagation();
              const tt = tAt(e);
              p.onCursor(tt);
              p.onPick(pa.state, tt);
            }}
          >
            <title>{aliasText(pa.state)}</title>
          </path>
        ))}
        {p.markers.map((m) => (
          <g key={`m${m.t}${m.label}`} className="marker" data-testid="fleet-marker" data-t={m.t}>
            <line x1={x(m.t)} x2={x(m.t)} y1={M.top} y2={HEIGHT - M.bottom} />
            <text x={x(m.t) + 4} y={M.top + 10}>
              {m.label}
            </text>
          </g>
        ))}
        <line className="cursor" data-testid="fleet-cursor-line" x1={x(p.cursor)} x2={x(p.cursor)} y1={M.top} y2={HEIGHT - M.bottom} />
        {hover !== null && <line className="hover" x1={x(hover)} x2={x(hover)} y1={M.top} y2={HEIGHT - M.bottom} />}
      </svg>
      {hs && (
        <div className="fleet-tip" style={{ left: Math.min(x(hs.t) + 12, w - 230) }} role="tooltip">
          <strong>{t('seconds', { t: hs.t })}</strong>
          {p.states.map((st) => (
            <div key={st} title={aliasText(st)}>
              <span className="swatch" style={{ background: STATE_COLOURS[st] }} /> {STATE_ALIASES[st].netstat} <span className="muted">({STATE_ALIASES[st].ss})</span> <b>{fmt(hs.states[st])}</b>
            </div>
          ))}
        </div>
      )}
    </figure>
  );
}

function logTicks(max: number): number[] {
  const out = [0];
  for (let v = 1; v <= max; v *= 10) out.push(v);
  return out;
}

export const CountsChart = memo(CountsChartInner);
