/**
 * A Kinesis client that sends what the AWS SDK for Java v2 sends by default (its Kinesis client's
 * protocol is CBOR for every operation): a POST of `application/x-amz-cbor-1.1` with the
 * operation in X-Amz-Target, the SDK's user agent, invocation id and SigV4 headers, and a body
 * whose blobs are byte strings and whose timestamps are tag 1 around epoch milliseconds. Bodies
 * are written byte by byte here (not with the endpoint's own codec), so a mistake in the codec
 * cannot cancel itself out.
 */
import http from 'node:http';

export const AMZ_CBOR = 'application/x-amz-cbor-1.1';

/** The headers the Java SDK v2 puts on a Kinesis call (signature values are not checked). */
export function javaSdkHeaders(operation: string): Record<string, string> {
  return {
    'Content-Type': AMZ_CBOR,
    'X-Amz-Target': `Kinesis_20131202.${operation}`,
    Accept: AMZ_CBOR,
    'User-Agent':
      'aws-sdk-java/2.25.0 Linux/6.1 OpenJDK_64-Bit_Server_VM/17.0.9+9 Java/17.0.9 vendor/Eclipse_Adoptium io/async http/NettyNio cfg/retry-mode/legacy',
    'amz-sdk-invocation-id': '0f3c1c0e-6a55-4a0e-9d0b-000000000001',
    'amz-sdk-request': 'attempt=1; max=4',
    'X-Amz-Date': '20200913T121000Z',
    Authorization:
      'AWS4-HMAC-SHA256 Credential=AKIDJAVA/20200913/us-east-1/kinesis/aws4_request, ' +
      'SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-type;host;x-amz-date;x-amz-target, Signature=0000',
  };
}

/** A CBOR timestamp as the Java SDK writes one. */
export class Timestamp {
  constructor(readonly epochMillis: number) {}
}

/**
 * CBOR as Jackson's generator writes it: maps of indefinite length, strings and byte strings of
 * definite length, integers in their shortest form, other numbers as doubles.
 */
export function cbor(value: unknown): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  const head = (major: number, n: number) => {
    const m = major << 5;
    if (n < 24) out.push(m | n);
    else if (n < 0x100) out.push(m | 24, n);
    else if (n < 0x10000) out.push(m | 25, n >> 8, n & 0xff);
    else if (n < 0x100000000) out.push(m | 26, (n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    else {
      const high = Math.floor(n / 0x100000000);
      const low = n >>> 0;
      out.push(m | 27, (high >>> 24) & 0xff, (high >> 16) & 0xff, (high >> 8) & 0xff, high & 0xff);
      out.push((low >>> 24) & 0xff, (low >> 16) & 0xff, (low >> 8) & 0xff, low & 0xff);
    }
  };
  const write = (v: unknown): void => {
    if (v === null || v === undefined) out.push(0xf6);
    else if (v === true) out.push(0xf5);
    else if (v === false) out.push(0xf4);
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v)) head(v < 0 ? 1 : 0, v < 0 ? -1 - v : v);
      else {
        const bytes = new Uint8Array(8);
        new DataView(bytes.buffer).setFloat64(0, v);
        out.push(0xfb, ...bytes);
      }
    } else if (typeof v === 'string') {
      const bytes = new TextEncoder().encode(v);
      head(3, bytes.length);
      for (const b of bytes) out.push(b);
    } else if (v instanceof Uint8Array) {
      head(2, v.length);
      for (const b of v) out.push(b);
    } else if (v instanceof Timestamp) {
      out.push(0xc1);
      write(v.epochMillis);
    } else if (Array.isArray(v)) {
      head(4, v.length);
      v.forEach(write);
    } else {
      out.push(0xbf);
      for (const [key, member] of Object.entries(v as Record<string, unknown>)) {
        write(key);
        write(member);
      }
      out.push(0xff);
    }
  };
  write(value);
  return Uint8Array.from(out);
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** One HTTP/1.1 request with exactly these headers and body (nothing added but Host and Content-Length). */
export function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, method: options.method ?? 'POST', path: options.path ?? '/', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** One Kinesis call as the Java SDK makes it. */
export const javaSdkCall = (url: string, operation: string, input: unknown): Promise<RawAnswer> =>
  send(url, { headers: javaSdkHeaders(operation), body: cbor(input) });
