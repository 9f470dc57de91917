import type { Context } from './context';
import { SEQUENCE_WORDS, slotsText } from './core/decimalCursor';
import { HASH_SPACE, NON_ASCII, hashFraction, md5Words, wordsFraction } from './core/hash';
import { parseSequenceNumber, type SequenceParts } from './core/sequence';
import { internalFailure, invalidArgument, throughputExceeded } from './errors';
import { shardRateExceeded } from './messages';
import { IDLE_WINDOW, routeOf, routeOfWords, routingTable, type RoutingTable } from './shards';
import type { ShardState, StreamState } from './state';

/** Per-shard write limits: 1,000 records and 1 MiB per second. */
export const WRITE_RECORDS_PER_SECOND = 1000;
export const WRITE_BYTES_PER_SECOND = 1 << 20;

const utf8 = new TextEncoder();
/** Bytes of a partition key as UTF-8 (ASCII keys, the common case, need no encoding). */
export const keyBytes = (key: string): number => (NON_ASCII.test(key) ? utf8.encode(key).length : key.length);

/**
 * Where a record goes: its point in the hash-key space as a fraction (for drawing) and the open
 * shard owning it. The point is the ExplicitHashKey when given, else the partition key's MD5.
 */
export interface Placement {
  readonly fraction: number;
  readonly shard: ShardState;
}

/** Checks an ExplicitHashKey and routes the record; throws before anything is written. */
export function place(stream: StreamState, partitionKey: string, explicitHashKey: string | undefined): Placement {
  const routes = new Int32Array(1);
  const fractions = new Float64Array(1);
  const table = placeAll(
    stream,
    [{ PartitionKey: partitionKey, ExplicitHashKey: explicitHashKey }],
    routes,
    fractions,
    [keyBytes(partitionKey)],
  );
  return { shard: table.shards[routes[0]!]!, fraction: fractions[0]! };
}

/**
 * The last key hashed and its MD5 words: real traffic repeats keys back to back (a hot key), and
 * a string compare costs a fraction of an MD5. One entry, so random keys pay nothing more.
 */
let lastKey: string | undefined;
const lastWords = new Uint32Array(4);

function keyWords(partitionKey: string, keyBytes: number): Uint32Array {
  if (partitionKey === lastKey) return lastWords;
  // A key of as many UTF-8 bytes as characters is all ASCII.
  lastWords.set(md5Words(partitionKey, keyBytes === partitionKey.length));
  lastKey = partitionKey;
  return lastWords;
}

/**
 * Places a batch: entry i's shard (as its place in the returned table's `shards`) and fraction go
 * to routes[i] and fractions[i] (PutRecords places 500 a call, so no object per record).
 * keyByteCounts[i] is keyBytes of entry i's partition key. Throws on the first invalid
 * ExplicitHashKey.
 */
export function placeAll(
  stream: StreamState,
  entries: readonly { readonly PartitionKey?: string | undefined; readonly ExplicitHashKey?: string | undefined }[],
  routes: Int32Array,
  fractions: Float64Array,
  keyByteCounts: ArrayLike<number>,
): RoutingTable {
  const table = routingTable(stream);
  for (let i = 0; i < entries.length; i++) {
    const { PartitionKey: partitionKey, ExplicitHashKey: explicit } = entries[i]!;
    if (explicit !== undefined) {
      const hashKey = BigInt(explicit);
      if (hashKey >= HASH_SPACE) {
        throw invalidArgument(
          `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${explicit}`,
        );
      }
      fractions[i] = hashFraction(hashKey);
      routes[i] = routeOf(table, hashKey.toString(16).padStart(32, '0'));
      continue;
    }
    const words = keyWords(partitionKey!, keyByteCounts[i]!);
    fractions[i] = wordsFraction(words);
    routes[i] = routeOfWords(table, words);
  }
  return table;
}

/**
 * groupByRoute's scratch (calls run one at a time), one slot per route: the call that last saw
 * the route (a stamp, so nothing is cleared between calls) and its count, then its next place.
 */
let seenIn = new Int32Array(0);
let placeOf = new Int32Array(0);
let stamp = 0;
let distinct = new Int32Array(0);
/** One bit per route, set for the routes a call uses, when a scan of the bits beats a sort. */
let usedBits = new Int32Array(0);

/**
 * Fills order[0, count) with the record indices grouped by route, routes ascending, each group in
 * call order. Appending a shard's records one after another keeps its storage in cache: taken in
 * call order, 64 shards' columns did not fit, and that cost a tenth of the write path. The work
 * follows the records of the call, not the routes there are (10,000 shards, 500 records a call).
 */
export function groupByRoute(routes: Int32Array, count: number, routeCount: number, order: Int32Array): void {
  if (seenIn.length < routeCount) {
    seenIn = new Int32Array(routeCount);
    placeOf = new Int32Array(routeCount);
    usedBits = new Int32Array((routeCount + 31) >> 5);
    stamp = 0;
  }
  if (distinct.length < count) distinct = new Int32Array(count);
  if (++stamp === 0x7fffffff) {
    seenIn.fill(0);
    stamp = 1;
  }
  let found = 0;
  for (let i = 0; i < count; i++) {
    const route = routes[i]!;
    if (seenIn[route] !== stamp) {
      seenIn[route] = stamp;
      placeOf[route] = 0;
      distinct[found++] = route;
    }
    placeOf[route]!++;
  }
  const used = ascending(distinct, found, routeCount);
  let start = 0;
  for (let k = 0; k < found; k++) {
    const route = used[k]!;
    const size = placeOf[route]!;
    placeOf[route] = start;
    start += size;
  }
  for (let i = 0; i < count; i++) order[placeOf[routes[i]!]!++] = i;
}

