/**
 * Sequence numbers in the real service's layout. The hex form (47 nibbles) reads:
 *   2 | shard creation epoch seconds (9) | low nibble of the shard index (1) |
 *   sequence index (16, top bit 0) | 00 | record epoch seconds (9) | shard index (8) | 2
 * and the API shows it as a 56-digit decimal string.
 */
export const CLOSED_SEQUENCE_INDEX = 0x7fffffffffffffffn;

export interface SequenceParts {
  readonly shardCreatedSeconds: number;
  readonly shardIndex: number;
  readonly sequenceIndex: bigint;
  readonly recordSeconds: number;
}

/** The number as a BigInt: the definition every other path must agree with. */
export function sequenceValue(parts: SequenceParts): bigint {
  return (
    (2n << 184n) |
    (BigInt(parts.shardCreatedSeconds) << 148n) |
    (BigInt(parts.shardIndex & 0xf) << 144n) |
    (parts.sequenceIndex << 80n) |
    (BigInt(parts.recordSeconds) << 36n) |
    (BigInt(parts.shardIndex) << 4n) |
    2n
  );
}

/** The number as the API shows it: 56 decimal digits for today's clock. */
export const sequenceNumber = (parts: SequenceParts): string => sequenceValue(parts).toString();

/** One step of the sequence index field. */
const INDEX_STEP = 1n << 80n;

/**
 * Where a shard's numbering stands. The write path makes one number per record, and the records
 * of a shard within one second differ only in the index field: the cursor keeps the next number of
 * the current second as a BigInt, so a record costs one add and the decimal conversion (no parts
 * object, no shifts, no BigInt for the index, which is counted in `taken`). Plain data, so
 * snapshots copy it like the rest of the shard.
 */
export interface SequenceCursor {
  readonly shardCreatedSeconds: number;
  readonly shardIndex: number;
  /** The next record's index is `baseIndex + taken`. */
  baseIndex: bigint;
  taken: number;
  /** The record second `value` was made for (-1: none yet) and the next record's number in it. */
  second: number;
  value: bigint;
}

export const newSequenceCursor = (shardCreatedSeconds: number, shardIndex: number, firstIndex: bigint): SequenceCursor => ({
  shardCreatedSeconds, shardIndex, baseIndex: firstIndex, taken: 0, second: -1, value: 0n,
});

/** The sequence index the cursor's next record takes. */
export const nextSequenceIndex = (cursor: SequenceCursor): bigint => cursor.baseIndex + BigInt(cursor.taken);

/** Moves the cursor so that the next record takes `index`. */
export function moveSequenceCursor(cursor: SequenceCursor, index: bigint): void {
  cursor.baseIndex = index;
  cursor.taken = 0;
  cursor.second = -1;
}

/** The next record's sequence number, written in `recordSeconds`; advances the cursor. */
export function takeSequenceNumber(cursor: SequenceCursor, recordSeconds: number): string {
  if (cursor.second !== recordSeconds) {
    const { shardCreatedSeconds, shardIndex } = cursor;
    cursor.value = sequenceValue({ shardCreatedSeconds, shardIndex, sequenceIndex: nextSequenceIndex(cursor), recordSeconds });
    cursor.second = recordSeconds;
  }
  const number = cursor.value.toString();
  cursor.value += INDEX_STEP;
  cursor.taken++;
  return number;
}

/** The parts of a sequence number this engine could have issued, or undefined. */
export function parseSequenceNumber(decimal: string): SequenceParts | undefined {
  if (!/^[1-9]\d{0,128}$/.test(decimal)) return undefined;
  const text = BigInt(decimal).toString(16);
  if (text.length !== 47 || !text.startsWith('2') || !text.endsWith('2') || text.slice(27, 29) !== '00') return undefined;
  const sequenceIndex = BigInt(`0x${text.slice(11, 27)}`);
  if (sequenceIndex > CLOSED_SEQUENCE_INDEX) return undefined;
  const shardIndex = parseInt(text.slice(38, 46), 16);
  if (shardIndex > 0x7fffffff || (shardIndex & 0xf) !== parseInt(text.slice(10, 11), 16)) return undefined;
  return {
    shardCreatedSeconds: parseInt(text.slice(1, 10), 16),
    shardIndex,
    sequenceIndex,
    recordSeconds: parseInt(text.slice(29, 38), 16),
  };
}

/** Sequence numbers compare as unsigned integers; this avoids BigInt for equal-length strings. */
export const compareSequenceNumbers = (a: string, b: string): number =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
