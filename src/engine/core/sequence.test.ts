import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CLOSED_SEQUENCE_INDEX, moveSequenceCursor, newSequenceCursor, nextSequenceIndex, parseSequenceNumber, sequenceNumber,
  sequenceValue, takeSequenceNumber,
} from './sequence';

describe('sequenceNumber', () => {
  it('should give the cursor the digits of the definition, across seconds and index jumps', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('take' as const), seconds: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('move' as const), index: fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX - 64n }) }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1_300_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.array(step, { maxLength: 40 }),
        (created, shardIndex, steps) => {
          const cursor = newSequenceCursor(created, shardIndex, 1n);
          let index = 1n;
          let recordSeconds = created;
          for (const s of steps) {
            if (s.kind === 'move') {
              moveSequenceCursor(cursor, s.index);
              index = s.index;
              continue;
            }
            recordSeconds += s.seconds;
            const parts = { shardCreatedSeconds: created, shardIndex, sequenceIndex: index, recordSeconds };
            const number = takeSequenceNumber(cursor, recordSeconds);
            expect(number).toBe(sequenceValue(parts).toString());
            expect(parseSequenceNumber(number)).toEqual(parts);
            index++;
            expect(nextSequenceIndex(cursor)).toBe(index);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("should match a real sequence number's layout: 56 digits for a 2017 shard", () => {
    const number = sequenceNumber({ shardCreatedSeconds: 1_500_000_000, shardIndex: 1, sequenceIndex: 5n, recordSeconds: 1_500_000_001 });
    expect(number).toMatch(/^4\d{55}$/);
    expect(BigInt(number).toString(16)).toBe('2' + '059682f00' + '1' + '0000000000000005' + '00' + '059682f01' + '00000001' + '2');
  });
});
