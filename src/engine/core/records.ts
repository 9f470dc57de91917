/**
 * One shard's records, stored by column so a million records cost a few typed-array slots each
 * instead of a JavaScript object apiece. Payloads are copied into shared 1 MiB chunks. The log is
 * append-only: a record's position never changes, so a snapshot only needs the length.
 */
const CHUNK_BYTES = 1 << 20;

function grown<T extends Float64Array | Uint32Array | Uint16Array>(array: T, needed: number, make: (n: number) => T): T {
  if (needed <= array.length) return array;
  const next = make(Math.max(needed, array.length * 2, 64));
  next.set(array);
  return next;
}

export interface RecordInput {
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: Uint8Array;
  readonly arrival: number;
  /** Hash-key position as a fraction of the space, for drawing. */
  readonly hashFraction: number;
  /** 0 = NONE; otherwise 1 + the index of the KMS key in the engine's key table. */
  readonly encryption: number;
}

export class RecordLog {
  length = 0;
  /** Payload bytes (data only) of every record ever appended. */
  dataBytes = 0;
  readonly sequenceNumbers: string[] = [];
  readonly partitionKeys: string[] = [];
  arrivals = new Float64Array(0);
  hashFractions = new Float64Array(0);
  encryption = new Uint16Array(0);
  private chunkOf = new Uint32Array(0);
  private offsetOf = new Uint32Array(0);
  private sizeOf = new Uint32Array(0);
  private readonly chunks: Uint8Array[] = [];
  private chunkUsed = CHUNK_BYTES;

  append(record: RecordInput): number {
    const i = this.length;
    const n = i + 1;
    this.arrivals = grown(this.arrivals, n, (k) => new Float64Array(k));
    this.hashFractions = grown(this.hashFractions, n, (k) => new Float64Array(k));
    this.encryption = grown(this.encryption, n, (k) => new Uint16Array(k));
    this.chunkOf = grown(this.chunkOf, n, (k) => new Uint32Array(k));
    this.offsetOf = grown(this.offsetOf, n, (k) => new Uint32Array(k));
    this.sizeOf = grown(this.sizeOf, n, (k) => new Uint32Array(k));
    this.sequenceNumbers.push(record.sequenceNumber);
    this.partitionKeys.push(record.partitionKey);
    this.arrivals[i] = record.arrival;
    this.hashFractions[i] = record.hashFraction;
    this.encryption[i] = record.encryption;
    this.store(i, record.data);
    this.length = n;
    return i;
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
    const out = new RecordLog();
    for (let i = 0; i < length; i++) {
      out.append({
        sequenceNumber: this.sequenceNumbers[i]!,
        partitionKey: this.partitionKeys[i]!,
        data: this.data(i),
        arrival: this.arrivals[i]!,
        hashFraction: this.hashFractions[i]!,
        encryption: this.encryption[i]!,
      });
    }
    return out;
  }
}
