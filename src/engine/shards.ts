import type { Context } from './context';
import { HASH_SPACE, hexTop32, wordsHex } from './core/hash';
import { RecordLog } from './core/records';
import { CLOSED_SEQUENCE_INDEX, sequenceNumber, type SequenceParts } from './core/sequence';
import type { ShardState, StreamState, ThroughputWindow } from './state';

const SHARD_ID_PREFIX = 'shardId-';
/** A shard's id. Joined rather than concatenated: one flat string, not a pair of pieces, per shard. */
export const shardIdOf = (index: number) => [SHARD_ID_PREFIX, String(index).padStart(12, '0')].join('');

/**
 * What a new shard starts with until it is first written, read or split: shared and frozen (the
 * code that changes them puts the shard's own in place first), so 10,000 idle shards hold none.
 */
export const IDLE_WINDOW: ThroughputWindow = Object.freeze({ second: -1, count: 0, bytes: 0 }) as ThroughputWindow;
const NO_CHILDREN = Object.freeze([]) as unknown as string[];

const seconds = (ms: number) => Math.floor(ms / 1000);

interface NewShard {
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
  readonly parentShardId?: string;
  readonly adjacentParentShardId?: string;
}

/** Opens a shard with the next free index of the stream, and announces it. */
export function openShard(ctx: Context, stream: StreamState, spec: NewShard): ShardState {
  const index = stream.shards.length;
  const now = ctx.now();
  const id = shardIdOf(index);
  const shard: ShardState = {
    index,
    id,
    ...(spec.parentShardId !== undefined ? { parentShardId: spec.parentShardId } : {}),
    ...(spec.adjacentParentShardId !== undefined ? { adjacentParentShardId: spec.adjacentParentShardId } : {}),
    startingHashKey: spec.startingHashKey,
    endingHashKey: spec.endingHashKey,
    createdAt: now,
    startingSequenceNumber: sequenceNumber({
      shardCreatedSeconds: seconds(now),
      shardIndex: index,
      sequenceIndex: 0n,
      recordSeconds: seconds(now),
    }),
    childShardIds: NO_CHILDREN,
    trimmedThrough: 0,
    // The stream's shards share one store: a new shard joins its siblings'.
    records: RecordLog.forShard(seconds(now), index, ctx.state.tally, stream.shards[0]?.records),
    write: IDLE_WINDOW,
    read: IDLE_WINDOW,
    readBlockedUntil: 0,
    encryption: stream.encryptionSlot,
    expiredAnnounced: false,
  };
  stream.shards.push(shard);
  invalidateRouting(stream);
  const parentShardIds = [spec.parentShardId, spec.adjacentParentShardId].filter((p): p is string => p !== undefined);
  for (const parentId of parentShardIds) {
    const parent = shardById(stream, parentId);
    if (parent) parent.childShardIds = [...parent.childShardIds, id];
  }
  ctx.emit({ type: 'shardOpened', t: now, stream: stream.name, shardId: id, parentShardIds });
  return shard;
}

/** The stream's shard with this id: ids name their index, so no search through the shards. */
export function shardById(stream: StreamState, id: string): ShardState | undefined {
  const shard = stream.shards[Number(id.slice(SHARD_ID_PREFIX.length))];
  return shard?.id === id ? shard : undefined;
}

/** Closes a shard: it keeps its records and gets its EndingSequenceNumber. */
export function closeShard(ctx: Context, stream: StreamState, shard: ShardState): void {
  const now = ctx.now();
  shard.closedAt = now;
  shard.endingSequenceNumber = sequenceNumber({
    shardCreatedSeconds: seconds(shard.createdAt),
    shardIndex: shard.index,
    sequenceIndex: CLOSED_SEQUENCE_INDEX,
    recordSeconds: seconds(now),
  });
  invalidateRouting(stream);
}

/** Announces a closed shard once its children exist. */
export function announceClosed(ctx: Context, stream: StreamState, shard: ShardState): void {
  ctx.emit({
    type: 'shardClosed',
    t: ctx.now(),
    stream: stream.name,
    shardId: shard.id,
    endingSequenceNumber: shard.endingSequenceNumber!,
    childShardIds: [...shard.childShardIds],
  });
}

