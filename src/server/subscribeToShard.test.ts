import {
  CreateStreamCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  ResourceInUseException,
  SubscribeToShardCommand,
} from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The endpoint's monotonic clock: the tests move it, and any request brings the engine along. */
let clockMs = 0;
let server: RunningServer;
let client: KinesisClient;
const advance = async (ms: number) => {
  clockMs += ms;
  await client.send(new ListStreamsCommand({}));
};
beforeAll(async () => {
  server = await startServer(
    { port: 0, createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50 },
    { monotonic: () => clockMs },
  );
  // The SDK's Node default handler for Kinesis is HTTP/2, which SubscribeToShard needs.
  client = new KinesisClient({ endpoint: server.url, region: 'us-east-1', credentials: CREDENTIALS });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

async function activeConsumer(stream: string): Promise<string> {
  await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
  await advance(100);
  const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
  expect(StreamDescriptionSummary!.StreamStatus).toBe('ACTIVE');
  const streamArn = `arn:aws:kinesis:us-east-1:${server.engine.options.accountId}:stream/${stream}`;
  const { Consumer } = await client.send(
    new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: 'c' }),
  );
  for (let i = 0; i < 100; i++) {
    const { ConsumerDescription } = await client.send(
      new DescribeStreamConsumerCommand({ ConsumerARN: Consumer!.ConsumerARN! }),
    );
    if (ConsumerDescription!.ConsumerStatus === 'ACTIVE') break;
    await advance(100);
  }
  return Consumer!.ConsumerARN!;
}

describe('SubscribeToShard with the real SDK client (HTTP/2 event stream)', () => {
  it('should deliver the records already there, then the ones put later, as SubscribeToShardEvents', async () => {
    const arn = await activeConsumer('efo');
    await client.send(
      new PutRecordCommand({ StreamName: 'efo', PartitionKey: 'k', Data: new TextEncoder().encode('before') }),
    );
    const { EventStream } = await client.send(
      new SubscribeToShardCommand({
        ConsumerARN: arn,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      }),
    );
    const received: string[] = [];
    let continuation: string | undefined;
    for await (const event of EventStream!) {
      const records = event.SubscribeToShardEvent?.Records ?? [];
      received.push(...records.map((r) => text(r.Data)));
      continuation = event.SubscribeToShardEvent?.ContinuationSequenceNumber;
      if (received.length === 1 && received[0] === 'before') {
        await client.send(
          new PutRecordCommand({ StreamName: 'efo', PartitionKey: 'k', Data: new TextEncoder().encode('after') }),
        );
        // The next event comes a second later, on the endpoint's clock.
        await advance(1000);
      }
      if (received.length >= 2) break;
    }
    expect(received).toEqual(['before', 'after']);
    expect(continuation).toMatch(/^\d{56}$/);
  }, 20_000);

  it('should answer a second subscription within 5 seconds with ResourceInUseException', async () => {
    const arn = await activeConsumer('efo2');
    const input = { ConsumerARN: arn, ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' as const } };
    const first = await client.send(new SubscribeToShardCommand(input));
    await advance(1100);
    await expect(client.send(new SubscribeToShardCommand(input))).rejects.toBeInstanceOf(ResourceInUseException);
    const iterator = first.EventStream![Symbol.asyncIterator]();
    const { value } = await iterator.next();
    expect(value?.SubscribeToShardEvent?.Records).toEqual([]);
    await iterator.return?.();
  }, 20_000);
});
