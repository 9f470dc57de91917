import { SEQUENCE_DIGITS } from './decimalCursor';
import { RecordBlock } from './recordBlock';
import { SequenceNumbering } from './sequenceNumbering';

/** Small chunks: a shard with few records holds little slack; big payloads get their own chunk. */
const CHUNK_BYTES = 1 << 16;
/** Records per block; the first block starts at 16 and doubles, so a quiet shard holds little. */
const BLOCK_BITS = 10;
const BLOCK = 1 << BLOCK_BITS;
const FIRST_BLOCK = 16;

/**
 * One shard's records, stored by column in blocks of 1024 (RecordBlock), so a million records
 * cost a few typed-array slots each instead of a JavaScript object apiece; payloads are copied
 * into shared chunks, and the shard's SequenceNumbering numbers them. Blocks rather than arrays that
 * double: a doubling array is copied at every size and leaves each outgrown copy to the garbage
 * collector, which on the write path cost more than filling it. The log is append-only: a
 * record's position never changes, so a snapshot only needs the length.
 */
export class RecordLog {
  length = 0;
  /** Payload bytes (data only) of every record ever appended. */
  dataBytes = 0;
  private readonly blocks: RecordBlock[] = [new RecordBlock(FIRST_BLOCK)];
  private readonly chunks: Uint8Array[] = [];
  private chunkUsed = CHUNK_BYTES;

  /** A shard's log: its creation second and index are part of every sequence number it issues. */
  constructor(private readonly sequences: SequenceNumbering) {}

  static forShard(shardCreatedSeconds: number, shardIndex: number): RecordLog {
    return new RecordLog(new SequenceNumbering(shardCreatedSeconds, shardIndex));
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
    const block = this.blockFor(i);
    this.sequences.take(Math.floor(arrival / 1000), atLeastIndex, numberOut, numberSlot);
    block.keys[slot] = partitionKey;
    block.keyBytes[slot] = keyBytes;
    block.arrivals[slot] = arrival;
    block.hashFractions[slot] = hashFraction;
    block.encryption[slot] = encryption;
    this.store(block, slot, data);
    this.length = i + 1;
    return i;
  }

  /** The block that takes position i, the next to write: made, or the first one grown, as needed. */
  private blockFor(i: number): RecordBlock {
    const index = i >> BLOCK_BITS;
    const block = this.blocks[index];
    if (block !== undefined && (i & (BLOCK - 1)) < block.capacity) return block;
    const next = index > 0 ? new RecordBlock(BLOCK) : block!.grown(Math.min(BLOCK, block!.capacity * 2), i);
    this.blocks[index] = next;
    return next;
  }

  private store(block: RecordBlock, slot: number, data: Uint8Array): void {
    const size = data.length;
    if (this.chunkUsed + size > CHUNK_BYTES || this.chunks.length === 0) {
      this.chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, size)));
      this.chunkUsed = 0;
    }
    const chunkIndex = this.chunks.length - 1;
    this.chunks[chunkIndex]!.set(data, this.chunkUsed);
    block.chunkOf[slot] = chunkIndex;
    block.offsetOf[slot] = this.chunkUsed;
    block.sizeOf[slot] = size;
    // An oversized record fills its own chunk: the next one, even an empty one, starts another
    // (an empty record inside it would end a read's copy of the chunk before the big one's end).
    this.chunkUsed = size > CHUNK_BYTES ? CHUNK_BYTES + 1 : this.chunkUsed + size;
    this.dataBytes += size;
  }

  private block(i: number): RecordBlock {
    return this.blocks[i >> BLOCK_BITS]!;
  }

  /** When the record at position i arrived (epoch ms). */
  arrival(i: number): number {
    return this.block(i).arrivals[i & (BLOCK - 1)]!;
  }

  /** Where the record at position i lies in the hash-key space, as a fraction of it. */
  hashFraction(i: number): number {
    return this.block(i).hashFractions[i & (BLOCK - 1)]!;
  }

  /** What the record at position i was written with: 0 = NONE, else 1 + its KMS key slot. */
  encryption(i: number): number {
    return this.block(i).encryption[i & (BLOCK - 1)]!;
  }

  /** The partition key of the record at position i. */
  partitionKey(i: number): string {
    return this.block(i).keys[i & (BLOCK - 1)]!;
  }

  /** The sequence number of the record at position i. */
  sequenceNumber(i: number): string {
    return this.sequences.numberAt(i, Math.floor(this.arrival(i) / 1000));
  }

  /** The index the next record takes (unless SequenceNumberForOrdering asks for more). */
  nextSequenceIndex(): bigint {
    return this.sequences.indexAt(this.length);
  }

  /** The record's payload, as a read-only view into the log (no copy). */
  data(i: number): Uint8Array {
    const block = this.block(i);
    const slot = i & (BLOCK - 1);
    const offset = block.offsetOf[slot]!;
    return this.chunks[block.chunkOf[slot]!]!.subarray(offset, offset + block.sizeOf[slot]!);
  }

  dataSize(i: number): number {
    return this.block(i).sizeOf[i & (BLOCK - 1)]!;
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
      const size = block.sizeOf[slot]! + block.keyBytes[slot]!;
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
    const { chunks } = this;
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
      const { chunkOf, offsetOf, sizeOf, arrivals, keys, encryption } = this.block(i);
      for (; i < stop; i++) {
        const slot = i - first;
        const chunk = chunkOf[slot]!;
        const offset = offsetOf[slot]!;
        if (chunk !== segmentChunk) {
          // Copy this chunk's part of the range once: up to the last record of the range in it.
          let j = i;
          while (j + 1 < end && this.chunkOf(j + 1) === chunk) j++;
          segmentChunk = chunk;
          segmentStart = offset;
          segment = chunks[chunk]!.slice(offset, this.offsetOf(j) + this.dataSize(j));
        }
        const start = offset - segmentStart;
        const at = (i - from) * SEQUENCE_DIGITS;
        out[i - from] = make(
          numbers.slice(at, at + SEQUENCE_DIGITS),
          arrivals[slot]!,
          segment.subarray(start, start + sizeOf[slot]!),
          keys[slot]!,
          encryption[slot]!,
        );
      }
    }
    return { records: out, next: end, bytes };
  }

  private chunkOf(i: number): number {
    return this.block(i).chunkOf[i & (BLOCK - 1)]!;
  }

  private offsetOf(i: number): number {
    return this.block(i).offsetOf[i & (BLOCK - 1)]!;
  }

  /** First position whose arrival is at or after `time` (arrivals never decrease). */
  firstAtOrAfter(time: number, from = 0): number {
    let lo = from;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.arrival(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A log holding this log's first `length` records, sharing nothing mutable with it. */
  copy(length = this.length): RecordLog {
    const out = new RecordLog(this.sequences.copy(length));
    for (let i = 0; i < length; i++) {
      const block = out.blockFor(i);
      const slot = i & (BLOCK - 1);
      const source = this.block(i);
      block.keys[slot] = source.keys[slot]!;
      block.keyBytes[slot] = source.keyBytes[slot]!;
      block.arrivals[slot] = this.arrival(i);
      block.hashFractions[slot] = this.hashFraction(i);
      block.encryption[slot] = this.encryption(i);
      out.store(block, slot, this.data(i));
      out.length = i + 1;
    }
    return out;
  }
}
