/**
 * Command inputs hold Uint8Array (Data) and Date (timestamps), which JSON cannot carry. Sessions
 * tag them explicitly: {"$bytes": base64} and {"$date": epoch ms}.
 */
import { decodeBase64, encodeBase64, setOwn } from '../engine';

export function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { $bytes: encodeBase64(value) };
  if (value instanceof Date) return { $date: value.getTime() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) setOwn(out, key, encodeValue(item));
    return out;
  }
  return value;
}

/** The reverse of encodeValue; throws on a malformed tag. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === '$bytes') {
      if (typeof record.$bytes !== 'string') throw new Error('a {"$bytes"} value must be a base64 string');
      return decodeBase64(record.$bytes);
    }
    if (keys.length === 1 && keys[0] === '$date') {
      if (typeof record.$date !== 'number' || !Number.isFinite(record.$date))
        throw new Error('a {"$date"} value must be epoch milliseconds');
      return new Date(record.$date);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) setOwn(out, key, decodeValue(item));
    return out;
  }
  return value;
}
