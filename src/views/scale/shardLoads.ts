import type { StreamState } from '../../engine/index';
import { endFraction, keyFraction, shareOf } from '../model/bands';
import { HOT_LOAD, HOT_MIN_RECORDS } from '../model/segments';
import { openShardsOf, type OpenShards } from './openShards';

/** Per open shard (in hash order): where it sits on the axis and its share, computed once per reshard. */
export interface ShardGeometry {
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  readonly share: Float64Array;
}
const geometryCache = new WeakMap<OpenShards, ShardGeometry>();

export function geometryOf(open: OpenShards): ShardGeometry {
  let g = geometryCache.get(open);
  if (!g) {
    const n = open.shards.length;
    g = { y0: new Float64Array(n), y1: new Float64Array(n), share: new Float64Array(n) };
    open.shards.forEach((s, i) => {
      g!.y0[i] = keyFraction(s.startingHashKey);
      g!.y1[i] = endFraction(s.endingHashKey);
      g!.share[i] = shareOf(s.startingHashKey, s.endingHashKey);
    });
    geometryCache.set(open, g);
  }
  return g;
}

/** Records per open shard in a time range, and what makes a shard hot, as the hash key space judges it. */
export interface ShardLoads {
  readonly open: OpenShards;
  readonly geometry: ShardGeometry;
  readonly records: Float64Array;
  readonly total: number;
}

/** Records that arrived in [from, to) per open shard: two binary searches a shard, none without a range. */
export function loadsOf(stream: StreamState, from = -Infinity, to = Infinity): ShardLoads {
  const open = openShardsOf(stream);
  const records = new Float64Array(open.shards.length);
  let total = 0;
  const ranged = from !== -Infinity || to !== Infinity;
  open.shards.forEach((s, i) => {
    const n = ranged ? s.records.firstAtOrAfter(to) - s.records.firstAtOrAfter(from) : s.records.length;
    records[i] = n;
    total += n;
  });
  return { open, geometry: geometryOf(open), records, total };
}

/** A shard's share of the records divided by its share of the key space (1 = fair). */
export function loadAt(l: ShardLoads, i: number): number {
  const share = l.geometry.share[i]!;
  return l.total > 0 && share > 0 ? l.records[i]! / l.total / share : 0;
}

/**
 * Hot by the per-shard hash key space's rule (at least HOT_LOAD times its fair share of the
 * records), and holding HOT_MIN_RECORDS itself: among thousands of shards with a few records each,
 * chance alone puts twice the average on many of them.
 */
export function hotAt(l: ShardLoads, i: number): boolean {
  return l.records[i]! >= HOT_MIN_RECORDS && l.open.shards.length > 1 && loadAt(l, i) >= HOT_LOAD;
}

/**
 * The last loads computed, by stream (the object: another store can hold one of the same name),
 * generation, store revision and range: redraws between events reuse them.
 */
let loadsCache: { stream: StreamState; key: string; loads: ShardLoads } | undefined;
export function cachedLoadsOf(stream: StreamState, revision: number, from = -Infinity, to = Infinity): ShardLoads {
  const key = `${stream.generation}|${stream.shards.length}|${revision}|${from}|${to}`;
  if (loadsCache?.stream !== stream || loadsCache.key !== key)
    loadsCache = { stream, key, loads: loadsOf(stream, from, to) };
  return loadsCache.loads;
}
