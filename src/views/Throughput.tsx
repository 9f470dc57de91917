import * as d3 from 'd3';
import { useSimulator, useSimulatorApi } from '../store/react';
import { bytes, clockTime, shortShard } from './format';
import { axisCharPx } from './labels';
import { hoverShard, useFrameTick, useHoveredShard, useTheme, useWidth } from './hooks';
import { LIMITS, METRICS, ratesOf, type Metric, type ShardRates } from './model/rates';
import { segmentsOf } from './model/segments';
import { THROTTLING, countFailures, describeCounts } from './model/failureSpots';
import { hotAmong, writeUseNow } from './scale/currentUse';
import { useHashWindow } from './scale/hashZoom';
import { RowsNote } from './scale/RowsNote';
import { scaledRows } from './scale/scaledRows';
import { SEMANTIC, shardColor } from './palette';
import { Panel } from './Panel';

const ROW_H = 40;
const LABEL_W = 190;
const SECONDS = 60;
const TITLES: Record<Metric, string> = {
  writeRecords: 'write records/s',
  writeBytes: 'write bytes/s',
  readCalls: 'read calls/s',
  readBytes: 'read bytes/s',
};
const SHORT: Record<Metric, string> = {
  writeRecords: 'write rec/s',
  writeBytes: 'write B/s',
  readCalls: 'read calls/s',
  readBytes: 'read B/s',
};
const fmt = (m: Metric, v: number) =>
  m === 'writeBytes' || m === 'readBytes' ? `${bytes(v)}/s` : `${Math.round(v)}/s`;
const limitText = (m: Metric) => (m === 'writeBytes' || m === 'readBytes' ? bytes(LIMITS[m]) : String(LIMITS[m]));

