import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOSED_SEQUENCE_INDEX, parseSequenceNumber, sequenceNumber, sequenceNumberBig } from './sequence';

describe('sequenceNumber', () => {
  it('should print the same digits as the BigInt definition for any parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_300_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.oneof(fc.bigInt({ min: 0n, max: 1n << 30n }), fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX })),
        fc.integer({ min: 0, max: 100_000_000 }),
        (created, shardIndex, sequenceIndex, later) => {
          const parts = { shardCreatedSeconds: created, shardIndex, sequenceIndex, recordSeconds: created + later };
          expect(sequenceNumber(parts)).toBe(sequenceNumberBig(parts));
          expect(parseSequenceNumber(sequenceNumber(parts))).toEqual(parts);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("should match a real sequence number's layout: 56 digits for a 2017 shard", () => {
    const number = sequenceNumber({ shardCreatedSeconds: 1_500_000_000, shardIndex: 1, sequenceIndex: 5n, recordSeconds: 1_500_000_001 });
    expect(number).toMatch(/^4\d{55}$/);
    expect(BigInt(number).toString(16)).toBe('2' + '059682f00' + '1' + '0000000000000005' + '00' + '059682f01' + '00000001' + '2');
  });
});
