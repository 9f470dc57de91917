import { SEQUENCE_DIGITS } from './decimalCursor';
import { RecordBlock } from './recordBlock';
import { SequenceNumbering } from './sequenceNumbering';

/**
 * Payload chunks grow from FIRST_CHUNK_BYTES, doubling, to CHUNK_BYTES: a shard holding a few
 * records holds a few hundred bytes of slack, not a whole chunk. Big payloads get their own chunk.
 */
const CHUNK_BYTES = 1 << 16;
const FIRST_CHUNK_BYTES = 512;
/** Records per block; the first block starts at 16 and doubles, so a quiet shard holds little. */
const BLOCK_BITS = 10;
const BLOCK = 1 << BLOCK_BITS;
const FIRST_BLOCK = 16;
/** The lists of every log never written to (shared and frozen: a first write gives a log its own). */
const NO_BLOCKS = Object.freeze([]) as unknown as RecordBlock[];
const NO_CHUNKS = Object.freeze([]) as unknown as Uint8Array[];

/**
 * How many records a set of logs holds (appended and not yet released), kept as they append and
 * release, so an engine knows its total without visiting every shard.
 */
export interface RecordTally {
  held: number;
}

/**
 * A log's retained records as plain columns (typed arrays, strings), for a snapshot saved to disk:
 * what `RecordLog.columns` gives and `RecordLog.fromColumns` takes back. Record r of the columns
 * is the log's position retainedFrom + r.
 */
export interface LogColumns {
  readonly shardCreatedSeconds: number;
  readonly shardIndex: number;
  readonly length: number;
  readonly retainedFrom: number;
  /** Where SequenceNumberForOrdering made the sequence index jump, and to what. */
  readonly jumpPositions: readonly number[];
  readonly jumpIndexes: readonly bigint[];
  /** Two per record: arrival (epoch ms) and hash fraction. */
  readonly numbers: Float64Array;
  /** Two per record: payload size, and encryption | partition key's UTF-8 bytes << 16. */
  readonly words: Uint32Array;
  readonly keys: readonly string[];
  /** The payloads, end to end. */
  readonly data: Uint8Array;
}

/**
 * One shard's records, stored by column in blocks of 1024 (RecordBlock), so a million records
 * cost a few typed-array slots each instead of a JavaScript object apiece; payloads are copied
 * into shared chunks, and the shard's SequenceNumbering numbers them. Blocks rather than arrays that
 * double: a doubling array is copied at every size and leaves each outgrown copy to the garbage
 * collector, which on the write path cost more than filling it. The log is append-only: a
 * record's position never changes, so a snapshot only needs the length.
 *
 * Storage follows the records, not the shard: an empty log holds no block and no chunk (a stream
 * of 10,000 shards costs little before it is written to), and `release` lets go of the blocks and
 * chunks that hold only records trimmed away. Positions before `retainedFrom` must not be read.
 */
export class RecordLog {
  length = 0;
  /** Records before this position were released: trimmed, their memory given back. */
  retainedFrom = 0;
  /** blocks[k] holds positions from (blockBase + k) · 1024: blocks before blockBase were released. */
  private blocks: RecordBlock[] = NO_BLOCKS;
  private blockBase = 0;
  /** chunks[c] is chunk number chunkBase + c (the number a record's chunkOf gives). */
  private chunks: Uint8Array[] = NO_CHUNKS;
  private chunkBase = 0;
  /** Bytes used of the last chunk (more than its length once a big payload has filled it). */
  private chunkUsed = 0;
  /**
   * The block and chunk the next record goes to, and the position the block ends at: at hand,
   * so an append reaches them without going through the lists (a line less to fetch each).
   */
  private tail: RecordBlock | undefined;
  private tailEnd = 0;
  private lastChunk: Uint8Array | undefined;

  /**
   * A shard's log: its creation second and index are part of every sequence number it issues
   * (its SequenceNumbering is made on first use). `tally`, when given, counts the records this
   * log holds along with others'.
   */
  constructor(
    private readonly shardCreatedSeconds: number,
    private readonly shardIndex: number,
    private readonly tally?: RecordTally,
    private numbering?: SequenceNumbering,
  ) {}

  static forShard(shardCreatedSeconds: number, shardIndex: number, tally?: RecordTally): RecordLog {
    return new RecordLog(shardCreatedSeconds, shardIndex, tally);
  }

  private get sequences(): SequenceNumbering {
    return (this.numbering ??= new SequenceNumbering(this.shardCreatedSeconds, this.shardIndex));
  }

  private copyNumbering(length: number): SequenceNumbering | undefined {
    return this.numbering?.copy(length);
  }

