/**
 * SDK values ↔ JSON 1.1 values. Inputs are converted by the engine's own type pass
 * (`checkTypes(..., {mode: 'wire'})`, which also words the SerializationExceptions); this module
 * does the way out: blobs become base64, timestamps epoch seconds (millisecond precision), and
 * absent members are omitted, never null.
 */
import { encodeBase64 as pureEncodeBase64 } from '../engine/index';

export type Base64Encoder = (bytes: Uint8Array) => string;
export type Base64Decoder = (text: string) => Uint8Array;

/** Epoch seconds with millisecond precision, as the service writes timestamps. */
export const epochSeconds = (date: Date): number => date.getTime() / 1000;

/**
 * A copy of an SDK-shaped value in wire form, ready for JSON.stringify. Members whose value is
 * undefined or null are dropped.
 */
export function toWire(value: unknown, encode: Base64Encoder = pureEncodeBase64): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return encode(value);
  if (value instanceof Date) return epochSeconds(value);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toWire(value[i], encode);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || member === null) continue;
    out[key] = toWire(member, encode);
  }
  return out;
}
