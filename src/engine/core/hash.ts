import SparkMD5 from 'spark-md5';

/** 2^128: the size of the hash-key space. */
export const HASH_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_SPACE - 1n;

/** MD5 of a partition key's UTF-8 bytes as a 32-digit hex string. */
export const md5Hex = (partitionKey: string): string => SparkMD5.hash(partitionKey);

/** The partition key's position in the 128-bit space (MD5 read as a big-endian unsigned integer). */
export const hashKeyOf = (partitionKey: string): bigint => BigInt(`0x${md5Hex(partitionKey)}`);

/** A hash key's position as a fraction of the space in [0, 1): enough precision to draw it. */
export const hashFraction = (hashKey: bigint): number => Number(hashKey >> 75n) / 2 ** 53;

/** The same fraction straight from MD5 hex (its top 52 bits), without BigInt, for the write path. */
export function hexFraction(hex: string): number {
  let value = 0;
  for (let i = 0; i < 13; i++) {
    const c = hex.charCodeAt(i);
    value = value * 16 + (c <= 57 ? c - 48 : c - 87); // '0'-'9', 'a'-'f'
  }
  return value / 2 ** 52;
}
