/**
 * The console edits requests in their wire form (JSON 1.1: base64 blobs, epoch-second
 * timestamps), which is what the raw JSON mode shows. These helpers move values between that
 * form and the SDK form the engine's call takes.
 */
import { checkTypes, encodeBase64, isKinesisError, type StructureShape } from '../../engine';
import { toWire } from '../../protocol';

export { toWire };

/** A request or answer as the wire shows it, indented. */
export const wireJson = (value: unknown, indent = 2): string => JSON.stringify(toWire(value), null, indent) ?? 'null';

/**
 * The value to hand to engine.call: the SDK form when the wire value has the right JSON types,
 * else the wire value itself, so the engine answers with the service's SerializationException.
 */
export function toSdk(shape: StructureShape, wire: unknown): unknown {
  try {
    return checkTypes(shape, wire, { mode: 'wire' });
  } catch (error) {
    if (isKinesisError(error)) return wire;
    throw error;
  }
}

const HEX = /^[0-9a-fA-F]*$/;

export type BlobEncoding = 'text' | 'hex' | 'base64';

export function bytesFromText(text: string, encoding: BlobEncoding): Uint8Array | string {
  switch (encoding) {
    case 'text':
      return new TextEncoder().encode(text);
    case 'hex': {
      const compact = text.replace(/\s+/g, '');
      if (!HEX.test(compact) || compact.length % 2 !== 0) return 'Hex needs pairs of digits 0-9 and a-f.';
      const out = new Uint8Array(compact.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(compact.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
    case 'base64':
      return 'base64';
  }
}

export function textFromBytes(bytes: Uint8Array, encoding: BlobEncoding): string {
  switch (encoding) {
    case 'text':
      return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    case 'hex':
      return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    case 'base64':
      return encodeBase64(bytes);
  }
}

/** True when the bytes are printable UTF-8 text (so the text editor shows them faithfully). */
export function isText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    // Control characters other than tab and newlines would not show in a text box.
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return false;
    }
    return true;
  } catch {
    return false;
  }
}
