import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListStreamsCommand,
  PutRecordsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index';
import { shardscopeClientConfig } from './sdkHandler';

const newEngine = () => createEngine({ timings: 'fast', limits: { throughput: false, apiRates: false } });

describe('shardscopeClientConfig: the real SDK client on an in-process engine', () => {
  it('should create, write and read a stream through KinesisClient with no network', async () => {
    const engine = newEngine();
    const client = new KinesisClient(shardscopeClientConfig(engine));
    await client.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 2 }));
    engine.advanceBy(1000);
    expect((await client.send(new ListStreamsCommand({}))).StreamNames).toEqual(['clicks']);

    const payloads = ['one', 'two', 'three'].map((text) => new TextEncoder().encode(text));
    const put = await client.send(
      new PutRecordsCommand({
        StreamName: 'clicks',
        Records: payloads.map((Data, i) => ({ Data, PartitionKey: 'same-key', ExplicitHashKey: String(i) })),
      }),
    );
    expect(put.FailedRecordCount).toBe(0);
    expect(new Set(put.Records!.map((r) => r.ShardId))).toEqual(new Set(['shardId-000000000000']));

    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({
        StreamName: 'clicks',
        ShardId: 'shardId-000000000000',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    const got = await client.send(new GetRecordsCommand({ ShardIterator: ShardIterator! }));
    expect(got.Records!.map((r) => new TextDecoder().decode(r.Data))).toEqual(['one', 'two', 'three']);
    expect(got.Records!.map((r) => r.SequenceNumber)).toEqual(put.Records!.map((r) => r.SequenceNumber));
    expect(got.Records![0]!.ApproximateArrivalTimestamp).toEqual(new Date(engine.now()));
    expect(got.$metadata.httpStatusCode).toBe(200);
  });

  it('should make the SDK raise its own error classes with our messages', async () => {
    const engine = newEngine();
    const client = new KinesisClient(shardscopeClientConfig(engine));
    const missing = await client
      .send(new DescribeStreamCommand({ StreamName: 'nope' }))
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe('Stream nope under account 123456789012 not found.');
    expect((missing as ResourceNotFoundException).$metadata.httpStatusCode).toBe(400);

    await client.send(new CreateStreamCommand({ StreamName: 'twice', ShardCount: 1 }));
    const again = await client
      .send(new CreateStreamCommand({ StreamName: 'twice', ShardCount: 1 }))
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ResourceInUseException);
    expect((again as Error).message).toBe('Stream twice under account 123456789012 already exists.');

    const invalid = await client
      .send(new CreateStreamCommand({ StreamName: 'bad name!', ShardCount: 1 }))
      .catch((error: unknown) => error);
    expect((invalid as Error).name).toBe('ValidationException');
    expect((invalid as Error).message).toBe(
      "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: " +
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
    );
  });

  it('should record the SDK calls in the engine log like any other caller', async () => {
    const engine = newEngine();
    const client = new KinesisClient(shardscopeClientConfig(engine));
    await client.send(new ListStreamsCommand({ Limit: 5 }));
    expect(engine.commands().map((c) => [c.operation, c.input])).toEqual([['ListStreams', { Limit: 5 }]]);
  });
});
