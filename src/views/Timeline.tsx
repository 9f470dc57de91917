import * as d3 from 'd3';
import { useLayoutEffect, useRef } from 'react';
import { useSimulator, useSimulatorApi } from '../store/react';
import { clockTime, duration, shortShard } from './format';
import { axisCharPx, timeTicks } from './labels';
import { prepareCanvas, SECONDARY_MS, useFrameTick, useTheme, useWidth } from './hooks';
import { encryptionSpans, keyBudget, statusSpans, timeExtent, type Span } from './model/timeline';
import { SEMANTIC, statusColor } from './palette';
import { Panel } from './Panel';
import { Tooltip, useTooltip } from './tooltip';
import { viewsApi } from './viewsApi';
import { useHashWindow } from './scale/hashZoom';
import { RowsNote } from './scale/RowsNote';
import { rowsByRecords } from './scale/scaledRows';

const ROW_H = 22;
const M = { top: 8, right: 16, bottom: 24, left: 120 };

/** A row label cut to `chars` characters (its first word kept whole: "Stream status" → "Stream"). */
function rowLabel(label: string, chars: number): string {
  if (label.length <= chars) return label;
  const word = label.split(' ')[0]!;
  return word.length <= chars ? word : `${label.slice(0, Math.max(1, chars - 1))}…`;
}

