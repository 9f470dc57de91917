import * as d3 from 'd3';
import { useLayoutEffect, useRef } from 'react';
import { useSimulator, useSimulatorApi } from '../store/react';
import { clockTime, duration, ellipsize, isoTime, shortShard } from './format';
import { axisCharPx, integerTicks, placeMarkerLabels } from './labels';
import {
  hoverShard,
  prepareCanvas,
  SECONDARY_MS,
  useFrameTick,
  useHoveredShard,
  useReducedMotion,
  useTheme,
  useWidth,
} from './hooks';
import { iteratorMarkers, laneOf, lanesOf, stepRecord, type IteratorMarker } from './model/lanes';
import { useHashWindow } from './scale/hashZoom';
import { useLaneIterators } from './scale/laneIterators';
import { RowsNote } from './scale/RowsNote';
import { rowsByRecords } from './scale/scaledRows';
import { SPOT_PX, failureSpots } from './model/failureSpots';
import { FailureCross, spotKey } from './FailureCrosses';

/** Iterator markers a lane draws at most (the newest, plus the selected one). */
const MARKERS_PER_LANE = 6;
import { shardColor, SEMANTIC } from './palette';
import { Panel } from './Panel';
import { Tooltip, useTooltip } from './tooltip';

const LANE_H = 40;
const CELL_TOP = 14;
const CELL_H = 18;
const WIDE_MARGIN = { top: 10, right: 170, bottom: 30, left: 196 };
/** Under 640 px the lane labels shorten ("shard 3") and the read summary goes to the tooltip. */
const NARROW_MARGIN = { top: 10, right: 12, bottom: 30, left: 92 };
const TYPE_ABBR: Record<string, string> = {
  TRIM_HORIZON: 'TH',
  LATEST: 'L',
  AT_SEQUENCE_NUMBER: 'AT',
  AFTER_SEQUENCE_NUMBER: 'AFT',
  AT_TIMESTAMP: 'TS',
  NEXT: 'N',
};
/** A GetRecords call stays highlighted this long (virtual ms) after it happened. */
const READ_SHOW_MS = 30_000;

