/** Raw HTTP helpers for the endpoint's tests: requests shaped as an attacker or a browser sends them. */
import http from 'node:http';
import http2 from 'node:http2';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP/1.1 request with exactly these headers (Host included, when given). */
export function rawRequest(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method, headers, agent: false }, (response) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (data += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: data }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** One HTTP/2 request on its own session. */
export function rawHttp2Request(
  url: string,
  headers: http2.OutgoingHttpHeaders,
  body?: string,
): Promise<{ status: number; body: string }> {
  const session = http2.connect(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const stream = session.request(headers);
    let status = 0;
    let data = '';
    stream.on('response', (response) => (status = Number(response[':status'])));
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (data += chunk));
    stream.on('end', () => resolve({ status, body: data }));
    stream.on('error', reject);
    stream.end(body);
  }).finally(() => session.close());
}

/** Headers that pass the endpoint's signature-shape checks (signatures are not verified). */
export const SIGNED_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDTEST/20250101/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
  'x-amz-date': '20250101T000000Z',
};
