/**
 * Failures drawn where they happened, as crosses (see model/failureSpots): on the keyspace map at
 * their time and their shard's hash range. The map redraws every frame; its crosses only when the
 * drawing moves, and else with the secondary views' tick, so a producer failing thousands of
 * times a second costs the map's frame nothing.
 */
import { memo } from 'react';
import * as d3 from 'd3';
import { shardById } from '../engine/index';
import { useSimulatorApi } from '../store/react';
import { SECONDARY_MS, useFrameTick } from './hooks';
import { endFraction, keyFraction } from './model/bands';
import { SPOT_PX, describeSpot, failureSpots, type FailureSpot } from './model/failureSpots';
import { SEMANTIC, type Theme } from './palette';

/** One cross at (cx, cy), half `r` wide, titled with what it stands for. */
export function FailureCross({
  spot,
  cx,
  cy,
  r,
  theme,
}: {
  spot: FailureSpot;
  cx: number;
  cy: number;
  r: number;
  theme: Theme;
}) {
  return (
    <Cross
      cx={cx}
      cy={cy}
      r={r}
      color={spot.throttled ? SEMANTIC[theme].throttle : 'var(--ss-danger)'}
      errors={[...spot.errors.keys()].join(' ')}
      count={spot.count}
      title={describeSpot(spot)}
    />
  );
}

/** Plain values only: a redraw leaves every cross whose spot did not change alone. */
const Cross = memo(function Cross(props: {
  cx: number;
  cy: number;
  r: number;
  color: string;
  errors: string;
  count: number;
  title: string;
}) {
  const { cx, cy, r, color, errors, count, title } = props;
  return (
    <path
      d={`M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx - r},${cy + r}L${cx + r},${cy - r}`}
      stroke={color}
      strokeWidth={2.5}
      data-failure-mark=""
      data-error={errors}
      data-count={count}
    >
      <title>{title}</title>
    </path>
  );
});

export const spotKey = (spot: FailureSpot) => `${spot.shardId ?? ''}|${spot.throttled}|${spot.column}`;

interface KeyspaceCrossesProps {
  streamName: string;
  /** The drawing's time domain (virtual epoch ms) across `width` px. */
  from: number;
  to: number;
  width: number;
  /** The hash window shown (fractions) down `height` px. */
  low: number;
  high: number;
  height: number;
  theme: Theme;
}

/**
 * The keyspace map's crosses: at their time, on the middle of their shard's hash range (a call
 * refused for the whole stream, on the top edge).
 */
export const KeyspaceCrosses = memo(function KeyspaceCrosses(props: KeyspaceCrossesProps) {
  const { streamName, from, to, width, low, high, height, theme } = props;
  const api = useSimulatorApi();
  useFrameTick(SECONDARY_MS);
  const { engine, feed } = api.getState();
  const stream = engine.stream(streamName);
  if (!stream) return null;
  const x = d3.scaleLinear().domain([from, to]).range([0, width]);
  const y = d3.scaleLinear().domain([low, high]).range([height, 0]);
  const spots = failureSpots(feed.history.stream(streamName).failures, from, to, (f) =>
    f.shardId === undefined || shardById(stream, f.shardId) ? Math.round(x(f.t) / SPOT_PX) : undefined,
  );
  const heightOf = (shardId: string | undefined) => {
    const shard = shardId === undefined ? undefined : shardById(stream, shardId);
    return shard ? y((keyFraction(shard.startingHashKey) + endFraction(shard.endingHashKey)) / 2) : 5;
  };
  return (
    <g pointerEvents="none">
      {spots.map((spot) => {
        const cy = heightOf(spot.shardId);
        return cy < 0 || cy > height ? null : (
          <FailureCross key={spotKey(spot)} spot={spot} cx={spot.column * SPOT_PX} cy={cy} r={3.5} theme={theme} />
        );
      })}
    </g>
  );
});
