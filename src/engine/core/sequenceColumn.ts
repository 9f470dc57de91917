import { sequenceValue } from './sequence';

/** One step of the sequence index field (bits 80 and up). */
const INDEX_STEP = 1n << 80n;
/** Indexes below this are exact in a float64 slot; larger ones (only reachable through a crafted
 * SequenceNumberForOrdering) are kept as BigInts beside the column. */
const EXACT_LIMIT = 2 ** 53;

/**
 * A shard's sequence numbers, stored as each record's sequence index (8 bytes) rather than its
 * 56-digit string (about 72 bytes on the heap, and a young object that every write made the
 * garbage collector promote). The other parts of a number are the shard's (creation second and
 * index) or the record's own (arrival second), so a number is rebuilt on demand.
 *
 * Records of one shard in one second differ only in the index field, and both writers and
 * readers go record by record: a cursor on each side keeps the last number as a BigInt, so the
 * next one costs one add and the decimal conversion.
 */
export class SequenceColumn {
  private indexes = new Float64Array(0);
  private huge: Map<number, bigint> | undefined;
  private readonly writer = { position: -1, second: -1, value: 0n };
  private readonly reader = { position: -1, second: -1, value: 0n };

  constructor(
    readonly shardCreatedSeconds: number,
    readonly shardIndex: number,
  ) {}

  /** The sequence index of the record at `position`. */
  indexAt(position: number): bigint {
    const slot = this.indexes[position]!;
    return slot < EXACT_LIMIT ? BigInt(slot) : this.huge!.get(position)!;
  }

  /**
   * Numbers the record at `position` (the next one), written in `second`, and returns its sequence
   * number. Its index is one more than the previous record's (1 for the first), or `atLeast` when
   * that is larger (SequenceNumberForOrdering).
   */
  take(position: number, second: number, atLeast?: bigint): string {
    if (position >= this.indexes.length) this.grow(position + 1);
    const w = this.writer;
    if (atLeast === undefined && w.position === position && w.second === second) {
      // The common case: the next index in the same second.
      const index = this.indexes[position - 1]! + 1;
      this.indexes[position] = index;
      const number = w.value.toString();
      w.position = index + 1 < EXACT_LIMIT ? position + 1 : -1;
      w.value += INDEX_STEP;
      return number;
    }
    let index = position === 0 ? 1n : this.indexAt(position - 1) + 1n;
    if (atLeast !== undefined && atLeast > index) index = atLeast;
    this.store(position, index);
    const value = this.valueOf(index, second);
    // The fast path needs the next index exact in its float64 slot.
    w.position = index + 1n < EXACT_LIMIT ? position + 1 : -1;
    w.second = second;
    w.value = value + INDEX_STEP;
    return value.toString();
  }

  /** The sequence number of the record at `position`, written in `second`. */
  numberAt(position: number, second: number): string {
    const r = this.reader;
    const slot = this.indexes[position]!;
    if (position > 0 && r.position === position - 1 && r.second === second && slot < EXACT_LIMIT && slot === this.indexes[position - 1]! + 1) {
      r.value += INDEX_STEP;
    } else {
      r.value = this.valueOf(this.indexAt(position), second);
      r.second = second;
    }
    r.position = position;
    return r.value.toString();
  }

  /** A column holding this one's first `length` entries, sharing nothing mutable with it. */
  copy(length: number): SequenceColumn {
    const out = new SequenceColumn(this.shardCreatedSeconds, this.shardIndex);
    out.indexes = this.indexes.slice(0, length);
    if (this.huge) out.huge = new Map([...this.huge].filter(([position]) => position < length));
    return out;
  }

  private valueOf(index: bigint, recordSeconds: number): bigint {
    const { shardCreatedSeconds, shardIndex } = this;
    return sequenceValue({ shardCreatedSeconds, shardIndex, sequenceIndex: index, recordSeconds });
  }

  private store(position: number, index: bigint): void {
    if (index < EXACT_LIMIT) {
      this.indexes[position] = Number(index);
      return;
    }
    this.indexes[position] = EXACT_LIMIT;
    (this.huge ??= new Map()).set(position, index);
  }

  private grow(needed: number): void {
    const next = new Float64Array(Math.max(needed, this.indexes.length * 2, 64));
    next.set(this.indexes);
    this.indexes = next;
  }
}
