/**
 * A compact binary form of an engine call's input, for journal entries: a byte naming the kind of
 * each value, then the value. Blobs (record payloads) go in as their bytes, with no base64 and no
 * JSON text around them, which makes writing a 500-record PutRecords a few times cheaper than as
 * tagged JSON, and reading it back as cheap.
 *
 *   0 null   1 false   2 true   3 number (float64)   4 string (u32 byte length, UTF-8)
 *   5 blob (u32 length, bytes)   6 Date (float64 epoch ms)   7 array (u32 count, values)
 *   8 object (u32 count, then each member as a string key and a value)
 *
 * All integers are little-endian. An undefined member is left out, as JSON would. The reader
 * checks every length against the bytes left and bounds nesting, so damaged or hostile bytes give
 * an Error saying what is wrong, never a hang or a stack overflow.
 */
import { setOwn } from '../../engine/index';

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const NUMBER = 3;
const STRING = 4;
const BLOB = 5;
const DATE = 6;
const ARRAY = 7;
const OBJECT = 8;

/** Deeper than any engine input (a PutRecords entry is three levels); bounds the reader's recursion. */
export const MAX_DEPTH = 32;
/** Strings shorter than this are checked for ASCII and copied by hand: cheaper than a native call. */
const SHORT_STRING = 48;

/** A growing buffer with a cursor; `bytes()` is a view of what was written. */
export class BinaryWriter {
  private buffer: Buffer;
  private at: number;

  /** `reserve` bytes at the start are left for the caller (a frame header). */
  constructor(initialBytes = 4096, reserve = 0) {
    this.buffer = Buffer.allocUnsafe(Math.max(initialBytes, reserve + 64));
    this.buffer.fill(0, 0, reserve);
    this.at = reserve;
  }

  /** The bytes written so far, reserved ones included (a view, not a copy). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.at);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  byte(value: number): void {
    this.room(1);
    this.buffer[this.at++] = value;
  }

  uint32(value: number): void {
    this.room(4);
    this.buffer.writeUInt32LE(value, this.at);
    this.at += 4;
  }

  float64(value: number): void {
    this.room(8);
    this.buffer.writeDoubleLE(value, this.at);
    this.at += 8;
  }

  string(text: string): void {
    const length = text.length;
    this.room(4 + length * 3);
    const buffer = this.buffer;
    const start = this.at + 4;
    if (length < SHORT_STRING) {
      let i = 0;
      for (; i < length; i++) {
        const code = text.charCodeAt(i);
        if (code > 0x7f) break;
        buffer[start + i] = code;
      }
      if (i === length) {
        buffer.writeUInt32LE(length, this.at);
        this.at = start + length;
        return;
      }
    }
    const written = buffer.write(text, start, 'utf8');
    buffer.writeUInt32LE(written, this.at);
    this.at = start + written;
  }

  blob(bytes: Uint8Array): void {
    this.room(4 + bytes.length);
    this.buffer.writeUInt32LE(bytes.length, this.at);
    this.buffer.set(bytes, this.at + 4);
    this.at += 4 + bytes.length;
  }

  /** Any JSON-like value with blobs and Dates; throws TypeError for anything else (a function, a bigint). */
  value(value: unknown): void {
    if (value === null) return this.byte(NULL);
    switch (typeof value) {
      case 'boolean':
        return this.byte(value ? TRUE : FALSE);
      case 'number':
        this.byte(NUMBER);
        return this.float64(value);
      case 'string':
        this.byte(STRING);
        return this.string(value);
      case 'object':
        break;
      default:
        throw new TypeError(`a journal entry cannot hold a ${typeof value}`);
    }
    if (value instanceof Uint8Array) {
      this.byte(BLOB);
      return this.blob(value);
    }
    if (value instanceof Date) {
      this.byte(DATE);
      return this.float64(value.getTime());
    }
    if (Array.isArray(value)) {
      this.byte(ARRAY);
      this.uint32(value.length);
      for (const item of value) this.value(item === undefined ? null : item);
      return;
    }
    this.byte(OBJECT);
    const countAt = this.at;
    this.uint32(0);
    let count = 0;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      this.string(key);
      this.value(item);
      count++;
    }
    this.buffer.writeUInt32LE(count, countAt);
  }
}

/** Reads what BinaryWriter wrote; every read is bounds-checked. */
export class BinaryReader {
  private at: number;

  constructor(
    private readonly bytes: Buffer,
    start = 0,
  ) {
    this.at = start;
  }

  /** Whether every byte has been read. */
  get done(): boolean {
    return this.at === this.bytes.length;
  }

  private need(count: number, what: string): void {
    if (count > this.bytes.length - this.at) throw new Error(`${what} runs past the end of the entry`);
  }

  byte(): number {
    this.need(1, 'a value');
    return this.bytes[this.at++]!;
  }

  uint32(what: string): number {
    this.need(4, what);
    const value = this.bytes.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  float64(what: string): number {
    this.need(8, what);
    const value = this.bytes.readDoubleLE(this.at);
    this.at += 8;
    return value;
  }

  string(): string {
    const length = this.uint32('a string');
    this.need(length, 'a string');
    const text = this.bytes.toString('utf8', this.at, this.at + length);
    this.at += length;
    return text;
  }

  /**
   * A view into the entry's bytes, not a copy: the engine copies a payload into its own storage,
   * and nothing else an input carries is a blob.
   */
  blob(): Uint8Array {
    const length = this.uint32('a blob');
    this.need(length, 'a blob');
    const bytes = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return bytes;
  }

  value(depth = 0): unknown {
    if (depth > MAX_DEPTH) throw new Error(`values are nested deeper than ${MAX_DEPTH} levels`);
    const kind = this.byte();
    switch (kind) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case NUMBER:
        return this.float64('a number');
      case STRING:
        return this.string();
      case BLOB:
        return this.blob();
      case DATE: {
        const time = this.float64('a date');
        if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) throw new Error('a date is out of range');
        return new Date(time);
      }
      case ARRAY: {
        const count = this.uint32('an array');
        // Each item takes at least one byte: a count beyond the bytes left is damage.
        this.need(count, 'an array');
        const items: unknown[] = new Array<unknown>(count);
        for (let i = 0; i < count; i++) items[i] = this.value(depth + 1);
        return items;
      }
      case OBJECT: {
        const count = this.uint32('an object');
        this.need(count * 5, 'an object');
        const record: Record<string, unknown> = {};
        for (let i = 0; i < count; i++) setOwn(record, this.string(), this.value(depth + 1));
        return record;
      }
      default:
        throw new Error(`unknown value kind ${kind}`);
    }
  }
}
