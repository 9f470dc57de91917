import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CLOSED_SEQUENCE_INDEX, parseSequenceNumber, sequenceNumber, sequenceValue } from '../core/sequence';
import { SEQUENCE_WORDS, slotsText } from '../core/decimalCursor';
import { RecordLog } from '../core/records';

const payload = new Uint8Array(1);

/** Appends a record that arrived in `second`, as the write path does: returns its position and the digits echoed into slot 1 of three. */
const echoOf = (log: RecordLog, second: number, atLeast?: bigint) => {
  const words = new Uint32Array(3 * SEQUENCE_WORDS);
  const position = log.push('k', 1, payload, second * 1000, 0, 0, atLeast, words, 1);
  return { position, echoed: slotsText(words, 1, 2) };
};

/** The numbers of records [from, to) as a read derives them, end to end. */
const readText = (log: RecordLog, from: number, to: number) =>
  log.readFrom(from, to - from, Number.MAX_SAFE_INTEGER, (n) => n).records.join('');

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
          const log = RecordLog.forShard(created, shardIndex);
          const expected: string[] = [];
          let index = 1n;
          let second = created;
          writes.forEach((w, position) => {
            second += w.seconds;
            if (w.atLeast !== null && w.atLeast > index) index = w.atLeast;
            const parts = { shardCreatedSeconds: created, shardIndex, sequenceIndex: index, recordSeconds: second };
            const number = sequenceValue(parts).toString();
            if (w.echo) {
              expect(echoOf(log, second, w.atLeast ?? undefined)).toEqual({ position, echoed: number });
            } else {
              expect(log.push('k', 1, payload, second * 1000, 0, 0, w.atLeast ?? undefined)).toBe(position);
            }
            expect(log.sequenceNumber(position)).toBe(number);
            expect(parseSequenceNumber(number)).toEqual(parts);
            expected.push(number);
            index++;
            expect(log.nextSequenceIndex()).toBe(index);
          });
          // Every range's text is its numbers laid end to end, whatever jumps and seconds it spans.
          expect(readText(log, 0, expected.length)).toBe(expected.join(''));
          for (const n of lookups) {
            if (expected.length === 0) break;
            const position = n % expected.length;
            const to = Math.min(position + (n % 7), expected.length);
            expect(readText(log, position, to)).toBe(expected.slice(position, to).join(''));
          }
          const half = expected.length >> 1;
          const copy = log.copy(half);
          expect(readText(copy, 0, half)).toBe(expected.slice(0, half).join(''));
          expect(copy.nextSequenceIndex()).toBe(
            half === 0 ? 1n : parseSequenceNumber(expected[half - 1]!)!.sequenceIndex + 1n,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('should echo and read a long run of numbers in one second, then go on from a copy', () => {
    const created = 1_700_000_000;
    const log = RecordLog.forShard(created, 3);
    const expected: string[] = [];
    for (let position = 0; position < 1300; position++) {
      const second = created + Math.floor(position / 400); // a new second now and then resets the cursor
      const number = sequenceNumber({
        shardCreatedSeconds: created,
        shardIndex: 3,
        sequenceIndex: BigInt(position + 1),
        recordSeconds: second,
      });
      expect(echoOf(log, second).echoed).toBe(number);
      expected.push(number);
    }
    for (const [from, to] of [
      [0, 1300],
      [399, 401],
      [1023, 1024],
      [7, 7],
    ] as const) {
      expect(readText(log, from, to)).toBe(expected.slice(from, to).join(''));
    }
    const copy = log.copy(1025);
    const next = sequenceNumber({
      shardCreatedSeconds: created,
      shardIndex: 3,
      sequenceIndex: 1026n,
      recordSeconds: created + 3,
    });
    expect(echoOf(copy, created + 3)).toEqual({ position: 1025, echoed: next }); // the copy goes on from its own length
    expect(copy.sequenceNumber(1025)).toBe(next);
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
