import { DecimalCursor, SEQUENCE_WORDS, slotsText } from './decimalCursor';
import { parseSequenceNumber, sequenceValue } from './sequence';

/** Numbers per block: a block is 512 × 56 bytes (28 KiB). */
const BLOCK_BITS = 9;
const BLOCK = 1 << BLOCK_BITS;
/** The first block starts this small and doubles, so a quiet shard holds little. */
const FIRST_BLOCK = 16;

/**
 * A shard's sequence numbers, as the digits of the 56-digit decimal text the API shows: 56 bytes
 * a record, in blocks of 512. Not as a string per record: a million small strings, each young
 * when written, kept the garbage collector busy on the write path, and making each one from a
 * BigInt cost as much again. Not in one array that doubles either: copying and zeroing ever
 * larger buffers cost more than filling them. A cursor keeps the next number of the current
 * second in base-10^8 limbs, so a record costs a few additions and 14 word stores; a read decodes
 * a range of records' digits as one string and slices it.
 */
export class SequenceColumn {
  private length = 0;
  /** The digits, four to a word (the cursor writes words); every block but the last is full. */
  private readonly blocks: Uint32Array[] = [new Uint32Array(FIRST_BLOCK * SEQUENCE_WORDS)];
  private readonly cursor = new DecimalCursor();
  /** The position the cursor numbers next, and the second it is for (-1: must be set first). */
  private cursorPosition = -1;
  private cursorSecond = -1;

  constructor(
    readonly shardCreatedSeconds: number,
    readonly shardIndex: number,
  ) {}

  /** The sequence number of the record at `position`. */
  numberAt(position: number): string {
    return this.text(position, position + 1);
  }

  /** The numbers of records [from, to) laid end to end, 56 digits each: slice it. */
  text(from: number, to: number): string {
    let text = '';
    for (let at = from; at < to; ) {
      const block = at >> BLOCK_BITS;
      const end = Math.min(to, (block + 1) << BLOCK_BITS);
      const first = block << BLOCK_BITS;
      text += slotsText(this.blocks[block]!, at - first, end - first);
      at = end;
    }
    return text;
  }

  /** Copies the digits of the number at `position` into slot `slot` of `words`. */
  private copyNumber(position: number, words: Uint32Array, slot: number): void {
    const digits = this.blocks[position >> BLOCK_BITS]!;
    const from = (position & (BLOCK - 1)) * SEQUENCE_WORDS;
    const to = slot * SEQUENCE_WORDS;
    for (let i = 0; i < SEQUENCE_WORDS; i++) words[to + i] = digits[from + i]!;
  }

  /** The sequence index of the record at `position`. */
  indexAt(position: number): bigint {
    return parseSequenceNumber(this.numberAt(position))!.sequenceIndex;
  }

  /**
   * Numbers the next record, written in `second`, and returns its position; its digits are then
   * readable, and written to slot `echoSlot` of `echo` too when given. Its index is one more than
   * the previous record's (1 for the first), or `atLeast` when that is larger
   * (SequenceNumberForOrdering).
   */
  take(second: number, atLeast?: bigint, echo?: Uint32Array, echoSlot?: number): number {
    const position = this.length;
    if (atLeast !== undefined || this.cursorPosition !== position || this.cursorSecond !== second) {
      let index = position === 0 ? 1n : this.indexAt(position - 1) + 1n;
      if (atLeast !== undefined && atLeast > index) index = atLeast;
      const { shardCreatedSeconds, shardIndex } = this;
      this.cursor.set(sequenceValue({ shardCreatedSeconds, shardIndex, sequenceIndex: index, recordSeconds: second }));
      this.cursorSecond = second;
    }
    this.cursor.write(this.blockFor(position), position & (BLOCK - 1), echo, echoSlot);
    this.cursor.stepIndex();
    this.cursorPosition = position + 1;
    this.length = position + 1;
    return position;
  }

  /** The block that holds `position`, the next position to write: made or grown when needed. */
  private blockFor(position: number): Uint32Array {
    const { blocks } = this;
    const index = position >> BLOCK_BITS;
    const block = blocks[index];
    const needed = ((position & (BLOCK - 1)) + 1) * SEQUENCE_WORDS;
    if (block !== undefined && needed <= block.length) return block;
    if (index > 0) {
      const fresh = new Uint32Array(BLOCK * SEQUENCE_WORDS);
      blocks.push(fresh);
      return fresh;
    }
    const grown = new Uint32Array(Math.min(BLOCK * SEQUENCE_WORDS, block!.length * 2));
    grown.set(block!);
    blocks[0] = grown;
    return grown;
  }

  /** A column holding this one's first `length` numbers, sharing nothing mutable with it. */
  copy(length: number): SequenceColumn {
    const out = new SequenceColumn(this.shardCreatedSeconds, this.shardIndex);
    for (let position = 0; position < length; position++) {
      const block = out.blockFor(position);
      this.copyNumber(position, block, position & (BLOCK - 1));
    }
    out.length = length;
    return out;
  }
}
