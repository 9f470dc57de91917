// The event feed: what the engine says happened, which every layer above (views, call log, the
// endpoint's live feed) counts from instead of re-deriving it.
import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineEvent, RecordsRead, RecordsWritten } from '../index';
import { activeStream, bytes, expectError, newEngine, readShard, settle, shardIterator } from './helpers';

const recorder = (engine: ReturnType<typeof newEngine>) => {
  const events: EngineEvent[] = [];
  engine.subscribe((e) => events.push(e));
  return events;
};
const written = (events: EngineEvent[]) => events.filter((e): e is RecordsWritten => e.type === 'recordsWritten');
const read = (events: EngineEvent[]) => events.filter((e): e is RecordsRead => e.type === 'recordsRead');
const utf8 = (s: string) => new TextEncoder().encode(s).length;

describe('event feed', () => {
  describe('recordsWritten', () => {
    it('should say, per shard, which positions each PutRecords wrote and their bytes as the limits count them (property)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 8 }), size: fc.nat(40) }), {
            minLength: 1,
            maxLength: 60,
          }),
          fc.integer({ min: 1, max: 6 }),
          (entries, shardCount) => {
            const engine = newEngine({ limits: { throughput: false } });
            activeStream(engine, 's', shardCount);
            const events = recorder(engine);
            const records: PutRecordsRequestEntry[] = entries.map((e) => ({
              PartitionKey: e.key,
              Data: new Uint8Array(e.size),
            }));
            const out = engine.call('PutRecords', { StreamName: 's', Records: records });
            const feed = written(events);
            // One event per shard the call wrote to, covering exactly the records it wrote there.
            const perShard = new Map<string, number>();
            out.Records!.forEach((r) => perShard.set(r.ShardId!, (perShard.get(r.ShardId!) ?? 0) + 1));
            expect(feed.map((e) => e.shardId).sort()).toEqual([...perShard.keys()].sort());
            for (const event of feed) {
              expect(event.count).toBe(perShard.get(event.shardId));
              const shard = engine.stream('s')!.shards.find((s) => s.id === event.shardId)!;
              expect(event.from + event.count).toBe(shard.records.length);
              let expected = 0;
              for (let i = event.from; i < event.from + event.count; i++) {
                expected += shard.records.dataSize(i) + utf8(shard.records.partitionKey(i));
              }
              expect(event.bytes).toBe(expected);
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it('should not report records the service throttled, and tally them on the call by error code', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const events = recorder(engine);
      const records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${i}`, Data: bytes('x') }));
      engine.call('PutRecords', { StreamName: 's', Records: records });
      engine.call('PutRecords', { StreamName: 's', Records: records });
      engine.call('PutRecords', { StreamName: 's', Records: records });
      const total = written(events).reduce((n, e) => n + e.count, 0);
      expect(total).toBe(1000);
      const calls = events.filter((e) => e.type === 'call');
      expect(calls.map((c) => c.type === 'call' && c.failedRecords)).toEqual([
        undefined,
        undefined,
        { ProvisionedThroughputExceededException: 500 },
      ]);
    });
  });

  describe('recordsRead', () => {
    it('should name the iterator GetRecords read and the one it handed back, with the positions read', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      for (const key of ['a', 'b', 'c'])
        engine.call('PutRecord', { StreamName: 's', PartitionKey: key, Data: bytes(key) });
      const events = recorder(engine);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const issued = events.find((e) => e.type === 'iteratorIssued');
      engine.call('GetRecords', { ShardIterator: iterator, Limit: 2 });
      const [first] = read(events);
      const next = events.filter((e) => e.type === 'iteratorIssued')[1];
      expect(first).toMatchObject({
        via: 'GetRecords',
        shardId: 'shardId-000000000000',
        from: 0,
        count: 2,
        next: 2,
        bytes: 4,
        millisBehindLatest: 0,
        iteratorId: issued?.type === 'iteratorIssued' ? issued.iteratorId : -1,
        nextIteratorId: next?.type === 'iteratorIssued' ? next.iteratorId : -1,
      });
      const call = events.filter((e) => e.type === 'call').at(-1);
      expect(call).toMatchObject({ operation: 'GetRecords', stream: 's' });
    });

    it('should hand back no next iterator at the end of a closed shard', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: bytes('a') });
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' });
      settle(engine);
      const events = recorder(engine);
      readShard(engine, shardIterator(engine, 's', 'shardId-0'));
      const last = read(events).at(-1)!;
      expect(last.next).toBe(1);
      expect(last.nextIteratorId).toBeUndefined();
    });

    it('should report each event a SubscribeToShard subscription pushes, and its end', () => {
      const engine = newEngine({ profile: 'current', limits: { throughput: false } });
      activeStream(engine, 's', 1);
      const streamArn = engine.stream('s')!.arn;
      const { Consumer } = engine.call('RegisterStreamConsumer', { StreamARN: streamArn, ConsumerName: 'c' });
      engine.advanceBy(engine.options.timings.createStreamMs);
      const events = recorder(engine);
      engine.call('SubscribeToShard', {
        ConsumerARN: Consumer!.ConsumerARN!,
        ShardId: 'shardId-0',
        StartingPosition: { Type: 'TRIM_HORIZON' },
      });
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: bytes('hello') });
      engine.advanceBy(1000);
      const pushed = read(events).filter((e) => e.via === 'SubscribeToShard');
      expect(pushed.map((e) => [e.from, e.count, e.bytes])).toEqual([
        [0, 0, 0],
        [0, 1, 6],
      ]);
      expect(pushed[1]).toMatchObject({ consumerArn: Consumer!.ConsumerARN, next: 1 });
      engine.advanceBy(300_000);
      expect(events.filter((e) => e.type === 'subscriptionEnded')).toEqual([
        expect.objectContaining({ shardId: 'shardId-000000000000', consumerArn: Consumer!.ConsumerARN }),
      ]);
    });
  });

  describe('failed', () => {
    it('should place a KMS refusal on the shard and count it on the PutRecords call', () => {
      const engine = newEngine({ profile: 'current', lenientKms: false });
      activeStream(engine, 's', 1);
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/orders-stream' });
      engine.advanceBy(10_000);
      engine.admin('kms:DisableKey', { KeyId: 'alias/orders-stream' });
      const events = recorder(engine);
      engine.call('PutRecords', {
        StreamName: 's',
        Records: [
          { PartitionKey: 'a', Data: bytes('a') },
          { PartitionKey: 'b', Data: bytes('b') },
        ],
      });
      expect(events.filter((e) => e.type === 'failed')).toEqual([
        expect.objectContaining({
          shardId: 'shardId-000000000000',
          operation: 'PutRecords',
          errorCode: 'KMSDisabledException',
          direction: 'write',
          count: 2,
        }),
      ]);
      expect(events.find((e) => e.type === 'call')).toMatchObject({ failedRecords: { KMSDisabledException: 2 } });
    });

    it('should place an expired iterator on its shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const iterator = shardIterator(engine, 's', 'shardId-1');
      engine.advanceBy(300_001);
      const events = recorder(engine);
      expectError(() => engine.call('GetRecords', { ShardIterator: iterator }), 'ExpiredIteratorException');
      expect(events.filter((e) => e.type === 'failed')).toEqual([
        expect.objectContaining({ shardId: 'shardId-000000000001', errorCode: 'ExpiredIteratorException' }),
      ]);
      expect(events.find((e) => e.type === 'call')).toMatchObject({ stream: 's' });
    });
  });

  describe('streamChanged', () => {
    it('should say the new settings when retention changes and when encryption takes effect', () => {
      const engine = newEngine({ lenientKms: true });
      activeStream(engine, 's', 1);
      const events = recorder(engine);
      engine.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 });
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
      engine.advanceBy(10_000);
      const changes = events.filter((e) => e.type === 'streamChanged');
      expect(changes.map((e) => e.type === 'streamChanged' && [e.retentionHours, e.encryptionType, e.keyId])).toEqual([
        [48, 'NONE', undefined],
        [48, 'KMS', 'alias/aws/kinesis'],
      ]);
    });
  });
});
