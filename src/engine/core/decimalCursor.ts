import { sequenceValue, type SequenceParts } from './sequence';

/**
 * Every sequence number this engine issues has 56 decimal digits: its hex form has 47 nibbles
 * and starts with 2, so it lies in [2·16^46, 3·16^46), from 4.9·10^55 to 7.4·10^55. That is
 * seven limbs of eight digits, or 14 words of four ASCII digits.
 */
export const SEQUENCE_DIGITS = 56;
export const SEQUENCE_WORDS = SEQUENCE_DIGITS / 4;

const LIMB = 100_000_000;
/** 2^80, one step of the sequence index field, in base-10^8 limbs (lowest first). */
const STEP0 = 74_706_176;
const STEP1 = 96_146_291;
const STEP2 = 20_892_581;
const STEP3 = 1;
/** 2^36, one step of the record-seconds field, in limbs (lowest first). */
const SECOND0 = 19_476_736;
const SECOND1 = 687;
/** stepSeconds takes fewer seconds than this: every product then stays an exact integer. */
export const MAX_SECONDS_STEP = 2 ** 25;

/**
 * The four ASCII digits of 0 to 9999 as one 32-bit word each, laid out so that storing the word
 * puts the digits in reading order whatever the platform's byte order.
 */
const QUADS = new Uint32Array(10_000);
{
  const bytes = new Uint8Array(QUADS.buffer);
  for (let n = 0; n < 10_000; n++) {
    const text = String(n).padStart(4, '0');
    for (let i = 0; i < 4; i++) bytes[4 * n + i] = text.charCodeAt(i);
  }
}

const ascii = new TextDecoder();

/**
 * setParts' cache of the limbs of sequenceValue with sequence index 0, by the low nibble of the
 * shard index (the shard index itself is then added): shards made in the same second share it,
 * and so do a call's records, which share their second. -1: empty.
 */
const BASES = 16;
const baseCreated = new Float64Array(BASES).fill(-1);
const baseSecond = new Float64Array(BASES).fill(-1);
const baseLimbs = new Float64Array(BASES * 7);
/** setParts adds sequence indexes below this one with numbers (every product stays exact), larger ones with a BigInt. */
const SMALL_INDEX = 1n << 25n;

/** The numbers in slots [from, to) of a column of words, end to end as one string (slice it). */
export function slotsText(words: Uint32Array, from: number, to: number): string {
  return ascii.decode(
    new Uint8Array(words.buffer, words.byteOffset + from * SEQUENCE_DIGITS, (to - from) * SEQUENCE_DIGITS),
  );
}

/** A limb (below 10^8) as its 8 digits: the first four as one word, the last four as another. */
const highQuad = (limb: number) => QUADS[((limb | 0) / 10_000) | 0]!; // int32 division: a multiplication
const lowQuad = (limb: number) => QUADS[(limb | 0) % 10_000]!;

/**
 * A 56-digit sequence number that steps by 2^80 (the next index, same shard and second) and
 * writes its digits, without BigInt: the write path numbers every record, and BigInt arithmetic
 * with its decimal conversion cost more than the rest of a record's bookkeeping. A step changes
 * the low four limbs (32 digits); the top three (24 digits) change only when it carries into them.
 * A shard's log is a cursor (RecordLog extends it), so its fields are few: seven limbs.
 */
export class DecimalCursor {
  // Every limb is stored `| 0`: a limb (below 10^8) is then a small integer held in the object.
  // Stored as a double once, a field holds a pointer to a number of its own, and with 10,000
  // shards fetching a cursor's seven numbers cost a tenth of the write path.
  private limb0 = 0;
  private limb1 = 0;
  private limb2 = 0;
  private limb3 = 0;
  /** Limbs 4 to 6, lowest first. Fields, not an array: a cursor is one object to fetch. */
  private high0 = 0;
  private high1 = 0;
  private high2 = 0;

  /** Starts at `value`, a number of the sequence layout. */
  set(value: bigint): void {
    const text = value.toString();
    if (text.length !== SEQUENCE_DIGITS) {
      throw new Error(
        `A sequence number must have ${SEQUENCE_DIGITS} digits; ${text} has ${text.length} (is the clock past the year 4000?)`,
      );
    }
    const limb = (k: number) => Number(text.slice(SEQUENCE_DIGITS - 8 * (k + 1), SEQUENCE_DIGITS - 8 * k));
    this.limb0 = limb(0) | 0;
    this.limb1 = limb(1) | 0;
    this.limb2 = limb(2) | 0;
    this.limb3 = limb(3) | 0;
    this.high0 = limb(4) | 0;
    this.high1 = limb(5) | 0;
    this.high2 = limb(6) | 0;
  }

