import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import SparkMD5 from 'spark-md5';
import { hashFraction, hashKeyOf, hexFraction, hexTop32, md5Hex, setMd5 } from './hash';

describe('hash', () => {
  it('should read a partition key as the big-endian 128-bit value of its MD5', () => {
    expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(hashKeyOf('a')).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
  });

  it('should read the top 32 bits of a key from its hex, and place it at the fraction its 128-bit value gives', () => {
    fc.assert(
      fc.property(fc.string(), (key) => {
        const top = hexTop32(md5Hex(key));
        expect(top).toBe(Number(hashKeyOf(key) >> 96n));
        const fromHex = hexFraction(md5Hex(key), top);
        expect(Math.abs(fromHex - hashFraction(hashKeyOf(key)))).toBeLessThan(2 ** -51);
        expect(fromHex).toBeGreaterThanOrEqual(0);
        expect(fromHex).toBeLessThan(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('setMd5', () => {
  it('should route partition keys through a host MD5 that gives the same digits, and back', () => {
    const seen: string[] = [];
    setMd5((text) => {
      seen.push(text);
      return SparkMD5.hash(text);
    });
    try {
      expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
      expect(seen).toEqual(['a']);
    } finally {
      setMd5(undefined);
    }
    expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(seen).toEqual(['a']);
  });
});
