import { useId, useState } from 'react';
import { MAX_HASH_KEY, type StreamState } from '../engine/index';
import { useSimulator, useSimulatorApi } from '../store/react';
import { ellipsize, percent, shortShard } from './format';

import { hoverShard, useFrameTick, useHoveredShard, useTheme, useWidth } from './hooks';
import { explainKey, ownerOf, parseExplicitHashKey } from './model/owner';
import { densityStrip, segmentsOf } from './model/segments';
import { heatColor, shardColor, SEMANTIC } from './palette';
import { keyFraction } from './model/bands';
import { Panel } from './Panel';
import { ShardRangeRow, ShardRangeTable } from './ShardRangeTable';
import { Tooltip, useTooltip } from './tooltip';
import { HashBarAtScale } from './scale/HashBarAtScale';
import { isWhole } from './scale/hashWindow';
import { useHashWindow } from './scale/hashZoom';
import { openShardsOf } from './scale/openShards';
import { cachedLoadsOf } from './scale/shardLoads';
import { MIN_SEGMENT_PX } from './scale/thresholds';
import { TopShardsTable } from './scale/TopShardsTable';

const BINS = 64;

/**
 * The density strip only changes with new events or another range: keep the last one. It is
 * keyed by the stream itself, since another store (an embed's stand-in) can hold a stream of the
 * same name at the same revision.
 */
let densityCache: { stream: StreamState; key: string; strip: Uint32Array } | undefined;
function densityOf(
  stream: StreamState,
  bins: number,
  range: readonly [number, number] | undefined,
  revision: number,
): Uint32Array {
  const key = `${stream.generation}|${revision}|${range?.[0] ?? ''}|${range?.[1] ?? ''}|${bins}`;
  if (densityCache?.stream !== stream || densityCache.key !== key)
    densityCache = { stream, key, strip: densityStrip(stream, bins, range?.[0], range?.[1]) };
  return densityCache.strip;
}
const shortShardLabel = (id: string) => <span title={id}>{id.replace(/^shardId-0*(?=\d)/, 'shardId-…')}</span>;
const M = { left: 12, right: 12 };

