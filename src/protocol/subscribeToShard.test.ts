import { KinesisClient, SubscribeToShardCommand } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine/index';
import { shardscopeClientConfig } from './index';

describe('SubscribeToShard through the in-process SDK handler', () => {
  it('should give the SDK an event stream: the first event at once, then what the engine pushes as its clock moves', async () => {
    const engine = createEngine({ timings: 'fast' });
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    engine.advanceBy(1000);
    const arn = engine.call('RegisterStreamConsumer', { StreamARN: engine.stream('s')!.arn, ConsumerName: 'c' })
      .Consumer!.ConsumerARN!;
    engine.advanceBy(1000);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new TextEncoder().encode('one') });
    const client = new KinesisClient(shardscopeClientConfig(engine));
    const { EventStream } = await client.send(
      new SubscribeToShardCommand({
        ConsumerARN: arn,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      }),
    );
    const received: string[] = [];
    for await (const event of EventStream!) {
      received.push(...(event.SubscribeToShardEvent?.Records ?? []).map((r) => new TextDecoder().decode(r.Data)));
      if (received.length === 1) {
        engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new TextEncoder().encode('two') });
        engine.advanceBy(1000);
      }
      if (received.length >= 2) break;
    }
    expect(received).toEqual(['one', 'two']);
  });
});