export default function ShardLanes({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  useFrameTick(SECONDARY_MS);
  const selection = useSimulator((s) => s.selection);
  const theme = useTheme();
  const hovered = useHoveredShard(streamName);
  const reduced = useReducedMotion();
  const [wrap, width] = useWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [tip, setTip] = useTooltip();

  const hashWindow = useHashWindow(streamName);

  const { engine, now } = api.getState();
  const stream = engine.stream(streamName);
  // Many shards, or a zoomed hash range: the lanes of the busiest shards in range, the rest summed.
  const scaled = stream ? rowsByRecords(stream, hashWindow, selection.record?.shardId ?? selection.shardId) : undefined;
  const lanes = stream ? (scaled ? scaled.positions.map((p) => laneOf(stream, p, now)) : lanesOf(stream, now)) : [];
  const iterators = useLaneIterators(engine, scaled ? lanes.map((l) => l.shardId) : undefined);
  const markers = stream ? iteratorMarkers(iterators, stream, now) : [];
  const reads = stream ? api.getState().feed.history.stream(streamName).reads : [];
  const narrow = width < 640;
  // The margins hold text, so they grow with it (presenter mode): "shard 12" and "open · 115" on
  // the left, "read 500 · 12 s behind" on the right.
  const charPx = axisCharPx(wrap.current);
  const M = narrow
    ? { ...NARROW_MARGIN, left: Math.max(NARROW_MARGIN.left, Math.ceil(34 + 8.5 * charPx)) }
    : { ...WIDE_MARGIN, right: Math.max(WIDE_MARGIN.right, Math.ceil(16 + 21 * charPx)) };
  const iw = Math.max(60, width - M.left - M.right);
  const height = M.top + lanes.length * LANE_H + M.bottom;
  const maxLen = Math.max(1, ...lanes.map((l) => l.length));
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(maxLen, iw / 24)])
    .range([0, iw]);
  const cellW = Math.max(1, x(1) - x(0));
  const focus = selection.record?.shardId ?? selection.shardId;
  const range = selection.timeRange;

  // Failures on the lane where they happened: after the records the shard held by then.
  const failures = stream ? api.getState().feed.history.stream(streamName).failures : [];
  const laneRow = new Map(lanes.map((lane, row) => [lane.shardId, row]));
  const spots =
    stream && failures.length > 0
      ? failureSpots(failures, -Infinity, Infinity, (f) => {
          const row = f.shardId === undefined ? undefined : laneRow.get(f.shardId);
          if (row === undefined) return undefined;
          const log = stream.shards[scaled?.positions[row] ?? row]!.records;
          return Math.round(x(log.firstAtOrAfter(f.t + 1)) / SPOT_PX);
        })
      : [];

  const latestRead = new Map<string, (typeof reads)[number]>();
  for (let i = reads.length - 1; i >= 0; i--) {
    const r = reads[i]!;
    if (now - r.t > READ_SHOW_MS) break;
    if (!latestRead.has(r.shardId)) latestRead.set(r.shardId, r);
  }

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !stream) return;
    const ctx = prepareCanvas(canvas, iw, lanes.length * LANE_H);
    if (!ctx) return;
    const gone = theme === 'dark' ? '#5a606b' : '#b8bec8';
    lanes.forEach((lane, row) => {
      const top = row * LANE_H + CELL_TOP;
      const log = stream.shards[scaled?.positions[row] ?? row]!.records;
      // Trimmed records have left: a hatched stub where they were.
      if (lane.trimmed > 0) {
        ctx.fillStyle = gone;
        ctx.globalAlpha = 0.5;
        ctx.fillRect(0, top + CELL_H / 2 - 1, x(lane.trimmed), 2);
      }
      const base = focus && focus !== lane.shardId ? 0.35 : 1;
      // A brushed time range filters: records outside it are drawn faint.
      const inFrom = range ? Math.max(lane.trimmed, log.firstAtOrAfter(range[0])) : lane.trimmed;
      const inTo = range ? Math.min(lane.length, log.firstAtOrAfter(range[1])) : lane.length;
      const alphaOf = (i: number) => (i >= inFrom && i < inTo ? base : base * 0.25);
      ctx.fillStyle = shardColor(lane.index, theme);
      const gap = cellW >= 5 ? 1 : 0;
      if (cellW < 2) {
        // Cells thinner than 2 px touch: bars draw exactly the same picture.
        if (lane.length > lane.trimmed) {
          ctx.globalAlpha = range ? base * 0.25 : base;
          ctx.fillRect(x(lane.trimmed), top, Math.max(1, x(lane.length) - x(lane.trimmed)), CELL_H);
          if (range && inTo > inFrom) {
            ctx.globalAlpha = base;
            ctx.fillRect(x(inFrom), top, Math.max(1, x(inTo) - x(inFrom)), CELL_H);
          }
        }
        return;
      }
      for (let i = lane.trimmed; i < lane.length; i++) {
        const px = Math.floor(x(i));
        ctx.globalAlpha = alphaOf(i);
        ctx.fillRect(px, top, Math.max(1, cellW - gap), CELL_H);
        if (cellW >= 5 && log.encryption(i) !== 0) {
          ctx.save();
          ctx.fillStyle = SEMANTIC[theme].kms;
          ctx.fillRect(px, top + CELL_H - 4, Math.max(1, cellW - gap), 4);
          ctx.restore();
        }
      }
    });
    ctx.globalAlpha = 1;
  });

  if (!stream) return null;

  const laneAt = (e: React.MouseEvent<HTMLElement | SVGElement>) => {
    const r = (e.currentTarget as Element).getBoundingClientRect();
    const mx = e.clientX - r.left;
    const my = e.clientY - r.top;
    const row = Math.floor(my / LANE_H);
    const lane = lanes[row];
    const pos = Math.floor(x.invert(mx));
    return { lane, pos, mx, my, row };
  };

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { lane, pos, mx, my, row } = laneAt(e);
    hoverShard(api, streamName, lane?.shardId ?? null);
    if (!lane || pos < 0 || pos >= lane.length) {
      setTip(null);
      return;
    }
    const log = stream.shards[scaled?.positions[row] ?? row]!.records;
    const trimmed = pos < lane.trimmed;
    setTip({
      x: mx + M.left,
      y: my + M.top,
      lines: [
        `${lane.shardId} · record ${pos}${trimmed ? ' (trimmed: past retention)' : ''}`,
        `SequenceNumber ${log.sequenceNumber(pos)}`,
        `PartitionKey ${log.partitionKey(pos)}`,
        `Arrived ${isoTime(log.arrival(pos))}`,
        `EncryptionType ${log.encryption(pos) === 0 ? 'NONE' : 'KMS'}`,
      ],
    });
  };
  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const { lane, pos } = laneAt(e);
    if (!lane) return;
    const s = api.getState();
    const keep = { stream: streamName, ...(s.selection.timeRange ? { timeRange: s.selection.timeRange } : {}) };
    if (pos >= lane.trimmed && pos < lane.length)
      s.select({ ...keep, shardId: lane.shardId, record: { shardId: lane.shardId, index: pos } });
    else s.select({ ...keep, shardId: lane.shardId });
  };

  // The keyboard picks records too: arrows, Home and End move the selection (see stepRecord).
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const s = api.getState();
    const ours = s.selection.stream === streamName;
    // The lanes as they are now, not as last drawn (a redraw may still be due).
    const live = s.engine.stream(streamName);
    const current = live ? lanesOf(live, s.now) : lanes;
    const next = stepRecord(current, ours ? s.selection.record : undefined, ours ? focus : undefined, e.key);
    if (!next) return;
    e.preventDefault(); // and the page's → (Step) does not fire
    s.select({
      stream: streamName,
      ...(s.selection.timeRange ? { timeRange: s.selection.timeRange } : {}),
      shardId: next.shardId,
      record: next,
    });
  };

  /** A lane's iterator markers left to right, each with the label it has room for (none overprint). */
  const placedMarkers = (markers: readonly IteratorMarker[], px: number) => {
    const sorted = [...markers].sort((a, b) => a.position - b.position || a.id - b.id);
    const labels = placeMarkerLabels(
      sorted.map((m, k) => {
        const short = TYPE_ABBR[m.type] ?? m.type;
        const when = m.expired ? ` expired ${clockTime(m.expiresAt).slice(0, 8)}` : ` ${duration(m.remaining)}`;
        return { x: x(m.position) + k * 3, short, long: short + when };
      }),
      px,
      7,
      iw,
    );
    return sorted.map((marker, k) => ({ marker, label: labels[k] ?? null }));
  };
  const markerTip = (m: IteratorMarker, e: React.MouseEvent) => {
    const r = (wrap.current as HTMLElement).getBoundingClientRect();
    setTip({
      x: e.clientX - r.left,
      y: e.clientY - r.top,
      lines: [
        `Shard iterator #${m.id} · ${m.type}`,
        `Points at position ${m.position} of ${m.shardId}`,
        `Age ${duration(m.age)}`,
        m.expired ? `Expired at ${clockTime(m.expiresAt)}` : `Expires in ${duration(m.remaining)}`,
      ],
    });
  };

  const byLane = new Map<string, IteratorMarker[]>();
  for (const m of markers) {
    const list = byLane.get(m.shardId) ?? [];
    list.push(m);
    byLane.set(m.shardId, list);
  }
  // A busy consumer leaves an iterator a poll (hundreds alive at once): a lane draws the newest
  // few and the selected one; the rest would only overprint each other.
  for (const [shardId, list] of byLane) {
    if (list.length <= MARKERS_PER_LANE) continue;
    const newest = [...list].sort((a, b) => b.id - a.id).slice(0, MARKERS_PER_LANE);
    const selected = list.find((m) => m.id === selection.iteratorId);
    if (selected && !newest.includes(selected)) newest.push(selected);
    byLane.set(shardId, newest);
  }

  return (
    <Panel
      title="Shard lanes"
      className="ss-view-wide"
      legend={[
        { label: 'record (sequence order →)', color: shardColor(0, theme) },
        { label: 'KMS-encrypted record', color: SEMANTIC[theme].kms, shape: 'dash' },
        { label: 'trim horizon (retention)', color: 'var(--ss-warn)', shape: 'line' },
        { label: 'shard iterator (live / expired)', color: 'var(--ss-fg)', shape: 'triangle' },
        { label: 'last GetRecords range → NextShardIterator', color: 'var(--ss-accent)', shape: 'ring' },
        { label: 'throttled', color: SEMANTIC[theme].throttle, shape: 'cross' },
        { label: 'failed otherwise (KMS, expired iterator)', color: 'var(--ss-danger)', shape: 'cross' },
      ]}
    >
      <div
        className="ss-lanes-scroll"
        tabIndex={0}
        aria-label="Shard lanes: arrow keys, Home and End pick a record"
        onKeyDown={onKeyDown}
      >
        <div ref={wrap} className="ss-plot" style={{ height }}>
          <canvas
            ref={canvasRef}
            className="ss-layer ss-lanes-canvas"
            style={{ left: M.left, top: M.top }}
            data-testid="lanes-canvas"
            onMouseMove={onMove}
            onMouseLeave={() => {
              setTip(null);
              hoverShard(api, streamName, null);
            }}
            onClick={onClick}
          />
          <svg
            width={width}
            height={height}
            className="ss-layer ss-passthrough"
            role="img"
            aria-label={`${lanes.length} shard lanes of ${streamName}`}
          >
            <defs>
              <marker
                id="lane-arrow"
                viewBox="0 0 8 8"
                refX="7"
                refY="4"
                markerWidth="6"
                markerHeight="6"
                orient="auto"
              >
                <path d="M0,0 L8,4 L0,8 z" fill="var(--ss-accent)" />
              </marker>
            </defs>
            <g transform={`translate(0,${M.top})`}>
              {lanes.map((lane, row) => {
                const top = row * LANE_H;
                const selected = focus === lane.shardId;
                const read = latestRead.get(lane.shardId);
                const laneMarkers = byLane.get(lane.shardId) ?? [];
                const endX = M.left + x(lane.length);
                return (
                  <g
                    key={lane.shardId}
                    className="ss-lane"
                    data-shard-id={lane.shardId}
                    data-length={lane.length}
                    data-trimmed={lane.trimmed}
                    data-open={lane.open}
                  >
                    <rect
                      x={0}
                      y={top}
                      width={width}
                      height={LANE_H}
                      className={
                        selected
                          ? 'ss-lane-bg ss-lane-selected'
                          : hovered === lane.shardId
                            ? 'ss-lane-bg ss-lane-hover'
                            : 'ss-lane-bg'
                      }
                    />
                    <g
                      className="ss-clickable"
                      onClick={() => api.getState().select({ stream: streamName, shardId: lane.shardId })}
                    >
                      <rect x={6} y={top + CELL_TOP + 2} width={10} height={10} fill={shardColor(lane.index, theme)} />
                      <text x={22} y={top + CELL_TOP + 12} className="ss-lane-label">
                        {/* The full id where it fits the margin (mono text is a little wider than the axis'), else "shard N". */}
                        {lane.shardId.length * charPx * 1.05 <= M.left - 30
                          ? lane.shardId
                          : `shard ${shortShard(lane.shardId)}`}
                        <title>{lane.shardId}</title>
                      </text>
                      <text x={22} y={top + CELL_TOP + 25} className="ss-lane-sub">
                        {lane.open
                          ? `open · ${lane.length}${narrow ? '' : ' records'}`
                          : narrow
                            ? 'closed'
                            : `closed ${clockTime(lane.closedAt ?? 0).slice(0, 8)}`}
                      </text>
                    </g>
                    {lane.trimmed > 0 && (
                      <g data-testid="trim-horizon">
                        <line
                          x1={M.left + x(lane.trimmed)}
                          x2={M.left + x(lane.trimmed)}
                          y1={top + 6}
                          y2={top + LANE_H - 2}
                          stroke="var(--ss-warn)"
                          strokeWidth={2}
                          strokeDasharray="3 2"
                        />
                        <text x={M.left + x(lane.trimmed) - 3} y={top + 10} textAnchor="end" className="ss-lane-sub">
                          {lane.trimmed} trimmed
                        </text>
                      </g>
                    )}
                    {!lane.open && (
                      <text
                        x={Math.min(endX + 6, width - M.right + 4)}
                        y={top + CELL_TOP + 12}
                        className="ss-lane-end"
                        data-testid="ending-sequence"
                      >
                        <title>{`EndingSequenceNumber ${lane.endingSequenceNumber ?? ''}`}</title>
                        END {ellipsize(lane.endingSequenceNumber ?? '', 4)}
                        {lane.children.length ? ` → ${lane.children.map(shortShard).join(', ')}` : ''}
                      </text>
                    )}
                    {read && (
                      <g
                        key={read.t}
                        className={reduced ? 'ss-read' : 'ss-read ss-read-flash'}
                        data-testid="read-range"
                        data-from={read.from}
                        data-count={read.count}
                        data-next={read.next ?? ''}
                      >
                        <rect
                          x={M.left + x(read.from) - 1}
                          y={top + CELL_TOP - 3}
                          width={Math.max(3, x(read.from + read.count) - x(read.from) + 2)}
                          height={CELL_H + 6}
                          fill="none"
                          stroke="var(--ss-accent)"
                          strokeWidth={2.5}
                        />
                        {read.next !== undefined && (
                          <path
                            d={`M${M.left + x(read.from + read.count)},${top + CELL_TOP + CELL_H + 3} Q${M.left + x(read.from + read.count) + 8},${top + LANE_H} ${M.left + x(read.next) + 2},${top + CELL_TOP + CELL_H + 4}`}
                            fill="none"
                            stroke="var(--ss-accent)"
                            strokeWidth={1.5}
                            markerEnd="url(#lane-arrow)"
                          />
                        )}
                        <text
                          x={width - M.right + 8}
                          y={top + CELL_TOP + 28}
                          className="ss-lane-sub"
                          data-testid="millis-behind"
                          display={narrow ? 'none' : undefined}
                        >
                          read {read.count} · {duration(read.millisBehindLatest)} behind
                        </text>
                      </g>
                    )}
                    {placedMarkers(laneMarkers, charPx).map(({ marker: m, label }, k) => {
                      const mx = M.left + x(m.position) + k * 3;
                      const isSel = selection.iteratorId === m.id;
                      return (
                        <g
                          key={m.id}
                          className="ss-iterator ss-clickable"
                          opacity={m.opacity}
                          data-iterator-id={m.id}
                          data-expired={m.expired}
                          data-position={m.position}
                          data-type={m.type}
                          data-selected={isSel || undefined}
                          transform={`translate(${mx},${top + CELL_TOP - 1})`}
                          onMouseMove={(e) => markerTip(m, e)}
                          onMouseLeave={() => setTip(null)}
                          onClick={() =>
                            api.getState().select({ stream: streamName, shardId: m.shardId, iteratorId: m.id })
                          }
                        >
                          <path
                            d="M-5,-9 L5,-9 L0,0 z"
                            fill={m.expired ? 'none' : 'var(--ss-fg)'}
                            stroke="var(--ss-fg)"
                            strokeWidth={isSel ? 2.5 : 1}
                          />
                          {label !== null && (
                            <text x={7} y={-4} className="ss-iter-label">
                              {label}
                            </text>
                          )}
                        </g>
                      );
                    })}
                    {selection.record?.shardId === lane.shardId && (
                      <rect
                        x={M.left + x(selection.record.index) - 2}
                        y={top + CELL_TOP - 2}
                        width={Math.max(4, cellW + 3)}
                        height={CELL_H + 4}
                        fill="none"
                        stroke="var(--ss-fg)"
                        strokeWidth={2.5}
                        data-selected-record=""
                      />
                    )}
                  </g>
                );
              })}
              {spots.map((spot) => (
                <FailureCross
                  key={spotKey(spot)}
                  spot={spot}
                  cx={M.left + spot.column * SPOT_PX}
                  cy={laneRow.get(spot.shardId!)! * LANE_H + CELL_TOP + CELL_H + 4}
                  r={4}
                  theme={theme}
                />
              ))}
              <g className="ss-axis" transform={`translate(${M.left},${lanes.length * LANE_H + 4})`}>
                {integerTicks(x, iw, charPx).map((t) => (
                  <text key={t} x={x(t)} y={12} textAnchor="middle">
                    {t}
                  </text>
                ))}
                <text x={iw} y={24} textAnchor="end">
                  {narrow ? 'sequence order →' : 'record position in shard (sequence order)'}
                </text>
              </g>
            </g>
          </svg>
          <Tooltip tip={tip} />
        </div>
        {scaled && <RowsNote rows={scaled} what="most records" rest={(total) => `hold ${total} records in all`} />}
      </div>
    </Panel>
  );
}
