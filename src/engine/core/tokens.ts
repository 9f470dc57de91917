import SparkMD5 from 'spark-md5';
import { decodeBase64, encodeBase64 } from './base64';

/**
 * Opaque, tamper-evident tokens (shard iterators, ListShards NextTokens): the fields, then a MAC
 * keyed by the engine's secret, all base64. Anything edited, truncated or issued by another
 * engine fails `openToken`.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

const mac = (secret: string, body: string) => SparkMD5.hash(`${secret}|${body}`).slice(0, 20);

export function sealToken(secret: string, kind: string, fields: readonly (string | number)[]): string {
  const body = [kind, ...fields].join('/');
  return encodeBase64(encoder.encode(`${body}/${mac(secret, body)}`));
}

/** The fields of a token this engine sealed with `kind`, or undefined. */
export function openToken(secret: string, kind: string, token: string): string[] | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0) return undefined;
  let text: string;
  try {
    text = decoder.decode(decodeBase64(token));
  } catch {
    return undefined;
  }
  const cut = text.lastIndexOf('/');
  if (cut < 0) return undefined;
  const body = text.slice(0, cut);
  if (mac(secret, body) !== text.slice(cut + 1)) return undefined;
  const [tokenKind, ...fields] = body.split('/');
  return tokenKind === kind ? fields : undefined;
}
