/**
 * The Kinesis protocol over the engine, in JSON 1.1 and CBOR 1.1 (format.ts): one HTTP request
 * in, one HTTP response out, no I/O. The Node server and the in-page SDK request handler both call `handleKinesisRequest`, so
 * they answer byte for byte the same. The order of the framework checks (CORS, method, content
 * type, body, target, authentication, types, constraints) is the real endpoint's, as kinesalite
 * records it.
 */
import {
  OPERATIONS,
  OPERATIONS_WITHOUT_OUTPUT,
  checkTypes,
  encodeBase64 as pureEncodeBase64,
  isKinesisError,
  type Engine,
  type Profile,
} from '../engine/index';
import { ADMIN_TARGET_PREFIX, runAdminCommand } from './admin';
import { AMZ_CBOR } from './cbor';
import { clientOf } from './userAgent';
import type { Base64Decoder, Base64Encoder } from './codec';
import { AMZ_JSON, CBOR_FORMAT, jsonFormat, mediaType, type WireFormat } from './format';

export { AMZ_CBOR, AMZ_JSON };
export const TARGET_PREFIX = 'Kinesis_20131202';
/** The service of the 2017-07 era refused bodies over 7 MiB with a bare 413 (recorded by kinesalite). */
export const MAX_REQUEST_BYTES = 7 * 1024 * 1024;
/**
 * The largest body each profile takes. The current service takes records of up to 10 MiB
 * (MaxRecordSizeInKiB up to 10240), which is 13.4 MiB once base64 in JSON: decided at 15 MiB, so
 * such a record reaches the record-size check and gets the service's ValidationException, not a 413.
 */
export const maxRequestBytes = (profile: Profile): number =>
  profile === '2017-07' ? MAX_REQUEST_BYTES : 15 * 1024 * 1024;
/** The plain JSON content type, which the service takes in but answers in its old envelope. */
const PLAIN_JSON = 'application/json';

export type HeaderValue = string | readonly string[] | undefined;

export interface WireRequest {
  readonly method: string;
  /** Path and query string, e.g. `/` or `/?X-Amz-Algorithm=...` (only the query is read). */
  readonly url?: string;
  /** Header names in lower case (as Node gives them). */
  readonly headers: Readonly<Record<string, HeaderValue>>;
  readonly body: string | Uint8Array;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Text for JSON and XML answers, bytes for CBOR ones. */
  readonly body: string | Uint8Array;
}

export interface ProtocolOptions {
  /**
   * Host base64 codecs (Node's Buffer is several times faster than the engine's pure one). The
   * decoder takes canonical base64 only and answers undefined for anything else.
   */
  readonly decodeBase64?: Base64Decoder;
  readonly encodeBase64?: Base64Encoder;
  /** Makes the x-amzn-RequestId of each response (default: crypto.randomUUID). */
  readonly requestId?: () => string;
  /** Passes the client's user agent to the engine as the call's origin (the endpoint's call log). */
  readonly originFromUserAgent?: boolean;
}

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';

let counter = 0;
const defaultRequestId = (): string =>
  typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

/** The service's extended request id: 72 opaque bytes in base64 (the Java SDK keeps it as metadata). */
function extendedRequestId(encode: Base64Encoder): string {
  const bytes = new Uint8Array(72);
  if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = (++counter * 131 + i * 17) & 0xff;
  return encode(bytes);
}

const header = (request: WireRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : value?.[0];
};

const byteLength = (body: string | Uint8Array, limit: number): number =>
  typeof body === 'string' ? utf8Length(body, limit) : body.length;

function utf8Length(text: string, limit: number): number {
  // Exact UTF-8 length without encoding: only needed near the limit, so count cheaply first.
  if (text.length * 3 <= limit) return text.length;
  return new TextEncoder().encode(text).length;
}

/**
 * The encoding a request's body is read in and answered in: JSON 1.1 or CBOR 1.1 by its content
 * type, plain JSON read as JSON; undefined for any other content type.
 */
export function requestFormat(
  headers: Readonly<Record<string, HeaderValue>>,
  encodeBase64?: Base64Encoder,
): WireFormat | undefined {
  const value = headers['content-type'];
  const type = mediaType(typeof value === 'string' ? value : value?.[0]);
  if (type === AMZ_CBOR) return CBOR_FORMAT;
  if (type === AMZ_JSON || type === PLAIN_JSON) return jsonFormat(encodeBase64);
  return undefined;
}

