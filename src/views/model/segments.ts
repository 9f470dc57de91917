import type { StreamState } from '../../engine/index';
import { endFraction, keyFraction, shareOf } from './bands';

/** An open shard at the current instant, as a segment of the hash-key axis. */
export interface Segment {
  readonly shardId: string;
  readonly index: number;
  readonly y0: number;
  readonly y1: number;
  readonly startingHashKey: string;
  readonly endingHashKey: string;
  /** Fraction of the key space. */
  readonly share: number;
  /** Records that arrived in the window. */
  readonly records: number;
  /** Its share of the window's records divided by its share of the key space (1 = fair). */
  readonly load: number;
  readonly hot: boolean;
}

/** How much more than its fair share a shard must take to count as hot. */
export const HOT_LOAD = 2;
/** Below this many records in the window, nothing counts as hot (noise). */
export const HOT_MIN_RECORDS = 20;

/**
 * The open shards at `now`, sorted along the axis, with their load over records that arrived in
 * [from, to) (the brushed time range, or everything).
 */
export function segmentsOf(stream: StreamState, from = -Infinity, to = Infinity): Segment[] {
  const open = stream.shards.filter((s) => s.closedAt === undefined);
  const counts = open.map((s) => s.records.firstAtOrAfter(to) - s.records.firstAtOrAfter(from));
  const total = counts.reduce((a, b) => a + b, 0);
  return open
    .map((s, i) => {
      const share = shareOf(s.startingHashKey, s.endingHashKey);
      const records = counts[i]!;
      const load = total > 0 && share > 0 ? records / total / share : 0;
      return {
        shardId: s.id,
        index: s.index,
        y0: keyFraction(s.startingHashKey),
        y1: endFraction(s.endingHashKey),
        startingHashKey: s.startingHashKey.toString(),
        endingHashKey: s.endingHashKey.toString(),
        share,
        records,
        load,
        hot: total >= HOT_MIN_RECORDS && open.length > 1 && load >= HOT_LOAD,
      };
    })
    .sort((a, b) => a.y0 - b.y0);
}

/**
 * Record density along the hash axis: `bins` counts of records (of every shard, open or closed)
 * that arrived in [from, to), by hash fraction. A shard with more records in range than its share
 * of `budget` is sampled at an even stride, each sample counting for the records it stands for, so
 * the work stays bounded however many records are held.
 */
export function densityStrip(
  stream: StreamState,
  bins: number,
  from = -Infinity,
  to = Infinity,
  budget = 40_000,
): Uint32Array {
  const out = new Uint32Array(bins);
  const perShard = Math.max(1, Math.floor(budget / Math.max(1, stream.shards.length)));
  for (const s of stream.shards) {
    const log = s.records;
    const start = log.firstAtOrAfter(from);
    const end = log.firstAtOrAfter(to);
    const step = end - start > perShard ? (end - start) / perShard : 1;
    const weight = Math.round(step);
    for (let k = 0; ; k++) {
      const i = step === 1 ? start + k : start + Math.floor(k * step);
      if (i >= end) break;
      out[Math.min(bins - 1, Math.floor(log.hashFraction(i) * bins))]! += weight;
    }
  }
  return out;
}
