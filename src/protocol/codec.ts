/**
 * SDK values ↔ JSON 1.1 values. Inputs are converted by the engine's own type pass
 * (`checkTypes(..., {mode: 'wire'})`, which also words the SerializationExceptions); this module
 * does the way out: blobs become base64, timestamps epoch seconds (millisecond precision), and
 * absent members are omitted, never null.
 */
import { encodeBase64 as pureEncodeBase64, setOwn } from '../engine/index';

export type Base64Encoder = (bytes: Uint8Array) => string;
/** Decodes canonical base64; undefined for any other text (the engine then words the problem). */
export type Base64Decoder = (text: string) => Uint8Array | undefined;

/** Epoch seconds with millisecond precision, as the service writes timestamps. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

/**
 * An SDK-shaped value in wire form, ready for JSON.stringify: blobs as base64, timestamps as
 * epoch seconds, undefined and null members dropped. Copy on write: parts with nothing to convert
 * are returned as they are (JSON.stringify drops undefined members itself), so a PutRecords answer
 * of 500 plain entries costs a walk, not 500 copies.
 */
export function toWire(value: unknown, encode: Base64Encoder = pureEncodeBase64): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return encode(value);
  if (value instanceof Date) return epochSeconds(value);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const wire = toWire(item, encode);
      if (wire !== item && out === undefined) out = value.slice(0, i);
      if (out !== undefined) out.push(wire);
    }
    return out ?? value;
  }
  let out: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key in source) {
    const member = source[key];
    // null must go (JSON.stringify would write it); undefined goes by itself.
    const wire = member === null ? undefined : toWire(member, encode);
    if (wire !== member && out === undefined) {
      out = {};
      for (const earlier in source) {
        if (earlier === key) break;
        if (source[earlier] !== undefined) setOwn(out, earlier, source[earlier]);
      }
    }
    if (out !== undefined && wire !== undefined) setOwn(out, key, wire);
  }
  return out ?? value;
}
