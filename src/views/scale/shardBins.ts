import { keyAtPixel, type HashWindow } from './hashWindow';

/** The shards of one pixel column of a summarised hash axis. */
export interface ShardBin {
  /** Positions in the sorted shard list: the bin holds from … to-1. */
  readonly from: number;
  readonly to: number;
  /** Sum of the shards' values (records, writes/s…). */
  readonly total: number;
  /** The largest value of one shard in the bin, and that shard's position (-1 when empty). */
  readonly peak: number;
  readonly peakAt: number;
}

export interface ShardBins {
  readonly bins: readonly ShardBin[];
  /** Positions of the first shard in the window and one past the last. */
  readonly first: number;
  readonly end: number;
}

/** The last position whose start is ≤ key (-1 if none): `starts` ascending. */
export function lastStartingAtOrBefore(starts: readonly bigint[], key: bigint): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Groups shards that tile the hash space (open shards: each runs from its starting key to the next
 * one's) into `bins` pixel columns of a window. Each shard overlapping the window lands in exactly
 * one bin: the column of its first visible key. Key arithmetic costs O(bins · log shards); the
 * shards themselves are visited once, as plain numbers.
 */
export function binShards(
  starts: readonly bigint[],
  values: ArrayLike<number>,
  w: HashWindow,
  bins: number,
): ShardBins {
  const count = Math.max(1, Math.floor(bins));
  const first = Math.max(0, lastStartingAtOrBefore(starts, w.start));
  const end = starts.length === 0 ? 0 : lastStartingAtOrBefore(starts, w.end - 1n) + 1;
  const out: ShardBin[] = [];
  let from = first;
  for (let p = 0; p < count; p++) {
    // Shards whose first visible key is before the next column's first key.
    const to =
      p === count - 1
        ? end
        : Math.max(from, Math.min(end, lastStartingAtOrBefore(starts, keyAtPixel(w, p + 1, count) - 1n) + 1));
    let total = 0;
    let peak = 0;
    let peakAt = -1;
    for (let i = from; i < to; i++) {
      const v = values[i] ?? 0;
      total += v;
      if (peakAt < 0 || v > peak) {
        peak = v;
        peakAt = i;
      }
    }
    out.push({ from, to, total, peak, peakAt });
    from = to;
  }
  return { bins: out, first, end };
}
