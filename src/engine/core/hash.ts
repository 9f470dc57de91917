import SparkMD5 from 'spark-md5';

/** 2^128: the size of the hash-key space. */
export const HASH_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_SPACE - 1n;

/** MD5 of a string's UTF-8 bytes as 32 lowercase hex digits. */
export type Md5Hex = (text: string) => string;

const sparkMd5: Md5Hex = (text) => SparkMD5.hash(text);
/**
 * An ASCII string's characters are its UTF-8 bytes, so spark-md5 can hash it as a binary string
 * and skip its own test for other characters: the write path knows which keys are ASCII already.
 */
const sparkMd5OfAscii: Md5Hex = (text) => SparkMD5.hashBinary(text);
let implementation: Md5Hex = sparkMd5;
let implementationOfAscii: Md5Hex = sparkMd5OfAscii;

/**
 * Lets a host with a native MD5 (Node's `crypto.hash`, about twice as fast as spark-md5) supply
 * it: the local endpoint does. Every MD5 gives the same digits, so engines stay deterministic and
 * interchangeable; the portable spark-md5 stays the default (browsers, tests, benchmarks).
 */
export function setMd5(md5: Md5Hex | undefined): void {
  implementation = md5 ?? sparkMd5;
  implementationOfAscii = md5 ?? sparkMd5OfAscii;
}

/** MD5 of a partition key's UTF-8 bytes as a 32-digit hex string. */
export const md5Hex = (partitionKey: string): string => implementation(partitionKey);

/** md5Hex of a partition key known to be all ASCII (same digits, less work). */
export const md5HexOfAscii = (partitionKey: string): string => implementationOfAscii(partitionKey);

/** The partition key's position in the 128-bit space (MD5 read as a big-endian unsigned integer). */
export const hashKeyOf = (partitionKey: string): bigint => BigInt(`0x${md5Hex(partitionKey)}`);

/** A hash key's position as a fraction of the space in [0, 1): enough precision to draw it. */
export const hashFraction = (hashKey: bigint): number => Number(hashKey >> 75n) / 2 ** 53;

const nibble = (c: number) => (c <= 57 ? c - 48 : c - 87); // '0'-'9', 'a'-'f'

/** The top 32 bits of a 32-digit lowercase hex hash key, without BigInt: the write path routes on them. */
export function hexTop32(hex: string): number {
  let value = 0;
  for (let i = 0; i < 8; i++) value = (value << 4) | nibble(hex.charCodeAt(i));
  return value >>> 0;
}

/** The key's fraction of the space from its top 52 bits (given its top 32, already read), for drawing. */
export function hexFraction(hex: string, top32 = hexTop32(hex)): number {
  let low = 0;
  for (let i = 8; i < 13; i++) low = (low << 4) | nibble(hex.charCodeAt(i));
  return (top32 * 2 ** 20 + low) / 2 ** 52;
}
