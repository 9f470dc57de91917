import type { ShardState, StreamState } from '../../engine/index';

/** A stream's open shards in hash-key order, with their starting keys beside them for binary search. */
export interface OpenShards {
  readonly shards: readonly ShardState[];
  readonly starts: readonly bigint[];
  /** Position in `shards` by shard id. */
  readonly positionOf: ReadonlyMap<string, number>;
}

/**
 * Shards close only when resharding adds their children, so the open set changes only when the
 * stream's shard list grows: one sort per reshard, however often the views redraw.
 */
const cache = new WeakMap<StreamState, { length: number; open: OpenShards }>();

export function openShardsOf(stream: StreamState): OpenShards {
  const hit = cache.get(stream);
  if (hit && hit.length === stream.shards.length) return hit.open;
  const shards = stream.shards
    .filter((s) => s.closedAt === undefined)
    .sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : a.startingHashKey > b.startingHashKey ? 1 : 0));
  const open: OpenShards = {
    shards,
    starts: shards.map((s) => s.startingHashKey),
    positionOf: new Map(shards.map((s, i) => [s.id, i])),
  };
  cache.set(stream, { length: stream.shards.length, open });
  return open;
}

/** Any shard of the stream (open or closed) by its id, or by its number ("4242" → shardId-000000004242). */
export function findShard(stream: StreamState, text: string): ShardState | undefined {
  const t = text.trim();
  const digits = /^(?:shardId-)?(\d{1,12})$/.exec(t)?.[1];
  if (digits === undefined) return undefined;
  const id = `shardId-${digits.padStart(12, '0')}`;
  return stream.shards.find((s) => s.id === id);
}