  /**
   * Starts at the number of these parts: what `set(sequenceValue(parts))` does, without its
   * BigInt and decimal conversion for a sequence index below 2^25 (a shard's first write costs
   * one, and a PutRecords call spread over 10,000 shards makes one per shard). The number is
   * the sum of its fields: the cached limbs of a shard of the same creation second, nibble and
   * record second, plus (shard index − nibble) · 16 and sequence index · 2^80.
   */
  setParts(parts: SequenceParts): void {
    const { shardCreatedSeconds: created, shardIndex, sequenceIndex, recordSeconds: second } = parts;
    if (sequenceIndex >= SMALL_INDEX) return this.set(sequenceValue(parts));
    const nibble = shardIndex & 0xf;
    const at = nibble * 7;
    if (baseCreated[nibble] !== created || baseSecond[nibble] !== second) {
      this.set(
        sequenceValue({ shardCreatedSeconds: created, shardIndex: nibble, sequenceIndex: 0n, recordSeconds: second }),
      );
      baseLimbs.set([this.limb0, this.limb1, this.limb2, this.limb3, this.high0, this.high1, this.high2], at);
      baseCreated[nibble] = created;
      baseSecond[nibble] = second;
    }
    const index = Number(sequenceIndex);
    const low = (shardIndex - nibble) * 16; // below 2^35: exact
    const lowCarry = Math.floor(low / LIMB);
    let sum = baseLimbs[at]! + (low - lowCarry * LIMB) + index * STEP0;
    let carry = Math.floor(sum / LIMB);
    this.limb0 = (sum - carry * LIMB) | 0;
    sum = baseLimbs[at + 1]! + lowCarry + index * STEP1 + carry;
    carry = Math.floor(sum / LIMB);
    this.limb1 = (sum - carry * LIMB) | 0;
    sum = baseLimbs[at + 2]! + index * STEP2 + carry;
    carry = Math.floor(sum / LIMB);
    this.limb2 = (sum - carry * LIMB) | 0;
    sum = baseLimbs[at + 3]! + index * STEP3 + carry;
    carry = Math.floor(sum / LIMB);
    this.limb3 = (sum - carry * LIMB) | 0;
    sum = baseLimbs[at + 4]! + carry;
    carry = Math.floor(sum / LIMB);
    this.high0 = (sum - carry * LIMB) | 0;
    sum = baseLimbs[at + 5]! + carry;
    carry = Math.floor(sum / LIMB);
    this.high1 = (sum - carry * LIMB) | 0;
    this.high2 = (baseLimbs[at + 6]! + carry) | 0;
    // Past 56 digits: set says why it cannot.
    if (this.high2 >= LIMB) this.set(sequenceValue(parts));
  }

  /** The cursor's lowest limb (its fields are the first of an object that extends it). */
  protected get lowLimb(): number {
    return this.limb0;
  }

  /** Adds 2^80: the next sequence index. */
  stepIndex(): void {
    let sum = this.limb0 + STEP0;
    let carry = sum >= LIMB ? 1 : 0;
    this.limb0 = (sum - carry * LIMB) | 0;
    sum = this.limb1 + STEP1 + carry;
    carry = sum >= LIMB ? 1 : 0;
    this.limb1 = (sum - carry * LIMB) | 0;
    sum = this.limb2 + STEP2 + carry;
    carry = sum >= LIMB ? 1 : 0;
    this.limb2 = (sum - carry * LIMB) | 0;
    sum = this.limb3 + STEP3 + carry;
    carry = sum >= LIMB ? 1 : 0;
    this.limb3 = (sum - carry * LIMB) | 0;
    if (carry) this.carryIntoHigh();
  }

  /**
   * Adds seconds · 2^36 (0 ≤ seconds < MAX_SECONDS_STEP): the same index, that many seconds
   * later. A read whose records span seconds goes on this way instead of starting over from a
   * BigInt at each new second.
   */
  stepSeconds(seconds: number): void {
    let sum = this.limb0 + seconds * SECOND0;
    let carry = Math.floor(sum / LIMB);
    this.limb0 = (sum - carry * LIMB) | 0;
    sum = this.limb1 + seconds * SECOND1 + carry;
    carry = Math.floor(sum / LIMB);
    this.limb1 = (sum - carry * LIMB) | 0;
    sum = this.limb2 + carry;
    carry = sum >= LIMB ? 1 : 0;
    this.limb2 = (sum - carry * LIMB) | 0;
    sum = this.limb3 + carry;
    carry = sum >= LIMB ? 1 : 0;
    this.limb3 = (sum - carry * LIMB) | 0;
    if (carry) this.carryIntoHigh();
  }

  private carryIntoHigh(): void {
    this.high0 += 1;
    if (this.high0 >= LIMB) {
      this.high0 = 0;
      this.high1 += 1;
      if (this.high1 >= LIMB) {
        this.high1 = 0;
        this.high2 += 1;
      }
    }
  }

  /** Writes the 56 digits as number `slot` of a column of words (words [14·slot, 14·slot + 14)). */
  write(out: Uint32Array, slot: number): void {
    const { limb0, limb1, limb2, limb3, high0, high1, high2 } = this;
    const at = slot * SEQUENCE_WORDS;
    out[at] = highQuad(high2);
    out[at + 1] = lowQuad(high2);
    out[at + 2] = highQuad(high1);
    out[at + 3] = lowQuad(high1);
    out[at + 4] = highQuad(high0);
    out[at + 5] = lowQuad(high0);
    out[at + 6] = highQuad(limb3);
    out[at + 7] = lowQuad(limb3);
    out[at + 8] = highQuad(limb2);
    out[at + 9] = lowQuad(limb2);
    out[at + 10] = highQuad(limb1);
    out[at + 11] = lowQuad(limb1);
    out[at + 12] = highQuad(limb0);
    out[at + 13] = lowQuad(limb0);
  }
}
