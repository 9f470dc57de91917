/**
 * A call from the page's console to the endpoint it is attached to, as an SDK would make it:
 * Kinesis JSON 1.1 over HTTP (same origin when the endpoint serves the page; else CORS, which the
 * endpoint allows for loopback origins). The endpoint does not check signatures, only their shape,
 * so the headers carry a well-formed unsigned one. The call then comes back through the command
 * feed like any application's, named by the user agent below.
 */
import { encodeBase64 } from '../../engine';
import type { CallResult } from '../../store';

/** How the call log names the page's own calls on the endpoint. */
export const PAGE_USER_AGENT = 'shardscope-page';
const TARGET_PREFIX = 'Kinesis_20131202';
/** Answers a page reads at most (a GetRecords answer is at most 10 MiB, a third larger in base64). */
const MAX_ANSWER_CHARS = 16 * 1024 * 1024;

/** The SDK form of an input as Kinesis JSON 1.1 has it: blobs in base64, timestamps in epoch seconds. */
export function toWireJson(value: unknown): unknown {
  if (value instanceof Uint8Array) return encodeBase64(value);
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWireJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toWireJson(item);
    return out;
  }
  return value;
}

function amzDate(wall: Date): string {
  return wall
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export async function callEndpoint(
  endpoint: string,
  operation: string,
  input: unknown,
  t: number,
  fetchImpl: typeof fetch,
): Promise<CallResult> {
  const date = amzDate(new Date());
  let response: Response;
  try {
    response = await fetchImpl(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `${TARGET_PREFIX}.${operation}`,
        'X-Amz-Date': date,
        'X-Amz-User-Agent': PAGE_USER_AGENT,
        Authorization: `AWS4-HMAC-SHA256 Credential=shardscope/${date.slice(0, 8)}/us-east-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
      },
      body: JSON.stringify(toWireJson(input)),
    });
  } catch (error) {
    const message = `The endpoint ${endpoint} could not be reached (${(error as Error).message}).`;
    return { operation, input, t, ok: false, status: 0, error: { name: 'NetworkError', message, httpStatus: 0 } };
  }
  const text = await response.text();
  let body: unknown = {};
  if (text.length > MAX_ANSWER_CHARS) body = { __type: 'InternalFailure', message: 'The answer is too large to show' };
  else if (text !== '')
    try {
      body = JSON.parse(text);
    } catch {
      body = { __type: 'SerializationException', message: text.slice(0, 200) };
    }
  if (response.ok) return { operation, input, t, ok: true, output: body, status: response.status };
  const { __type, message, Message } = (body ?? {}) as Record<string, unknown>;
  const name = typeof __type === 'string' ? (__type.split('#').pop() ?? __type) : `HTTP ${response.status}`;
  const said = typeof message === 'string' ? message : typeof Message === 'string' ? Message : '';
  return {
    operation,
    input,
    t,
    ok: false,
    status: response.status,
    error: { name, message: said, httpStatus: response.status },
  };
}
