/**
 * SDK values ↔ CBOR, as the AWS SDK for Java (v1 and v2, so the KCL and the Flink and Spark
 * connectors) writes and reads Kinesis requests and responses in `application/x-amz-cbor-1.1`:
 *
 * - Blobs are byte strings. A text string where a blob belongs is read as base64, as Jackson's CBOR
 *   parser reads one, so it meets the same type pass (and errors) as JSON 1.1.
 * - Timestamps are tag 1 around an integer of epoch *milliseconds* (not the seconds RFC 8949 says):
 *   the Java SDK's CBOR generator writes `writeTag(1); writeNumber(instant.toEpochMilli())`, and its
 *   CBOR protocol reads payload timestamps as epoch milliseconds.
 * - Maps are written with indefinite length (0xbf … 0xff), members in their own order, absent and
 *   null members left out: the bytes the service itself sends (Jackson's CBOR generator).
 * - Other tags are ignored on the way in (Jackson does not interpret them); a CBOR map with
 *   non-text keys is read with its keys as text, as Jackson reports them as field names.
 *
 * Library: cbor2 (see the README for the comparison with cbor-x). It decodes with a tag table of
 * this module's own (no global tag handlers, nothing constructed from the input but plain data), a
 * depth limit and no trailing bytes; it encodes through one type encoder for plain objects.
 */
import {
  Tag,
  TypeEncoderMap,
  decode,
  encode,
  type DecodeOptions,
  type EncodeOptions,
  type ITag,
  type Writer,
} from 'cbor2';
import { writeString, writeUnknown } from 'cbor2/encoder';
import { dateOfMillis } from '../engine/index';

export const AMZ_CBOR = 'application/x-amz-cbor-1.1';

/** The CBOR tag of an epoch-based date/time (RFC 8949 §3.4.2), carrying milliseconds here. */
export const EPOCH_TIMESTAMP_TAG = 1;

/** Nesting beyond this is refused: Kinesis inputs nest four deep at most. */
const MAX_DEPTH = 64;

/** Thrown for bytes that are not one well-formed CBOR item (the caller answers SerializationException). */
export class MalformedCborError extends Error {
  override readonly name = 'MalformedCborError';
}

const INDEFINITE_MAP = 0xbf;
const BREAK = 0xff;

function writeMap(value: object, writer: Writer, options: Required<EncodeOptions>): undefined {
  writer.writeUint8(INDEFINITE_MAP);
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || member === null) continue;
    writeString(key, writer, options);
    writeUnknown(member, writer, options);
  }
  writer.writeUint8(BREAK);
  return undefined;
}

const TYPES = new TypeEncoderMap();
TYPES.registerEncoder(Object, writeMap);
TYPES.registerEncoder(Date, (date: Date) => [EPOCH_TIMESTAMP_TAG, date.getTime()]);
// Large chunks: a GetRecords answer is up to 10 MiB, and each chunk is a separate allocation.
const ENCODE_OPTIONS: EncodeOptions = { types: TYPES, chunkSize: 64 * 1024 };

/** An SDK-shaped value (Uint8Array blobs, Date timestamps) as CBOR bytes. */
export function encodeCbor(value: unknown): Uint8Array {
  return encode(value, ENCODE_OPTIONS);
}

const epochMillis = (tag: ITag): unknown => {
  const millis = tag.contents;
  if (typeof millis === 'number') return dateOfMillis(millis);
  if (typeof millis === 'bigint') return dateOfMillis(Number(millis));
  return millis;
};

const DECODE_OPTIONS: DecodeOptions = {
  ignoreGlobalTags: true,
  tags: new Map([[EPOCH_TIMESTAMP_TAG, epochMillis]]),
  maxDepth: MAX_DEPTH,
};

/**
 * One CBOR item as plain values: objects, arrays, strings, numbers, booleans, null, Uint8Array
 * for byte strings and Date for tag-1 timestamps. Throws MalformedCborError for anything that is
 * not exactly one well-formed item.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  let item: unknown;
  try {
    item = decode(bytes, DECODE_OPTIONS);
  } catch (error) {
    throw new MalformedCborError(error instanceof Error ? error.message : String(error));
  }
  return plain(item, 0);
}

/** Tags unwrapped, maps with other keys made objects, big integers made numbers, simple values null. */
function plain(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new MalformedCborError('CBOR nested too deeply');
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return Number(value);
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null || value instanceof Uint8Array || value instanceof Date) return value;
  if (value instanceof Tag) return plain(value.contents, depth + 1);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = plain(value[i], depth + 1);
    return value;
  }
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) defineMember(out, String(plain(key, depth + 1)), plain(item, depth + 1));
    return out;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const source = value as Record<string, unknown>;
    for (const key of Object.keys(source)) source[key] = plain(source[key], depth + 1);
    return source;
  }
  // A simple value other than true/false/null/undefined (cbor2's Simple): no JSON counterpart.
  return null;
}

/** An own member even for the key "__proto__" (a plain assignment would set the prototype). */
function defineMember(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
