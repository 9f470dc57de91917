/**
 * The connection-level answers recorded from AWS in kinesalite's test/connection.js (repository
 * mhart/kinesalite, the version with CBOR answers): which content types are read, what a missing,
 * unknown or plain JSON content type gets and in which encoding, empty bodies, unknown targets
 * and authentication problems. Each case is named as its kinesalite test is. That suite's default
 * request is a signed POST with no body and no content type; signing adds a form content type
 * when there is a body. Its TLS case does not apply (the endpoint serves plain HTTP) and its two
 * 413 cases are skipped there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/server';
import { send, type RawAnswer } from './javaSdkClient';

const AMZ_JSON = 'application/x-amz-json-1.1';
const AMZ_CBOR = 'application/x-amz-cbor-1.1';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const SIGNATURE = {
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDTEST/20200913/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  'x-amz-date': '20200913T121000Z',
};
const UUID = /^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/;

interface Request {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly noSign?: boolean;
}

let server: RunningServer;
beforeAll(async () => {
  // Open to every origin, as the service is (by default the endpoint lets in local pages only).
  server = await startServer({ port: 0, events: false, cors: ['*'] });
});
afterAll(() => server.close());

function request(given: Request): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...given.headers };
  if (!given.noSign) {
    Object.assign(headers, SIGNATURE);
    if (given.body && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['content-type'] = FORM;
  }
  return send(server.url, {
    method: given.method ?? 'POST',
    path: given.path ?? '/',
    headers,
    ...(given.body !== undefined ? { body: given.body } : {}),
  });
}

/** The body bytes of `{"__type": type}` as the service writes them in CBOR (an indefinite map). */
function cborType(type: string): Buffer {
  const key = Buffer.from('__type');
  const value = Buffer.from(type);
  const head = value.length < 24 ? [0x60 + value.length] : [0x78, value.length];
  return Buffer.concat([Buffer.from([0xbf, 0x60 + key.length]), key, Buffer.from(head), value, Buffer.from([0xff])]);
}

/** What kinesalite's assertBody checks: status, body, content type (or none), length and request ids. */
function expectBody(answer: RawAnswer, status: number, contentType: string | null, body: Buffer | string | object) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  expect({ status: answer.status, body: answer.body.toString('hex') }).toEqual({ status, body: bytes.toString('hex') });
  expect(answer.headers['content-type']).toBe(contentType ?? undefined);
  expect(answer.headers['content-length']).toBe(String(bytes.length));
  expect(answer.headers['x-amzn-requestid']).toMatch(UUID);
  expect(Buffer.from(answer.headers['x-amz-id-2'] as string, 'base64').length).toBeGreaterThanOrEqual(64);
}

const accessDeniedXml =
  '<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n';
const unknownCbor = (a: RawAnswer) => expectBody(a, 400, AMZ_CBOR, cborType('UnknownOperationException'));
const serializationCbor = (a: RawAnswer) => expectBody(a, 400, AMZ_CBOR, cborType('SerializationException'));
const accessDenied = (a: RawAnswer) => expectBody(a, 403, null, accessDeniedXml);
const unknownJson = (a: RawAnswer) => expectBody(a, 400, AMZ_JSON, { __type: 'UnknownOperationException' });
const serializationJson = (a: RawAnswer) => expectBody(a, 400, AMZ_JSON, { __type: 'SerializationException' });
const unknownDeprecated = (a: RawAnswer) =>
  expectBody(a, 200, 'application/json', {
    Output: { __type: 'com.amazon.coral.service#UnknownOperationException', message: null },
    Version: '1.0',
  });
const serializationDeprecated = (a: RawAnswer) =>
  expectBody(a, 200, 'application/json', {
    Output: { __type: 'com.amazon.coral.service#SerializationException', Message: null },
    Version: '1.0',
  });
const missing = (a: RawAnswer) =>
  expectBody(a, 400, AMZ_JSON, {
    __type: 'MissingAuthenticationTokenException',
    message: 'Missing Authentication Token',
  });
const incomplete = (message: string) => (a: RawAnswer) =>
  expectBody(a, 400, AMZ_JSON, { __type: 'IncompleteSignatureException', message });
