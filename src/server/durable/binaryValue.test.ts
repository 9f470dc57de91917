// The journal's binary value form: what goes in comes out, and damaged bytes are refused cleanly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinaryReader, BinaryWriter, MAX_DEPTH } from './binaryValue';

/** Values an engine input is made of: JSON values, blobs and Dates. */
const inputValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ unit: 'binary' }),
    fc.uint8Array({ maxLength: 64 }),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 12 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const encode = (value: unknown) => {
  const writer = new BinaryWriter(16);
  writer.value(value);
  return Buffer.from(writer.bytes());
};

const decode = (bytes: Buffer) => {
  const reader = new BinaryReader(bytes);
  const value = reader.value();
  if (!reader.done) throw new Error('bytes left over');
  return value;
};

/** Blobs come back as Uint8Array views; compare them as plain arrays of bytes. */
const plain = (value: unknown): unknown => {
  if (value instanceof Uint8Array) return { blob: [...value] };
  if (value instanceof Date) return { date: value.getTime() };
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
};

describe('binaryValue', () => {
  it('should give back every value it wrote, blobs, dates, unicode and odd keys included', () => {
    fc.assert(
      fc.property(inputValue, (value) => {
        expect(plain(decode(encode(value)))).toEqual(plain(value));
      }),
    );
  });

  it('should keep a "__proto__" key as an own member, not a prototype', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    const back = decode(encode(value)) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
  });

  it('should leave undefined members out, as JSON does', () => {
    expect(decode(encode({ a: undefined, b: 1 }))).toEqual({ b: 1 });
  });

  it('should refuse a value it cannot hold', () => {
    expect(() => encode({ n: 1n })).toThrow('a journal entry cannot hold a bigint');
  });

  it('should answer a clear Error, never hang or overflow, for any damage to the bytes', () => {
    fc.assert(
      fc.property(inputValue, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (value, at, flip, cut) => {
        const bytes = encode(value);
        const damaged = cut ? bytes.subarray(0, at % bytes.length) : Buffer.from(bytes);
        if (!cut) damaged[at % damaged.length] = damaged[at % damaged.length]! ^ flip;
        try {
          decode(damaged);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('should refuse a huge count in a few bytes without allocating for it', () => {
    const bytes = Buffer.from([7, 0xff, 0xff, 0xff, 0xff]);
    expect(() => decode(bytes)).toThrow('an array runs past the end of the entry');
  });

  it(`should refuse values nested deeper than ${MAX_DEPTH} levels`, () => {
    const deep = Buffer.concat([
      Buffer.from(Array.from({ length: MAX_DEPTH + 2 }, () => [7, 1, 0, 0, 0]).flat()),
      Buffer.from([0]),
    ]);
    expect(() => decode(deep)).toThrow(`nested deeper than ${MAX_DEPTH} levels`);
  });
});
