import type { StreamState } from '../../engine/index';
import { overlaps, type HashWindow } from './hashWindow';

/**
 * Positions (in the stream's shard list, so in creation order) of every shard, open or closed,
 * whose hash range shares a key with the window. A shard's range never changes, so the answer
 * holds until the list grows or the window moves: kept per stream.
 */
const cache = new WeakMap<StreamState, { length: number; window: HashWindow; positions: number[] }>();

export function shardsInWindow(stream: StreamState, w: HashWindow): readonly number[] {
  const hit = cache.get(stream);
  if (hit && hit.length === stream.shards.length && hit.window.start === w.start && hit.window.end === w.end)
    return hit.positions;
  const positions: number[] = [];
  stream.shards.forEach((s, i) => {
    if (overlaps(w, s.startingHashKey, s.endingHashKey)) positions.push(i);
  });
  cache.set(stream, { length: stream.shards.length, window: w, positions });
  return positions;
}
