import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { useSimulatorApi } from '../../store/react';
import { percent, shortShard } from '../format';
import { hoverShard } from '../hooks';
import { heatColor, SEMANTIC, shardColor, type Theme } from '../palette';
import { Tooltip, useTooltip } from '../tooltip';
import { hashColumns } from './hashColumns';
import { windowFractions, windowFromPixels, windowAround, type HashWindow } from './hashWindow';
import { useSetHashWindow } from './hashZoom';
import { hotAt, loadAt, type ShardLoads } from './shardLoads';
import { lastStartingAtOrBefore } from './shardBins';
import { MIN_SEGMENT_PX } from './thresholds';
import { topAndRest } from './topShards';

const M = { left: 12, right: 12 };
/** Pixels per summary column: a column per 2 px keeps the picture sharp and the marks few. */
const COLUMN_PX = 2;
/** Hot shards named above the bar at most. */
const HOT_LABELS = 4;

export interface HashBarAtScaleProps {
  readonly streamName: string;
  readonly loads: ShardLoads;
  readonly window: HashWindow;
  readonly width: number;
  readonly theme: Theme;
  readonly focus: string | undefined;
  readonly hovered: string | undefined;
  readonly pointFraction: number | undefined;
  readonly ranged: boolean;
  readonly onSelect: (shardId: string) => void;
}

/** The percent label of a point of the space, with as many digits as the window's width needs. */
function edgeLabel(fraction: number, span: number): string {
  if (fraction <= 0) return '0';
  if (fraction >= 1) return '2¹²⁸−1';
  const digits = Math.min(10, Math.max(0, Math.ceil(-Math.log10(span)) + 1));
  return percent(fraction, digits);
}

/**
 * The hash key space for many shards: each shard one segment while segments are at least
 * MIN_SEGMENT_PX wide, else columns of the window (the busiest shard's load on top, the records
 * below), the hottest shards named. Drag across the bar to zoom to a range; click a column to zoom
 * to its shards, a segment to select it.
 */
