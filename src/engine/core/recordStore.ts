import { RecordBlock } from './recordBlock';
import type { RecordTally } from './records';

/**
 * Payload chunks grow from FIRST_CHUNK_BYTES, doubling, to CHUNK_BYTES: a stream holding a few
 * records holds a few hundred bytes of slack, not a whole chunk. Big payloads get their own chunk.
 */
const CHUNK_BYTES = 1 << 16;
const FIRST_CHUNK_BYTES = 512;
/** Records per block; the first block starts at 16 and doubles, so a quiet stream holds little. */
export const BLOCK_BITS = 10;
export const BLOCK = 1 << BLOCK_BITS;
const FIRST_BLOCK = 16;
/** The lists of every store never written to (shared and frozen: a first write gives a store its own). */
const NO_BLOCKS = Object.freeze([]) as unknown as RecordBlock[];
const NO_CHUNKS = Object.freeze([]) as unknown as Uint8Array[];

/**
 * The records of a stream's shards, one after another in the order they arrived, whatever their
 * shard: each shard's RecordLog indexes its own among them. A PutRecords call spread over 10,000
 * shards then appends to one block and one chunk, which stay in the processor's caches, instead
 * of to 500 shards' own, which do not; what a call touches per shard is its index and numbering.
 *
 * A record's place (its store position) never changes: the store is append-only. Releasing a
 * record (trimmed by retention or the record budget) counts it gone from its block; blocks at
 * the front whose records are all gone are dropped, with the payload chunks only they used.
 * Records leave in about the order they arrived (retention and the budget go by arrival time),
 * so the front empties as a stream ages.
 */
export class RecordStore {
  /** Positions appended so far: the next record's position. */
  length = 0;
  /** blocks[k] holds positions from (blockBase + k) · 1024: blocks before blockBase were dropped. */
  private blocks: RecordBlock[] = NO_BLOCKS;
  private blockBase = 0;
  /** chunks[c] is chunk number chunkBase + c (the number a record's chunk gives). */
  private chunks: Uint8Array[] = NO_CHUNKS;
  private chunkBase = 0;
  /** Bytes used of the last chunk (more than its length once a big payload has filled it). */
  private chunkUsed = 0;
  /** The block the next record goes to and the position it ends at, at hand without the list. */
  private tail: RecordBlock | undefined;
  private tailEnd = 0;
  private lastChunk: Uint8Array | undefined;
  /**
   * A read-only view sharing this store's blocks and chunks as they are listed now, kept until
   * a list changes: a checkpoint freezes every shard of a stream one after another, and they
   * all share one view rather than copying the lists once per shard.
   */
  private view: RecordStore | undefined;

  /** `tally`, when given, counts the records its logs hold, along with other stores' (the engine's total). */
  constructor(readonly tally?: RecordTally) {}

  /**
   * Appends a record and returns its store position. `previous` is the store position of the
   * previous record of its shard (-1: none): a log finds its records from its last one.
   */
  push(
    partitionKey: string,
    keyBytes: number,
    data: Uint8Array,
    arrival: number,
    hashFraction: number,
    encryption: number,
    previous: number,
  ): number {
    const p = this.length;
    const block = p < this.tailEnd ? this.tail! : this.blockFor(p);
    const size = data.length;
    let last = this.lastChunk;
    if (last === undefined || this.chunkUsed + size > last.length) last = this.nextChunk(size);
    last.set(data, this.chunkUsed);
    const chunk = this.chunkBase + this.chunks.length - 1;
    block.set(
      p & (BLOCK - 1),
      partitionKey,
      keyBytes,
      arrival,
      hashFraction,
      encryption,
      chunk,
      this.chunkUsed,
      size,
      previous,
    );
    // An oversized record fills its own chunk: the next one, even an empty one, starts another
    // (an empty record inside it would end a read's run of the chunk before the big one's end).
    this.chunkUsed = size > CHUNK_BYTES ? size + 1 : this.chunkUsed + size;
    block.live++;
    this.length = p + 1;
    return p;
  }

  /** A chunk for a payload of `size` bytes: the next size up (doubling), or the payload's own when larger. */
  private nextChunk(size: number): Uint8Array {
    const last = this.lastChunk;
    const grown = last === undefined ? FIRST_CHUNK_BYTES : Math.min(CHUNK_BYTES, last.length * 2);
    const chunk = new Uint8Array(Math.max(grown, size));
    if (this.chunks === NO_CHUNKS) this.chunks = [];
    this.chunks.push(chunk);
    this.lastChunk = chunk;
    this.chunkUsed = 0;
    this.view = undefined;
    return chunk;
  }

  /** The block that takes position p, the next to write: made, or the first one grown, as needed. */
  private blockFor(p: number): RecordBlock {
    const number = p >> BLOCK_BITS;
    const index = number - this.blockBase;
    const block = this.blocks[index];
    if (block !== undefined && (p & (BLOCK - 1)) < block.capacity) return block;
    if (this.blocks === NO_BLOCKS) this.blocks = [];
    let next: RecordBlock;
    if (number > 0) next = new RecordBlock(BLOCK);
    else if (block === undefined) next = new RecordBlock(FIRST_BLOCK);
    else next = block.grown(Math.min(BLOCK, block.capacity * 2), p);
    this.blocks[index] = next;
    this.tail = next;
    this.tailEnd = (number << BLOCK_BITS) + next.capacity;
    this.view = undefined;
    return next;
  }

  /**
   * Counts the record at position p gone (trimmed): once every record of the front blocks is
   * gone, those blocks are dropped with the chunks no kept record uses. Each position is
   * released once, by the log that holds it.
   */
  release(p: number): void {
    this.block(p).live--;
  }

  /** Drops the front blocks whose records are all released (the block being written stays). */
  dropReleased(): void {
    const { blocks } = this;
    let dropped = 0;
    while (dropped < blocks.length - 1 && blocks[dropped]!.live === 0) dropped++;
    if (dropped === 0) return;
    blocks.splice(0, dropped);
    this.blockBase += dropped;
    // The kept records' payloads are in the chunk of the first kept block's first record or after.
    const keptChunk = blocks[0]!.chunk(0) - this.chunkBase;
    if (keptChunk > 0) {
      this.chunks.splice(0, keptChunk);
      this.chunkBase += keptChunk;
    }
    this.view = undefined;
  }

  /** A read-only view of the records stored so far that keeps them when this store drops them. */
  frozen(): RecordStore {
    if (this.view) return this.view;
    const out = new RecordStore();
    out.length = this.length;
    out.blocks = this.blocks.slice();
    out.blockBase = this.blockBase;
    out.chunks = this.chunks.slice();
    out.chunkBase = this.chunkBase;
    // Only read (by frozen logs): the blocks it shares go on being written past its records.
    this.view = out;
    return out;
  }

  block(p: number): RecordBlock {
    return this.blocks[(p >> BLOCK_BITS) - this.blockBase]!;
  }

  arrival(p: number): number {
    return this.block(p).arrival(p & (BLOCK - 1));
  }

  previous(p: number): number {
    return this.block(p).previous(p & (BLOCK - 1));
  }

  /** The record's payload, as a read-only view into the store (no copy). */
  data(p: number): Uint8Array {
    const block = this.block(p);
    const slot = p & (BLOCK - 1);
    const offset = block.offset(slot);
    return this.chunks[block.chunk(slot) - this.chunkBase]!.subarray(offset, offset + block.size(slot));
  }

  /** The chunk numbered `chunk` (as a block gives it). */
  chunk(chunk: number): Uint8Array {
    return this.chunks[chunk - this.chunkBase]!;
  }
}