  /**
   * Appends a record and returns its position (`sequenceNumber` gives its number). `keyBytes` is
   * the partition key's length in UTF-8 (see writes.keyBytes); `atLeastIndex`
   * is the least sequence index it may take (SequenceNumberForOrdering). The number's digits also
   * go to slot `numberSlot` of `numberOut` when given (see slotsText). The write path calls this
   * once per record.
   */
  push(
    partitionKey: string,
    keyBytes: number,
    data: Uint8Array,
    arrival: number,
    hashFraction: number,
    encryption: number,
    atLeastIndex?: bigint,
    numberOut?: Uint32Array,
    numberSlot?: number,
  ): number {
    const i = this.length;
    const slot = i & (BLOCK - 1);
    const block = i < this.tailEnd ? this.tail! : this.blockFor(i);
    this.sequences.take(Math.floor(arrival / 1000), atLeastIndex, numberOut, numberSlot);
    this.store(block, slot, partitionKey, keyBytes, arrival, hashFraction, encryption, data);
    this.length = i + 1;
    if (this.tally) this.tally.held++;
    return i;
  }

  /** The block that takes position i, the next to write: made, or the first one grown, as needed. */
  private blockFor(i: number): RecordBlock {
    const number = i >> BLOCK_BITS;
    const index = number - this.blockBase;
    const block = this.blocks[index];
    if (block !== undefined && (i & (BLOCK - 1)) < block.capacity) return block;
    if (this.blocks === NO_BLOCKS) this.blocks = [];
    let next: RecordBlock;
    if (number > 0) next = new RecordBlock(BLOCK);
    // The first block starts small; a copy that starts past its first records makes it big enough.
    else if (block === undefined)
      next = new RecordBlock(Math.min(BLOCK, Math.max(FIRST_BLOCK, 2 ** Math.ceil(Math.log2(i + 1)))));
    else next = block.grown(Math.min(BLOCK, block.capacity * 2), i);
    this.blocks[index] = next;
    this.tail = next;
    this.tailEnd = (number << BLOCK_BITS) + next.capacity;
    return next;
  }

  /** Copies the payload into the chunks and stores the record's fields in its block. */
  private store(
    block: RecordBlock,
    slot: number,
    partitionKey: string,
    keyBytes: number,
    arrival: number,
    hashFraction: number,
    encryption: number,
    data: Uint8Array,
  ): void {
    const size = data.length;
    let last = this.lastChunk;
    if (last === undefined || this.chunkUsed + size > last.length) {
      // The next size up (doubling to CHUNK_BYTES), or the payload's own when it is larger.
      const grown = last === undefined ? FIRST_CHUNK_BYTES : Math.min(CHUNK_BYTES, last.length * 2);
      last = new Uint8Array(Math.max(grown, size));
      if (this.chunks === NO_CHUNKS) this.chunks = [];
      this.chunks.push(last);
      this.lastChunk = last;
      this.chunkUsed = 0;
    }
    last.set(data, this.chunkUsed);
    const chunk = this.chunkBase + this.chunks.length - 1;
    block.set(slot, partitionKey, keyBytes, arrival, hashFraction, encryption, chunk, this.chunkUsed, size);
    // An oversized record fills its own chunk: the next one, even an empty one, starts another
    // (an empty record inside it would end a read's copy of the chunk before the big one's end).
    this.chunkUsed = size > CHUNK_BYTES ? size + 1 : this.chunkUsed + size;
  }

  /**
   * Lets go of the records before position `to` (trimmed by retention or by a record budget):
   * `retainedFrom` moves there, and every block and chunk that holds only released records is
   * dropped. Never moves back.
   */
  release(to: number): void {
    const from = this.retainedFrom;
    const until = Math.min(to, this.length);
    if (until <= from) return;
    this.retainedFrom = until;
    if (this.tally) this.tally.held -= until - from;
    // The chunk of the first record kept, or the last chunk when none is kept: it takes the next.
    const keptChunk = until < this.length ? this.chunkOf(until) - this.chunkBase : this.chunks.length - 1;
    if (keptChunk > 0) {
      this.chunks.splice(0, keptChunk);
      this.chunkBase += keptChunk;
    }
    const keptBlock = (until >> BLOCK_BITS) - this.blockBase;
    if (keptBlock > 0) {
      this.blocks.splice(0, keptBlock);
      this.blockBase += keptBlock;
    }
  }

  private block(i: number): RecordBlock {
    return this.blocks[(i >> BLOCK_BITS) - this.blockBase]!;
  }

  /** When the record at position i arrived (epoch ms). */
  arrival(i: number): number {
    return this.block(i).arrival(i & (BLOCK - 1));
  }

