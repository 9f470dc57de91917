/**
 * Share links: the session (settings, seed, start time, journal, virtual time reached) as one
 * URL-safe token, `<format>.<payload>.<check>`: format 1 is the session file JSON, zlib
 * compressed (fflate), base64url; check is an FNV-1a hash of the payload, so a link cut short or
 * edited by hand is refused with a clear message instead of loading something else.
 * Opening a token never throws and never touches the current session: the caller decides.
 */
import { Unzlib, strFromU8, strToU8, zlibSync } from 'fflate';
import { parseSession, serializeSession, type ParseResult, type Session } from './session';

/** The link format this app writes. */
export const LINK_FORMAT = 1;
/** Formats this app still opens (all of them so far). */
export const READABLE_FORMATS: readonly number[] = [1];
/** The URL fragment parameter that carries a session: …/#session=<token>. */
export const LINK_PARAM = 'session';
/**
 * The most a link may hold, compressed and inflated. A journal makes links of a few KB; the
 * first format's links held every call and reached a few MB. A link past these is refused
 * before it costs memory (a small link can inflate a thousandfold).
 */
export const MAX_TOKEN_CHARS = 8 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

class TooLarge extends Error {}

/** Inflates zlib data, refusing to go past `limit` bytes of output. */
export function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  const inflater = new Unzlib((chunk) => {
    size += chunk.length;
    if (size > limit) throw new TooLarge();
    parts.push(chunk);
  });
  inflater.push(data, true);
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** FNV-1a over the payload text, 8 hex digits. */
export function checkOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

export function encodeSessionToken(session: Session): string {
  const payload = toBase64Url(zlibSync(strToU8(serializeSession(session)), { level: 9 }));
  return `${LINK_FORMAT}.${payload}.${checkOf(payload)}`;
}

/** Reads a token back into a session, or says clearly why it cannot. Never throws. */
export function decodeSessionToken(token: string): ParseResult {
  if (token.length > MAX_TOKEN_CHARS) {
    return {
      ok: false,
      error: `This share link is longer than ${MAX_TOKEN_CHARS / 1048576} MB, more than a session can be. Nothing was loaded.`,
    };
  }
  const parts = token.trim().split('.');
  const format = Number(parts[0]);
  if (parts.length !== 3 || !/^\d+$/.test(parts[0] ?? '')) {
    return {
      ok: false,
      error:
        'This is not a Shardscope share link: the session part should look like "1.<data>.<check>". Was the link cut short?',
    };
  }
  if (!READABLE_FORMATS.includes(format)) {
    return format > LINK_FORMAT
      ? {
          ok: false,
          error: `This link was made by a newer Shardscope (link format ${format}); this version opens formats up to ${LINK_FORMAT}. Open it with the newer version.`,
        }
      : {
          ok: false,
          error: `Link format ${format} is no longer supported; this version opens formats ${READABLE_FORMATS.join(', ')}.`,
        };
  }
  const [, payload = '', check = ''] = parts;
  if (!/^[A-Za-z0-9_-]+$/.test(payload) || checkOf(payload) !== check) {
    return {
      ok: false,
      error:
        'This share link is damaged: its check does not match its content (was it edited, or cut short?). Nothing was loaded.',
    };
  }
  let text: string;
  try {
    text = strFromU8(inflateBounded(fromBase64Url(payload), MAX_INFLATED_BYTES));
  } catch (error) {
    if (error instanceof TooLarge) {
      return {
        ok: false,
        error: `This share link holds more than ${MAX_INFLATED_BYTES / 1048576} MB once unpacked, more than a session can be. Nothing was loaded.`,
      };
    }
    return {
      ok: false,
      error: `This share link is damaged: its data does not decompress (${(error as Error).message}). Nothing was loaded.`,
    };
  }
  const parsed = parseSession(text);
  return parsed.ok ? parsed : { ok: false, error: `This share link holds an invalid session: ${parsed.error}` };
}

/** The full link for a page address (query kept, fragment replaced). */
export function shareUrl(pageHref: string, session: Session): string {
  const url = new URL(pageHref);
  url.hash = `${LINK_PARAM}=${encodeSessionToken(session)}`;
  return url.toString();
}

/** The session token a URL fragment carries (`#session=…`), if any. */
export function tokenFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return params.get(LINK_PARAM) ?? undefined;
}
