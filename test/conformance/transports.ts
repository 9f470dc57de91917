/**
 * The ways a case reaches the service: the engine called in process, the endpoint over raw HTTP
 * in JSON 1.1 and in CBOR 1.1 (as the Java SDK sends it), and the endpoint through the AWS SDK v3
 * client. Each answers in one normalised form (JSON 1.1 values), so a case's expectation is
 * written once.
 */
import * as Kinesis from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect } from 'vitest';
import {
  OPERATIONS,
  createEngine,
  checkTypes,
  isKinesisError,
  type Engine,
  type Profile,
} from '../../src/engine/index';
import { outputJson } from '../../src/protocol/outputJson';
import { toWire } from '../../src/protocol/codec';
import { startServer, type RunningServer } from '../../src/server/server';
import { Timestamp, cbor } from '../cbor/javaSdkClient';
import { Tag, decode as decodeCbor } from 'cbor2';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { EVENT_STREAM, SUBSCRIBE_TO_SHARD } from '../../src/protocol/index';

const SUBSCRIBE_TO_SHARD_EVENT = 'SubscribeToShardEvent';

/** One answer of the service, however it was reached. */
export interface Answer {
  readonly status: number;
  /** The error type (`__type` on the wire), when the call failed. */
  readonly type?: string;
  readonly message?: string;
  /** The output in JSON 1.1 form (base64 blobs, epoch-second timestamps). */
  readonly output?: Record<string, unknown>;
  /** Whether the body was empty; undefined when the transport cannot see the body (engine, SDK). */
  readonly emptyBody?: boolean;
}

export interface Session {
  call(operation: string, input: unknown): Promise<Answer>;
  advance(ms: number): void;
  close(): Promise<void>;
}

export type Encoding = 'json' | 'cbor';

interface WireEncoding {
  readonly contentType: string;
  /** A case's JSON 1.1 input as a body in this encoding. */
  encode(operation: string, input: unknown, profile: Profile): string | Uint8Array<ArrayBuffer>;
  /** A body in this encoding as JSON 1.1 values. */
  decode(body: Uint8Array): unknown;
}

/**
 * A case's input in CBOR as the Java SDK would send it: when the input has its right types, blobs
 * become byte strings and timestamps tag-1 epoch milliseconds; an input with wrong types goes with
 * its JSON values as they are (a string where a blob belongs stays a string, as a hand-made
 * request would send it), so the type pass words the same errors in both encodings.
 */
function cborInput(operation: string, input: unknown, profile: Profile): Uint8Array<ArrayBuffer> {
  const typed = sdkInput(operation, input, profile);
  if (typed === undefined || typeof input !== 'object' || input === null) return cbor(input);
  return cbor(javaValues(typed));
}

function javaValues(value: unknown): unknown {
  if (value instanceof Date) return new Timestamp(value.getTime());
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(javaValues);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, javaValues(v)]));
}

/** Tag-1 milliseconds as Dates, then JSON 1.1 form (base64 blobs, epoch seconds). */
const CBOR_TAGS = new Map([[1, (tag: { contents: unknown }) => new Date(Number(tag.contents))]]);
const fromCbor = (body: Uint8Array): unknown =>
  toWire(untag(decodeCbor(body, { ignoreGlobalTags: true, tags: CBOR_TAGS })));
const untag = (value: unknown): unknown => {
  if (value instanceof Tag) return untag(value.contents);
  if (value instanceof Uint8Array || value instanceof Date || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(untag);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, untag(v)]));
};

const utf8 = new TextDecoder();

export const ENCODINGS: Readonly<Record<Encoding, WireEncoding>> = {
  json: {
    contentType: 'application/x-amz-json-1.1',
    encode: (_operation, input) => JSON.stringify(input),
    decode: (body) => JSON.parse(utf8.decode(body)) as unknown,
  },
  cbor: { contentType: 'application/x-amz-cbor-1.1', encode: cborInput, decode: fromCbor },
};

