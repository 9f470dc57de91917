import { parseSequenceNumber, sequenceValue } from './sequence';

/** One step of the sequence index field (bits 80 and up). */
const INDEX_STEP = 1n << 80n;

/**
 * A shard's sequence numbers, one 56-digit string per record. The strings are kept, not rebuilt
 * on demand: every GetRecords answer needs them, and rebuilding one costs as much as making it
 * (keeping indexes instead halved the heap per record but made reads twice as slow).
 *
 * Records of one shard in one second differ only in the index field, and writers go record by
 * record: a cursor keeps the next number of the current second as a BigInt, so a record costs one
 * add and the decimal conversion.
 */
export class SequenceColumn {
  private numbers: string[] = [];
  private readonly writer = { position: -1, second: -1, value: 0n };

  constructor(
    readonly shardCreatedSeconds: number,
    readonly shardIndex: number,
  ) {}

  /** The sequence number of the record at `position`. */
  numberAt(position: number): string {
    return this.numbers[position]!;
  }

  /** The sequence index of the record at `position`. */
  indexAt(position: number): bigint {
    return parseSequenceNumber(this.numbers[position]!)!.sequenceIndex;
  }

  /**
   * Numbers the record at `position` (the next one), written in `second`, and returns its sequence
   * number. Its index is one more than the previous record's (1 for the first), or `atLeast` when
   * that is larger (SequenceNumberForOrdering).
   */
  take(position: number, second: number, atLeast?: bigint): string {
    const w = this.writer;
    let value: bigint;
    if (atLeast === undefined && w.position === position && w.second === second) {
      value = w.value; // the common case: the next index in the same second
    } else {
      let index = position === 0 ? 1n : this.indexAt(position - 1) + 1n;
      if (atLeast !== undefined && atLeast > index) index = atLeast;
      const { shardCreatedSeconds, shardIndex } = this;
      value = sequenceValue({ shardCreatedSeconds, shardIndex, sequenceIndex: index, recordSeconds: second });
      w.second = second;
    }
    const number = value.toString();
    this.numbers.push(number);
    w.position = position + 1;
    w.value = value + INDEX_STEP;
    return number;
  }

  /** A column holding this one's first `length` numbers, sharing nothing mutable with it. */
  copy(length: number): SequenceColumn {
    const out = new SequenceColumn(this.shardCreatedSeconds, this.shardIndex);
    out.numbers = this.numbers.slice(0, length);
    return out;
  }
}
