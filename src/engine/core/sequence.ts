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

/** The number as BigInt arithmetic: the definition, and the path for huge sequence indexes. */
export function sequenceNumberBig(parts: SequenceParts): string {
  return (
    (2n << 184n) |
    (BigInt(parts.shardCreatedSeconds) << 148n) |
    (BigInt(parts.shardIndex & 0xf) << 144n) |
    (parts.sequenceIndex << 80n) |
    (BigInt(parts.recordSeconds) << 36n) |
    (BigInt(parts.shardIndex) << 4n) |
    2n
  ).toString();
}

// The write path makes one sequence number per record. Every record of a shard within one second
// shares the part without the index, so it is kept per shard index (a pure memo): a record then
// costs one shift, one add and the decimal conversion.
const bases = new Map<number, { created: number; record: number; value: bigint }>();

export function sequenceNumber(parts: SequenceParts): string {
  let base = bases.get(parts.shardIndex);
  if (!base || base.created !== parts.shardCreatedSeconds || base.record !== parts.recordSeconds) {
    base = {
      created: parts.shardCreatedSeconds,
      record: parts.recordSeconds,
      value: BigInt(sequenceNumberBig({ ...parts, sequenceIndex: 0n })),
    };
    bases.set(parts.shardIndex, base);
  }
  return (base.value + (parts.sequenceIndex << 80n)).toString();
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
