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

/** The parts of a sequence number this engine could have issued, or undefined. */
export function parseSequenceNumber(decimal: string): SequenceParts | undefined {
  if (!/^[1-9]\d{0,128}$/.test(decimal)) return undefined;
  const text = BigInt(decimal).toString(16);
  if (text.length !== 47 || !text.startsWith('2') || !text.endsWith('2') || text.slice(27, 29) !== '00')
    return undefined;
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