export default function Timeline({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  useFrameTick(SECONDARY_MS);
  const selection = useSimulator((s) => s.selection);
  const theme = useTheme();
  const [wrap, width] = useWidth<HTMLDivElement>();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [tip, setTip] = useTooltip();
  const hashWindow = useHashWindow(streamName);

  const { engine, now } = api.getState();
  const stream = engine.stream(streamName);
  const history = api.getState().feed.history.stream(streamName);
  const iw = Math.max(60, width - M.left - M.right);
  const charPx = axisCharPx(wrap.current);
  const domain = selection.timeRange ?? (stream ? timeExtent(stream, now) : [now - 1000, now]);
  const x = d3.scaleLinear().domain(domain).range([0, iw]).clamp(false);
  // Many shards, or a zoomed hash range: rows for the shards with the most records in range.
  const scaled = stream ? rowsByRecords(stream, hashWindow, selection.record?.shardId ?? selection.shardId) : undefined;
  const shards = scaled && stream ? scaled.positions.map((p) => stream.shards[p]!) : (stream?.shards ?? []);
  // Rows: status, encryption, then one per shard (record ticks + when encryption reached it), retention, resharding.
  const rows = ['Stream status', 'Encryption', ...shards.map((s) => s.id), 'Retention', 'Resharding'];
  const shardRow0 = 2;
  const height = M.top + rows.length * ROW_H + M.bottom;
  const colors = SEMANTIC[theme];

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !stream) return;
    const ctx = prepareCanvas(canvas, iw, shards.length * ROW_H);
    if (!ctx) return;
    const [a, b] = domain;
    const W = Math.ceil(iw);
    const dt = (b - a) / W;
    // Per shard and pixel column, binary searches find the records that fall there, so the cost
    // is columns × log(records), not records. Encryption only changes a few times per shard, so
    // the first and last record of a column tell whether it holds NONE, KMS or both.
    const ticks = { none: 0, kms: 0 };
    shards.forEach((shard, shardPos) => {
      const log = shard.records;
      if (log.length === 0) return;
      const top = shardPos * ROW_H;
      let i = log.firstAtOrAfter(a);
      for (let px = 0; px < W && i < log.length; px++) {
        const end = log.firstAtOrAfter(a + (px + 1) * dt, i);
        if (end > i) {
          const first = log.encryption(i);
          const last = log.encryption(end - 1);
          // NONE ticks hang from the top half, KMS ticks from the bottom half, so both show when mixed.
          if (first === 0 || last === 0) {
            ctx.fillStyle = colors.none;
            ctx.fillRect(px, top + 3, 1.5, ROW_H / 2 - 3);
            ticks.none++;
          }
          if (first !== 0 || last !== 0) {
            ctx.fillStyle = colors.kms;
            ctx.fillRect(px, top + ROW_H / 2, 1.5, ROW_H / 2 - 3);
            ticks.kms++;
          }
        }
        i = end;
      }
    });
    viewsApi().timelineTicks = ticks;
  });

  if (!stream) return null;
  const budget = keyBudget(stream, now);

  const spanTip = (e: React.MouseEvent, lines: string[]) => {
    const r = (wrap.current as HTMLElement).getBoundingClientRect();
    setTip({ x: e.clientX - r.left, y: e.clientY - r.top, lines });
  };
  const spanRow = (spans: Span[], row: number, colorOf: (s: Span) => string, testId: string) =>
    spans.map((s, i) => {
      const x0 = Math.max(0, x(s.from));
      const x1 = Math.min(iw, x(s.to));
      if (x1 < 0 || x0 > iw) return null;
      return (
        <g
          key={`${testId}-${i}`}
          data-testid={testId}
          data-label={s.label}
          data-from={s.from}
          data-to={s.to}
          onMouseMove={(e) =>
            spanTip(
              e,
              [
                s.label,
                `${clockTime(s.from)} → ${clockTime(s.to)} (${duration(s.to - s.from)})`,
                s.detail ? `reason: ${s.detail}` : '',
              ].filter(Boolean),
            )
          }
          onMouseLeave={() => setTip(null)}
        >
          <rect x={x0} y={row * ROW_H + 3} width={Math.max(1.5, x1 - x0)} height={ROW_H - 6} fill={colorOf(s)} rx={3} />
          {x1 - x0 > s.label.length * 7 + 8 && (
            <text x={x0 + 5} y={row * ROW_H + ROW_H / 2 + 4} className="ss-span-label">
              {s.label}
            </text>
          )}
        </g>
      );
    });

  return (
    <Panel
      title="Timeline"
      className="ss-view-wide"
      legend={[
        { label: 'CREATING', color: colors.creating },
        { label: 'ACTIVE', color: colors.active },
        { label: 'UPDATING', color: colors.updating },
        { label: 'DELETING', color: colors.deleting },
        { label: 'record, EncryptionType NONE (upper tick)', color: colors.none, shape: 'tick' },
        { label: 'record, KMS (lower tick)', color: colors.kms, shape: 'tick' },
        { label: 'encryption reached the shard', color: 'var(--ss-fg)', shape: 'triangle' },
      ]}
      tools={
        <span
          className="ss-budget"
          data-testid="key-budget"
          title="StartStreamEncryption with a new key, and StopStreamEncryption, are each limited to 25 per rolling 24 hours"
        >
          Key changes (24 h): {budget.applied}/{budget.limit} applied · {budget.disabled}/{budget.limit} disabled
        </span>
      }
    >
      <div ref={wrap} className="ss-plot" style={{ height }}>
        <canvas
          ref={canvasRef}
          className="ss-layer"
          style={{ left: M.left, top: M.top + shardRow0 * ROW_H }}
          aria-hidden="true"
        />
        <svg
          width={width}
          height={height}
          className="ss-layer ss-passthrough"
          role="img"
          aria-label={`Timeline of ${streamName}`}
        >
          <g transform={`translate(0,${M.top})`}>
            {rows.map((label, row) => (
              <g key={label}>
                <rect
                  x={0}
                  y={row * ROW_H}
                  width={width}
                  height={ROW_H}
                  className={row % 2 ? 'ss-row-odd' : 'ss-row-even'}
                />
                <text x={8} y={row * ROW_H + ROW_H / 2 + 4} className="ss-lane-label">
                  {rowLabel(
                    row >= shardRow0 && row < shardRow0 + shards.length ? `shard ${shortShard(label)}` : label,
                    Math.floor((M.left - 12) / (charPx * 1.05)),
                  )}
                </text>
              </g>
            ))}
            <g transform={`translate(${M.left},0)`} className="ss-clickable-children">
              {spanRow(statusSpans(history, now), 0, (s) => statusColor(s.kind, theme), 'status-span')}
              {spanRow(
                encryptionSpans(history, now),
                1,
                (s) => (s.kind === 'KMS' ? colors.kms : colors.none),
                'encryption-span',
              )}
              {history.encryptionReached.map((m, i) => {
                const row = shards.findIndex((s) => s.id === m.shardId);
                if (row < 0) return null;
                const cx = x(m.t);
                const cy = (shardRow0 + row) * ROW_H + 2;
                return (
                  <path
                    key={`reach-${i}`}
                    d={`M${cx - 5},${cy} L${cx + 5},${cy} L${cx},${cy + 8} z`}
                    fill="var(--ss-fg)"
                    data-testid="encryption-reached"
                    data-shard-id={m.shardId}
                    onMouseMove={(e) =>
                      spanTip(
                        e,
                        [`Encryption ${m.label} reached ${m.shardId}`, clockTime(m.t), m.keyId ?? ''].filter(Boolean),
                      )
                    }
                    onMouseLeave={() => setTip(null)}
                  />
                );
              })}
              {history.encryptionOps.map((op, i) => (
                <line
                  key={`encop-${i}`}
                  x1={x(op.t)}
                  x2={x(op.t)}
                  y1={ROW_H}
                  y2={2 * ROW_H}
                  stroke="var(--ss-fg)"
                  strokeWidth={1.5}
                  strokeDasharray="2 2"
                >
                  <title>{`${op.operation} ${op.detail} at ${clockTime(op.t)}`}</title>
                </line>
              ))}
              {history.retention.map((r, i) => {
                const row = shardRow0 + shards.length;
                return (
                  <g key={`ret-${i}`} transform={`translate(${x(r.t)},${row * ROW_H})`} data-testid="retention-mark">
                    <line y1={3} y2={ROW_H - 3} stroke="var(--ss-warn)" strokeWidth={2} />
                    <text x={4} y={ROW_H / 2 + 4} className="ss-span-label-plain">
                      {r.hours} h
                    </text>
                  </g>
                );
              })}
              {history.resharding.map((r, i) => {
                const row = shardRow0 + shards.length + 1;
                return (
                  <g
                    key={`rs-${i}`}
                    transform={`translate(${x(r.t)},${row * ROW_H})`}
                    data-testid="reshard-mark"
                    onMouseMove={(e) => spanTip(e, [r.operation, r.detail, clockTime(r.t)])}
                    onMouseLeave={() => setTip(null)}
                  >
                    <rect
                      x={-4}
                      y={5}
                      width={8}
                      height={ROW_H - 10}
                      fill="var(--ss-accent)"
                      transform={`rotate(45 0 ${ROW_H / 2})`}
                    />
                    <text x={8} y={ROW_H / 2 + 4} className="ss-span-label-plain">
                      {r.operation.replace('Shard', '').replace('s', '')}
                    </text>
                  </g>
                );
              })}
              {(() => {
                const nx = x(now);
                return nx >= 0 && nx <= iw ? (
                  <line x1={nx} x2={nx} y1={0} y2={rows.length * ROW_H} stroke="var(--ss-danger)" strokeWidth={2} />
                ) : null;
              })()}
              {selection.record &&
                (() => {
                  const row = shards.findIndex((s) => s.id === selection.record!.shardId);
                  const s = shards[row];
                  const index = selection.record.index;
                  // Released records (past retention or the page's record budget) have no time left to show.
                  if (!s || index < s.records.retainedFrom || index >= s.records.length) return null;
                  const rx = x(s.records.arrival(index));
                  return (
                    <rect
                      x={rx - 4}
                      y={(shardRow0 + row) * ROW_H + 1}
                      width={8}
                      height={ROW_H - 2}
                      fill="none"
                      stroke="var(--ss-fg)"
                      strokeWidth={2}
                      data-selected-record=""
                    />
                  );
                })()}
            </g>
            <g className="ss-axis" transform={`translate(${M.left},${rows.length * ROW_H})`}>
              {timeTicks(x, iw, charPx, M.right).map((t) => (
                <text key={t.value} x={x(t.value)} y={15} textAnchor="middle">
                  {t.label}
                </text>
              ))}
            </g>
          </g>
        </svg>
        <Tooltip tip={tip} />
      </div>
      {scaled && <RowsNote rows={scaled} what="most records" rest={(total) => `hold ${total} records in all`} />}
    </Panel>
  );
}
