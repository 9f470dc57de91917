import { HASH_SPACE, hashFraction, type ShardState, type StreamState } from '../../engine/index';

/** A hash key as a fraction of the 128-bit space, as the engine computes it. */
export const keyFraction = hashFraction;

/** The fraction just past a shard's ending hash key, so adjacent bands meet with no gap. */
export function endFraction(endingHashKey: bigint): number {
  return keyFraction(endingHashKey + 1n);
}

/** One shard's band on the keyspace map: its lifetime on x, its hash range on y (fractions). */
export interface Band {
  readonly shardId: string;
  readonly index: number;
  readonly t0: number;
  /** Close time, or `now` while open. */
  readonly t1: number;
  readonly open: boolean;
  readonly y0: number;
  readonly y1: number;
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

/** A lineage edge: parent band end → child band start at the moment of the split or merge. */
export interface LineageEdge {
  readonly parent: string;
  readonly child: string;
  readonly t: number;
  readonly yParent: number;
  readonly yChild: number;
  readonly kind: 'split' | 'merge';
}

export function parentsOf(shard: ShardState): string[] {
  return [shard.parentShardId, shard.adjacentParentShardId].filter((p): p is string => p !== undefined);
}

export function bandsOf(stream: StreamState, now: number): Band[] {
  return stream.shards.map((s) => bandOf(s, now));
}

export function bandOf(s: ShardState, now: number): Band {
  return {
    shardId: s.id,
    index: s.index,
    t0: s.createdAt,
    t1: s.closedAt ?? Math.max(now, s.createdAt),
    open: s.closedAt === undefined,
    y0: keyFraction(s.startingHashKey),
    y1: endFraction(s.endingHashKey),
    parents: parentsOf(s),
    children: [...s.childShardIds],
  };
}

export function lineageOf(stream: StreamState): LineageEdge[] {
  const byId = new Map(stream.shards.map((s) => [s.id, s]));
  const edges: LineageEdge[] = [];
  for (const child of stream.shards) {
    const parents = parentsOf(child);
    for (const pid of parents) {
      const parent = byId.get(pid);
      if (!parent) continue;
      edges.push({
        parent: pid,
        child: child.id,
        t: child.createdAt,
        yParent: (keyFraction(parent.startingHashKey) + endFraction(parent.endingHashKey)) / 2,
        yChild: (keyFraction(child.startingHashKey) + endFraction(child.endingHashKey)) / 2,
        kind: parents.length > 1 ? 'merge' : 'split',
      });
    }
  }
  return edges;
}

/** The share of the whole space a range covers, as a fraction. */
export function shareOf(start: bigint, end: bigint): number {
  return Number(((end - start + 1n) * 1_000_000_000_000n) / HASH_SPACE) / 1e12;
}
