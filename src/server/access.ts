/**
 * Who may drive the endpoint. It has no authentication, so by default only the user's own
 * machine may: a browser page is let in only from a loopback origin (or one given with --cors),
 * and every request must name the endpoint by a loopback Host, the bound address or a name given
 * with --allowed-hosts, so that a foreign page whose DNS name was rebound to 127.0.0.1 cannot
 * reach it either. AWS SDK clients send no Origin and name the endpoint as configured, so they
 * are unaffected.
 */
import { isIP } from 'node:net';
import type { HeaderValue } from '../protocol/index';

/** What a browser may send on a cross-origin call: what the AWS SDKs for JavaScript send. */
export const ALLOWED_METHODS = 'GET,POST,OPTIONS';
export const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-target',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(',');

/** Longest Origin or Host header looked at; longer ones are refused unread. */
const MAX_NAME_LENGTH = 300;

export interface AccessPolicy {
  /** Any origin allowed (`--cors '*'`): the service's own open CORS answers apply. */
  readonly open: boolean;
  /** Why the request is refused, or undefined when it may proceed. */
  refusal(headers: Readonly<Record<string, HeaderValue>>): string | undefined;
  originAllowed(origin: string): boolean;
}

const first = (value: HeaderValue): string | undefined => (typeof value === 'string' ? value : value?.[0]);

/** The host part of a Host header (`name:port`, `[v6]:port`), lower case. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']');
    return end < 0 ? lower : lower.slice(0, end + 1);
  }
  const colon = lower.indexOf(':');
  return colon < 0 ? lower : lower.slice(0, colon);
}

const isLoopbackName = (name: string): boolean =>
  name === 'localhost' ||
  name.endsWith('.localhost') ||
  name === '[::1]' ||
  (isIP(name) === 4 && name.startsWith('127.'));

/** Addresses that mean "every interface": any IP literal then names this machine. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

const bracketed = (address: string): string => (isIP(address) === 6 ? `[${address.toLowerCase()}]` : address);

export function accessPolicy(options: {
  readonly host: string;
  readonly cors: readonly string[];
  readonly allowedHosts: readonly string[];
}): AccessPolicy {
  const open = options.cors.includes('*');
  const origins = new Set(options.cors);
  const hosts = new Set([...options.allowedHosts, bracketed(options.host.toLowerCase())]);
  const anyAddress = WILDCARDS.has(options.host);

  const hostAllowed = (name: string): boolean =>
    isLoopbackName(name) ||
    hosts.has(name) ||
    (anyAddress && (isIP(name) !== 0 || (name.startsWith('[') && isIP(name.slice(1, -1)) === 6)));

  const originAllowed = (origin: string): boolean => {
    if (open || origins.has(origin)) return true;
    if (origin.length > MAX_NAME_LENGTH) return false;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackName(url.hostname);
  };

  return {
    open,
    originAllowed,
    refusal(headers) {
      // HTTP/2 names the endpoint in :authority, HTTP/1.1 in Host. A client that sends neither is
      // no browser.
      const host = first(headers[':authority']) ?? first(headers.host);
      if (host !== undefined && (host.length > MAX_NAME_LENGTH || !hostAllowed(hostName(host)))) {
        return (
          `Host '${host.slice(0, MAX_NAME_LENGTH)}' is not a name of this endpoint. ` +
          'Use localhost or 127.0.0.1, or start the endpoint with --allowed-hosts <name>.'
        );
      }
      const origin = first(headers.origin);
      if (origin !== undefined && !originAllowed(origin)) {
        return (
          `Origin '${origin.slice(0, MAX_NAME_LENGTH)}' may not call this endpoint. ` +
          'Start it with --cors <origin> to let that page in.'
        );
      }
      return undefined;
    },
  };
}

/** What an operator should know about options that open the endpoint beyond this machine. */
export function startupWarnings(options: { readonly host: string; readonly cors: readonly string[] }): string[] {
  const warnings: string[] = [];
  if (!isLoopbackName(bracketed(options.host.toLowerCase())))
    warnings.push(
      `listening on ${options.host}, beyond this machine. The endpoint has no authentication: ` +
        'anyone who can reach it can read, write and delete streams.',
    );
  if (options.cors.includes('*'))
    warnings.push("--cors '*' lets any web page the browser opens call this endpoint (read, write, delete streams).");
  return warnings;
}
