// A small, pure base64 codec: the engine runs in browsers and in Node without Buffer.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Why a string is not canonical base64, in the Java service's words, or undefined if it is. */
export function base64Problem(text: string): string | undefined {
  if (text.length % 4 !== 0) {
    return `Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`;
  }
  const bad = /[^a-zA-Z0-9+/=]|=[^=]/.exec(text);
  if (bad) return `Invalid Base64 character: '${bad[0][0]}'`;
  // Canonical means the bits the last quantum leaves unused are zero: checking that one character
  // gives the same verdict as a decode/encode round trip, without one (this runs on every record).
  let pads = 0;
  while (pads < text.length && text.charCodeAt(text.length - 1 - pads) === 61) pads++;
  if (pads === 0) return undefined;
  const last = pads <= 2 ? (lookup[text.charCodeAt(text.length - 1 - pads)] ?? -1) : -1;
  if (last < 0 || (last & (pads === 1 ? 0b11 : 0b1111)) !== 0) return 'Invalid last non-pad Base64 character dectected';
  return undefined;
}

/** Decodes base64 that `base64Problem` accepted. */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    buffer = (buffer << 6) | (lookup[text.charCodeAt(i)] ?? 0);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
