import type { StreamState } from '../../engine/index';

/** A record found near a point. */
export interface RecordHit {
  readonly shardId: string;
  readonly shardIndex: number;
  readonly index: number;
  readonly arrival: number;
  readonly fraction: number;
}

/**
 * Visits the records of the stream that arrived in [t0, t1], shard by shard, in arrival order.
 * Culls by binary search on the arrival column, so off-screen records cost nothing. With a
 * `budget`, a shard with more records in range than its share of the budget is visited at an even
 * stride instead (a drawing has fewer pixels than that anyway), so the work stays bounded however
 * many records the engine holds; `weight` is how many records each visit stands for (the stride). With `positions`, only those shards (places in the stream's list)
 * are visited: a view zoomed to a hash range skips the others.
 */
export function forEachRecordIn(
  stream: StreamState,
  t0: number,
  t1: number,
  visit: (shardPos: number, index: number, arrival: number, fraction: number, weight: number) => void,
  budget = Infinity,
  positions?: readonly number[],
): void {
  const perShard = Math.max(1, Math.floor(budget / Math.max(1, positions?.length ?? stream.shards.length)));
  const visitShard = (shardPos: number) => {
    const s = stream.shards[shardPos]!;
    const log = s.records;
    // t1 is inclusive: step past records arriving exactly at t1 (t1 + ε is t1 at epoch-ms scale).
    let end = log.firstAtOrAfter(t1);
    while (end < log.length && log.arrival(end) <= t1) end++;
    const start = log.firstAtOrAfter(t0);
    const step = end - start > perShard ? (end - start) / perShard : 1;
    let last = -1;
    for (let k = 0; ; k++) {
      const i = step === 1 ? start + k : start + Math.floor(k * step);
      if (i >= end) break;
      visit(shardPos, i, log.arrival(i), log.hashFraction(i), step);
      last = i;
    }
    // The newest record is always drawn: a write shows up at once.
    if (end > start && last !== end - 1) visit(shardPos, end - 1, log.arrival(end - 1), log.hashFraction(end - 1), 1);
  };
  if (positions) for (const p of positions) visitShard(p);
  else for (let p = 0; p < stream.shards.length; p++) visitShard(p);
}

/**
 * The record closest to (t, fraction) within the tolerances, distances measured in units of the
 * tolerances (so pixels on screen count equally on both axes). Trimmed records are not offered.
 */
export function nearestRecord(
  stream: StreamState,
  t: number,
  fraction: number,
  tTol: number,
  yTol: number,
  trimmedBefore?: (shardPos: number) => number,
): RecordHit | undefined {
  let best: RecordHit | undefined;
  let bestD = 1;
  forEachRecordIn(stream, t - tTol, t + tTol, (shardPos, index, arrival, f) => {
    if (trimmedBefore && index < trimmedBefore(shardPos)) return;
    const dx = (arrival - t) / tTol;
    const dy = (f - fraction) / yTol;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      const s = stream.shards[shardPos]!;
      best = { shardId: s.id, shardIndex: s.index, index, arrival, fraction: f };
    }
  });
  return best;
}
