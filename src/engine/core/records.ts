import { SEQUENCE_DIGITS } from './decimalCursor';
import { SequenceColumn } from './sequenceColumn';

/**
 * One shard's records, stored by column so a million records cost a few typed-array slots each
 * instead of a JavaScript object apiece (payloads are copied into shared chunks); the shard's
 * SequenceColumn numbers them. The log is append-only: a record's position never changes, so a
 * snapshot only needs the length.
 */
/** Small chunks: a shard with few records holds little slack; big payloads get their own chunk. */
const CHUNK_BYTES = 1 << 16;

function grown<T extends Float64Array | Uint32Array | Uint16Array>(array: T, needed: number, make: (n: number) => T): T {
  if (needed <= array.length) return array;
  const next = make(Math.max(needed, array.length * 2, 64));
  next.set(array);
  return next;
}

export class RecordLog {
  length = 0;
  /** Payload bytes (data only) of every record ever appended. */
  dataBytes = 0;
  readonly partitionKeys: string[] = [];
  arrivals = new Float64Array(0);
  hashFractions = new Float64Array(0);
  encryption = new Uint16Array(0);
  private chunkOf = new Uint32Array(0);
  private offsetOf = new Uint32Array(0);
  private sizeOf = new Uint32Array(0);
  private readonly chunks: Uint8Array[] = [];
  private chunkUsed = CHUNK_BYTES;

  /** A shard's log: its creation second and index are part of every sequence number it issues. */
  constructor(private readonly sequences: SequenceColumn) {}

  static forShard(shardCreatedSeconds: number, shardIndex: number): RecordLog {
    return new RecordLog(new SequenceColumn(shardCreatedSeconds, shardIndex));
  }

  /**
   * Appends a record and returns its position (`sequenceNumber` gives its number); `atLeastIndex`
   * is the least sequence index it may take (SequenceNumberForOrdering). The write path calls
   * this once per record.
   */
  push(partitionKey: string, data: Uint8Array, arrival: number, hashFraction: number, encryption: number, atLeastIndex?: bigint): number {
    const i = this.length;
    const n = i + 1;
    if (n > this.arrivals.length) this.grow(n);
    this.sequences.take(Math.floor(arrival / 1000), atLeastIndex);
    this.partitionKeys.push(partitionKey);
    this.arrivals[i] = arrival;
    this.hashFractions[i] = hashFraction;
    this.encryption[i] = encryption;
    this.store(i, data);
    this.length = n;
    return i;
  }

  /** The sequence number of the record at position i. */
  sequenceNumber(i: number): string {
    return this.sequences.numberAt(i);
  }

  /** Copies the digits of record i's sequence number into slot `slot` of `words` (see slotsText). */
  copySequenceNumber(i: number, words: Uint32Array, slot: number): void {
    this.sequences.copyNumber(i, words, slot);
  }

  /** The index the next record takes (unless SequenceNumberForOrdering asks for more). */
  nextSequenceIndex(): bigint {
    return this.length === 0 ? 1n : this.sequences.indexAt(this.length - 1) + 1n;
  }

  private grow(n: number): void {
    this.arrivals = grown(this.arrivals, n, (k) => new Float64Array(k));
    this.hashFractions = grown(this.hashFractions, n, (k) => new Float64Array(k));
    this.encryption = grown(this.encryption, n, (k) => new Uint16Array(k));
    this.chunkOf = grown(this.chunkOf, n, (k) => new Uint32Array(k));
    this.offsetOf = grown(this.offsetOf, n, (k) => new Uint32Array(k));
    this.sizeOf = grown(this.sizeOf, n, (k) => new Uint32Array(k));
  }

  private store(i: number, data: Uint8Array): void {
    const size = data.length;
    if (this.chunkUsed + size > CHUNK_BYTES || this.chunks.length === 0) {
      this.chunks.push(new Uint8Array(Math.max(CHUNK_BYTES, size)));
      this.chunkUsed = 0;
    }
    const chunkIndex = this.chunks.length - 1;
    this.chunks[chunkIndex]!.set(data, this.chunkUsed);
    this.chunkOf[i] = chunkIndex;
    this.offsetOf[i] = this.chunkUsed;
    this.sizeOf[i] = size;
    this.chunkUsed += size;
    if (size > CHUNK_BYTES) this.chunkUsed = CHUNK_BYTES; // an oversized record fills its own chunk
    this.dataBytes += size;
  }

  /** The record's payload, as a read-only view into the log (no copy). */
  data(i: number): Uint8Array {
    const offset = this.offsetOf[i]!;
    return this.chunks[this.chunkOf[i]!]!.subarray(offset, offset + this.sizeOf[i]!);
  }

  dataSize(i: number): number {
    return this.sizeOf[i]!;
  }

  /**
   * Where a read from `from` ends: at most `limit` records and `maxBytes` of data plus keys (but
   * always one if there is one). Returns the end position and the bytes read.
   */
  span(from: number, limit: number, maxBytes: number): { next: number; bytes: number } {
    const { partitionKeys, sizeOf } = this;
    const last = Math.min(this.length, from + limit);
    let bytes = 0;
    let end = from;
    for (; end < last; end++) {
      const size = sizeOf[end]! + partitionKeys[end]!.length;
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
    const { partitionKeys, arrivals, encryption, chunkOf, offsetOf, sizeOf, chunks } = this;
    const { next: end, bytes } = this.span(from, limit, maxBytes);
    const out: R[] = new Array(end - from);
    const numbers = this.sequences.text(from, end);
    let segmentChunk = -1;
    let segmentStart = 0;
    let segment = new Uint8Array(0);
    for (let i = from; i < end; i++) {
      const chunk = chunkOf[i]!;
      const offset = offsetOf[i]!;
      if (chunk !== segmentChunk) {
        // Copy this chunk's part of the range once.
        let j = i;
        while (j + 1 < end && chunkOf[j + 1] === chunk) j++;
        segmentChunk = chunk;
        segmentStart = offset;
        segment = chunks[chunk]!.slice(offset, offsetOf[j]! + sizeOf[j]!);
      }
      const start = offset - segmentStart;
      const at = (i - from) * SEQUENCE_DIGITS;
      out[i - from] = make(numbers.slice(at, at + SEQUENCE_DIGITS), arrivals[i]!, segment.subarray(start, start + sizeOf[i]!), partitionKeys[i]!, encryption[i]!);
    }
    return { records: out, next: end, bytes };
  }

  /** First position whose arrival is at or after `time` (arrivals never decrease). */
  firstAtOrAfter(time: number, from = 0): number {
    let lo = from;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.arrivals[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A log holding this log's first `length` records, sharing nothing mutable with it. */
  copy(length = this.length): RecordLog {
    const out = new RecordLog(this.sequences.copy(length));
    out.grow(length);
    for (let i = 0; i < length; i++) {
      out.partitionKeys.push(this.partitionKeys[i]!);
      out.arrivals[i] = this.arrivals[i]!;
      out.hashFractions[i] = this.hashFractions[i]!;
      out.encryption[i] = this.encryption[i]!;
      out.store(i, this.data(i));
      out.length = i + 1;
    }
    return out;
  }
}
