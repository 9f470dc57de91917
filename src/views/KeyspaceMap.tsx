import * as d3 from 'd3';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSimulator, useSimulatorApi } from '../store/react';
import { clockTime, duration, isoTime, shortShard } from './format';
import { hoverShard, prepareCanvas, useFrameTick, useHoveredShard, useTheme, useWidth } from './hooks';
import { bandsOf, lineageOf } from './model/bands';
import { forEachRecordIn, nearestRecord } from './model/dots';

/** Records one paint visits at most, so a paint's cost is bounded. */
const DOT_BUDGET = 30_000;
/**
 * Device pixels per record visited: a dot covers nine, so one record per four pixels already
 * overprints the canvas; beyond that the density layer (which counts each visit at its stride's
 * weight) carries how busy a spot is. A small stage cell then visits a fraction of the budget.
 */
const PIXELS_PER_VISIT = 4;
/** Records at the present instant ringed at most. */
const JUST_WRITTEN_MAX = 48;
const JUST_WRITTEN_R = 4.5;
import { trimHorizon } from './model/lanes';
import { trimHorizonTimeAt } from '../engine/index';
import { SEMANTIC, shardColor } from './palette';
import { Panel } from './Panel';
import { Tooltip, useTooltip } from './tooltip';
import { DensityGrid } from './density';
import { axisCharPx, timeTicks } from './labels';
import { usePlotHeight } from './stageLayout';
import { viewsApi } from './viewsApi';
import { hashAxisTicks } from './scale/hashTicks';
import { useHashWindow } from './scale/hashZoom';
import { windowFractions } from './scale/hashWindow';
import { keyspaceAtScale } from './scale/keyspaceAtScale';
import { fanOffsets } from './model/fan';
import { KeyspaceCrosses } from './FailureCrosses';
import { BandsSummarised, ScaleMarks } from './scale/ScaleMarks';

/** The density layer's shade: toward black on a light page, toward white on a dark one. */
const DENSITY_INK = { light: [20, 24, 32], dark: [240, 242, 247] } as const;

/** The map's own height, where no stage cell sets one. */
const NATURAL_HEIGHT = 320;