export interface Transport {
  readonly name: string;
  readonly encoding: Encoding;
  /** Whether a case's input can be expressed through this transport (the SDK types its members). */
  accepts(operation: string, input: unknown, profile: Profile): boolean;
  open(profile: Profile): Promise<Session>;
}

/** The instant every session starts at, so texts with times and ARNs are the same on every transport. */
export const START_TIME = 1_600_000_000_000;
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const TRANSITION_MS = 500;

const CREDENTIALS = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance-secret' };

/** The input in SDK form (Uint8Array blobs, Date timestamps), or undefined when its JSON types are wrong. */
function sdkInput(operation: string, input: unknown, profile: Profile): Record<string, unknown> | undefined {
  const def = OPERATIONS.get(operation);
  if (!def) return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : undefined;
  try {
    return checkTypes(def.input(profile), input, { mode: 'wire' });
  } catch {
    return undefined;
  }
}

const wireOutput = (operation: string, output: unknown) =>
  JSON.parse(outputJson(operation, output)) as Record<string, unknown>;

export const engineTransport: Transport = {
  name: 'engine',
  encoding: 'json',
  accepts: () => true,
  open(profile) {
    const engine: Engine = createEngine({
      profile,
      startTime: START_TIME,
      accountId: ACCOUNT,
      region: REGION,
      timings: {
        createStreamMs: TRANSITION_MS,
        deleteStreamMs: TRANSITION_MS,
        updateStreamMs: TRANSITION_MS,
        updateShardCountMs: TRANSITION_MS,
        encryptionMs: TRANSITION_MS,
        streamModeMs: TRANSITION_MS,
      },
      limits: { throughput: false, apiRates: false },
      lenientKms: true,
      commandLog: false,
    });
    return Promise.resolve({
      call(operation, input) {
        // The engine takes SDK values; an input with wrong JSON types goes as it is, and the engine's
        // own type pass answers it.
        const given = sdkInput(operation, input, profile) ?? input;
        try {
          return Promise.resolve({ status: 200, output: wireOutput(operation, engine.call(operation, given)) });
        } catch (error) {
          if (!isKinesisError(error)) throw error;
          return Promise.resolve({ status: error.httpStatus, type: error.name, message: error.message });
        }
      },
      advance: (ms) => engine.advanceBy(ms),
      close: () => Promise.resolve(),
    });
  },
};

const eventCodec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

/**
 * Reads a subscription's messages up to its first SubscribeToShardEvent, answers that event's
 * payload and hangs up (the endpoint would go on pushing an event a second).
 */
