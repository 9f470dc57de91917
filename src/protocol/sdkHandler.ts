/**
 * An AWS SDK request handler that answers from an engine in the same JavaScript realm, no network:
 *
 *   const { KinesisClient, ListStreamsCommand } = await import('@aws-sdk/client-kinesis');
 *   const client = new KinesisClient(shardscopeClientConfig(engine));
 *
 * The SDK still serializes, signs and parses exactly as it does against AWS; only the transport is
 * replaced by `handleKinesisRequest`. This module imports only SDK *types*, so loading it costs
 * nothing: the page pulls in the SDK itself, lazily.
 */
import type { KinesisClientConfig } from '@aws-sdk/client-kinesis';
import type { HttpRequest, HttpResponse, QueryParameterBag } from '@smithy/types';
import type { Engine } from '../engine/index';
import { EVENT_STREAM, SUBSCRIBE_TO_SHARD, firstEventFrame, initialResponseFrame } from './eventStream';
import type { WireFormat } from './format';
import { followSubscription } from './subscriptionFollower';
import { TARGET_PREFIX, handleKinesisRequest, requestFormat, type ProtocolOptions, type WireResponse } from './wire';

const utf8 = new TextEncoder();

/** The headers of an SDK request, names in lower case as an HTTP server would see them. */
function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) out[name.toLowerCase()] = headers[name]!;
  return out;
}

function urlOf(path: string, query: QueryParameterBag | undefined): string {
  if (!query) return path;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(item === null ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

function bodyOf(body: unknown): string | Uint8Array {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('The Shardscope request handler takes string or byte bodies only');
}

/** The SDK's view of a response; header names in lower case, as Node's HTTP clients give them. */
export function toHttpResponse(response: WireResponse): HttpResponse {
  const headers: Record<string, string> = {};
  for (const name in response.headers) headers[name.toLowerCase()] = response.headers[name]!;
  const body = typeof response.body === 'string' ? utf8.encode(response.body) : response.body;
  return { statusCode: response.status, headers, body };
}

/** A request handler (the SDK's HttpHandler contract) that routes every request into `engine`. */
export class ShardscopeRequestHandler {
  readonly metadata = { handlerProtocol: 'shardscope/in-process' };

  constructor(
    private readonly engine: Engine,
    private readonly options: ProtocolOptions = {},
  ) {}

  handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    try {
      const wire = handleKinesisRequest(
        this.engine,
        {
          method: request.method,
          url: urlOf(request.path || '/', request.query),
          headers: lowerCaseHeaders(request.headers),
          body: bodyOf(request.body),
        },
        this.options,
      );
      const headers = lowerCaseHeaders(request.headers);
      const format = requestFormat(headers, this.options.encodeBase64);
      if (wire.status === 200 && format && headers['x-amz-target'] === `${TARGET_PREFIX}.${SUBSCRIBE_TO_SHARD}`) {
        // A 200 means the body was read: it is a well-formed document holding a ConsumerARN.
        const { ConsumerARN } = format.decode(bodyOf(request.body)) as { ConsumerARN: string };
        const response = toHttpResponse(wire);
        response.headers['content-type'] = EVENT_STREAM;
        response.body = this.eventStream(wire, ConsumerARN, format);
        return Promise.resolve({ response });
      }
      return Promise.resolve({ response: toHttpResponse(wire) });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /**
   * A SubscribeToShard response body: the initial response and first event at once, then the
   * events the engine pushes as whoever drives it advances its clock, until the subscription
   * ends or the reader stops.
   */
  private async *eventStream(wire: WireResponse, consumerArn: string, format: WireFormat): AsyncGenerator<Uint8Array> {
    const follower = followSubscription(this.engine, consumerArn, format);
    // Listening starts before the first frame: the engine may push while the reader holds it.
    let changed = true;
    let wake: (() => void) | undefined;
    const stop = follower.onChange(() => {
      changed = true;
      wake?.();
    });
    try {
      yield initialResponseFrame(format);
      yield firstEventFrame(wire.body, format);
      if (follower.shardId === undefined) return;
      for (;;) {
        if (!changed) await new Promise<void>((resolve) => (wake = resolve));
        changed = false;
        wake = undefined;
        const { frames, ended } = follower.take();
        for (const frame of frames) yield frame;
        if (ended) return;
      }
    } finally {
      stop();
    }
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

export interface ShardscopeClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly requestHandler: NonNullable<KinesisClientConfig['requestHandler']>;
}

/**
 * Everything `new KinesisClient(...)` needs to talk to `engine`: the engine's region, dummy
 * credentials (signatures are not verified) and the in-process request handler.
 */
export function shardscopeClientConfig(engine: Engine, options: ProtocolOptions = {}): ShardscopeClientConfig {
  const region = engine.options.region;
  return {
    endpoint: `http://kinesis.${region}.shardscope.localhost`,
    region,
    credentials: { accessKeyId: 'SHARDSCOPEACCESSKEY', secretAccessKey: 'shardscope-secret-key' },
    requestHandler: new ShardscopeRequestHandler(engine, options) as unknown as NonNullable<
      KinesisClientConfig['requestHandler']
    >,
  };
}
