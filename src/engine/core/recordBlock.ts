/**
 * Bytes a record takes in a block's buffer: arrival and fraction (8 each), chunk, offset and size
 * (4 each), encryption and the partition key's UTF-8 length (2 each).
 */
const RECORD_BYTES = 32;

/**
 * The columns of up to `capacity` consecutive records of a shard: numbers in typed arrays that
 * share one buffer (one allocation a block), and the partition keys. A block is made at its
 * size and never copied (RecordLog grows only its first, small one).
 */
export class RecordBlock {
  readonly arrivals: Float64Array;
  readonly hashFractions: Float64Array;
  /** Where each payload lies: its chunk in the log, its offset there, its size. */
  readonly chunkOf: Uint32Array;
  readonly offsetOf: Uint32Array;
  readonly sizeOf: Uint32Array;
  /** 0 = NONE, else 1 + the KMS key slot the record was encrypted with. */
  readonly encryption: Uint16Array;
  /** UTF-8 bytes of each partition key (at most 1024: 256 characters), which count toward a read's size. */
  readonly keyBytes: Uint16Array;
  readonly keys: string[];

  constructor(readonly capacity: number) {
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.arrivals = new Float64Array(buffer, 0, capacity);
    this.hashFractions = new Float64Array(buffer, capacity * 8, capacity);
    this.chunkOf = new Uint32Array(buffer, capacity * 16, capacity);
    this.offsetOf = new Uint32Array(buffer, capacity * 20, capacity);
    this.sizeOf = new Uint32Array(buffer, capacity * 24, capacity);
    this.encryption = new Uint16Array(buffer, capacity * 28, capacity);
    this.keyBytes = new Uint16Array(buffer, capacity * 30, capacity);
    this.keys = new Array<string>(capacity);
  }

  /** A block of `capacity` holding this one's first `count` records. */
  grown(capacity: number, count: number): RecordBlock {
    const out = new RecordBlock(capacity);
    out.arrivals.set(this.arrivals.subarray(0, count));
    out.hashFractions.set(this.hashFractions.subarray(0, count));
    out.chunkOf.set(this.chunkOf.subarray(0, count));
    out.offsetOf.set(this.offsetOf.subarray(0, count));
    out.sizeOf.set(this.sizeOf.subarray(0, count));
    out.encryption.set(this.encryption.subarray(0, count));
    out.keyBytes.set(this.keyBytes.subarray(0, count));
    for (let i = 0; i < count; i++) out.keys[i] = this.keys[i]!;
    return out;
  }
}
