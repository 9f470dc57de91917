import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOSED_SEQUENCE_INDEX, parseSequenceNumber, sequenceNumber, sequenceValue } from '../core/sequence';
import { SEQUENCE_WORDS, slotsText } from '../core/decimalCursor';
import { SequenceNumbering } from '../core/sequenceNumbering';

/** A shard's arrivals, as RecordLog keeps them: one per record, in ms. */
const arrivalsOf = (seconds: readonly number[]) => ({
  arrival: (position: number) => seconds[position]! * 1000 + (position % 1000),
});

/** The digits `take` echoes into slot 1 of three. */
const echoOf = (numbering: SequenceNumbering, second: number, atLeast?: bigint) => {
  const words = new Uint32Array(3 * SEQUENCE_WORDS);
  const position = numbering.take(second, atLeast, words, 1);
  return { position, echoed: slotsText(words, 1, 2) };
};

describe('sequenceNumber', () => {
  it('should give every number the digits of the definition, echoed when written and derived when read, in any order', () => {
    const write = fc.record({
      // Now and then a gap of 68 years: too long for the read cursor to step over exactly.
      seconds: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 12 },
        { arbitrary: fc.constant(2 ** 31 + 1), weight: 1 },
      ),
      // SequenceNumberForOrdering asks for a least index now and then, sometimes past 2^53.
      atLeast: fc.option(
        fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX - 128n })),
        { freq: 5 },
      ),
      echo: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1_300_000_000, max: 2_000_000_000 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.array(write, { maxLength: 80, size: 'max' }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (created, shardIndex, writes, lookups) => {
          const numbering = new SequenceNumbering(created, shardIndex);
          const expected: string[] = [];
          const seconds: number[] = [];
          const arrivals = arrivalsOf(seconds);
          let index = 1n;
          let second = created;
          writes.forEach((w, position) => {
            second += w.seconds;
            if (w.atLeast !== null && w.atLeast > index) index = w.atLeast;
            const parts = { shardCreatedSeconds: created, shardIndex, sequenceIndex: index, recordSeconds: second };
            const number = sequenceValue(parts).toString();
            if (w.echo) {
              expect(echoOf(numbering, second, w.atLeast ?? undefined)).toEqual({ position, echoed: number });
            } else {
              expect(numbering.take(second, w.atLeast ?? undefined)).toBe(position);
            }
            seconds.push(second);
            expect(numbering.numberAt(position, second)).toBe(number);
            expect(parseSequenceNumber(number)).toEqual(parts);
            expect(numbering.indexAt(position)).toBe(index);
            expected.push(number);
            index++;
          });
          expect(numbering.indexAt(writes.length)).toBe(index); // the next record's
          // Every range's text is its numbers laid end to end, whatever jumps and seconds it spans.
          expect(numbering.text(0, expected.length, arrivals)).toBe(expected.join(''));
          for (const n of lookups) {
            if (expected.length === 0) break;
            const position = n % expected.length;
            const to = Math.min(position + (n % 7), expected.length);
            expect(numbering.text(position, to, arrivals)).toBe(expected.slice(position, to).join(''));
          }
          const half = expected.length >> 1;
          const copy = numbering.copy(half);
          expect(copy.text(0, half, arrivals)).toBe(expected.slice(0, half).join(''));
          expect(copy.indexAt(half)).toBe(
            half === 0 ? 1n : parseSequenceNumber(expected[half - 1]!)!.sequenceIndex + 1n,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should echo and read a long run of numbers in one second, then go on from a copy', () => {
    const created = 1_700_000_000;
    const numbering = new SequenceNumbering(created, 3);
    const seconds: number[] = [];
    const expected: string[] = [];
    for (let position = 0; position < 1300; position++) {
      const second = created + Math.floor(position / 400); // a new second now and then resets the cursor
      const number = sequenceNumber({
        shardCreatedSeconds: created,
        shardIndex: 3,
        sequenceIndex: BigInt(position + 1),
        recordSeconds: second,
      });
      expect(echoOf(numbering, second).echoed).toBe(number);
      seconds.push(second);
      expected.push(number);
    }
    for (const [from, to] of [
      [0, 1300],
      [399, 401],
      [1023, 1024],
      [7, 7],
    ] as const) {
      expect(numbering.text(from, to, arrivalsOf(seconds))).toBe(expected.slice(from, to).join(''));
    }
    const copy = numbering.copy(1025);
    expect(copy.take(created + 3)).toBe(1025); // the copy goes on from its own length
    expect(copy.numberAt(1025, created + 3)).toBe(
      sequenceNumber({ shardCreatedSeconds: created, shardIndex: 3, sequenceIndex: 1026n, recordSeconds: created + 3 }),
    );
  });

  it("should match a real sequence number's layout: 56 digits for a 2017 shard", () => {
    const number = sequenceNumber({
      shardCreatedSeconds: 1_500_000_000,
      shardIndex: 1,
      sequenceIndex: 5n,
      recordSeconds: 1_500_000_001,
    });
    expect(number).toMatch(/^4\d{55}$/);
    expect(BigInt(number).toString(16)).toBe(
      '2' + '059682f00' + '1' + '0000000000000005' + '00' + '059682f01' + '00000001' + '2',
    );
  });
});
