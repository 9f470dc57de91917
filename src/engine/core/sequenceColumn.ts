import { parseSequenceNumber, sequenceValue } from './sequence';

/** One step of the sequence index field (bits 80 and up). */
const INDEX_STEP = 1n << 80n;
/** Numbers per block: a block is one string of this many numbers laid end to end. */
const BLOCK_BITS = 5;
const BLOCK = 1 << BLOCK_BITS;

/**
 * A shard's sequence numbers (56 decimal digits each today). They are kept as text, because
 * every GetRecords answer needs them and rebuilding one costs as much as making it. But not as a
 * string per record: a million small strings, each young when written, were a fifth of the write
 * path's time in the garbage collector. Numbers wait in `pending` until a block of 32 is full,
 * then become one string; a read slices its number out of the block.
 *
 * Records of one shard in one second differ only in the index field, and writers go record by
 * record: a cursor keeps the next number of the current second as a BigInt, so a record costs one
 * add and the decimal conversion.
 */
export class SequenceColumn {
  private length = 0;
  private blocks: string[] = [];
  /** End of each number within its block. */
  private ends = new Uint32Array(0);
  private pending: string[] = [];
  private readonly writer = { position: -1, second: -1, value: 0n };

  constructor(
    readonly shardCreatedSeconds: number,
    readonly shardIndex: number,
  ) {}

  /** The sequence number of the record at `position`. */
  numberAt(position: number): string {
    const block = position >> BLOCK_BITS;
    if (block === this.blocks.length) return this.pending[position & (BLOCK - 1)]!;
    const start = (position & (BLOCK - 1)) === 0 ? 0 : this.ends[position - 1]!;
    return this.blocks[block]!.slice(start, this.ends[position]);
  }

  /** The sequence index of the record at `position`. */
  indexAt(position: number): bigint {
    return parseSequenceNumber(this.numberAt(position))!.sequenceIndex;
  }

  /**
   * Numbers the next record, written in `second`, and returns its sequence number. Its index is
   * one more than the previous record's (1 for the first), or `atLeast` when that is larger
   * (SequenceNumberForOrdering).
   */
  take(second: number, atLeast?: bigint): string {
    const position = this.length;
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
    this.append(number);
    w.position = position + 1;
    w.value = value + INDEX_STEP;
    return number;
  }

  private append(number: string): void {
    const position = this.length++;
    if (position >= this.ends.length) {
      const grown = new Uint32Array(Math.max(this.ends.length * 2, BLOCK * 2));
      grown.set(this.ends);
      this.ends = grown;
    }
    const inBlock = position & (BLOCK - 1);
    this.ends[position] = (inBlock === 0 ? 0 : this.ends[position - 1]!) + number.length;
    this.pending.push(number);
    if (inBlock === BLOCK - 1) {
      this.blocks.push(this.pending.join(''));
      this.pending = [];
    }
  }

  /** A column holding this one's first `length` numbers, sharing nothing mutable with it. */
  copy(length: number): SequenceColumn {
    const out = new SequenceColumn(this.shardCreatedSeconds, this.shardIndex);
    for (let i = 0; i < length; i++) out.append(this.numberAt(i));
    return out;
  }
}