async function firstSubscriptionEvent(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const reader = body.getReader();
  let buffered = new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the subscription ended before its first event');
      const joined = new Uint8Array(buffered.length + value.length);
      joined.set(buffered);
      joined.set(value, buffered.length);
      buffered = joined;
      while (buffered.length >= 4) {
        const length = new DataView(buffered.buffer, buffered.byteOffset).getUint32(0);
        if (buffered.length < length) break;
        const message = eventCodec.decode(buffered.subarray(0, length));
        buffered = buffered.subarray(length);
        if (message.headers[':event-type']?.value === SUBSCRIBE_TO_SHARD_EVENT) return message.body;
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** An endpoint whose wall clock is a variable the session moves. */
async function endpoint(profile: Profile): Promise<{ server: RunningServer; advance(ms: number): void }> {
  let now = START_TIME;
  const server = await startServer(
    {
      port: 0,
      profile,
      accountId: ACCOUNT,
      region: REGION,
      createStreamMs: TRANSITION_MS,
      deleteStreamMs: TRANSITION_MS,
      updateStreamMs: TRANSITION_MS,
      throttling: false,
      kms: 'lenient',
      events: false,
    },
    { wallNow: () => now, monotonic: () => now },
  );
  return { server, advance: (ms) => (now += ms) };
}

const SIGNED = {
  Authorization:
    'AWS4-HMAC-SHA256 Credential=AKIDCONFORMANCE/20200913/us-east-1/kinesis/aws4_request, ' +
    'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000',
  'X-Amz-Date': '20200913T121000Z',
};

export const rawHttpTransport = (encoding: Encoding = 'json'): Transport => ({
  name: `http-${encoding}`,
  encoding,
  accepts: () => true,
  async open(profile) {
    const { server, advance } = await endpoint(profile);
    const wire = ENCODINGS[encoding];
    return {
      async call(operation, input) {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: {
            'Content-Type': wire.contentType,
            'X-Amz-Target': `Kinesis_20131202.${operation}`,
            ...SIGNED,
          },
          body: wire.encode(operation, input, profile),
        });
        if (response.headers.get('content-type') === EVENT_STREAM && response.body) {
          const event = await firstSubscriptionEvent(response.body);
          return { status: response.status, output: { SubscribeToShardEvent: wire.decode(event) }, emptyBody: false };
        }
        const bytes = new Uint8Array(await response.arrayBuffer());
        const emptyBody = bytes.length === 0;
        if (emptyBody) return { status: response.status, emptyBody, ...(response.ok ? { output: {} } : {}) };
        expect(response.headers.get('content-type')).toBe(wire.contentType);
        const body = wire.decode(bytes) as Record<string, unknown>;
        if (response.ok) return { status: response.status, output: body, emptyBody };
        const message = body.message ?? body.Message;
        return {
          status: response.status,
          type: String(body.__type),
          ...(typeof message === 'string' ? { message } : {}),
          emptyBody,
        };
      },
      advance,
      close: () => server.close(),
    };
  },
});

type CommandClass = new (input: unknown) => Parameters<Kinesis.KinesisClient['send']>[0];

/** SubscribeToShard's answer as a case sees it: its first event (the answer of one call), as the engine gives it. */
async function firstSdkEvent(output: Record<string, unknown>): Promise<Record<string, unknown>> {
  const events = output.EventStream as AsyncIterable<{ SubscribeToShardEvent?: unknown }>;
  for await (const event of events) {
    if (event.SubscribeToShardEvent) return { SubscribeToShardEvent: event.SubscribeToShardEvent };
  }
  throw new Error('the subscription ended before its first event');
}

export const sdkTransport: Transport = {
  name: 'sdk',
  encoding: 'json',
  // The SDK sends typed members only: an input with wrong JSON types, or an operation the SDK does
  // not know, cannot be sent through it.
  accepts: (operation, input, profile) =>
    `${operation}Command` in Kinesis && sdkInput(operation, input, profile) !== undefined,
  async open(profile) {
    const { server, advance } = await endpoint(profile);
    const client = new Kinesis.KinesisClient({
      endpoint: server.url,
      region: REGION,
      credentials: CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });
    return {
      async call(operation, input) {
        const Command = (Kinesis as unknown as Record<string, CommandClass>)[`${operation}Command`]!;
        try {
          const { $metadata, ...output } = (await client.send(new Command(sdkInput(operation, input, profile)))) as {
            $metadata: Kinesis.KinesisServiceException['$metadata'];
          };
          const answer = operation === SUBSCRIBE_TO_SHARD ? await firstSdkEvent(output) : output;
          return { status: $metadata.httpStatusCode ?? 200, output: wireOutput(operation, answer) };
        } catch (error) {
          const failure = error as Kinesis.KinesisServiceException;
          if (failure.$metadata === undefined) throw error;
          return { status: failure.$metadata.httpStatusCode ?? 0, type: failure.name, message: failure.message };
        }
      },
      advance,
      close: async () => {
        client.destroy();
        await server.close();
      },
    };
  },
};

export const TRANSPORTS: readonly Transport[] = [
  engineTransport,
  rawHttpTransport('json'),
  rawHttpTransport('cbor'),
  sdkTransport,
];