/** '#rrggbb' and an opacity → one RGBA pixel as a little-endian Uint32 (ImageData's byte order). */
function packColor(hex: string, alpha: number): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return ((Math.round(alpha * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
const M = { top: 12, right: 18, bottom: 24, left: 74 };
const BRUSH_H = 22;
const Y_TICKS: readonly [number, string][] = [
  [0, '0'],
  [0.25, '2¹²⁶'],
  [0.5, '2¹²⁷'],
  [0.75, '3·2¹²⁶'],
  [1, '2¹²⁸'],
];

export default function KeyspaceMap({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  useFrameTick();
  const selection = useSimulator((s) => s.selection);
  const theme = useTheme();
  const hovered = useHoveredShard(streamName);
  const [wrap, width] = useWidth<HTMLDivElement>();
  const { height: plotHeight, fill } = usePlotHeight(wrap, NATURAL_HEIGHT, 150);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const overlayRef = useRef<SVGRectElement>(null);
  const brushRef = useRef<SVGGElement>(null);
  const [transform, setTransform] = useState<d3.ZoomTransform>(d3.zoomIdentity);
  const [tip, setTip] = useTooltip();
  const hashWindow = useHashWindow(streamName);
  const [wy0, wy1] = windowFractions(hashWindow);

  const { engine, now } = api.getState();
  const stream = engine.stream(streamName);
  const iw = Math.max(50, width - M.left - M.right);
  const ih = plotHeight - M.top - M.bottom - BRUSH_H;
  const t0 = stream?.createdAt ?? now;
  // The time axis grows in steps (room for 25% more history each time "now" reaches its end), so
  // while time runs the domain, and with it the dot raster, stays the same for many frames.
  const axisEnd = useRef({ t0: NaN, end: NaN });
  const elapsed = Math.max(2000, now - t0);
  if (axisEnd.current.t0 !== t0 || now > axisEnd.current.end || axisEnd.current.end - t0 > elapsed * 1.6) {
    axisEnd.current = { t0, end: t0 + elapsed * 1.25 };
  }
  const base = d3.scaleLinear().domain([t0, axisEnd.current.end]).range([0, iw]);
  const x = transform.rescaleX(base);
  // y is the hash axis: the whole space, or the range the views are zoomed to.
  const y = d3.scaleLinear().domain([wy0, wy1]).range([ih, 0]);
  const [d0, d1] = x.domain() as [number, number];

  // Many shards, or a zoomed hash range: the window's shards only, summarised past what can be drawn.
  const atScale = stream ? keyspaceAtScale(stream, now, hashWindow) : undefined;
  const bands = atScale ? atScale.bands : stream ? bandsOf(stream, now) : [];
  const edges = atScale ? atScale.edges : stream ? lineageOf(stream) : [];
  const focusShard = selection.record?.shardId ?? selection.shardId;

  // The plot (and so the zoom overlay and the brush) mounts only once the stream exists: the
  // behaviours are attached again when it appears.
  const hasPlot = stream !== undefined;

  // Pan and zoom on time only (d3.zoom), over the plot.
  const zoom = useMemo(() => d3.zoom<SVGRectElement, unknown>().scaleExtent([1, 200_000]), []);
  useEffect(() => {
    const el = overlayRef.current;
    if (!el) return;
    zoom
      .extent([
        [0, 0],
        [iw, ih],
      ])
      .translateExtent([
        [0, 0],
        [iw, ih],
      ])
      .on('zoom', (e: d3.D3ZoomEvent<SVGRectElement, unknown>) => setTransform(e.transform));
    d3.select(el).call(zoom).on('dblclick.zoom', null);
    return () => {
      d3.select(el).on('.zoom', null);
    };
  }, [zoom, iw, ih, hasPlot]);

  // The time-range brush, kept in step with selection.timeRange.
  const brush = useMemo(() => d3.brushX<unknown>(), []);
  const xRef = useRef(x);
  xRef.current = x;
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    brush
      .extent([
        [0, 0],
        [iw, BRUSH_H - 4],
      ])
      .on('end', (e: d3.D3BrushEvent<unknown>) => {
        if (!e.sourceEvent) return;
        const s = api.getState();
        const sel = e.selection as [number, number] | null;
        const { timeRange: _drop, ...rest } = s.selection;
        if (!sel || sel[1] - sel[0] < 2) s.select(rest);
        else s.select({ ...rest, timeRange: [xRef.current.invert(sel[0]), xRef.current.invert(sel[1])] });
      });
    d3.select(g).call(brush);
  }, [brush, iw, api, hasPlot]);
  const tr = selection.timeRange;
  useEffect(() => {
    const g = brushRef.current;
    if (!g) return;
    const target: [number, number] | null = tr ? [Math.max(0, x(tr[0])), Math.min(iw, x(tr[1]))] : null;
    d3.select(g).call(brush.move, target && target[1] > target[0] ? target : null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tr?.[0], tr?.[1], d0, d1, iw, brush, hasPlot]);

  // Record dots on canvas: culled to the visible time range by binary search, written straight
  // into a pixel buffer (no per-dot canvas calls), first dot per pixel wins.
  const pixels = useRef<{ buf: Uint32Array; w: number; h: number } | null>(null);
  const painted = useRef('');
  // What the last paint drew: an add-only paint goes on from it (this map's own, never another's).
  const lastPaint = useRef({ drawn: 0, paintMs: 0, newestArrival: -Infinity, saturated: 0 });
  // Many shards: what the raster holds, so a paint can add only the records written since.
  const addable = useRef<{ base: string; trim: string; fullAt: number; lengths: Int32Array } | null>(null);
  const revision = api.getState().revision;
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (!stream) return;
    // What the map shows, for tests and benchmarks: registered on every render, painted or not
    // (a render whose raster is still valid skips the paint below).
    const exposed = viewsApi();
    exposed.keyspace = () => ({
      domain: [d0, d1],
      width: iw,
      height: ih,
      drawnDots: lastPaint.current.drawn,
      paintMs: lastPaint.current.paintMs,
    });
    const cssSx = iw / (d1 - d0);
    exposed.recordPoint = (shardId, index) => {
      const s = stream.shards.find((sh) => sh.id === shardId);
      if (!s || index < 0 || index >= s.records.length) return null;
      const arrival = s.records.arrival(index);
      const hashFraction = s.records.hashFraction(index);
      return {
        x: (arrival - d0) * cssSx,
        y: (1 - (hashFraction - wy0) / (wy1 - wy0)) * (ih - 1),
        hashFraction,
        arrival,
      };
    };
    const visited = atScale?.positions;
    // Many shards: the horizon's instant stands in for every shard's trim position (it moves them
    // all), and only once it can have trimmed anything, so a paused or idle map still keeps its raster.
    const horizon = trimHorizonTimeAt(stream, now);
    const trimKey = atScale
      ? horizon > stream.createdAt
        ? String(horizon)
        : 'none'
      : stream.shards.map((_, i) => trimHorizon(stream, i, now)).join(',');
    // Marks grow with the text (presenter mode): dots of 5 px instead of 3 at a distance.
    const markScale = axisCharPx(wrap.current) >= 9.5 ? 2 : 1;
    // What the raster depends on besides the records: with many shards, a paint while only records
    // were added draws just those (a full paint visits every shard); a moved trim horizon waits for
    // the next full paint, a second at most.
    const base = [
      d0,
      d1,
      wy0,
      wy1,
      iw,
      ih,
      theme,
      focusShard ?? '',
      streamName,
      stream.generation,
      stream.shards.length,
      window.devicePixelRatio,
      markScale,
    ].join('|');
    // Nothing the dots depend on changed: keep the raster (time running with no new records).
    const key = [base, revision, trimKey].join('|');
    if (painted.current === key) return;
    painted.current = key;
    const before = addable.current;
    const addOnly =
      atScale !== undefined &&
      before !== null &&
      before.base === base &&
      (before.trim === trimKey || performance.now() - before.fullAt < 1000);
    const started = performance.now();
    const ctx = prepareCanvas(canvas, iw, ih);
    if (!ctx) return;
    const W = canvas.width;
    const H = canvas.height;
    if (!pixels.current || pixels.current.w !== W || pixels.current.h !== H)
      pixels.current = { buf: new Uint32Array(W * H), w: W, h: H };
    const buf = pixels.current.buf;
    if (!addOnly) buf.fill(0);
    const dpr = W / iw;
    const r = Math.max(1, Math.round(1.5 * dpr * markScale)) - 1;
    const dim = focusShard !== undefined;
    // One packed colour per palette entry (shard colours repeat every eight), not one per shard.
    const palette = Array.from({ length: 8 }, (_, k) => packColor(shardColor(k, theme), dim ? 0.35 : 0.95));
    const fadedPalette = Array.from({ length: 8 }, (_, k) => packColor(shardColor(k, theme), 0.2));
    const focusIndex = stream.shards.find((s) => s.id === focusShard)?.index ?? 0;
    const focusColor = packColor(shardColor(focusIndex, theme), 0.95);
    const full = (i: number) => {
      const s = stream.shards[i]!;
      return dim && s.id === focusShard ? focusColor : palette[s.index % 8]!;
    };
    const trims = new Map<number, number>();
    const trimOf = (i: number) => {
      let t = trims.get(i);
      if (t === undefined) trims.set(i, (t = trimHorizon(stream, i, now)));
      return t;
    };
    const fy = wy0;
    const fspan = wy1 - wy0;
    const sx = (W - 1) / (d1 - d0);
    // The density layer shades a whole paint; a paint that only adds new records keeps the shade it had.
    const density = addOnly ? undefined : new DensityGrid(W, H);
    let drawn = addOnly ? lastPaint.current.drawn : 0;
    let newest = addOnly ? lastPaint.current.newestArrival : -Infinity;
    const plot = (shardPos: number, index: number, arrival: number, fraction: number, weight = 1) => {
      if (arrival > newest) newest = arrival;
      const px = Math.round((arrival - d0) * sx);
      const py = Math.round((1 - (fraction - fy) / fspan) * (H - 1));
      if (py < 0 || py >= H) return;
      density?.add(px, py, weight);
      if (buf[py * W + px]) return;
      const color = index < trimOf(shardPos) ? fadedPalette[stream.shards[shardPos]!.index % 8]! : full(shardPos);
      const y0 = Math.max(0, py - r);
      const y1 = Math.min(H - 1, py + r);
      const x0 = Math.max(0, px - r);
      const x1 = Math.min(W - 1, px + r);
      for (let y = y0; y <= y1; y++) {
        const row = y * W;
        for (let x = x0; x <= x1; x++) if (!buf[row + x]) buf[row + x] = color;
      }
      drawn++;
    };
    if (addOnly) {
      const lengths = before.lengths;
      let budget = DOT_BUDGET;
      for (const p of visited ?? stream.shards.keys()) {
        const log = stream.shards[p]!.records;
        const from = Math.max(lengths[p]!, log.length - budget);
        for (let i = from; i < log.length; i++) {
          const arrival = log.arrival(i);
          if (arrival >= d0 && arrival <= d1) plot(p, i, arrival, log.hashFraction(i));
        }
        budget = Math.max(1, budget - (log.length - from));
        lengths[p] = log.length;
      }
    } else {
      const visits = Math.min(DOT_BUDGET, Math.max(1000, Math.round((W * H) / PIXELS_PER_VISIT)));
      forEachRecordIn(stream, d0, d1, plot, visits, visited);
      addable.current = atScale
        ? {
            base,
            trim: trimKey,
            fullAt: performance.now(),
            lengths: Int32Array.from(stream.shards, (sh) => sh.records.length),
          }
        : null;
    }
    const saturated = density
      ? density.shade(buf, theme === 'dark' ? DENSITY_INK.dark : DENSITY_INK.light)
      : lastPaint.current.saturated;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(buf.buffer as ArrayBuffer, 0, W * H * 4), W, H), 0, 0);
    const paintMs = performance.now() - started;
    const views = viewsApi();
    views.lastPaint = { at: performance.now(), newestArrival: newest, dots: drawn, saturated };
    lastPaint.current = { drawn, paintMs, newestArrival: newest, saturated };
  });

  if (!stream) return null;

  const selectedRecord = (() => {
    const r = selection.record;
    if (!r) return undefined;
    const s = stream.shards.find((sh) => sh.id === r.shardId);
    if (!s || r.index >= s.records.length) return undefined;
    return { arrival: s.records.arrival(r.index), fraction: s.records.hashFraction(r.index), index: s.index };
  })();

  // Records written at this very instant (sent while paused, say) sit on the "now" line, where a
  // dot is easy to miss: each gets a ring, a few dozen at most, and none where shards are too many
  // to tell apart. Rings that would overlap (one key, written again and again) fan out to the
  // left in sequence order, so each can be seen and picked.
  const justWritten: { shardId: string; index: number; fraction: number; color: number; key: string }[] = [];
  if (!atScale && x(now) >= 0 && x(now) <= iw)
    for (const s of stream.shards) {
      const log = s.records;
      for (let i = log.firstAtOrAfter(now); i < log.length && justWritten.length < JUST_WRITTEN_MAX; i++)
        justWritten.push({
          shardId: s.id,
          index: i,
          fraction: log.hashFraction(i),
          color: s.index,
          key: log.partitionKey(i),
        });
    }
  const fanned = fanOffsets(
    justWritten.map((r) => y(r.fraction)),
    JUST_WRITTEN_R,
  );
  // With no room left of the line (a stream just created), the fan opens to the right instead.
  const fanSide = x(now) + Math.min(0, ...fanned) < 0 ? -1 : 1;

  const pointer = (e: React.MouseEvent<SVGRectElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return { mx: e.clientX - rect.left, my: e.clientY - rect.top };
  };
  const hit = (mx: number, my: number) => {
    const t = x.invert(mx);
    const f = y.invert(my);
    const tTol = Math.abs(x.invert(mx + 6) - t);
    const record = nearestRecord(stream, t, f, tTol, 6 / ih);
    const band = bands.find((b) => b.t0 <= t && t <= b.t1 && b.y0 <= f && f < b.y1);
    return { t, f, record, band };
  };
  const onMove = (e: React.MouseEvent<SVGRectElement>) => {
    const { mx, my } = pointer(e);
    const { t, record, band } = hit(mx, my);
    hoverShard(api, streamName, record?.shardId ?? band?.shardId ?? null);
    if (record) {
      const log = stream.shards.find((s) => s.id === record.shardId)!.records;
      setTip({
        x: mx + M.left,
        y: my + M.top,
        lines: [
          `Record ${record.index} in ${record.shardId}`,
          `PartitionKey: ${log.partitionKey(record.index)}`,
          `SequenceNumber: ${log.sequenceNumber(record.index)}`,
          `Arrival: ${isoTime(record.arrival)}`,
          `Hash position: ${(record.fraction * 100).toFixed(4)}% of 2¹²⁸`,
        ],
      });
    } else if (band) {
      setTip({
        x: mx + M.left,
        y: my + M.top,
        lines: [
          band.shardId,
          `${band.open ? 'Open since' : 'Lived'} ${clockTime(band.t0)}${band.open ? '' : ` → ${clockTime(band.t1)} (${duration(band.t1 - band.t0)})`}`,
          `Hash range: ${(band.y0 * 100).toFixed(2)}% – ${(band.y1 * 100).toFixed(2)}%`,
          band.parents.length ? `Parents: ${band.parents.map(shortShard).join(', ')}` : 'Created with the stream',
          band.children.length ? `Children: ${band.children.map(shortShard).join(', ')}` : '',
          `At ${clockTime(t)}`,
        ].filter(Boolean),
      });
    } else setTip(null);
  };
  const onClick = (e: React.MouseEvent<SVGRectElement>) => {
    const { mx, my } = pointer(e);
    const { record, band } = hit(mx, my);
    const s = api.getState();
    const keep = { stream: streamName, ...(s.selection.timeRange ? { timeRange: s.selection.timeRange } : {}) };
    if (record)
      s.select({ ...keep, shardId: record.shardId, record: { shardId: record.shardId, index: record.index } });
    else if (band) s.select({ ...keep, shardId: band.shardId });
    else s.select(keep);
  };

  const nowX = x(now);
  const charPx = axisCharPx(wrap.current);
  const ticks = timeTicks(x, iw, charPx, M.right);
  // The quarter marks only where five labels fit the height and the margin at this text size.
  const yTicks = ih >= 5 * charPx * 3 && charPx < 9 ? Y_TICKS : Y_TICKS.filter((_, i) => i % 2 === 0);
  const fg = 'var(--ss-fg)';
  return (
    <Panel
      title="Keyspace map"
      className="ss-view-wide"
      legend={[
        { label: 'shard band (lifetime × hash range)', color: shardColor(0, theme), shape: 'square' },
        { label: 'record (arrival × hash)', color: shardColor(1, theme), shape: 'dot' },
        { label: 'lineage: split / merge', color: 'var(--ss-fg)', shape: 'line' },
        { label: 'now', color: 'var(--ss-danger)', shape: 'line' },
        { label: 'trimmed record', color: '#999', shape: 'ring' },
        { label: 'throttled', color: SEMANTIC[theme].throttle, shape: 'cross' },
        { label: 'failed otherwise (KMS, expired iterator)', color: 'var(--ss-danger)', shape: 'cross' },
        { label: 'shade: more records than dots can show', color: 'var(--ss-fg)', shape: 'square' },
      ]}
      tools={
        <>
          <button
            type="button"
            onClick={() => overlayRef.current && d3.select(overlayRef.current).call(zoom.scaleBy, 2)}
            aria-label="Zoom in on time"
          >
            +
          </button>
          <button
            type="button"
            onClick={() => overlayRef.current && d3.select(overlayRef.current).call(zoom.scaleBy, 0.5)}
            aria-label="Zoom out on time"
          >
            −
          </button>
          <button
            type="button"
            onClick={() =>
              overlayRef.current && d3.select(overlayRef.current).call(zoom.translateBy, iw / 4 / transform.k, 0)
            }
            aria-label="Pan back in time"
          >
            ◀
          </button>
          <button
            type="button"
            onClick={() =>
              overlayRef.current && d3.select(overlayRef.current).call(zoom.translateBy, -iw / 4 / transform.k, 0)
            }
            aria-label="Pan forward in time"
          >
            ▶
          </button>
          <button
            type="button"
            onClick={() => overlayRef.current && d3.select(overlayRef.current).call(zoom.transform, d3.zoomIdentity)}
            aria-label="Fit the whole history"
          >
            Fit
          </button>
        </>
      }
    >
      <div
        ref={wrap}
        className={fill ? 'ss-plot ss-plot-fill' : 'ss-plot'}
        style={fill ? undefined : { height: plotHeight }}
      >
        <canvas ref={canvasRef} className="ss-layer" style={{ left: M.left, top: M.top }} aria-hidden="true" />
        <svg
          width={width}
          height={plotHeight}
          className="ss-layer"
          role="img"
          aria-label={`Keyspace map of ${streamName}: ${bands.length} shards over time`}
        >
          <defs>
            <clipPath id="ks-clip">
              <rect width={iw} height={ih} />
            </clipPath>
            <marker id="ks-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" fill={fg} />
            </marker>
          </defs>
          <g transform={`translate(${M.left},${M.top})`}>
            <g clipPath="url(#ks-clip)">
              {bands.map((b) => {
                const bx0 = x(b.t0);
                const bx1 = x(b.t1);
                const selected = focusShard === b.shardId;
                const color = shardColor(b.index, theme);
                return (
                  <g
                    key={b.shardId}
                    data-shard-id={b.shardId}
                    data-y0={b.y0}
                    data-y1={b.y1}
                    data-open={b.open}
                    className="ss-band"
                  >
                    <rect
                      x={bx0}
                      y={y(b.y1)}
                      width={Math.max(1, bx1 - bx0)}
                      height={Math.max(1, y(b.y0) - y(b.y1))}
                      fill={color}
                      fillOpacity={selected ? 0.32 : hovered === b.shardId ? 0.26 : focusShard ? 0.06 : 0.14}
                      stroke={color}
                      strokeWidth={selected ? 3 : hovered === b.shardId ? 2.5 : 1.2}
                    />
                    {bx1 - Math.max(bx0, 0) > 60 && y(b.y0) - y(b.y1) > 14 && (
                      <text x={Math.max(bx0, 0) + 4} y={y(b.y1) + 13} className="ss-band-label">
                        {shortShard(b.shardId)}
                      </text>
                    )}
                  </g>
                );
              })}
              {edges.map((e) => {
                const ex = x(e.t);
                const a = y(e.yParent);
                const b = y(e.yChild);
                return (
                  <path
                    key={`${e.parent}-${e.child}`}
                    data-parent={e.parent}
                    data-child={e.child}
                    data-kind={e.kind}
                    className="ss-lineage"
                    d={`M${ex - 18},${a} C${ex},${a} ${ex},${b} ${ex + 14},${b}`}
                    fill="none"
                    stroke={fg}
                    strokeWidth={1.6}
                    markerEnd="url(#ks-arrow)"
                  />
                );
              })}
              {atScale && <ScaleMarks atScale={atScale} x={x} width={iw} height={ih} />}
              <KeyspaceCrosses
                streamName={streamName}
                from={x.invert(0)}
                to={x.invert(iw)}
                width={iw}
                low={wy0}
                high={wy1}
                height={ih}
                theme={theme}
              />
              {selectedRecord && (
                <circle
                  cx={x(selectedRecord.arrival)}
                  cy={y(selectedRecord.fraction)}
                  r={7}
                  fill="none"
                  stroke={fg}
                  strokeWidth={2.5}
                  data-hash-fraction={selectedRecord.fraction}
                  data-selected-record=""
                />
              )}
              {/* Dashed and see-through: records written while paused sit on this line and must show. */}
              <line
                x1={nowX}
                x2={nowX}
                y1={0}
                y2={ih}
                stroke="var(--ss-danger)"
                strokeWidth={2}
                strokeOpacity={0.6}
                strokeDasharray="6 4"
                data-now-line=""
              />
            </g>
            <text
              x={Math.min(iw - 4, Math.max(4, nowX))}
              y={-2}
              className="ss-now-label"
              textAnchor={nowX > iw - 40 ? 'end' : 'middle'}
            >
              now
            </text>
            <g className="ss-axis" transform={`translate(0,${ih})`}>
              <line x1={0} x2={iw} stroke="var(--ss-border)" />
              {ticks.map((t) => (
                <g key={t.value} transform={`translate(${x(t.value)},0)`}>
                  <line y2={5} stroke="var(--ss-muted)" />
                  <text y={17} textAnchor="middle">
                    {t.label}
                  </text>
                </g>
              ))}
            </g>
            <g className="ss-axis">
              <line y1={0} y2={ih} stroke="var(--ss-border)" />
              {(hashAxisTicks(wy0, wy1) ?? yTicks).map(([v, label]) => (
                <g key={v} transform={`translate(0,${y(v)})`}>
                  <line x2={-5} stroke="var(--ss-muted)" />
                  <text x={-8} dy="0.32em" textAnchor="end">
                    {label}
                  </text>
                </g>
              ))}
              <text transform={`translate(${-M.left + 12},${ih / 2}) rotate(-90)`} textAnchor="middle">
                hash key
              </text>
            </g>
            <rect
              ref={overlayRef}
              width={iw}
              height={ih}
              fill="transparent"
              className="ss-overlay"
              data-testid="keyspace-overlay"
              onMouseMove={onMove}
              onMouseLeave={() => {
                setTip(null);
                hoverShard(api, streamName, null);
              }}
              onClick={onClick}
            />
            {/* Above the overlay, so a click picks the ring's own record. */}
            <g data-testid="just-written">
              {justWritten.map((r, k) => {
                const cx = nowX + fanSide * fanned[k]!;
                const cy = y(r.fraction);
                if (cy < 0 || cy > ih) return null;
                const pick = () => {
                  const s = api.getState();
                  s.select({
                    stream: streamName,
                    ...(s.selection.timeRange ? { timeRange: s.selection.timeRange } : {}),
                    shardId: r.shardId,
                    record: { shardId: r.shardId, index: r.index },
                  });
                };
                return (
                  <g key={`${r.shardId}/${r.index}`}>
                    {cx !== nowX && <line x1={cx} x2={nowX} y1={cy} y2={cy} stroke={fg} strokeOpacity={0.5} />}
                    <circle
                      cx={cx}
                      cy={cy}
                      r={JUST_WRITTEN_R}
                      fill={shardColor(r.color, theme)}
                      stroke={fg}
                      strokeWidth={1.5}
                      className="ss-just-written"
                      data-just-written=""
                      data-shard={r.shardId}
                      data-index={r.index}
                      onClick={pick}
                    >
                      <title>{`${r.key} → ${r.shardId}, record ${r.index}, written now`}</title>
                    </circle>
                  </g>
                );
              })}
            </g>
            <g transform={`translate(0,${ih + M.bottom - 2})`}>
              <rect width={iw} height={BRUSH_H - 4} className="ss-brush-track" />
              <text x={4} y={BRUSH_H - 9} className="ss-brush-hint">
                {tr ? `${clockTime(tr[0])} → ${clockTime(tr[1])}` : 'drag here to select a time range'}
              </text>
              <g ref={brushRef} className="ss-brush" data-testid="keyspace-brush" />
            </g>
          </g>
        </svg>
        <Tooltip tip={tip} />
      </div>
      <BandsSummarised atScale={atScale} />
    </Panel>
  );
}