  /** Where the record at position i lies in the hash-key space, as a fraction of it. */
  hashFraction(i: number): number {
    return this.block(i).fraction(i & (BLOCK - 1));
  }

  /** What the record at position i was written with: 0 = NONE, else 1 + its KMS key slot. */
  encryption(i: number): number {
    return this.block(i).encryption(i & (BLOCK - 1));
  }

  /** The partition key of the record at position i. */
  partitionKey(i: number): string {
    return this.block(i).keys[i & (BLOCK - 1)]!;
  }

  /** The sequence number of the record at position i. */
  sequenceNumber(i: number): string {
    return this.sequences.numberAt(i, Math.floor(this.arrival(i) / 1000));
  }

  /** A sequence number between the records before position i and those from i on, as of epoch ms `now`. */
  sequenceNumberBefore(i: number, now: number): string {
    return this.sequences.numberBefore(i, Math.floor(now / 1000));
  }

  /** The index the next record takes (unless SequenceNumberForOrdering asks for more). */
  nextSequenceIndex(): bigint {
    return this.sequences.indexAt(this.length);
  }

  /** The record's payload, as a read-only view into the log (no copy). */
  data(i: number): Uint8Array {
    const block = this.block(i);
    const slot = i & (BLOCK - 1);
    const offset = block.offset(slot);
    return this.chunks[block.chunk(slot) - this.chunkBase]!.subarray(offset, offset + block.size(slot));
  }

  dataSize(i: number): number {
    return this.block(i).size(i & (BLOCK - 1));
  }

  /**
   * Where a read from `from` ends: at most `limit` records and `maxBytes` of data plus keys (but
   * always one if there is one). Returns the end position and the bytes read.
   */
  span(from: number, limit: number, maxBytes: number): { next: number; bytes: number } {
    const last = Math.min(this.length, from + limit);
    let bytes = 0;
    let end = from;
    for (; end < last; end++) {
      const block = this.block(end);
      const slot = end & (BLOCK - 1);
      const size = block.size(slot) + block.keyBytes(slot);
      if (end > from && bytes + size > maxBytes) break;
      bytes += size;
    }
    return { next: end, bytes };
  }

  /**
   * Reads the records `span` delimits, as the objects GetRecords returns. Each record's Data is a
   * view into one copy per chunk segment: consumers may edit it without touching the log, and a
   * read costs one copy per segment, not one allocation per record.
   */
  readFrom<R>(
    from: number,
    limit: number,
    maxBytes: number,
    make: (sequenceNumber: string, arrival: number, data: Uint8Array, key: string, encryption: number) => R,
  ): { records: R[]; next: number; bytes: number } {
    const { chunks, chunkBase } = this;
    const { next: end, bytes } = this.span(from, limit, maxBytes);
    const out: R[] = new Array(end - from);
    const numbers = this.sequences.text(from, end, this);
    let segmentChunk = -1;
    let segmentStart = 0;
    let segment = new Uint8Array(0);
    for (let i = from; i < end;) {
      // Block by block, its columns at hand.
      const first = i & ~(BLOCK - 1);
      const stop = Math.min(end, first + BLOCK);
      const block = this.block(i);
      const { keys } = block;
      for (; i < stop; i++) {
        const slot = i - first;
        const chunk = block.chunk(slot);
        const offset = block.offset(slot);
        if (chunk !== segmentChunk) {
          // Copy this chunk's part of the range once: up to the last record of the range in it.
          let j = i;
          while (j + 1 < end && this.chunkOf(j + 1) === chunk) j++;
          segmentChunk = chunk;
          segmentStart = offset;
          segment = chunks[chunk - chunkBase]!.slice(offset, this.offsetOf(j) + this.dataSize(j));
        }
        const start = offset - segmentStart;
        const at = (i - from) * SEQUENCE_DIGITS;
        out[i - from] = make(
          numbers.slice(at, at + SEQUENCE_DIGITS),
          block.arrival(slot),
          segment.subarray(start, start + block.size(slot)),
          keys[slot]!,
          block.encryption(slot),
        );
      }
    }
    return { records: out, next: end, bytes };
  }

  private chunkOf(i: number): number {
    return this.block(i).chunk(i & (BLOCK - 1));
  }

  private offsetOf(i: number): number {
    return this.block(i).offset(i & (BLOCK - 1));
  }

