import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOSED_SEQUENCE_INDEX, parseSequenceNumber, sequenceNumber, sequenceValue } from './sequence';
import { SequenceColumn } from './sequenceColumn';

describe('sequenceNumber', () => {
  it('should give every stored number the digits of the definition, written and read back in any order', () => {
    const write = fc.record({
      seconds: fc.integer({ min: 0, max: 3 }),
      // SequenceNumberForOrdering asks for a least index now and then, sometimes past 2^53.
      atLeast: fc.option(fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX - 128n })), { freq: 5 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1_300_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.array(write, { maxLength: 80, size: 'max' }), // past the column's first growth
        fc.array(fc.nat(), { maxLength: 20 }),
        (created, shardIndex, writes, lookups) => {
          const column = new SequenceColumn(created, shardIndex);
          const expected: { number: string; second: number }[] = [];
          let index = 1n;
          let second = created;
          writes.forEach((w, position) => {
            second += w.seconds;
            if (w.atLeast !== null && w.atLeast > index) index = w.atLeast;
            const parts = { shardCreatedSeconds: created, shardIndex, sequenceIndex: index, recordSeconds: second };
            expect(column.take(second, w.atLeast ?? undefined)).toBe(position);
            const number = column.numberAt(position);
            expect(number).toBe(sequenceValue(parts).toString());
            expect(parseSequenceNumber(number)).toEqual(parts);
            expect(column.indexAt(position)).toBe(index);
            expected.push({ number, second });
            index++;
          });
          // Reads in order, random lookups, and a copy's reads.
          expected.forEach((e, position) => expect(column.numberAt(position)).toBe(e.number));
          for (const n of lookups) {
            if (expected.length === 0) break;
            const position = n % expected.length;
            expect(column.numberAt(position)).toBe(expected[position]!.number);
            // A range's text is its numbers laid end to end.
            const to = position + (n % 7);
            const numbers = expected.slice(position, to).map((e) => e.number);
            expect(column.text(position, Math.min(to, expected.length))).toBe(numbers.join(''));
          }
          const half = expected.length >> 1;
          const copy = column.copy(half);
          expected.slice(0, half).forEach((e, position) => expect(copy.numberAt(position)).toBe(e.number));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should read numbers and ranges across the blocks a long shard fills', () => {
    const created = 1_700_000_000;
    const column = new SequenceColumn(created, 3);
    const expected: string[] = [];
    let index = 1n;
    for (let position = 0; position < 1300; position++) {
      const second = created + Math.floor(position / 400); // a new second now and then resets the cursor
      column.take(second);
      expected.push(sequenceNumber({ shardCreatedSeconds: created, shardIndex: 3, sequenceIndex: index++, recordSeconds: second }));
    }
    expect(column.numberAt(1299)).toBe(expected[1299]);
    for (const [from, to] of [[0, 1300], [500, 530], [511, 513], [1023, 1024], [1024, 1300], [7, 7]] as const) {
      expect(column.text(from, to)).toBe(expected.slice(from, to).join(''));
    }
    const copy = column.copy(1025);
    expect(copy.text(0, 1025)).toBe(expected.slice(0, 1025).join(''));
    expect(copy.take(created + 3)).toBe(1025); // the copy goes on from its own length
  });

  it("should match a real sequence number's layout: 56 digits for a 2017 shard", () => {
    const number = sequenceNumber({ shardCreatedSeconds: 1_500_000_000, shardIndex: 1, sequenceIndex: 5n, recordSeconds: 1_500_000_001 });
    expect(number).toMatch(/^4\d{55}$/);
    expect(BigInt(number).toString(16)).toBe('2' + '059682f00' + '1' + '0000000000000005' + '00' + '059682f01' + '00000001' + '2');
  });
});
