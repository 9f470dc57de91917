/**
 * Values JSON cannot carry, tagged the way the page's session files write them: {"$bytes": base64}
 * for a blob, {"$date": epoch ms} for a timestamp, {"$object": {...}} around an object whose only
 * key starts with "$", and (in hand-written lessons) {"$text": "hello"} for a blob of UTF-8 text.
 * The endpoint writes its journal in the same form and reads session files exported by the page,
 * with the same checks: an object with a single `$` key must be one of these tags.
 */
import { base64Problem } from '../../engine/index';

const MAX_DATE = 8.64e15;

/** An SDK value (Uint8Array blobs, Date timestamps) as tagged JSON; undefined members dropped. */
export function encodeTagged(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(encodeTagged);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    let keys = 0;
    let tagLike = false;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      Object.defineProperty(out, key, {
        value: encodeTagged(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      keys++;
      tagLike = key.startsWith('$');
    }
    return keys === 1 && tagLike ? { $object: out } : out;
  }
  return value;
}

function decodeFields(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record))
    Object.defineProperty(out, key, {
      value: decodeTagged(record[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** The SDK value of tagged JSON; throws Error with a clear message for a malformed tag. */
export function decodeTagged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTagged);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const item = record[tag];
    switch (tag) {
      case '$text':
        if (typeof item !== 'string') throw new Error('a {"$text"} value must be text');
        return new Uint8Array(Buffer.from(item, 'utf8'));
      case '$bytes':
        if (typeof item !== 'string' || base64Problem(item) !== undefined)
          throw new Error('a {"$bytes"} value must be base64 text');
        return new Uint8Array(Buffer.from(item, 'base64'));
      case '$object':
        if (item === null || typeof item !== 'object' || Array.isArray(item))
          throw new Error('a {"$object"} value must be an object');
        return decodeFields(item as Record<string, unknown>);
      case '$date':
        if (typeof item !== 'number' || !Number.isFinite(item) || Math.abs(item) > MAX_DATE)
          throw new Error('a {"$date"} value must be epoch milliseconds');
        return new Date(item);
      default:
        throw new Error(`unknown tag "${tag.slice(0, 32)}" (use $text, $bytes, $date or $object)`);
    }
  }
  return decodeFields(record);
}