  /** First position whose arrival is at or after `time` (arrivals never decrease), released ones aside. */
  firstAtOrAfter(time: number, from = 0): number {
    let lo = Math.max(from, this.retainedFrom);
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.arrival(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * This log's first `length` records as they are now, for a checkpoint: a log that shares their
   * blocks and chunks (never written below `length` again) but not the lists of them, so the
   * records stay readable there after this log releases them. Read it or copy it; never push to it.
   */
  frozen(length = this.length): RecordLog {
    const out = new RecordLog(this.shardCreatedSeconds, this.shardIndex, undefined, this.copyNumbering(length));
    out.length = length;
    out.retainedFrom = Math.min(this.retainedFrom, length);
    out.blocks = this.blocks.slice();
    out.blockBase = this.blockBase;
    out.chunks = this.chunks.slice();
    out.chunkBase = this.chunkBase;
    return out;
  }

  /**
   * A log holding this log's records [retainedFrom, length), at the same positions, sharing
   * nothing mutable with it. `tally` counts the copy's records.
   */
  copy(length = this.length, tally?: RecordTally): RecordLog {
    const from = Math.min(this.retainedFrom, length);
    const out = new RecordLog(this.shardCreatedSeconds, this.shardIndex, tally, this.copyNumbering(length));
    out.retainedFrom = from;
    out.length = from;
    out.blockBase = from >> BLOCK_BITS;
    for (let i = from; i < length; i++) {
      const block = out.blockFor(i);
      const slot = i & (BLOCK - 1);
      const source = this.block(i);
      out.store(
        block,
        slot,
        source.keys[slot]!,
        source.keyBytes(slot),
        source.arrival(slot),
        source.fraction(slot),
        source.encryption(slot),
        this.data(i),
      );
      out.length = i + 1;
    }
    if (tally) tally.held += length - from;
    return out;
  }

  /** This log's retained records as columns (a copy), for a snapshot saved to disk. */
  columns(): LogColumns {
    const from = this.retainedFrom;
    const count = this.length - from;
    const numbers = new Float64Array(count * 2);
    const words = new Uint32Array(count * 2);
    const keys = new Array<string>(count);
    let bytes = 0;
    for (let i = from; i < this.length; i++) bytes += this.dataSize(i);
    const data = new Uint8Array(bytes);
    let at = 0;
    for (let r = 0; r < count; r++) {
      const i = from + r;
      const block = this.block(i);
      const slot = i & (BLOCK - 1);
      numbers[2 * r] = block.arrival(slot);
      numbers[2 * r + 1] = block.fraction(slot);
      words[2 * r] = block.size(slot);
      words[2 * r + 1] = (block.encryption(slot) & 0xffff) | (block.keyBytes(slot) << 16);
      keys[r] = block.keys[slot]!;
      data.set(this.data(i), at);
      at += block.size(slot);
    }
    const jumps = this.numbering?.jumps();
    return {
      shardCreatedSeconds: this.shardCreatedSeconds,
      shardIndex: this.shardIndex,
      length: this.length,
      retainedFrom: from,
      jumpPositions: jumps ? [...jumps.positions] : [],
      jumpIndexes: jumps ? [...jumps.indexes] : [],
      numbers,
      words,
      keys,
      data,
    };
  }

  /**
   * The log `columns` described, records at the same positions. Throws RangeError when the
   * columns do not fit together (a snapshot file that passed its checksum but was not made here).
   */
  static fromColumns(columns: LogColumns, tally?: RecordTally): RecordLog {
    const { length, retainedFrom: from, numbers, words, keys, data } = columns;
    const count = length - from;
    if (
      !Number.isSafeInteger(from) ||
      from < 0 ||
      !Number.isSafeInteger(count) ||
      count < 0 ||
      numbers.length !== count * 2 ||
      words.length !== count * 2 ||
      keys.length !== count
    )
      throw new RangeError(`Record columns do not fit together (records ${from} to ${length})`);
    const numbering = SequenceNumbering.restored(
      columns.shardCreatedSeconds,
      columns.shardIndex,
      length,
      columns.jumpPositions,
      columns.jumpIndexes,
    );
    const out = new RecordLog(columns.shardCreatedSeconds, columns.shardIndex, tally, numbering);
    out.retainedFrom = from;
    out.length = from;
    out.blockBase = from >> BLOCK_BITS;
    let at = 0;
    for (let r = 0; r < count; r++) {
      const size = words[2 * r]!;
      const flags = words[2 * r + 1]!;
      if (at + size > data.length) throw new RangeError(`Record columns: payload ${r} runs past the data`);
      const i = from + r;
      out.store(
        out.blockFor(i),
        i & (BLOCK - 1),
        keys[r]!,
        flags >>> 16,
        numbers[2 * r]!,
        numbers[2 * r + 1]!,
        flags & 0xffff,
        data.subarray(at, at + size),
      );
      at += size;
      out.length = i + 1;
    }
    if (at !== data.length) throw new RangeError('Record columns: data left over after the last payload');
    if (tally) tally.held += count;
    return out;
  }
}
