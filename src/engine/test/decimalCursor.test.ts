import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DecimalCursor, MAX_SECONDS_STEP, SEQUENCE_DIGITS } from '../core/decimalCursor';
import { CLOSED_SEQUENCE_INDEX, sequenceValue } from '../core/sequence';

const STEP = 1n << 80n;
/** The cursor's digits as the second of three slots, the others 'x': a stray write shows. */
const digitsOf = (cursor: DecimalCursor) => {
  const out = new Uint8Array(SEQUENCE_DIGITS * 3).fill(120);
  cursor.write(new Uint32Array(out.buffer), 1);
  const text = String.fromCharCode(...out);
  return `${text.slice(SEQUENCE_DIGITS - 2, SEQUENCE_DIGITS)}${text.slice(SEQUENCE_DIGITS, 2 * SEQUENCE_DIGITS)}${text.slice(2 * SEQUENCE_DIGITS, 2 * SEQUENCE_DIGITS + 2)}`;
};

describe('DecimalCursor', () => {
  it('should write, step after step, the digits BigInt gives for the same sequence number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 36 - 1 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX - 5000n }),
        fc.integer({ min: 0, max: 2 ** 36 - 1 }),
        fc.integer({ min: 1, max: 3000 }),
        (shardCreatedSeconds, shardIndex, sequenceIndex, recordSeconds, steps) => {
          let value = sequenceValue({ shardCreatedSeconds, shardIndex, sequenceIndex, recordSeconds });
          const cursor = new DecimalCursor();
          cursor.set(value);
          for (let i = 0; i < steps; i++) {
            expect(digitsOf(cursor)).toBe(`xx${value.toString()}xx`);
            cursor.stepIndex();
            value += STEP;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('should step by seconds as BigInt does, small steps and the largest, with index steps between', () => {
    const secondsStep = fc.oneof(
      fc.integer({ min: 0, max: 5 }),
      fc.integer({ min: 0, max: MAX_SECONDS_STEP - 1 }),
      fc.constant(MAX_SECONDS_STEP - 1),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000_000_000, max: 2 ** 33 }),
        fc.integer({ min: 0, max: 2147483647 }),
        fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX - 500n }),
        fc.array(fc.tuple(secondsStep, fc.boolean()), { maxLength: 300 }),
        (recordSeconds, shardIndex, sequenceIndex, steps) => {
          let value = sequenceValue({
            shardCreatedSeconds: recordSeconds - 5,
            shardIndex,
            sequenceIndex,
            recordSeconds,
          });
          const cursor = new DecimalCursor();
          cursor.set(value);
          for (const [seconds, alsoIndex] of steps) {
            cursor.stepSeconds(seconds);
            value += BigInt(seconds) << 36n;
            if (alsoIndex) {
              cursor.stepIndex();
              value += STEP;
            }
            expect(digitsOf(cursor)).toBe(`xx${value.toString()}xx`);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('should carry from the low 32 digits through the limbs above', () => {
    // Digits 16–23 and 8–15 at 99999999: one step that carries out of the low 32 digits ripples
    // two limbs up.
    const base = BigInt('49123456' + '99999999' + '99999999' + '9'.repeat(32)) - STEP / 2n;
    const cursor = new DecimalCursor();
    cursor.set(base);
    cursor.stepIndex();
    expect(digitsOf(cursor)).toBe(`xx${(base + STEP).toString()}xx`);
    expect((base + STEP).toString().slice(0, 24)).toBe('491234570000000000000000');
  });

  it('should start at the number of any parts as set does from their BigInt, the cache of shared parts aside', () => {
    const seconds = fc.integer({ min: 1_300_000_000, max: 2_000_000_000 });
    const parts = fc.record({
      shardCreatedSeconds: fc.oneof(fc.constant(1_700_000_000), seconds),
      shardIndex: fc.oneof(fc.nat(40), fc.integer({ min: 0, max: 2147483647 })),
      // Small indexes take the number path, the rest the BigInt one; 2^25 is where they meet.
      sequenceIndex: fc.oneof(
        fc.bigInt({ min: 0n, max: 5000n }),
        fc.bigInt({ min: (1n << 25n) - 3n, max: (1n << 25n) + 3n }),
        fc.bigInt({ min: 0n, max: CLOSED_SEQUENCE_INDEX }),
      ),
      recordSeconds: fc.oneof(fc.constant(1_700_000_100), seconds),
    });
    fc.assert(
      fc.property(fc.array(parts, { minLength: 1, maxLength: 40 }), (all) => {
        // One cursor through many parts in a row, as a call's first writes to many shards go.
        const cursor = new DecimalCursor();
        const expected = new DecimalCursor();
        for (const p of all) {
          cursor.setParts(p);
          expected.set(sequenceValue(p));
          expect(digitsOf(cursor)).toBe(digitsOf(expected));
          cursor.stepIndex();
          expected.stepIndex();
          expect(digitsOf(cursor)).toBe(digitsOf(expected));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('should refuse a number outside the 56-digit layout rather than write wrong digits', () => {
    expect(() => new DecimalCursor().set(10n ** 56n)).toThrow(/56 digits/);
  });
});
