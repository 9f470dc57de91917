/**
 * Values JSON cannot carry, tagged, as session files and scenario files write them:
 * {"$bytes": base64} for a blob, {"$date": epoch ms} for a timestamp, and (written by hand in a
 * lesson, read only) {"$text": "hello"} for a blob of UTF-8 text, and {"$object": {...}} for an
 * object whose only key starts with "$". One reader for both kinds of
 * file: an object with a single `$` key must be one of these tags, or it is refused.
 */
import { base64Problem, decodeBase64, encodeBase64, setOwn } from '../engine/index';

/** How blobs turn into base64 and back: the engine's own by default, Node's Buffer in the endpoint. */
export interface TaggedCodecs {
  encodeBase64(bytes: Uint8Array): string;
  decodeBase64(text: string): Uint8Array;
}

const PURE: TaggedCodecs = { encodeBase64, decodeBase64 };

const encoder = new TextEncoder();

/** An SDK value (Uint8Array blobs, Date timestamps) as tagged JSON; undefined members dropped. */
export function encodeTagged(value: unknown, codecs: TaggedCodecs = PURE): unknown {
  if (value instanceof Uint8Array) return { $bytes: codecs.encodeBase64(value) };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map((item) => encodeTagged(item, codecs));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      if (item !== undefined) setOwn(out, key, encodeTagged(item, codecs));
    // An object whose one key looks like a tag (a stream tag named "$env") is wrapped, so it
    // comes back as an object.
    const keys = Object.keys(out);
    return keys.length === 1 && keys[0]!.startsWith('$') ? { $object: out } : out;
  }
  return value;
}

function decodeFields(record: Record<string, unknown>, codecs: TaggedCodecs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) setOwn(out, key, decodeTagged(item, codecs));
  return out;
}

/** The SDK value of tagged JSON; throws Error with a clear message for a malformed tag. */
export function decodeTagged(value: unknown, codecs: TaggedCodecs = PURE): unknown {
  if (Array.isArray(value)) return value.map((item) => decodeTagged(item, codecs));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const item = record[tag];
    switch (tag) {
      case '$text':
        if (typeof item !== 'string') throw new Error('a {"$text"} value must be text');
        return encoder.encode(item);
      case '$bytes':
        if (typeof item !== 'string' || base64Problem(item) !== undefined)
          throw new Error('a {"$bytes"} value must be base64 text');
        return codecs.decodeBase64(item);
      case '$object':
        if (item === null || typeof item !== 'object' || Array.isArray(item))
          throw new Error('a {"$object"} value must be an object');
        return decodeFields(item as Record<string, unknown>, codecs);
      case '$date':
        // Within what a Date can show (±8.64e15 ms).
        if (typeof item !== 'number' || !Number.isFinite(item) || Math.abs(item) > 8.64e15)
          throw new Error('a {"$date"} value must be epoch milliseconds');
        return new Date(item);
      default:
        throw new Error(`unknown tag "${tag.slice(0, 32)}" (use $text, $bytes, $date or $object)`);
    }
  }
  return decodeFields(record, codecs);
}
