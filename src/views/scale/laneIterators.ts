import { useRef } from 'react';
import type { Engine, IteratorState } from '../../engine/index';

/** With many shards, how often (wall ms) the lanes look their iterators up again. */
export const ITERATORS_MS = 1000;

/**
 * The iterators the lanes draw markers for. With every lane drawn, all of them. With a few lanes
 * of many shards, only those lanes' iterators, looked up again every ITERATORS_MS at most or when
 * the lanes change: a consumer polling 10,000 shards keeps iterators alive by the hundred thousand,
 * and listing them copies them all. The markers' ages and expiry still follow the clock each draw.
 */
export function useLaneIterators(engine: Engine, laneIds: readonly string[] | undefined): readonly IteratorState[] {
  const cache = useRef<{ at: number; key: string; engine: Engine; iterators: readonly IteratorState[] } | null>(null);
  if (laneIds === undefined) return engine.iterators();
  const key = laneIds.join(',');
  const wall = performance.now();
  const hit = cache.current;
  if (hit && hit.engine === engine && hit.key === key && wall - hit.at <= ITERATORS_MS) return hit.iterators;
  const shown = new Set(laneIds);
  const iterators = engine.iterators().filter((it) => shown.has(it.shardId));
  cache.current = { at: wall, key, engine, iterators };
  return iterators;
}
