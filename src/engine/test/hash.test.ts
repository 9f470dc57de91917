import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import SparkMD5 from 'spark-md5';
import {
  NON_ASCII,
  SPARK_WORDS,
  hashFraction,
  hashKeyOf,
  md5Hex,
  md5Words,
  wordsFraction,
  wordsHex,
} from '../core/hash';

/** Keys of every kind: ASCII of any length (past spark-md5's 64-byte blocks), and any Unicode. */
const anyKey = fc.oneof(
  fc.string({ maxLength: 256 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const isAscii = (key: string) => !NON_ASCII.test(key);

describe('hash', () => {
  it('should read a partition key as the big-endian 128-bit value of its MD5', () => {
    expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(hashKeyOf('a')).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
  });

  it("should finish spark-md5's hasher itself, without its hex (the write path's MD5)", () => {
    // The lock file pins spark-md5; if an upgrade moved its internals, this says so.
    expect(SPARK_WORDS).toBe(true);
  });

  it("should give every key SparkMD5.hash's digits as words, ASCII or not, and the fraction its value gives", () => {
    fc.assert(
      fc.property(anyKey, (key) => {
        const expected = SparkMD5.hash(key);
        const words = md5Words(key, isAscii(key));
        expect(wordsHex(words)).toBe(expected);
        const fraction = wordsFraction(words);
        expect(Math.abs(fraction - hashFraction(hashKeyOf(key)))).toBeLessThan(2 ** -51);
        expect(fraction).toBeGreaterThanOrEqual(0);
        expect(fraction).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
    // A key exactly one and more blocks long, and the empty key.
    for (const key of ['', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64), 'x'.repeat(200)]) {
      expect(wordsHex(md5Words(key, true))).toBe(SparkMD5.hash(key));
    }
  });
});