/** The hash ranges of N shards with even ranges: step floor(2^128 / N), the last to 2^128 − 1. */
export function evenRanges(count: number): Array<[bigint, bigint]> {
  const step = HASH_SPACE / BigInt(count);
  return Array.from({ length: count }, (_, i) => {
    const start = step * BigInt(i);
    const end = i === count - 1 ? HASH_SPACE - 1n : step * BigInt(i + 1) - 1n;
    return [start, end];
  });
}

// Routing: open shards sorted by StartingHashKey, cached per stream until the open set changes.
// Keys are compared by their top 32 bits as numbers, and as 32-digit lowercase hex (where string
// order is numeric order) only when those bits tie: no BigInt per record on the write path.
export interface RoutingTable {
  readonly starts: readonly string[];
  readonly tops: Uint32Array;
  /** For each of 1024 equal slices of the space, the shard holding its first key (see routeOf). */
  readonly slices: Int32Array;
  readonly shards: readonly ShardState[];
}
const SLICE_BITS = 10;
const SLICES = 1 << SLICE_BITS;
const routingCache = new WeakMap<StreamState, RoutingTable>();

function invalidateRouting(stream: StreamState): void {
  routingCache.delete(stream);
}

/** The table for a set of open shards (they partition the space). */
export function routingTableOf(open: readonly ShardState[]): RoutingTable {
  const shards = [...open].sort((a, b) => (a.startingHashKey < b.startingHashKey ? -1 : 1));
  const starts = shards.map((s) => s.startingHashKey.toString(16).padStart(32, '0'));
  const tops = Uint32Array.from(starts, hexTop32);
  // slices[k]: the last shard whose top 32 bits are at most slice k's first; slices[SLICES] the last shard.
  const slices = new Int32Array(SLICES + 1);
  let last = 0;
  for (let k = 0; k <= SLICES; k++) {
    const first = k === SLICES ? 0xffffffff : k * 2 ** (32 - SLICE_BITS);
    while (last + 1 < tops.length && tops[last + 1]! <= first) last++;
    slices[k] = last;
  }
  return { starts, tops, slices, shards };
}

export function routingTable(stream: StreamState): RoutingTable {
  let table = routingCache.get(stream);
  if (!table) {
    table = routingTableOf(stream.shards.filter((s) => s.closedAt === undefined));
    routingCache.set(stream, table);
  }
  return table;
}

/** The last shard (as its place in table.shards) whose start's top 32 bits are at most `top`. */
function lastStartingBy(table: RoutingTable, top: number): number {
  const { tops, slices } = table;
  const slice = top >>> (32 - SLICE_BITS);
  let lo = slices[slice]!;
  let hi = slices[slice + 1]!;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (tops[mid]! <= top) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The open shard whose inclusive range holds the hash key (32 lowercase hex digits; `top` = its
 * top 32 bits), as its place in table.shards. The key's slice narrows the search to the shards
 * that start within it, and the one before: with 64 even shards, no comparison at all.
 */
export function routeOf(table: RoutingTable, hashHex: string, top = hexTop32(hashHex)): number {
  const { tops, starts } = table;
  let lo = lastStartingBy(table, top);
  // Shards starting within the key's top 32 bits: settle by the whole key.
  while (lo > 0 && tops[lo] === top && starts[lo]! > hashHex) lo--;
  return lo;
}

/** routeOf for a key given as words (md5Words): its hex is needed only when a shard starts within its top 32 bits. */
export function routeOfWords(table: RoutingTable, words: Uint32Array): number {
  const top = words[0]!;
  const lo = lastStartingBy(table, top);
  return lo > 0 && table.tops[lo] === top ? routeOf(table, wordsHex(words), top) : lo;
}

/**
 * SequenceNumberForOrdering: the least sequence index the shard's next record may take so that
 * its number exceeds `after`, or undefined when any will do. Numbers of a shard created later are
 * already greater (creation time sits in the high digits); only a number with this shard's high
 * part can need a larger index.
 */
export function indexAfter(shard: ShardState, after: SequenceParts): bigint | undefined {
  if (after.shardCreatedSeconds !== seconds(shard.createdAt) || (after.shardIndex & 0xf) !== (shard.index & 0xf))
    return undefined;
  if (after.sequenceIndex < shard.records.nextSequenceIndex()) return undefined;
  return after.sequenceIndex < CLOSED_SEQUENCE_INDEX - 1n ? after.sequenceIndex + 1n : CLOSED_SEQUENCE_INDEX - 1n;
}
