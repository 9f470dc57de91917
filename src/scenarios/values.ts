/**
 * Values JSON cannot carry, tagged: {"$text": "hello"} (UTF-8 bytes, readable in a lesson),
 * {"$bytes": base64} and {"$date": epoch ms}, the same tags sessions use.
 */
import { base64Problem, decodeBase64, setOwn } from '../engine';

const encoder = new TextEncoder();

export function decodeInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeInput);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const tag = keys[0]!;
    const item = record[tag];
    if (tag === '$text') {
      if (typeof item !== 'string') throw new Error('a {"$text"} value must be text');
      return encoder.encode(item);
    }
    if (tag === '$bytes') {
      if (typeof item !== 'string' || base64Problem(item) !== undefined)
        throw new Error('a {"$bytes"} value must be base64 text');
      return decodeBase64(item);
    }
    if (tag === '$date') {
      if (typeof item !== 'number' || !Number.isFinite(item))
        throw new Error('a {"$date"} value must be epoch milliseconds');
      return new Date(item);
    }
    throw new Error(`unknown tag "${tag}" (use $text, $bytes or $date)`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) setOwn(out, key, decodeInput(item));
  return out;
}