/**
 * Reads what the write loop will read first of each shard a call writes to (its state and its
 * log), in a loop of nothing else, before any record is written. With thousands of shards each
 * is out of the processor's caches: here the loads are independent and overlap, where the write
 * loop, a record's work between one shard and the next, would wait for each in turn. Returns a
 * sum of what it read, which the caller keeps, so that the reads are not optimised away.
 */
export function fetchShards(shards: readonly ShardState[], routes: Int32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const shard = shards[routes[i]!]!;
    sum += shard.encryption + shard.records.fetch();
  }
  return sum;
}

/**
 * The first `found` routes of `routes` (distinct, each below routeCount), ascending. A sort
 * costs about found · log(found) steps; when that is more than a scan of one bit per route (a
 * call spread over thousands of shards), the routes are set as bits and read back in order.
 */
function ascending(routes: Int32Array, found: number, routeCount: number): Int32Array {
  const words = (routeCount + 31) >> 5;
  if (found * Math.log2(found + 1) < 2 * words) return routes.subarray(0, found).sort();
  for (let k = 0; k < found; k++) usedBits[routes[k]! >> 5]! |= 1 << (routes[k]! & 31);
  let at = 0;
  for (let w = 0; w < words; w++) {
    let bits = usedBits[w]!;
    if (bits === 0) continue;
    usedBits[w] = 0;
    while (bits !== 0) {
      const low = bits & -bits;
      routes[at++] = (w << 5) + 31 - Math.clz32(low);
      bits ^= low;
    }
  }
  return routes.subarray(0, found);
}

/** Whether the shard can take this write at `now` under the throughput limits. */
export function writeAllowed(ctx: Context, shard: ShardState, bytes: number, now = ctx.now()): boolean {
  if (!ctx.options.limits.throughput) return true;
  const second = Math.floor(now / 1000);
  if (shard.write.second !== second) return true;
  return shard.write.count + 1 <= WRITE_RECORDS_PER_SECOND && shard.write.bytes + bytes <= WRITE_BYTES_PER_SECOND;
}

function chargeWrite(ctx: Context, shard: ShardState, now: number, bytes: number): void {
  // Without limits nothing reads the window: counting would only touch every shard written to.
  if (!ctx.options.limits.throughput) return;
  const second = Math.floor(now / 1000);
  // A new second starts a new window (an idle shard's is shared, IDLE_WINDOW: never written to).
  if (shard.write === IDLE_WINDOW || shard.write.second !== second) shard.write = { second, count: 0, bytes: 0 };
  const window = shard.write;
  window.count += 1;
  window.bytes += bytes;
}

export const writeThrottledError = (ctx: Context, stream: StreamState, shard: ShardState) =>
  throughputExceeded(shardRateExceeded(shard.id, stream.name, ctx.account));

const POW_185 = 1n << 185n;
const POW_185_NEXT = (POW_185 * 3n) / 2n;

/**
 * A SequenceNumberForOrdering as the service reads it: the parts of a number that orders the write,
 * undefined for a number it accepts without effect (version 1, a shard index it reads as negative),
 * InvalidArgumentException for one it refuses (outside the current layout's range, versions other
 * than 1 to 3, an index with its top bit set, a time still to come) and InternalFailure for version 3.
 */
export function orderingParts(ctx: Context, stream: StreamState, given: string): SequenceParts | undefined {
  const invalid = () =>
    invalidArgument(
      `ExclusiveMinimumSequenceNumber ${given} used in PutRecord on stream ${stream.name} under account ${ctx.account} is invalid.`,
    );
  const value = BigInt(given);
  if (value <= POW_185 || value >= POW_185_NEXT) throw invalid();
  const hex = value.toString(16);
  const version = hex.charAt(hex.length - 1);
  if (version === '3') throw internalFailure();
  if (version === '1') return undefined;
  if (version !== '2' || parseInt(hex.charAt(11), 16) > 7) throw invalid();
  if (parseInt(hex.slice(29, 38), 16) * 1000 > ctx.now()) throw invalid();
  return parseSequenceNumber(given);
}

/**
 * Appends one record to its shard at `now` and returns its position in the shard's log (the
 * log's `sequenceNumber` gives its number; PutRecords has the digits echoed into its call's
 * `CallNumbers`). The caller notes the arrival for retention (`noteArrival`), once per call:
 * PutRecords writes up to 500 at one instant.
 */
export function appendRecord(
  ctx: Context,
  shard: ShardState,
  now: number,
  fraction: number,
  partitionKey: string,
  data: Uint8Array,
  bytes: number,
  encryption: number,
  atLeastIndex?: bigint,
  numbers?: CallNumbers,
  slot?: number,
): number {
  chargeWrite(ctx, shard, now, bytes);
  return shard.records.push(
    partitionKey,
    bytes - data.length,
    data,
    now,
    fraction,
    encryption,
    atLeastIndex,
    numbers?.digits,
    slot,
  );
}

/**
 * The sequence numbers one call hands out, gathered as digits (record i's in slot i) while its
 * records are appended, then decoded as one string that every number is a slice of. One buffer
 * serves every call: calls run one at a time.
 */
export class CallNumbers {
  digits = new Uint32Array(0);

  /** Ready for a call of `count` records. */
  start(count: number): this {
    if (this.digits.length < count * SEQUENCE_WORDS) this.digits = new Uint32Array(count * SEQUENCE_WORDS);
    return this;
  }

  /** The numbers of slots [0, count) as one string: slot i is text.slice(56·i, 56·i + 56). */
  text(count: number): string {
    return slotsText(this.digits, 0, count);
  }
}
