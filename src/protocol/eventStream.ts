/**
 * SubscribeToShard over the wire: an `application/vnd.amazon.eventstream` response body, framed
 * with the SDK's own codec. The stream opens with an `initial-response` event (an empty JSON
 * object), then one `SubscribeToShardEvent` per pushed event, each payload the event in JSON wire
 * form (Data base64, timestamps epoch seconds).
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import type { SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import { toWire, type Base64Encoder } from './codec';

export const EVENT_STREAM = 'application/vnd.amazon.eventstream';
export const SUBSCRIBE_TO_SHARD = 'SubscribeToShard';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (bytes) => decoder.decode(bytes),
  (text) => encoder.encode(text),
);

/** One event-stream message: `eventType` with a JSON payload. */
export function eventFrame(eventType: string, payloadJson: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: encoder.encode(payloadJson),
  });
}

export const initialResponseFrame = (): Uint8Array => eventFrame('initial-response', '{}');

/** A SubscribeToShardEvent (SDK values) as a message. */
export function subscribeEventFrame(event: SubscribeToShardEvent, encode?: Base64Encoder): Uint8Array {
  return eventFrame('SubscribeToShardEvent', JSON.stringify(toWire(event, encode)));
}

/** Reads the first event out of the JSON body handleKinesisRequest gives a successful SubscribeToShard. */
export function firstEventPayload(body: string): string {
  const parsed = JSON.parse(body) as { SubscribeToShardEvent?: unknown };
  return JSON.stringify(parsed.SubscribeToShardEvent ?? {});
}
