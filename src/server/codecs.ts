/**
 * Node's Buffer codecs for the wire protocol: several times faster than the engine's portable
 * ones, and giving the same results (server.test.ts holds them to that).
 */
import type { ProtocolOptions } from '../protocol/index';

/**
 * One Buffer over each backing store the engine hands out record payloads from (its chunks), so
 * encoding a record is a slice-to-string with no Buffer object per record (the read path's hot
 * loop). Weak keys: a dropped chunk drops its Buffer.
 */
const wholeBuffers = new WeakMap<ArrayBufferLike, Buffer>();
function encodeBase64(bytes: Uint8Array): string {
  let whole = wholeBuffers.get(bytes.buffer);
  if (!whole) {
    whole = Buffer.from(bytes.buffer);
    wholeBuffers.set(bytes.buffer, whole);
  }
  return whole.toString('base64', bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

const SEXTETS = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries())
  SEXTETS[c.charCodeAt(0)] = i;

/**
 * Decodes canonical base64 in one native pass, or answers undefined (the engine then finds and
 * words the problem). Buffer skips characters outside the alphabet and stops at the first '=',
 * so any such character leaves the output shorter than the text's length promises; it does read
 * the URL-safe '-' and '_', which the service refuses, and ignores the unused low bits of the
 * last quantum, which must be zero.
 */
function decodeCanonicalBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || text.includes('-') || text.includes('_')) return undefined;
  const pads = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== (text.length / 4) * 3 - pads) return undefined;
  if (pads > 0 && (SEXTETS[text.charCodeAt(text.length - 1 - pads)]! & (pads === 1 ? 0b11 : 0b1111)) !== 0)
    return undefined;
  return bytes;
}

export const NODE_CODECS: ProtocolOptions = { decodeBase64: decodeCanonicalBase64, encodeBase64 };
