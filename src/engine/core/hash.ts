import SparkMD5 from 'spark-md5';

/** 2^128: the size of the hash-key space. */
export const HASH_SPACE = 1n << 128n;
export const MAX_HASH_KEY = HASH_SPACE - 1n;

/**
 * The hash key md5Words wrote last: the key's MD5 read as a big-endian 128-bit number, in four
 * 32-bit words, the most significant first. One array serves every key (calls run one at a time).
 */
const words = new Uint32Array(4);

/** The parts of spark-md5's incremental hasher that `end()` uses before it formats hex. */
interface SparkState {
  reset(): unknown;
  appendBinary(binary: string): unknown;
  _buff: string;
  _hash: number[];
  _finish(tail: number[], length: number): void;
}
const spark = new SparkMD5() as unknown as SparkState;
/**
 * Whether this spark-md5 has the incremental state `end()` works on. It does (the lock file pins
 * it, and hash.test.ts checks that this path is the one taken and gives SparkMD5.hash's digits);
 * were it to change, partition keys would go through SparkMD5.hash's hex instead.
 */
export const SPARK_WORDS =
  typeof spark._finish === 'function' && Array.isArray(spark._hash) && typeof spark._buff === 'string';

const bswap = (x: number) => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;

/**
 * spark-md5's `end()` without its last step: every digest it returns is formatted as hex (32 small
 * strings a key), which cost the write path more than the hashing itself, and the write path then
 * read the hex back into numbers. Finishing the hasher here leaves its four state words as they
 * are; they are the digest's bytes in little-endian words.
 */
function sparkWords(binary: string): void {
  spark.reset();
  spark.appendBinary(binary);
  const buff = spark._buff;
  const tail = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < buff.length; i++) tail[i >> 2]! |= buff.charCodeAt(i) << ((i % 4) << 3);
  spark._finish(tail, buff.length);
  const state = spark._hash;
  for (let k = 0; k < 4; k++) words[k] = bswap(state[k]!);
}

function hexWords(hex: string): void {
  for (let k = 0; k < 4; k++) words[k] = parseInt(hex.slice(8 * k, 8 * k + 8), 16);
}

/**
 * The partition key's hash key as four big-endian 32-bit words (the array is reused: read it
 * before the next key). `ascii`: the key is all ASCII, so its characters are its UTF-8 bytes (the
 * write path knows this already).
 */
export function md5Words(partitionKey: string, ascii: boolean): Uint32Array {
  if (ascii && SPARK_WORDS) sparkWords(partitionKey);
  else hexWords(SparkMD5.hash(partitionKey));
  return words;
}

/** A character outside ASCII: a string without one is its own UTF-8 bytes. */
export const NON_ASCII = /[\u0080-\uffff]/;

/** MD5 of a partition key's UTF-8 bytes as a 32-digit hex string. */
export const md5Hex = (partitionKey: string): string => wordsHex(md5Words(partitionKey, !NON_ASCII.test(partitionKey)));

/** Hash-key words as 32 lowercase hex digits. */
export const wordsHex = (w: Uint32Array): string => Array.from(w, (x) => x.toString(16).padStart(8, '0')).join('');

/** The partition key's position in the 128-bit space (MD5 read as a big-endian unsigned integer). */
export const hashKeyOf = (partitionKey: string): bigint => BigInt(`0x${md5Hex(partitionKey)}`);

/** A hash key's position as a fraction of the space in [0, 1): enough precision to draw it. */
export const hashFraction = (hashKey: bigint): number => Number(hashKey >> 75n) / 2 ** 53;

/** The fraction of the space of a key given as words (md5Words), from its top 52 bits. */
export const wordsFraction = (w: Uint32Array): number => (w[0]! * 2 ** 20 + (w[1]! >>> 12)) / 2 ** 52;

const nibble = (c: number) => (c <= 57 ? c - 48 : c - 87); // '0'-'9', 'a'-'f'

/** The top 32 bits of a 32-digit lowercase hex hash key, without BigInt: routing compares them. */
export function hexTop32(hex: string): number {
  let value = 0;
  for (let i = 0; i < 8; i++) value = (value << 4) | nibble(hex.charCodeAt(i));
  return value >>> 0;
}
