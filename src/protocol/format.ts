/**
 * The endpoint's two body encodings behind one interface: JSON 1.1 (what the JavaScript, Python,
 * Go and .NET SDKs send) and CBOR 1.1 (what the Java SDK, and so the KCL, Flink and Spark, send
 * unless told otherwise). A request is answered in the encoding it came in.
 */
import { AMZ_CBOR, decodeCbor, encodeCbor } from './cbor';
import { toWire, type Base64Encoder } from './codec';
import { outputJson } from './outputJson';

export const AMZ_JSON = 'application/x-amz-json-1.1';

export interface WireFormat {
  readonly contentType: string;
  /** The body as plain values; throws for a body that is not one well-formed document. */
  decode(body: string | Uint8Array): unknown;
  /** An SDK-shaped value (Uint8Array blobs, Date timestamps, absent members undefined) as a body. */
  encode(value: unknown): string | Uint8Array;
  /** An operation's output as a body (JSON has a faster path for GetRecords). */
  encodeOutput(operation: string, output: unknown): string | Uint8Array;
}

const utf8Decoder = new TextDecoder();

export const jsonFormat = (encodeBase64?: Base64Encoder): WireFormat => ({
  contentType: AMZ_JSON,
  decode: (body) => JSON.parse(typeof body === 'string' ? body : utf8Decoder.decode(body)) as unknown,
  encode: (value) => JSON.stringify(toWire(value, encodeBase64)),
  encodeOutput: (operation, output) => outputJson(operation, output, encodeBase64),
});

const utf8Encoder = new TextEncoder();

export const CBOR_FORMAT: WireFormat = {
  contentType: AMZ_CBOR,
  decode: (body) => decodeCbor(typeof body === 'string' ? utf8Encoder.encode(body) : body),
  encode: encodeCbor,
  encodeOutput: (_operation, output) => encodeCbor(output ?? {}),
};

/** The media type of a Content-Type header: before any parameters, without surrounding spaces. */
export const mediaType = (contentType: string | undefined): string => (contentType ?? '').split(';')[0]!.trim();
