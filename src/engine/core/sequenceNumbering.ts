import { DecimalCursor, MAX_SECONDS_STEP, SEQUENCE_WORDS, slotsText } from './decimalCursor';
import { sequenceValue } from './sequence';

/** When each record of a shard arrived (epoch ms): a record's number is derived from it. */
export interface Arrivals {
  arrival(position: number): number;
}

/** The jump lists of every shard that never jumped (never written to: a jump replaces them). */
const NO_JUMPS: number[] = [];
const NO_JUMP_INDEXES: bigint[] = [];

/** Where reads derive their numbers' digits (calls run one at a time, so one serves every read). */
const readCursor = new DecimalCursor();
let readDigits = new Uint32Array(0);

/**
 * A shard's sequence numbers, kept as the little they are made of rather than as digits: a
 * record's number is its shard's creation second and index, its own sequence index and the
 * second it arrived (see sequenceValue). The index is one more than the previous record's,
 * except where SequenceNumberForOrdering asked for more: those few jumps are all that is stored.
 * Storing 56 digits a record cost a sixth of the write path and most of its garbage-collector
 * pressure; deriving a read's numbers costs a few additions each (DecimalCursor), and a BigInt
 * only where the index jumps.
 */
export class SequenceNumbering {
  private length = 0;
  /**
   * Positions, ascending, whose index is not one more than the previous record's, and their
   * index. Most shards never jump: they share one empty list until they do.
   */
  private jumpPositions: number[] = NO_JUMPS;
  private jumpIndexes: bigint[] = NO_JUMP_INDEXES;
  /** Numbers the next record (made on the first write): the position and second it is set for (-1: must be set first). */
  private cursor: DecimalCursor | undefined;
  private cursorPosition = -1;
  private cursorSecond = -1;

  constructor(
    readonly shardCreatedSeconds: number,
    readonly shardIndex: number,
  ) {}

  /** The sequence index of the record at `position` (or the next record's, at `length`). */
  indexAt(position: number): bigint {
    const jump = this.lastJumpAtOrBefore(position);
    return jump < 0 ? BigInt(position + 1) : this.jumpIndexes[jump]! + BigInt(position - this.jumpPositions[jump]!);
  }

  /** The sequence number of the record at `position`, which arrived in `second`. */
  numberAt(position: number, second: number): string {
    return this.valueAt(position, second).toString();
  }

  /**
   * Numbers the next record, written in `second`, and returns its position. Its index is one
   * more than the previous record's (1 for the first), or `atLeast` when that is larger
   * (SequenceNumberForOrdering). Its digits go to slot `echoSlot` of `echo` when given: PutRecords
   * gathers its call's numbers there.
   */
  take(second: number, atLeast?: bigint, echo?: Uint32Array, echoSlot = 0): number {
    const position = this.length;
    if (atLeast !== undefined && atLeast > this.indexAt(position)) {
      if (this.jumpPositions === NO_JUMPS) {
        this.jumpPositions = [];
        this.jumpIndexes = [];
      }
      this.jumpPositions.push(position);
      this.jumpIndexes.push(atLeast);
      this.cursorPosition = -1;
    }
    this.length = position + 1;
    if (echo === undefined) return position;
    const cursor = (this.cursor ??= new DecimalCursor());
    if (this.cursorPosition !== position || this.cursorSecond !== second) {
      cursor.set(this.valueAt(position, second));
      this.cursorSecond = second;
    }
    cursor.write(echo, echoSlot);
    cursor.stepIndex();
    this.cursorPosition = position + 1;
    return position;
  }

  /** The numbers of records [from, to) laid end to end, 56 digits each: slice it. */
  text(from: number, to: number, arrivals: Arrivals): string {
    const count = to - from;
    if (readDigits.length < count * SEQUENCE_WORDS) readDigits = new Uint32Array(count * SEQUENCE_WORDS);
    let jump = this.lastJumpAtOrBefore(from) + 1;
    let second = -1;
    for (let i = from; i < to; i++) {
      const arrivedIn = Math.floor(arrivals.arrival(i) / 1000);
      if (this.jumpPositions[jump] === i || second < 0 || arrivedIn - second >= MAX_SECONDS_STEP) {
        if (this.jumpPositions[jump] === i) jump++;
        readCursor.set(this.valueAt(i, arrivedIn));
      } else {
        readCursor.stepIndex();
        if (arrivedIn !== second) readCursor.stepSeconds(arrivedIn - second);
      }
      second = arrivedIn;
      readCursor.write(readDigits, i - from);
    }
    return slotsText(readDigits, 0, count);
  }

  /**
   * A number for the place before `position` as of `second`: the index of the record before it
   * (0 when there is none) stamped with `second`. The index outweighs the second, so the number
   * comes after every record before `position` and before every record from `position` on, the
   * next one written included, and it grows with time while nothing is written: what a reader
   * can checkpoint and go on AFTER.
   */
  numberBefore(position: number, second: number): string {
    const { shardCreatedSeconds, shardIndex } = this;
    return sequenceValue({
      shardCreatedSeconds,
      shardIndex,
      sequenceIndex: position > 0 ? this.indexAt(position - 1) : 0n,
      recordSeconds: Math.max(second, shardCreatedSeconds),
    }).toString();
  }

  /** Numbering for this shard's first `length` records, sharing nothing mutable with it. */
  copy(length: number): SequenceNumbering {
    const out = new SequenceNumbering(this.shardCreatedSeconds, this.shardIndex);
    let kept = 0;
    while (kept < this.jumpPositions.length && this.jumpPositions[kept]! < length) kept++;
    if (kept > 0) {
      out.jumpPositions = this.jumpPositions.slice(0, kept);
      out.jumpIndexes = this.jumpIndexes.slice(0, kept);
    }
    out.length = length;
    return out;
  }

  /** The positions where the index jumped and the index each took, for a saved snapshot. */
  jumps(): { readonly positions: readonly number[]; readonly indexes: readonly bigint[] } {
    return { positions: this.jumpPositions, indexes: this.jumpIndexes };
  }

  /** Numbering for `length` records with these jumps (as `jumps` gave them), from a saved snapshot. */
  static restored(
    shardCreatedSeconds: number,
    shardIndex: number,
    length: number,
    positions: readonly number[],
    indexes: readonly bigint[],
  ): SequenceNumbering {
    if (positions.length !== indexes.length) throw new RangeError('Sequence jumps: positions and indexes differ');
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i]!;
      if (!Number.isSafeInteger(position) || position < 0 || position >= length || position <= (positions[i - 1] ?? -1))
        throw new RangeError(`Sequence jumps: position ${position} is out of order or out of range`);
    }
    const out = new SequenceNumbering(shardCreatedSeconds, shardIndex);
    if (positions.length > 0) {
      out.jumpPositions = positions.slice();
      out.jumpIndexes = indexes.slice();
    }
    out.length = length;
    return out;
  }

  private valueAt(position: number, second: number): bigint {
    const { shardCreatedSeconds, shardIndex } = this;
    return sequenceValue({
      shardCreatedSeconds,
      shardIndex,
      sequenceIndex: this.indexAt(position),
      recordSeconds: second,
    });
  }

  /** The last jump at or before `position`, as its place in the jump lists (-1: none). */
  private lastJumpAtOrBefore(position: number): number {
    const positions = this.jumpPositions;
    let lo = 0;
    let hi = positions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[mid]! <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
