/**
 * Bytes a record takes in a block's buffer: arrival, fraction and the store position of its
 * shard's previous record (8 each), chunk, offset and size (4 each), and its encryption with its
 * partition key's UTF-8 length (2 each, in one word).
 */
const RECORD_BYTES = 40;
/** A record's fields as slots of the block's `numbers` (Float64, 5 a record) and `words` (Uint32, 10 a record) views. */
const NUMBERS = 5;
const WORDS = 10;
const ARRIVAL = 0;
const FRACTION = 1;
const PREVIOUS = 2;
const CHUNK = 6;
const OFFSET = 7;
const SIZE = 8;
const FLAGS = 9;

/**
 * Up to `capacity` consecutive records of a stream's store (RecordStore): their numbers in one
 * buffer, a record's fields side by side (one cache line holds two records, and a read of one
 * shard's records picks them out of other shards'), and their partition keys. A block is made at
 * its size and never copied (the store grows only its first, small one).
 */
export class RecordBlock {
  /** Float64 view: a record's arrival (epoch ms), hash fraction and previous at 5·slot … 5·slot + 2. */
  private readonly numbers: Float64Array;
  /** Uint32 view of the same buffer: chunk, offset, size and flags at 10·slot + 6 … 10·slot + 9. */
  private readonly words: Uint32Array;
  readonly keys: string[];
  /** How many of its records are not yet released (RecordStore drops a block when none is). */
  live = 0;

  constructor(readonly capacity: number) {
    const buffer = new ArrayBuffer(capacity * RECORD_BYTES);
    this.numbers = new Float64Array(buffer);
    this.words = new Uint32Array(buffer);
    this.keys = new Array<string>(capacity);
  }

  /**
   * Stores a record's fields. `encryption`: 0 = NONE, else 1 + the KMS key slot; `keyBytes`: the
   * UTF-8 bytes of its partition key (at most 1024: 256 characters), which count toward a read's
   * size; `previous`: the store position of its shard's previous record (-1: none).
   */
  set(
    slot: number,
    key: string,
    keyBytes: number,
    arrival: number,
    fraction: number,
    encryption: number,
    chunk: number,
    offset: number,
    size: number,
    previous: number,
  ): void {
    const n = slot * NUMBERS;
    const w = slot * WORDS;
    this.numbers[n + ARRIVAL] = arrival;
    this.numbers[n + FRACTION] = fraction;
    this.numbers[n + PREVIOUS] = previous;
    this.words[w + CHUNK] = chunk;
    this.words[w + OFFSET] = offset;
    this.words[w + SIZE] = size;
    this.words[w + FLAGS] = (encryption & 0xffff) | (keyBytes << 16);
    this.keys[slot] = key;
  }

  arrival(slot: number): number {
    return this.numbers[slot * NUMBERS + ARRIVAL]!;
  }

  fraction(slot: number): number {
    return this.numbers[slot * NUMBERS + FRACTION]!;
  }

  /** The store position of the previous record of this record's shard (-1: none). */
  previous(slot: number): number {
    return this.numbers[slot * NUMBERS + PREVIOUS]!;
  }

  /** Which chunk of its log holds the payload, where in it, and how many bytes. */
  chunk(slot: number): number {
    return this.words[slot * WORDS + CHUNK]!;
  }

  offset(slot: number): number {
    return this.words[slot * WORDS + OFFSET]!;
  }

  size(slot: number): number {
    return this.words[slot * WORDS + SIZE]!;
  }

  encryption(slot: number): number {
    return this.words[slot * WORDS + FLAGS]! & 0xffff;
  }

  keyBytes(slot: number): number {
    return this.words[slot * WORDS + FLAGS]! >>> 16;
  }

  /** A block of `capacity` holding this one's first `count` records. */
  grown(capacity: number, count: number): RecordBlock {
    const out = new RecordBlock(capacity);
    out.numbers.set(this.numbers.subarray(0, count * NUMBERS));
    for (let i = 0; i < count; i++) out.keys[i] = this.keys[i]!;
    out.live = this.live;
    return out;
  }
}
