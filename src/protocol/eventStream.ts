/**
 * SubscribeToShard over the wire: an `application/vnd.amazon.eventstream` response body, framed
 * with the SDK's own codec. The stream opens with an `initial-response` event (an empty object),
 * then one `SubscribeToShardEvent` per pushed event, each payload the event in the request's own
 * encoding: JSON 1.1 for the JavaScript SDK (Data base64, timestamps epoch seconds), CBOR for the
 * Java SDK v2, whose Kinesis client speaks CBOR for every operation, SubscribeToShard included
 * (Data a byte string, timestamps epoch milliseconds).
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import type { WireFormat } from './format';

export const EVENT_STREAM = 'application/vnd.amazon.eventstream';
export const SUBSCRIBE_TO_SHARD = 'SubscribeToShard';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (bytes) => decoder.decode(bytes),
  (text) => encoder.encode(text),
);

/** One event-stream message: `eventType` with a payload in the given content type. */
export function eventFrame(eventType: string, payload: string | Uint8Array, contentType: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: contentType },
    },
    body: typeof payload === 'string' ? encoder.encode(payload) : payload,
  });
}

export const initialResponseFrame = (format: WireFormat): Uint8Array =>
  eventFrame('initial-response', format.encode({}), format.contentType);

/** A SubscribeToShardEvent (SDK values) as a message. */
export function subscribeEventFrame(event: SubscribeToShardEvent, format: WireFormat): Uint8Array {
  return eventFrame('SubscribeToShardEvent', format.encode(event), format.contentType);
}

/** The first event out of the body handleKinesisRequest gives a successful SubscribeToShard, as a message. */
export function firstEventFrame(body: string | Uint8Array, format: WireFormat): Uint8Array {
  const parsed = format.decode(body) as { SubscribeToShardEvent?: unknown };
  return eventFrame('SubscribeToShardEvent', format.encode(parsed.SubscribeToShardEvent ?? {}), format.contentType);
}
