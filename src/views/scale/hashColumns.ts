import type { HashWindow } from './hashWindow';
import { binShards, type ShardBin } from './shardBins';
import { hotAt, loadAt, type ShardLoads } from './shardLoads';

/** One column of the summarised hash key space: the shards whose first visible key falls in it. */
export interface HashColumn extends ShardBin {
  readonly shards: number;
  /** The column's busiest shard: its load (1 = its fair share of records) and whether it is hot. */
  readonly peakLoad: number;
  readonly peakHot: boolean;
}

/**
 * The window's shards in `columns` columns with their records, the busiest shard of each by load.
 * Each open shard in the window counts in one column exactly (see binShards).
 */
export function hashColumns(loads: ShardLoads, w: HashWindow, columns: number): HashColumn[] {
  const load = new Float64Array(loads.records.length);
  for (let i = 0; i < load.length; i++) load[i] = loadAt(loads, i);
  const records = binShards(loads.open.starts, loads.records, w, columns);
  const peaks = binShards(loads.open.starts, load, w, columns);
  return records.bins.map((b, p) => {
    const peak = peaks.bins[p]!;
    return {
      ...b,
      shards: b.to - b.from,
      peakLoad: peak.peak,
      peakAt: peak.peakAt,
      peakHot: peak.peakAt >= 0 && hotAt(loads, peak.peakAt),
    };
  });
}