/** Answers one HTTP request as the Kinesis endpoint would. Never throws. */
export function handleKinesisRequest(
  engine: Engine,
  request: WireRequest,
  options: ProtocolOptions = {},
): WireResponse {
  const limit = maxRequestBytes(engine.options.profile);
  const bodyBytes = byteLength(request.body, limit);
  if (bodyBytes > limit) return { status: 413, headers: {}, body: '' };

  const headers: Record<string, string> = { 'x-amzn-RequestId': (options.requestId ?? defaultRequestId)() };
  const reply = (status: number, body: string | Uint8Array, contentType?: string): WireResponse => {
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    return { status, headers, body };
  };
  const xmlError = (type: string, message: string) =>
    reply(403, `<${type}>\n  <Message>${message}</Message>\n</${type}>\n`);

  // CORS first: a page on another origin must be able to call the endpoint.
  const origin = header(request, 'origin');
  if (origin) {
    headers['Access-Control-Allow-Origin'] = '*';
    if (request.method === 'OPTIONS') {
      const askedHeaders = header(request, 'access-control-request-headers');
      const askedMethod = header(request, 'access-control-request-method');
      if (askedHeaders) headers['Access-Control-Allow-Headers'] = askedHeaders;
      if (askedMethod) headers['Access-Control-Allow-Methods'] = askedMethod;
      headers['Access-Control-Max-Age'] = '172800';
      return reply(200, '');
    }
    headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
  }
  // Every answer but a preflight's carries one.
  headers['x-amz-id-2'] = extendedRequestId(options.encodeBase64 ?? pureEncodeBase64);

  if (request.method !== 'POST') {
    return xmlError('AccessDeniedException', 'Unable to determine service/operation name to be authorized');
  }

  const contentType = mediaType(header(request, 'content-type'));
  const format = requestFormat(request.headers, options.encodeBase64);
  const [service, operation] = (header(request, 'x-amz-target') ?? '').split('.');
  const def = operation ? OPERATIONS.get(operation) : undefined;
  const serviceValid = service === TARGET_PREFIX;
  const operationValid = def !== undefined && def.profiles.includes(engine.options.profile);
  const answer = (status: number, value: unknown, answerFormat: WireFormat = format!) =>
    reply(status, answerFormat.encode(value), answerFormat.contentType);

  if (bodyBytes === 0) {
    // With nothing to read, the service answers in JSON 1.1 only when asked in it, else in CBOR
    // (no content type, plain JSON and unknown types alike).
    return answer(
      400,
      { __type: serviceValid && operationValid ? 'SerializationException' : 'UnknownOperationException' },
      contentType === AMZ_JSON ? format : CBOR_FORMAT,
    );
  }
  if (!format) {
    if (!service || !operation) {
      return xmlError('AccessDeniedException', 'Unable to determine service/operation name to be authorized');
    }
    return reply(404, '<UnknownOperationException/>\n');
  }

  let data: unknown;
  try {
    data = format.decode(request.body);
  } catch {
    data = undefined;
  }
  if (typeof data !== 'object' || data === null) {
    if (contentType === PLAIN_JSON) return legacyJson('SerializationException', 'Message');
    return answer(400, { __type: 'SerializationException' });
  }
  if (service === ADMIN_TARGET_PREFIX && operation) {
    const result = runAdminCommand(engine, operation, data as Record<string, unknown>);
    return answer(result.status, result.body);
  }
  // Plain application/json goes no further on the real endpoint.
  if (contentType === PLAIN_JSON) return legacyJson('UnknownOperationException', 'message');
  if (!serviceValid || !operationValid) return answer(400, { __type: 'UnknownOperationException' });

  const authProblem = authenticationProblem(request);
  if (authProblem) return answer(400, { __type: authProblem.type, message: authProblem.message });

  try {
    const input = checkTypes(def.input(engine.options.profile), data, {
      mode: 'wire',
      ...(options.decodeBase64 ? { decodeBase64: options.decodeBase64 } : {}),
    });
    const client = options.originFromUserAgent
      ? clientOf(header(request, 'x-amz-user-agent'), header(request, 'user-agent'))
      : undefined;
    const output = engine.call(operation!, input, client);
    // Operations without output answer with no body at all, not `{}`.
    if (OPERATIONS_WITHOUT_OUTPUT.has(operation!)) return reply(200, '', format.contentType);
    return reply(200, format.encodeOutput(operation!, output), format.contentType);
  } catch (error) {
    if (isKinesisError(error)) {
      const body: Record<string, string> = { __type: error.name };
      // The service's Java serializer spells this one member with a capital M.
      if (error.message !== '' || error.name !== 'UnknownOperationException') {
        body[error.name === 'SerializationException' ? 'Message' : 'message'] = error.message;
      }
      return answer(error.httpStatus, body);
    }
    return answer(500, { __type: 'InternalFailure', message: 'Internal Service Failure' });
  }

  /**
   * The envelope the service answers plain application/json in: HTTP 200 whatever the problem,
   * the error's type qualified by its namespace, and its (null) message spelt as that error spells it.
   */
  function legacyJson(type: string, messageMember: 'message' | 'Message'): WireResponse {
    const envelope = { Output: { __type: `com.amazon.coral.service#${type}`, [messageMember]: null }, Version: '1.0' };
    return reply(200, JSON.stringify(envelope), PLAIN_JSON);
  }
}

/** What the endpoint says about the request's SigV4 parts; signatures themselves are not verified. */
function authenticationProblem(request: WireRequest): { type: string; message: string } | undefined {
  const authorization = header(request, 'authorization');
  const queryAt = request.url?.indexOf('?') ?? -1;
  const query = queryAt >= 0 ? new URLSearchParams(request.url!.slice(queryAt + 1)) : undefined;
  const signedByQuery = query?.has('X-Amz-Algorithm') ?? false;
  if (authorization && signedByQuery) {
    return {
      type: 'InvalidSignatureException',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    };
  }
  if (!authorization && !signedByQuery) {
    return { type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' };
  }
  let message = '';
  if (authorization) {
    const params: Record<string, string> = {};
    for (const part of authorization.split(/,| /).slice(1)) {
      if (!part) continue;
      const [key, value] = part.trim().split('=');
      params[key!] = value ?? '';
    }
    for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
      if (!params[name]) message += `Authorization header requires '${name}' parameter. `;
    }
    if (!header(request, 'x-amz-date') && !header(request, 'date')) {
      message += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
    }
    if (message) message += `Authorization=${authorization}`;
  } else {
    for (const name of [
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Signature',
      'X-Amz-SignedHeaders',
      'X-Amz-Date',
    ]) {
      if (!query!.get(name)) message += `AWS query-string parameters must include '${name}'. `;
    }
    if (message) message += 'Re-examine the query-string parameters.';
  }
  return message ? { type: 'IncompleteSignatureException', message } : undefined;
}