export function HashBarAtScale(props: HashBarAtScaleProps) {
  const { streamName, loads, window: w, width, theme, focus, hovered, pointFraction, ranged, onSelect } = props;
  const api = useSimulatorApi();
  const setWindow = useSetHashWindow();
  const [tip, setTip] = useTooltip();
  const brushRef = useRef<SVGGElement>(null);
  const iw = Math.max(50, width - M.left - M.right);
  const [f0, f1] = windowFractions(w);
  const span = f1 - f0;
  const sx = (f: number) => Math.max(0, Math.min(iw, ((f - f0) / span) * iw));
  const { starts, shards } = loads.open;
  const first = Math.max(0, lastStartingAtOrBefore(starts, w.start));
  const end = starts.length === 0 ? 0 : lastStartingAtOrBefore(starts, w.end - 1n) + 1;
  const perShard = end - first <= iw / MIN_SEGMENT_PX;
  const hot = SEMANTIC[theme].hot;

  const columns = useMemo(
    () => (perShard ? [] : hashColumns(loads, w, Math.max(1, Math.floor(iw / COLUMN_PX)))),
    [loads, w, iw, perShard],
  );
  const hottest = useMemo(() => {
    const ranked = topAndRest(first, end, (i) => (hotAt(loads, i) ? loadAt(loads, i) : 0), HOT_LABELS);
    return ranked.top.filter((i) => hotAt(loads, i));
  }, [loads, first, end]);
  const maxRecords = Math.max(1, ...columns.map((c) => c.total));

  // Over the columns, a drag zooms to that range of keys (exactly: see windowFromPixels) and a
  // click to the shards of the column clicked. The brush's overlay takes both.
  const brush = useMemo(() => d3.brushX<unknown>(), []);
  const zoomTo = useRef<(px0: number, px1: number) => void>(() => {});
  zoomTo.current = (px0, px1) => setWindow(streamName, windowFromPixels(w, Math.round(px0), Math.round(px1), iw));
  const clickAt = useRef<(mx: number) => void>(() => {});
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    brush
      .extent([
        [0, 0],
        [iw, 54],
      ])
      .filter((e: MouseEvent) => !e.button)
      .on('end', (e: d3.D3BrushEvent<unknown>) => {
        if (!e.sourceEvent) return;
        const sel = e.selection as [number, number] | null;
        if (sel) d3.select(g).call(brush.move, null);
        if (sel && sel[1] - sel[0] >= 3) zoomTo.current(sel[0], sel[1]);
        else if (!sel) clickAt.current(d3.pointer(e.sourceEvent, g)[0]);
      });
    d3.select(g).call(brush);
    return () => {
      d3.select(g).on('.brush', null);
    };
  }, [brush, iw, perShard]);

  const columnAt = (mx: number) => columns[Math.min(columns.length - 1, Math.max(0, Math.floor(mx / COLUMN_PX)))];
  const local = (e: React.MouseEvent) => {
    const r = (e.currentTarget as Element).closest('svg')!.getBoundingClientRect();
    return { mx: e.clientX - r.left - M.left, my: e.clientY - r.top };
  };
  const onColumnsMove = (e: React.MouseEvent) => {
    const { mx, my } = local(e);
    const c = columnAt(mx);
    if (!c || c.shards === 0) {
      setTip(null);
      return;
    }
    const firstId = shards[c.from]!.id;
    const lastId = shards[c.to - 1]!.id;
    hoverShard(api, streamName, c.peakAt >= 0 ? shards[c.peakAt]!.id : null);
    setTip({
      x: mx + M.left,
      y: my,
      lines: [
        c.shards === 1
          ? firstId
          : `${c.shards.toLocaleString('en-US')} shards: ${shortShard(firstId)} … ${shortShard(lastId)}`,
        `Records${ranged ? ' in range' : ''}: ${c.total.toLocaleString('en-US')}`,
        c.peakAt >= 0
          ? `Busiest: ${shards[c.peakAt]!.id} (load ×${c.peakLoad.toFixed(2)}${c.peakHot ? ', HOT' : ''})`
          : '',
        'Click to zoom to these shards; drag to zoom to a range',
      ].filter(Boolean),
    });
  };
  clickAt.current = (mx: number) => {
    const c = columnAt(mx);
    if (!c || c.shards === 0) return;
    const a = shards[c.from]!;
    const b = shards[c.to - 1]!;
    if (c.shards === 1) onSelect(a.id);
    setWindow(streamName, windowAround(a.startingHashKey, b.endingHashKey, c.shards === 1 ? 8 : 0));
  };

  const segment = (i: number) => {
    const s = shards[i]!;
    const x0 = sx(loads.geometry.y0[i]!);
    const x1 = sx(loads.geometry.y1[i]!);
    const wpx = Math.max(1, x1 - x0);
    const isHot = hotAt(loads, i);
    const selected = focus === s.id;
    return (
      <g
        key={s.id}
        className="ss-segment"
        data-shard-id={s.id}
        data-hot={isHot}
        onMouseMove={(e) => {
          const { mx, my } = local(e);
          hoverShard(api, streamName, s.id);
          setTip({
            x: mx + M.left,
            y: my,
            lines: [
              s.id,
              `StartingHashKey ${s.startingHashKey.toString()}`,
              `EndingHashKey ${s.endingHashKey.toString()}`,
              `Share of the space: ${percent(loads.geometry.share[i]!, 4)}`,
              `Records${ranged ? ' in range' : ''}: ${loads.records[i]!} (load ×${loadAt(loads, i).toFixed(2)})`,
              isHot ? 'HOT: takes far more than its share of records' : '',
            ].filter(Boolean),
          });
        }}
        onMouseLeave={() => {
          setTip(null);
          hoverShard(api, streamName, null);
        }}
        onClick={() => onSelect(s.id)}
      >
        <rect
          x={x0}
          y={0}
          width={wpx}
          height={34}
          fill={shardColor(s.index, theme)}
          fillOpacity={selected ? 0.9 : 0.55}
          stroke={isHot ? hot : hovered === s.id || selected ? 'var(--ss-fg)' : 'var(--ss-panel)'}
          strokeWidth={isHot ? 3 : hovered === s.id || selected ? 2.5 : 1}
        />
        {wpx > 40 && (
          <text x={x0 + wpx / 2} y={21} textAnchor="middle" className="ss-seg-label">
            {shortShard(s.id)}
          </text>
        )}
      </g>
    );
  };

  const focusPos = focus !== undefined ? loads.open.positionOf.get(focus) : undefined;
  const focusMark =
    focusPos !== undefined && focusPos >= first && focusPos < end && !perShard
      ? (sx(loads.geometry.y0[focusPos]!) + sx(loads.geometry.y1[focusPos]!)) / 2
      : undefined;
  const keyX =
    pointFraction !== undefined && pointFraction >= f0 && pointFraction <= f1 ? sx(pointFraction) : undefined;
  const ticks = [0, 0.25, 0.5, 0.75, 1];

  return (
    <div className="ss-plot" data-testid="hash-bar-scale" data-mode={perShard ? 'shards' : 'columns'}>
      <svg
        width={width}
        height={118}
        className="ss-hks"
        role="img"
        aria-label={`${(end - first).toLocaleString('en-US')} of ${shards.length.toLocaleString('en-US')} open shards in view, ${perShard ? 'one segment each' : `in ${columns.length} columns`}`}
      >
        <g transform={`translate(${M.left},22)`}>
          {perShard ? (
            Array.from({ length: end - first }, (_, k) => segment(first + k))
          ) : (
            <g>
              {columns.map((c, p) =>
                c.shards === 0 ? null : (
                  <g key={p}>
                    <rect
                      x={p * COLUMN_PX}
                      width={COLUMN_PX}
                      height={34}
                      fill={c.peakHot ? hot : heatColor(Math.min(1, c.peakLoad / 4), theme)}
                    />
                    <rect
                      x={p * COLUMN_PX}
                      y={40}
                      width={COLUMN_PX}
                      height={14}
                      fill={heatColor(c.total / maxRecords, theme)}
                    />
                  </g>
                ),
              )}
            </g>
          )}
          {!perShard && (
            <g
              ref={brushRef}
              className="ss-brush"
              data-testid="hash-brush"
              onMouseMove={onColumnsMove}
              onMouseLeave={() => {
                setTip(null);
                hoverShard(api, streamName, null);
              }}
            />
          )}
          {hottest.map((i) => {
            const x = (sx(loads.geometry.y0[i]!) + sx(loads.geometry.y1[i]!)) / 2;
            return (
              <g
                key={shards[i]!.id}
                transform={`translate(${x},0)`}
                className="ss-hot-mark"
                data-shard-id={shards[i]!.id}
              >
                <path d="M-4,-9 L4,-9 L0,-2 z" fill={hot} />
                <text
                  y={-12}
                  textAnchor={x < 40 ? 'start' : x > iw - 40 ? 'end' : 'middle'}
                  className="ss-hot-label"
                  fill={hot}
                >
                  HOT {shortShard(shards[i]!.id)}
                </text>
              </g>
            );
          })}
          {focusMark !== undefined && (
            <line
              x1={focusMark}
              x2={focusMark}
              y1={-2}
              y2={56}
              stroke="var(--ss-fg)"
              strokeWidth={2}
              data-testid="focus-mark"
            />
          )}
          <g className="ss-axis" transform="translate(0,72)">
            <line x1={0} x2={iw} stroke="var(--ss-border)" />
            {ticks.map((t) => (
              <text key={t} x={t * iw} y={13} textAnchor={t === 0 ? 'start' : t === 1 ? 'end' : 'middle'}>
                {edgeLabel(f0 + t * span, span)}
              </text>
            ))}
          </g>
          {keyX !== undefined && (
            <g transform={`translate(${keyX},0)`} data-testid="key-point" data-hash-fraction={pointFraction}>
              <line y1={-4} y2={56} stroke="var(--ss-fg)" strokeWidth={2} />
              <path d="M-6,-12 L6,-12 L0,-3 z" fill="var(--ss-fg)" />
            </g>
          )}
        </g>
      </svg>
      <p className="ss-muted ss-small ss-scale-note">
        {perShard
          ? 'One segment per shard: click one to select it. Hash − or Whole space (above) zoom back out.'
          : `${(end - first).toLocaleString('en-US')} shards in ${columns.length} columns: top row the busiest shard's load, bottom row the records. Drag to zoom; click a column for its shards.`}
      </p>
      <Tooltip tip={tip} />
    </div>
  );
}
