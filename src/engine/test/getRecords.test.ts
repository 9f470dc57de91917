import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  activeStream,
  bytes,
  expectError,
  expectFailureChangesNothing,
  FAST,
  newEngine,
  put,
  readShard,
  recordEvents,
  settle,
  shardIterator,
  text,
} from './helpers';

const rateText = `Rate exceeded for shard shardId-000000000000 in stream s under account ${ACCOUNT}.`;
const MiB = 1048576;

describe('GetRecords', () => {
  describe('serialization', () => {
    it('should return SerializationException when ShardIterator is a number', () => {
      expectError(
        () => newEngine().call('GetRecords', { ShardIterator: 1 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
    it('should return SerializationException when Limit is a string', () => {
      expectError(
        () => newEngine().call('GetRecords', { ShardIterator: 'abcd', Limit: 'x' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for a missing ShardIterator', () => {
      expectError(
        () => newEngine().call('GetRecords', {}),
        'ValidationException',
        "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for Limit 0 and an iterator longer than 512 characters', () => {
      const long = 'A'.repeat(513);
      expectError(
        () => newEngine().call('GetRecords', { ShardIterator: long, Limit: 0 }),
        'ValidationException',
        '2 validation errors detected: ' +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          `Value '${long}' at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512`,
      );
    });
    it('should return ValidationException for Limit above 10000', () => {
      expectError(
        () => newEngine().call('GetRecords', { ShardIterator: 'abcd', Limit: 10001 }),
        'ValidationException',
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      );
    });
  });

  describe('functionality', () => {
    it('should return InvalidArgumentException for a tampered, truncated or foreign iterator', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const middle = iterator.length >> 1;
      const tampered = iterator.slice(0, middle) + (iterator[middle] === 'A' ? 'B' : 'A') + iterator.slice(middle + 1);
      for (const bad of [tampered, iterator.slice(0, -4), 'AAAA', 'not base64!']) {
        expectFailureChangesNothing(
          engine,
          () => engine.call('GetRecords', { ShardIterator: bad }),
          'InvalidArgumentException',
          'Invalid ShardIterator.',
        );
      }
      const other = newEngine({ seed: 99 });
      activeStream(other, 's', 1);
      expectError(
        () => other.call('GetRecords', { ShardIterator: iterator }),
        'InvalidArgumentException',
        'Invalid ShardIterator.',
      );
    });

    it('should return records with every member, and the next iterator', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const { SequenceNumber } = put(engine, 's', 'key', 'hello');
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records).toEqual([
        {
          SequenceNumber,
          ApproximateArrivalTimestamp: new Date(engine.now()),
          Data: bytes('hello'),
          PartitionKey: 'key',
        },
      ]);
      expect(out.MillisBehindLatest).toBe(0);
      expect(out.NextShardIterator).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      put(engine, 's', 'key', 'again');
      expect(
        engine.call('GetRecords', { ShardIterator: out.NextShardIterator! }).Records!.map((r) => text(r.Data)),
      ).toEqual(['again']);
    });

    it('should return a record bigger than 64 KiB whole when an empty record follows it', () => {
      // Payloads are stored in 64 KiB chunks and a bigger one gets a chunk of its own; an empty
      // record placed inside that chunk once cut the big one short on the way out.
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      const big = new Uint8Array(70_000).fill(9);
      for (const Data of [big, new Uint8Array(0), bytes('after')])
        engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data });
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records!.map((r) => r.Data!.length)).toEqual([70_000, 0, 5]);
      expect(out.Records![0]!.Data).toEqual(big);
    });

    it('should answer exactly Records, NextShardIterator and MillisBehindLatest in the 2017-07 profile', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine, 's', 1);
      put(engine, 's', 'k');
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(Object.keys(out).sort()).toEqual(['MillisBehindLatest', 'NextShardIterator', 'Records']);
    });

    it('should return an empty page and a next iterator at the tip of an open shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0', 'LATEST') });
      expect(out.Records).toEqual([]);
      expect(out.NextShardIterator).toBeDefined();
      expect(out.MillisBehindLatest).toBe(0);
    });

    it('should honour Limit and report MillisBehindLatest from the next unread record', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      engine.advanceBy(4000);
      put(engine, 's', 'b');
      put(engine, 's', 'c');
      engine.advanceBy(6000);
      const first = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0'), Limit: 1 });
      expect(first.Records!.map((r) => text(r.Data))).toEqual(['a']);
      expect(first.MillisBehindLatest).toBe(6000);
      const rest = engine.call('GetRecords', { ShardIterator: first.NextShardIterator!, Limit: 5 });
      expect(rest.Records!.map((r) => text(r.Data))).toEqual(['b', 'c']);
      expect(rest.MillisBehindLatest).toBe(0);
    });

    it('should end a closed shard with no NextShardIterator and name its children (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      settle(engine);
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records!.map((r) => text(r.Data))).toEqual(['a']);
      expect(out.NextShardIterator).toBeUndefined();
      expect(out.ChildShards).toEqual([
        {
          ShardId: 'shardId-000000000001',
          ParentShards: ['shardId-000000000000'],
          HashKeyRange: { StartingHashKey: '0', EndingHashKey: '999' },
        },
        {
          ShardId: 'shardId-000000000002',
          ParentShards: ['shardId-000000000000'],
          HashKeyRange: { StartingHashKey: '1000', EndingHashKey: String((1n << 128n) - 1n) },
        },
      ]);
    });

    it('should name both parents of a merged child at the end of either parent', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.call('MergeShards', {
        StreamName: 's',
        ShardToMerge: 'shardId-000000000000',
        AdjacentShardToMerge: 'shardId-000000000001',
      });
      settle(engine);
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-1', 'LATEST') });
      expect(out.NextShardIterator).toBeUndefined();
      expect(out.ChildShards).toEqual([
        {
          ShardId: 'shardId-000000000002',
          ParentShards: ['shardId-000000000000', 'shardId-000000000001'],
          HashKeyRange: { StartingHashKey: '0', EndingHashKey: String((1n << 128n) - 1n) },
        },
      ]);
    });

    it('should end a closed shard without ChildShards in the 2017-07 profile', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      settle(engine);
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out).toEqual({ Records: [], MillisBehindLatest: 0 });
    });

    it('should keep a parent readable after it closed and route new writes to the children', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      put(engine, 's', 'a', 'before', '5');
      const iterator = shardIterator(engine, 's', 'shardId-0');
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      settle(engine);
      expect(put(engine, 's', 'a', 'after', '5').ShardId).toBe('shardId-000000000001');
      const parent = readShard(engine, iterator);
      expect(parent).toEqual({ records: [expect.objectContaining({ Data: bytes('before') })], closed: true });
    });

    it('should expire an iterator 300000 ms after it was issued, with the service text', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const events = recordEvents(engine);
      engine.advanceBy(300_000);
      expect(events.find((e) => e.type === 'iteratorExpired')).toBeUndefined();
      engine.call('GetRecords', { ShardIterator: iterator });
      engine.advanceBy(1);
      expect(events.find((e) => e.type === 'iteratorExpired')).toMatchObject({
        stream: 's',
        shardId: 'shardId-000000000000',
      });
      expectFailureChangesNothing(
        engine,
        () => engine.call('GetRecords', { ShardIterator: iterator }),
        'ExpiredIteratorException',
        'Iterator expired. The iterator was created at time Fri Jul 14 02:40:00 UTC 2017 while right now it is Fri Jul 14 02:45:00 UTC 2017 ' +
          'which is further in the future than the tolerated delay of 300000 milliseconds.',
      );
    });

    it('should announce iteratorExpired at the first instant GetRecords refuses the iterator', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const events = recordEvents(engine);
      let refusedAt: number | undefined;
      for (let step = 0; step < 2 && refusedAt === undefined; step++) {
        engine.advanceTo(engine.now() + (step === 0 ? 300_000 : 1));
        try {
          engine.call('GetRecords', { ShardIterator: iterator });
        } catch {
          refusedAt = engine.now();
        }
      }
      expect(events.find((e) => e.type === 'iteratorExpired')?.t).toBe(refusedAt);
    });

    it('should print instants with a two-digit day in the expiry text', () => {
      const engine = newEngine({ startTime: Date.UTC(2015, 0, 2, 1, 22, 2) });
      activeStream(engine, 's', 1);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      engine.advanceBy(3_600_000);
      expectError(
        () => engine.call('GetRecords', { ShardIterator: iterator }),
        'ExpiredIteratorException',
        'Iterator expired. The iterator was created at time Fri Jan 02 01:22:02 UTC 2015 while right now it is Fri Jan 02 02:22:02 UTC 2015 ' +
          'which is further in the future than the tolerated delay of 300000 milliseconds.',
      );
    });

    it('should give each NextShardIterator its own five minutes', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const first = shardIterator(engine, 's', 'shardId-0');
      engine.advanceBy(200_000);
      const next = engine.call('GetRecords', { ShardIterator: first }).NextShardIterator!;
      engine.advanceBy(200_000);
      expectError(() => engine.call('GetRecords', { ShardIterator: first }), 'ExpiredIteratorException');
      engine.call('GetRecords', { ShardIterator: next });
    });

    it('should return ResourceNotFoundException for an iterator of a deleted stream recreated under the same name', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const iterator = shardIterator(engine, 's', 'shardId-0');
      engine.call('DeleteStream', { StreamName: 's' });
      engine.advanceBy(FAST.deleteStreamMs);
      activeStream(engine, 's', 1);
      expectError(
        () => engine.call('GetRecords', { ShardIterator: iterator }),
        'ResourceNotFoundException',
        `Shard shardId-000000000000 in stream s under account ${ACCOUNT} does not exist`,
      );
    });

    it('should throttle the sixth call in one second on one shard, and not with throughput limits off', () => {
      for (const throughput of [true, false]) {
        const engine = newEngine({ limits: { throughput } });
        activeStream(engine, 's', 2);
        engine.advanceBy(1000 - (engine.now() % 1000));
        const iterator = shardIterator(engine, 's', 'shardId-0');
        for (let i = 0; i < 5; i++) engine.call('GetRecords', { ShardIterator: iterator });
        const events = recordEvents(engine);
        if (throughput) {
          expectFailureChangesNothing(
            engine,
            () => engine.call('GetRecords', { ShardIterator: iterator }),
            'ProvisionedThroughputExceededException',
            rateText,
          );
          expect(events[0]).toMatchObject({
            type: 'throttled',
            direction: 'read',
            shardId: 'shardId-000000000000',
            operation: 'GetRecords',
          });
          engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-1') });
          engine.advanceBy(1000);
        }
        engine.call('GetRecords', { ShardIterator: iterator });
      }
    });

    it('should cap a call at 10 MiB and then refuse reads of that shard for 5 seconds', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      for (let i = 0; i < 11; i++) {
        engine.advanceBy(1000);
        engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(MiB - 1).fill(i) });
      }
      engine.advanceBy(1000);
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records).toHaveLength(10);
      expect(out.MillisBehindLatest).toBe(1000);
      engine.advanceBy(4999);
      expectError(
        () => engine.call('GetRecords', { ShardIterator: out.NextShardIterator! }),
        'ProvisionedThroughputExceededException',
        rateText,
      );
      engine.advanceBy(1);
      const rest = engine.call('GetRecords', { ShardIterator: out.NextShardIterator! });
      expect(rest.Records!.map((r) => r.Data![0])).toEqual([10]);
    });

    it('should serve the next read at once after a 10 MiB read with throughput limits off', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      for (let i = 0; i < 11; i++)
        engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(MiB - 1).fill(i) });
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records).toHaveLength(10);
      expect(
        engine.call('GetRecords', { ShardIterator: out.NextShardIterator! }).Records!.map((r) => r.Data![0]),
      ).toEqual([10]);
    });

    it('should refuse reads of a shard for as long as a read above 2 MiB borrowed (3 MiB: 1.5 s)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      for (let i = 0; i < 3; i++) {
        engine.advanceBy(1000);
        engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(MiB - 1) });
      }
      engine.advanceBy(1000 - (engine.now() % 1000));
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const out = engine.call('GetRecords', { ShardIterator: iterator });
      expect(out.Records).toHaveLength(3);
      engine.advanceBy(1499);
      expectError(
        () => engine.call('GetRecords', { ShardIterator: out.NextShardIterator! }),
        'ProvisionedThroughputExceededException',
        rateText,
      );
      engine.advanceBy(1);
      engine.call('GetRecords', { ShardIterator: out.NextShardIterator! });
    });

    it('should return a record larger than the 10 MiB cap alone rather than nothing', () => {
      const engine = newEngine({ limits: { throughput: false } });
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1, MaxRecordSizeInKiB: 10240 });
      engine.advanceBy(FAST.createStreamMs);
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(10 * MiB - 1) });
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array(1) });
      const out = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(out.Records).toHaveLength(1);
    });

    it('should make records older than the retention period unreadable, even through an earlier iterator', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'old');
      engine.advanceBy(24 * 3600_000 - 60_000);
      put(engine, 's', 'new');
      const iterator = shardIterator(engine, 's', 'shardId-0');
      const events = recordEvents(engine);
      engine.advanceBy(61_000);
      expect(engine.call('GetRecords', { ShardIterator: iterator }).Records!.map((r) => text(r.Data))).toEqual(['new']);
      expect(events.find((e) => e.type === 'recordsTrimmed')).toMatchObject({
        shardId: 'shardId-000000000000',
        trimmedThrough: 1,
        count: 1,
      });
    });

    it('should not let a consumer that edits a returned Data buffer change the stored record', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'k', 'abc');
      const first = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      first.Records![0]!.Data![0] = 0x7a;
      const again = engine.call('GetRecords', { ShardIterator: shardIterator(engine, 's', 'shardId-0') });
      expect(text(again.Records![0]!.Data)).toBe('abc');
    });

    it('should never revive trimmed records when retention is increased', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'old');
      engine.advanceBy(30 * 3600_000);
      put(engine, 's', 'new');
      const read = () => readShard(engine, shardIterator(engine, 's', 'shardId-0')).records.map((r) => text(r.Data));
      expect(read()).toEqual(['new']);
      engine.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 });
      expect(read()).toEqual(['new']);
    });
  });
});
