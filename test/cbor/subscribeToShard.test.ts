/**
 * SubscribeToShard for a CBOR client: the Java SDK v2's Kinesis client speaks CBOR for every
 * operation (its protocol is set to cbor for the whole service), SubscribeToShard included, and
 * reads each event's payload with the same protocol. The event-stream framing is binary either way.
 */
import http from 'node:http';
import { EventStreamCodec } from '@smithy/core/event-streams';
import { Tag, decode } from 'cbor2';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/server';
import { AMZ_CBOR, javaSdkCall, javaSdkHeaders, cbor } from './javaSdkClient';

const START = 1_600_000_000_000;
const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);
const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);
const readCbor = (bytes: Uint8Array): unknown =>
  decode(bytes, { ignoreGlobalTags: true, tags: new Map([[1, (tag) => new Tag(1, tag.contents)]]) });

interface Frame {
  readonly eventType: unknown;
  readonly contentType: unknown;
  readonly payload: Uint8Array;
}

/** Opens the subscription and reads its first `count` messages, then hangs up. */
function firstFrames(url: string, body: Uint8Array, count: number): Promise<{ type: string; frames: Frame[] }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname, port, method: 'POST', headers: javaSdkHeaders('SubscribeToShard'), agent: false },
      (response) => {
        let buffered = Buffer.alloc(0);
        const frames: Frame[] = [];
        response.on('data', (chunk: Buffer) => {
          buffered = Buffer.concat([buffered, chunk]);
          while (buffered.length >= 4 && buffered.length >= buffered.readUInt32BE(0)) {
            const length = buffered.readUInt32BE(0);
            const message = codec.decode(buffered.subarray(0, length));
            buffered = buffered.subarray(length);
            frames.push({
              eventType: message.headers[':event-type']?.value,
              contentType: message.headers[':content-type']?.value,
              payload: message.body,
            });
          }
          if (frames.length >= count) {
            request.destroy();
            resolve({ type: String(response.headers['content-type']), frames });
          }
        });
        response.on('error', () => {});
      },
    );
    request.on('error', (error) => (error.message.includes('aborted') ? undefined : reject(error)));
    request.end(body);
  });
}

describe('SubscribeToShard for a CBOR client', () => {
  it('should stream CBOR events: an empty initial response, then records with byte-string Data and tag-1 times', async () => {
    let now = START;
    const server = await startServer(
      { port: 0, createStreamMs: 500, updateStreamMs: 500, throttling: false, events: false },
      { wallNow: () => now, monotonic: () => now },
    );
    try {
      expect((await javaSdkCall(server.url, 'CreateStream', { StreamName: 's', ShardCount: 1 })).status).toBe(200);
      now += 1_000;
      const streamArn = `arn:aws:kinesis:us-east-1:${server.engine.options.accountId}:stream/s`;
      const registered = await javaSdkCall(server.url, 'RegisterStreamConsumer', {
        StreamARN: streamArn,
        ConsumerName: 'c',
      });
      const consumerArn = (readCbor(registered.body) as { Consumer: { ConsumerARN: string } }).Consumer.ConsumerARN;
      now += 10_000;
      const put = await javaSdkCall(server.url, 'PutRecord', { StreamName: 's', PartitionKey: 'k', Data: EVERY_BYTE });
      expect(put.status).toBe(200);

      const body = cbor({
        ConsumerARN: consumerArn,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      });
      const { type, frames } = await firstFrames(server.url, body, 2);
      expect(type).toBe('application/vnd.amazon.eventstream');
      expect(frames.map((f) => [f.eventType, f.contentType])).toEqual([
        ['initial-response', AMZ_CBOR],
        ['SubscribeToShardEvent', AMZ_CBOR],
      ]);
      expect(readCbor(frames[0]!.payload)).toEqual({});
      const event = readCbor(frames[1]!.payload) as {
        Records: Record<string, unknown>[];
        ContinuationSequenceNumber: string;
      };
      expect(event.Records).toHaveLength(1);
      expect(new Uint8Array(event.Records[0]!.Data as Uint8Array)).toEqual(EVERY_BYTE);
      expect(event.Records[0]!.ApproximateArrivalTimestamp).toEqual(new Tag(1, START + 11_000));
      expect(typeof event.ContinuationSequenceNumber).toBe('string');
    } finally {
      await server.close();
    }
  });
});