export default function HashKeySpace({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  useFrameTick(250);
  const selection = useSimulator((s) => s.selection);
  const theme = useTheme();
  const hovered = useHoveredShard(streamName);
  const [wrap, width] = useWidth<HTMLDivElement>(500);
  const [tip, setTip] = useTooltip();
  const [key, setKey] = useState('');
  const [explicit, setExplicit] = useState('');
  // A key named by the selection (a lesson's caption) fills the field; the person can type another.
  const [namedKey, setNamedKey] = useState<string | undefined>(undefined);
  if (selection.partitionKey !== namedKey) {
    setNamedKey(selection.partitionKey);
    if (selection.partitionKey !== undefined) setKey(selection.partitionKey);
  }
  const ids = useId();
  const hashWindow = useHashWindow(streamName);

  const { engine } = api.getState();
  const stream = engine.stream(streamName);
  if (!stream) return null;
  const range = selection.timeRange;
  const iw = width - M.left - M.right;
  // Shards thinner than a few pixels, or a zoomed window: the summarised bar and table draw instead.
  const scaled = !isWhole(hashWindow) || openShardsOf(stream).shards.length > iw / MIN_SEGMENT_PX;
  const loads = scaled ? cachedLoadsOf(stream, api.getState().revision, range?.[0], range?.[1]) : undefined;
  const segments = loads ? [] : segmentsOf(stream, range?.[0], range?.[1]);
  const strip = loads ? new Uint32Array(BINS) : densityOf(stream, BINS, range, api.getState().revision);
  const max = Math.max(1, ...strip);
  const focus = selection.record?.shardId ?? selection.shardId;
  const hot = SEMANTIC[theme].hot;

  const explained = key ? explainKey(stream, key) : undefined;
  const explicitKey = explicit ? parseExplicitHashKey(explicit) : undefined;
  const explicitOwner = explicitKey !== undefined ? ownerOf(stream, explicitKey) : undefined;
  const pointFraction = explicitKey !== undefined ? keyFraction(explicitKey) : explained?.fraction;

  const select = (shardId: string) =>
    api.getState().select({ stream: streamName, shardId, ...(range ? { timeRange: range } : {}) });

  return (
    <Panel
      title="Hash key space"
      legend={[
        { label: 'open shard: its share of 0 … 2¹²⁸−1', color: shardColor(0, theme) },
        { label: 'hot shard (≥ 2× its fair share of records)', color: hot, shape: 'ring' },
        { label: 'record density (low → high)', color: heatColor(0.8, theme) },
        { label: "the key's point", color: 'var(--ss-fg)', shape: 'triangle' },
      ]}
    >
      <div ref={wrap} className="ss-plot">
        {loads ? (
          <HashBarAtScale
            streamName={streamName}
            loads={loads}
            window={hashWindow}
            width={width}
            theme={theme}
            focus={focus}
            hovered={hovered}
            pointFraction={pointFraction}
            ranged={range !== undefined}
            onSelect={select}
          />
        ) : (
          <svg
            width={width}
            height={112}
            className="ss-hks"
            role="img"
            aria-label={`${segments.length} open shards across the hash-key space`}
          >
            <g transform={`translate(${M.left},18)`}>
              {segments.map((s) => {
                const x0 = s.y0 * iw;
                const w = Math.max(1, (s.y1 - s.y0) * iw);
                const selected = focus === s.shardId;
                return (
                  <g
                    key={s.shardId}
                    className="ss-segment"
                    data-shard-id={s.shardId}
                    data-share={s.share}
                    data-hot={s.hot}
                    data-y0={s.y0}
                    data-y1={s.y1}
                    onMouseMove={(e) => {
                      hoverShard(api, streamName, s.shardId);
                      const r = (e.currentTarget.ownerSVGElement as SVGSVGElement).getBoundingClientRect();
                      setTip({
                        x: e.clientX - r.left,
                        y: e.clientY - r.top,
                        lines: [
                          s.shardId,
                          `StartingHashKey ${s.startingHashKey}`,
                          `EndingHashKey ${s.endingHashKey}`,
                          `Share of the space: ${percent(s.share, 2)}`,
                          `Records${range ? ' in range' : ''}: ${s.records} (load ×${s.load.toFixed(2)})`,
                          s.hot ? 'HOT: takes far more than its share of records' : '',
                        ].filter(Boolean),
                      });
                    }}
                    onMouseLeave={() => {
                      setTip(null);
                      hoverShard(api, streamName, null);
                    }}
                    onClick={() => select(s.shardId)}
                  >
                    <rect
                      x={x0}
                      y={0}
                      width={w}
                      height={34}
                      fill={shardColor(s.index, theme)}
                      fillOpacity={selected ? 0.9 : 0.55}
                      stroke={s.hot ? hot : hovered === s.shardId ? 'var(--ss-fg)' : 'var(--ss-panel)'}
                      strokeWidth={s.hot ? 4 : hovered === s.shardId ? 2.5 : 1.5}
                    />
                    {w > 34 && (
                      <text x={x0 + w / 2} y={15} textAnchor="middle" className="ss-seg-label">
                        {shortShard(s.shardId)}
                      </text>
                    )}
                    {w > 46 && (
                      <text x={x0 + w / 2} y={29} textAnchor="middle" className="ss-seg-share">
                        {percent(s.share, w > 70 ? 1 : 0)}
                      </text>
                    )}
                    {s.hot && w > 30 && (
                      <text x={x0 + w / 2} y={-5} textAnchor="middle" className="ss-hot-label" fill={hot}>
                        HOT
                      </text>
                    )}
                  </g>
                );
              })}
              <g transform="translate(0,40)" aria-label="record density by hash position">
                {Array.from(strip, (n, i) => (
                  <rect
                    key={i}
                    x={(i / BINS) * iw}
                    width={iw / BINS + 0.5}
                    height={14}
                    fill={heatColor(n / max, theme)}
                  >
                    <title>{`${n} records in ${percent(i / BINS, 1)} – ${percent((i + 1) / BINS, 1)}`}</title>
                  </rect>
                ))}
              </g>
              <g className="ss-axis" transform="translate(0,70)">
                <line x1={0} x2={iw} stroke="var(--ss-border)" />
                {[0, 0.25, 0.5, 0.75, 1].map((f) => (
                  <text key={f} x={f * iw} y={13} textAnchor={f === 0 ? 'start' : f === 1 ? 'end' : 'middle'}>
                    {f === 0 ? '0' : f === 1 ? '2¹²⁸−1' : `${f * 100}%`}
                  </text>
                ))}
              </g>
              {pointFraction !== undefined && (
                <g
                  transform={`translate(${pointFraction * iw},0)`}
                  data-testid="key-point"
                  data-hash-fraction={pointFraction}
                >
                  <line y1={-4} y2={56} stroke="var(--ss-fg)" strokeWidth={2} />
                  <path d="M-6,-12 L6,-12 L0,-3 z" fill="var(--ss-fg)" />
                </g>
              )}
            </g>
          </svg>
        )}
        <Tooltip tip={tip} />
      </div>
      <form className="ss-keybox" onSubmit={(e) => e.preventDefault()} aria-label="Which shard owns this key?">
        <h3>Which shard owns this key?</h3>
        <div className="ss-keybox-inputs">
          <label htmlFor={`${ids}-pk`}>Partition key</label>
          <input
            id={`${ids}-pk`}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="e.g. user-42"
            maxLength={256}
            spellCheck={false}
          />
          <label htmlFor={`${ids}-ehk`}>ExplicitHashKey (optional)</label>
          <input
            id={`${ids}-ehk`}
            value={explicit}
            onChange={(e) => setExplicit(e.target.value.trim())}
            placeholder="decimal, 0 … 2¹²⁸−1"
            spellCheck={false}
            inputMode="numeric"
          />
        </div>
        {explained && (
          <ol className="ss-steps" data-testid="key-steps">
            <li>
              MD5 of the key's UTF-8 bytes: <code data-testid="key-md5">{explained.md5}</code>
            </li>
            <li>
              As a 128-bit unsigned integer: <code data-testid="key-decimal">{explained.hashKey.toString()}</code>
            </li>
            <li>
              Point on the axis: <code>{percent(explained.fraction, 4)}</code> of 2¹²⁸
            </li>
            <li>
              Owning open shard:{' '}
              <strong data-testid="key-owner">{explained.shard?.id ?? 'none (no open shard)'}</strong>
              {explained.shard && (
                <>
                  {' '}
                  (range {ellipsize(explained.shard.startingHashKey.toString())} …{' '}
                  {ellipsize(explained.shard.endingHashKey.toString())})
                </>
              )}
            </li>
          </ol>
        )}
        {explicit &&
          (explicitKey === undefined ? (
            <p className="ss-keybox-error">
              Not a valid ExplicitHashKey: it must be a decimal integer from 0 to {MAX_HASH_KEY.toString()}.
            </p>
          ) : (
            <p>
              An ExplicitHashKey overrides the partition key's hash: the record goes to{' '}
              <strong data-testid="explicit-owner">{explicitOwner?.id ?? 'no open shard'}</strong> (
              {percent(keyFraction(explicitKey), 4)} of the space)
              {explained?.shard && explicitOwner && explained.shard.id !== explicitOwner.id
                ? `, not ${explained.shard.id}`
                : ''}
              .
            </p>
          ))}
        {!explicit && explained && (
          <p className="ss-muted">
            An ExplicitHashKey, if given, would override this hash and choose the shard directly.
          </p>
        )}
      </form>
      {loads ? (
        <TopShardsTable loads={loads} window={hashWindow} theme={theme} focus={focus} onSelect={select} />
      ) : (
        <ShardRangeTable label="Open shards table, scrollable" caption="Open shards and their hash-key ranges">
          {segments.map((s) => (
            <ShardRangeRow
              key={s.shardId}
              shardId={s.shardId}
              name={`${shortShardLabel(s.shardId)}${s.hot ? ' HOT' : ''}`}
              colorIndex={s.index}
              theme={theme}
              startingHashKey={s.startingHashKey}
              endingHashKey={s.endingHashKey}
              share={percent(s.share, 2)}
              records={String(s.records)}
              selected={focus === s.shardId}
              onSelect={select}
            />
          ))}
        </ShardRangeTable>
      )}
    </Panel>
  );
}