export default function Throughput({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  useFrameTick(250);
  const selection = useSimulator((s) => s.selection);
  const theme = useTheme();
  const hovered = useHoveredShard(streamName);
  const [wrap, width] = useWidth<HTMLDivElement>();
  const hashWindow = useHashWindow(streamName);

  const { engine, now } = api.getState();
  const stream = engine.stream(streamName);
  if (!stream) return <div ref={wrap} />;
  const history = api.getState().feed.history.stream(streamName);
  const since = now - SECONDS * 1000;
  // Open shards, plus closed ones that still had traffic in the window.
  const inWindow = (p: number) => stream.shards[p]!.closedAt === undefined || stream.shards[p]!.closedAt! > since;
  // Many shards, or a zoomed hash range: the rows of the busiest shards in range, the rest summed.
  const scaled = scaledRows(
    stream,
    hashWindow,
    (p) => writeUseNow(history, stream.shards[p]!.id, now),
    selection.record?.shardId ?? selection.shardId,
    inWindow,
  );
  const shards = scaled
    ? scaled.positions.map((p) => stream.shards[p]!)
    : stream.shards.filter((s) => s.closedAt === undefined || s.closedAt > since);
  const rates = ratesOf(
    history,
    shards.map((s) => s.id),
    now,
    SECONDS,
  );
  const hot = scaled
    ? hotAmong(stream, history, scaled.positions, now, SECONDS)
    : new Set(
        segmentsOf(stream, since, now + 1)
          .filter((s) => s.hot)
          .map((s) => s.shardId),
      );
  const failedRecently = history.failures.filter((t) => t.t > since);
  // Throttled records and calls, and the other failures by error type (KMSDisabledException…).
  const counts = countFailures(history.failures, since);
  const focus = selection.record?.shardId ?? selection.shardId;
  const colors = SEMANTIC[theme];

  // Under 720 px (a stage cell, a phone, an embed) the labels and column headers shorten so none
  // runs into the next; under 480 px the 60-second chart (with its throttle marks) steps aside.
  const compact = width < 720;
  // Room for "shard 12" in the drawing's own text size (larger in presenter mode).
  const labelW = compact ? Math.max(84, Math.ceil(30 + 8 * axisCharPx(wrap.current) * 1.1)) : LABEL_W;
  const chartW = width < 480 ? 0 : Math.min(260, Math.max(120, width * 0.28));
  const barsW = Math.max(120, width - labelW - chartW - (chartW > 0 ? 24 : 8));
  const barW = barsW / 4 - 10;
  const height = 40 + shards.length * ROW_H + 6;
  const cx = d3
    .scaleLinear()
    .domain([0, SECONDS - 1])
    .range([0, chartW]);

  const chartPath = (r: ShardRates, dir: 'write' | 'read') => {
    const [a, b] = dir === 'write' ? (['writeRecords', 'writeBytes'] as const) : (['readCalls', 'readBytes'] as const);
    const use = Array.from({ length: SECONDS }, (_, i) =>
      Math.max(r.series[a][i]! / LIMITS[a], r.series[b][i]! / LIMITS[b]),
    );
    const cy = d3
      .scaleLinear()
      .domain([0, 1.5])
      .range([ROW_H - 6, 4])
      .clamp(true);
    return (
      d3
        .line<number>()
        .x((_, i) => cx(i))
        .y((v) => cy(v))(use) ?? ''
    );
  };

  return (
    <Panel
      title="Throughput"
      className="ss-view-wide"
      legend={[
        { label: 'use of the per-shard limit (bar)', color: shardColor(0, theme) },
        {
          label: '100% = limit (1000 rec/s, 1 MiB/s write; 5 calls/s, 2 MiB/s read)',
          color: 'var(--ss-fg)',
          shape: 'line',
        },
        { label: 'write use, last 60 s', color: shardColor(0, theme), shape: 'line' },
        { label: 'read use, last 60 s', color: 'var(--ss-muted)', shape: 'dash' },
        { label: 'throttled (ProvisionedThroughputExceeded)', color: colors.throttle, shape: 'tick' },
        { label: 'failed otherwise (KMS, expired iterator)', color: 'var(--ss-danger)', shape: 'tick' },
        { label: 'hot shard', color: colors.hot, shape: 'ring' },
      ]}
      tools={
        <span className="ss-budget" data-testid="throttle-count">
          {describeCounts(counts)} in the last 60 s
        </span>
      }
    >
      <div ref={wrap} className="ss-plot" style={{ height }}>
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`Throughput per shard of ${streamName} against the limits`}
        >
          <g className="ss-axis">
            {METRICS.map((m, i) => {
              const hx = labelW + i * (barsW / 4);
              const [what, unit] = SHORT[m].split(' ');
              return (
                <text key={m} x={hx} y={13}>
                  <tspan x={hx}>{compact ? what : SHORT[m]}</tspan>
                  <tspan x={hx} dy={14}>
                    {compact ? unit : `limit ${limitText(m)}`}
                  </tspan>
                </text>
              );
            })}
            {chartW === 0 ? null : (
              <>
                <text x={labelW + barsW + 12} y={13}>
                  use of limits,
                </text>
                <text x={labelW + barsW + 12} y={27}>
                  last {SECONDS} s
                </text>
              </>
            )}
          </g>
          {rates.map((r, row) => {
            const shard = shards[row]!;
            const top = 36 + row * ROW_H;
            const isHot = hot.has(r.shardId) || r.throttledTotal > 0;
            return (
              <g
                key={r.shardId}
                transform={`translate(0,${top})`}
                data-shard-id={r.shardId}
                data-hot={isHot}
                className="ss-tp-row"
                data-write-records={r.current.writeRecords}
                data-read-calls={r.current.readCalls}
                data-throttled={r.throttledTotal}
                onClick={() => api.getState().select({ stream: streamName, shardId: r.shardId })}
                onMouseEnter={() => hoverShard(api, streamName, r.shardId)}
                onMouseLeave={() => hoverShard(api, streamName, null)}
              >
                <rect
                  x={0}
                  y={0}
                  width={width}
                  height={ROW_H - 2}
                  className={
                    focus === r.shardId
                      ? 'ss-lane-bg ss-lane-selected'
                      : hovered === r.shardId
                        ? 'ss-lane-bg ss-lane-hover'
                        : 'ss-lane-bg'
                  }
                />
                <rect x={6} y={8} width={10} height={10} fill={shardColor(shard.index, theme)} />
                <text x={22} y={17} className="ss-lane-label">
                  {compact ? `shard ${shortShard(r.shardId)}` : r.shardId}
                  <title>{r.shardId}</title>
                </text>
                <text x={22} y={31} className="ss-lane-sub" fill={isHot ? colors.hot : undefined}>
                  {isHot
                    ? r.throttledTotal > 0
                      ? compact
                        ? 'HOT'
                        : `HOT · ${r.throttledTotal} throttled`
                      : 'HOT'
                    : shard.closedAt === undefined
                      ? 'open'
                      : 'closed'}
                </text>
                {METRICS.map((m, i) => {
                  const bx = labelW + i * (barsW / 4);
                  const use = r.use[m];
                  const full = barW / 1.25;
                  return (
                    <g key={m} transform={`translate(${bx},6)`} data-metric={m} data-use={use}>
                      <title>{`${TITLES[m]}: ${fmt(m, r.current[m])} of ${limitText(m)} (${Math.round(use * 100)}%)`}</title>
                      <rect width={barW} height={14} className="ss-bar-track" />
                      <rect
                        width={Math.min(barW, use * full)}
                        height={14}
                        fill={use >= 1 ? colors.throttle : shardColor(shard.index, theme)}
                      />
                      <line x1={full} x2={full} y1={-3} y2={17} stroke="var(--ss-fg)" strokeWidth={1.5} />
                      <text y={28} className="ss-lane-sub">
                        {compact ? '' : `${fmt(m, r.current[m])} · `}
                        {Math.round(use * 100)}%
                      </text>
                    </g>
                  );
                })}
                <g transform={`translate(${labelW + barsW + 12},0)`} display={chartW === 0 ? 'none' : undefined}>
                  <rect width={chartW} height={ROW_H - 2} className="ss-bar-track" />
                  <line
                    x1={0}
                    x2={chartW}
                    y1={d3
                      .scaleLinear()
                      .domain([0, 1.5])
                      .range([ROW_H - 6, 4])(1)}
                    y2={d3
                      .scaleLinear()
                      .domain([0, 1.5])
                      .range([ROW_H - 6, 4])(1)}
                    stroke="var(--ss-fg)"
                    strokeDasharray="2 3"
                    strokeWidth={1}
                  />
                  <path d={chartPath(r, 'write')} fill="none" stroke={shardColor(shard.index, theme)} strokeWidth={2} />
                  <path
                    d={chartPath(r, 'read')}
                    fill="none"
                    stroke="var(--ss-muted)"
                    strokeWidth={1.5}
                    strokeDasharray="4 2"
                  />
                  {failedRecently.map((f, i) =>
                    f.errorCode !== THROTTLING && (f.shardId === undefined || f.shardId === r.shardId) ? (
                      <line
                        key={`f${i}`}
                        x1={cx(SECONDS - 1 - Math.floor((now - f.t) / 1000))}
                        x2={cx(SECONDS - 1 - Math.floor((now - f.t) / 1000))}
                        y1={ROW_H / 2}
                        y2={ROW_H - 2}
                        stroke="var(--ss-danger)"
                        strokeWidth={2}
                        data-testid="failure-mark"
                        data-error={f.errorCode}
                      />
                    ) : null,
                  )}
                  {Array.from(r.throttled, (n, i) =>
                    n > 0 ? (
                      <line
                        key={i}
                        x1={cx(i)}
                        x2={cx(i)}
                        y1={0}
                        y2={ROW_H - 2}
                        stroke={colors.throttle}
                        strokeWidth={2}
                        data-testid="throttle-mark"
                      />
                    ) : null,
                  )}
                </g>
              </g>
            );
          })}
          {shards.length === 0 && (
            <text x={8} y={40} className="ss-lane-sub">
              No open shards.
            </text>
          )}
        </svg>
        {failedRecently.length > 0 && (
          <p className="ss-muted ss-small">
            Last {failedRecently[failedRecently.length - 1]!.errorCode === THROTTLING ? 'throttle' : 'failure'}:{' '}
            {failedRecently[failedRecently.length - 1]!.operation} on{' '}
            {failedRecently[failedRecently.length - 1]!.shardId ?? 'the account'} at{' '}
            {clockTime(failedRecently[failedRecently.length - 1]!.t)}
            {failedRecently[failedRecently.length - 1]!.errorCode === THROTTLING
              ? ''
              : ` (${failedRecently[failedRecently.length - 1]!.errorCode})`}
          </p>
        )}
      </div>
      {scaled && (
        <RowsNote
          rows={scaled}
          what="highest write use now"
          rest={() => 'use no more of their write limit than the least busy shard shown'}
        />
      )}
    </Panel>
  );
}