const invalid = (a: RawAnswer) =>
  expectBody(a, 400, AMZ_JSON, {
    __type: 'InvalidSignatureException',
    message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
  });

const LIST_STREAMS = 'Kinesis_20131202.ListStreams';
const json = (extra: Record<string, string> = {}) => ({
  'content-type': AMZ_JSON,
  'x-amz-target': LIST_STREAMS,
  ...extra,
});
const ALL_HEADER_PARTS =
  "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
  "Authorization header requires 'SignedHeaders' parameter. " +
  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=X";
const ALL_QUERY_PARTS =
  "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters must include 'X-Amz-Credential'. " +
  "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
  "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters.";

const CASES: readonly (readonly [string, Request, (answer: RawAnswer) => void])[] = [
  // basic
  ['should return CBOR UnknownOperationException if POST with no auth', { noSign: true }, unknownCbor],
  ['should return AccessDeniedException if GET', { method: 'GET' }, accessDenied],
  ['should return AccessDeniedException if PUT', { method: 'PUT' }, accessDenied],
  ['should return AccessDeniedException if DELETE', { method: 'DELETE' }, accessDenied],
  ['should return CBOR UnknownOperationException if POST with no body', {}, unknownCbor],
  ['should return AccessDeniedException if body and no Content-Type', { body: '{}' }, accessDenied],
  [
    'should return CBOR UnknownOperationException if x-amz-json-1.0 Content-Type',
    { headers: { 'content-type': 'application/x-amz-json-1.0' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if random Content-Type',
    { headers: { 'content-type': 'application/x-amz-json-1.1asdf' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if random target',
    { headers: { 'x-amz-target': 'Whatever' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if real service with empty action',
    { headers: { 'x-amz-target': 'Kinesis_20131202.' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if random action',
    { headers: { 'x-amz-target': 'Kinesis_20131202.Whatever' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if random service with random action',
    { headers: { 'x-amz-target': 'Whatever.Whatever' } },
    unknownCbor,
  ],
  [
    'should return CBOR UnknownOperationException if incomplete action',
    { headers: { 'x-amz-target': 'Kinesis_20131202.ListStream' } },
    unknownCbor,
  ],
  [
    'should return CBOR SerializationException if no Content-Type',
    { headers: { 'x-amz-target': LIST_STREAMS } },
    serializationCbor,
  ],
  [
    'should return CBOR UnknownOperationException and set CORS if using Origin',
    { headers: { origin: 'whatever' } },
    (answer) => {
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['access-control-expose-headers']).toBe(
        'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date',
      );
      unknownCbor(answer);
    },
  ],
  // JSON
  ['should return UnknownOperationException if no target', { headers: { 'content-type': AMZ_JSON } }, unknownJson],
  [
    'should return UnknownOperationException if no target and no auth',
    { headers: { 'content-type': AMZ_JSON }, noSign: true },
    unknownJson,
  ],
  [
    'should return CBOR UnknownOperationException if no target and application/json',
    { headers: { 'content-type': 'application/json' } },
    unknownCbor,
  ],
  [
    'should return CBOR SerializationException if valid target and application/json',
    { headers: { 'content-type': 'application/json', 'x-amz-target': LIST_STREAMS } },
    serializationCbor,
  ],
  ['should return SerializationException if no body', { headers: json() }, serializationJson],
  ['should return SerializationException if no body and no auth', { headers: json(), noSign: true }, serializationJson],
  [
    'should return SerializationException if non-JSON body',
    { headers: json(), body: 'hello', noSign: true },
    serializationJson,
  ],
  [
    'should return UnknownOperationException if valid target and body and application/json',
    { headers: { 'content-type': 'application/json', 'x-amz-target': LIST_STREAMS }, body: '{}', noSign: true },
    unknownDeprecated,
  ],
  [
    'should return SerializationException if non-JSON body and application/json',
    { headers: { 'content-type': 'application/json', 'x-amz-target': LIST_STREAMS }, body: 'hello', noSign: true },
    serializationDeprecated,
  ],
  [
    'should return SerializationException if non-JSON body and application/json with spaces',
    {
      headers: { 'content-type': '     application/json     ;', 'x-amz-target': LIST_STREAMS },
      body: 'hello',
      noSign: true,
    },
    serializationDeprecated,
  ],
  [
    'should return MissingAuthenticationTokenException if no auth',
    { headers: json(), body: '{}', noSign: true },
    missing,
  ],
  [
    'should return MissingAuthenticationTokenException if no auth and content type with spaces',
    {
      headers: { 'content-type': '   application/x-amz-json-1.1   ;whatever', 'x-amz-target': LIST_STREAMS },
      body: '{}',
      noSign: true,
    },
    missing,
  ],
  [
    'should return IncompleteSignatureException if invalid auth',
    { headers: json({ Authorization: 'X' }), body: '{}', noSign: true },
    incomplete(ALL_HEADER_PARTS),
  ],
  [
    'should return IncompleteSignatureException if incomplete auth header and query',
    { path: '/?X-Amz-Algorith', headers: json({ Authorization: 'X' }), body: '{}', noSign: true },
    incomplete(ALL_HEADER_PARTS),
  ],
  [
    'should return MissingAuthenticationTokenException if all query params except X-Amz-Algorithm',
    {
      path: '/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d',
      headers: json(),
      body: '{}',
      noSign: true,
    },
    missing,
  ],
  [
    'should return InvalidSignatureException if both auth header and query',
    { path: '/?X-Amz-Algorithm', headers: json({ Authorization: 'X' }), body: '{}', noSign: true },
    invalid,
  ],
  ...['AWS4- Signature=b Credential=a', 'AWS4- Signature=b,Credential=a', 'AWS4- Signature=b, Credential=a'].map(
    (authorization) =>
      [
        `should return IncompleteSignatureException if header is "${authorization}"`,
        { headers: json({ Authorization: authorization, Date: 'a' }), body: '{}', noSign: true },
        incomplete(`Authorization header requires 'SignedHeaders' parameter. Authorization=${authorization}`),
      ] as const,
  ),
  [
    'should return IncompleteSignatureException if empty X-Amz-Algorithm query',
    { path: '/?X-Amz-Algorithm', headers: json(), body: '{}', noSign: true },
    incomplete(ALL_QUERY_PARTS),
  ],
  [
    'should return IncompleteSignatureException if missing X-Amz-SignedHeaders query',
    {
      path: '/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d',
      headers: json(),
      body: '{}',
      noSign: true,
    },
    incomplete(
      "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    ),
  ],
];

describe("connection answers recorded from AWS (kinesalite's test/connection.js)", () => {
  for (const [name, given, check] of CASES) {
    it(name, async () => check(await request(given)));
  }

  for (const [name, headers] of [
    ['should set CORS if OPTIONS and Origin and no auth', { origin: 'whatever' }],
    [
      'should set CORS if OPTIONS and Origin and Headers',
      { origin: 'whatever', 'access-control-request-headers': 'a, b, c' },
    ],
    [
      'should set CORS if OPTIONS and Origin and Headers and Method',
      { origin: 'whatever', 'access-control-request-headers': 'a, b, c', 'access-control-request-method': 'd' },
    ],
  ] as const) {
    it(name, async () => {
      const answer = await request({ method: 'OPTIONS', headers, noSign: true });
      expect(answer.status).toBe(200);
      expect(answer.headers['x-amzn-requestid']).toMatch(UUID);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['access-control-max-age']).toBe('172800');
      expect(answer.headers['access-control-allow-headers']).toBe(headers['access-control-request-headers']);
      expect(answer.headers['access-control-allow-methods']).toBe(
        'access-control-request-method' in headers ? headers['access-control-request-method'] : undefined,
      );
      expect(answer.headers['content-length']).toBe('0');
      expect(answer.headers['content-type']).toBeUndefined();
      expect(answer.headers['x-amz-id-2']).toBeUndefined();
      expect(answer.body.length).toBe(0);
    });
  }

  it('should set CORS if OPTIONS and Origin and auth', async () => {
    const answer = await request({ method: 'OPTIONS', headers: { origin: 'whatever' } });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['x-amz-id-2']).toBeUndefined();
  });
});
