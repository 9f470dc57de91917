import { describe, expect, it } from 'vitest';
import { parseSequenceNumber } from '../index';
import { activeStream, arnOf, expectError, newEngine, notFound, put, settle, shards } from './helpers';

describe('DescribeStream', () => {
  describe('serialization', () => {
    it('should return SerializationException when Limit is a string', () => {
      expectError(
        () => newEngine().call('DescribeStream', { StreamName: 's', Limit: '1' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
    it('should return SerializationException when ExclusiveStartShardId is a number', () => {
      expectError(
        () => newEngine().call('DescribeStream', { StreamName: 's', ExclusiveStartShardId: 1 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for Limit 0 and an empty ExclusiveStartShardId, limit first', () => {
      expectError(
        () => newEngine().call('DescribeStream', { StreamName: 's', Limit: 0, ExclusiveStartShardId: '' }),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
          "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
    it('should return ValidationException for Limit above 10000', () => {
      expectError(
        () => newEngine().call('DescribeStream', { StreamName: 's', Limit: 10001 }),
        'ValidationException',
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      );
    });
    it('should check constraints before looking the stream up', () => {
      expectError(() => newEngine().call('DescribeStream', { StreamName: 'missing', Limit: 0 }), 'ValidationException');
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(
        () => newEngine().call('DescribeStream', { StreamName: 'x' }),
        'ResourceNotFoundException',
        notFound('x'),
      );
    });

    it('should describe a stream with the members of its profile (no StreamModeDetails in 2017-07)', () => {
      const old = newEngine({ profile: '2017-07' });
      activeStream(old, 's', 1);
      expect(Object.keys(old.call('DescribeStream', { StreamName: 's' }).StreamDescription!).sort()).toEqual([
        'EncryptionType',
        'EnhancedMonitoring',
        'HasMoreShards',
        'RetentionPeriodHours',
        'Shards',
        'StreamARN',
        'StreamCreationTimestamp',
        'StreamName',
        'StreamStatus',
      ]);
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expect(engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.StreamModeDetails).toEqual({
        StreamMode: 'PROVISIONED',
      });
    });

    it('should describe each shard with its hash range and starting sequence number only while open', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const [shard] = shards(engine, 's');
      expect(Object.keys(shard!)).toEqual(['ShardId', 'HashKeyRange', 'SequenceNumberRange']);
      expect(Object.keys(shard!.SequenceNumberRange!)).toEqual(['StartingSequenceNumber']);
    });

    it('should page shards with Limit, ExclusiveStartShardId and HasMoreShards', () => {
      const engine = newEngine();
      activeStream(engine, 's', 5);
      const first = engine.call('DescribeStream', { StreamName: 's', Limit: 2 }).StreamDescription!;
      expect(first.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
      expect(first.HasMoreShards).toBe(true);
      const last = engine.call('DescribeStream', {
        StreamName: 's',
        Limit: 3,
        ExclusiveStartShardId: 'shardId-000000000001',
      }).StreamDescription!;
      expect(last.Shards!.map((s) => s.ShardId)).toEqual([
        'shardId-000000000002',
        'shardId-000000000003',
        'shardId-000000000004',
      ]);
      expect(last.HasMoreShards).toBe(false);
    });

    it('should read ExclusiveStartShardId leniently (shardId-1 means shard 1)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      const page = engine.call('DescribeStream', {
        StreamName: 's',
        ExclusiveStartShardId: 'shardId-1',
      }).StreamDescription!;
      expect(page.Shards!.map((s) => s.ShardId)).toEqual(['shardId-000000000002']);
    });

    it('should return at most 100 shards whatever the Limit', () => {
      const engine = newEngine();
      activeStream(engine, 's', 120);
      const page = engine.call('DescribeStream', { StreamName: 's', Limit: 10000 }).StreamDescription!;
      expect(page.Shards).toHaveLength(100);
      expect(page.HasMoreShards).toBe(true);
      const rest = engine.call('DescribeStream', {
        StreamName: 's',
        ExclusiveStartShardId: page.Shards![99]!.ShardId!,
      }).StreamDescription!;
      expect(rest.Shards).toHaveLength(20);
      expect(rest.HasMoreShards).toBe(false);
    });

    it('should address the stream by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expect(engine.call('DescribeStream', { StreamARN: arnOf('s') }).StreamDescription!.StreamName).toBe('s');
    });

    it('should give sibling shards created together starting numbers 22300745198530623141535718272648361505980432 apart', () => {
      const engine = newEngine();
      activeStream(engine, 's', 4);
      const starts = shards(engine, 's').map((s) => BigInt(s.SequenceNumberRange!.StartingSequenceNumber!));
      for (let i = 1; i < starts.length; i++)
        expect(starts[i]! - starts[i - 1]!).toBe(22300745198530623141535718272648361505980432n);
      for (const start of starts) expect(start.toString()).toMatch(/^\d{56}$/);
    });

    it('should give a closed parent an EndingSequenceNumber with sequence index 0x7fffffffffffffff and list its children', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '12345' });
      settle(engine);
      const [parent, low, high] = shards(engine, 's');
      const ending = parent!.SequenceNumberRange!.EndingSequenceNumber!;
      expect(ending).toMatch(/^\d{56}$/);
      const parts = parseSequenceNumber(ending)!;
      expect(parts.sequenceIndex).toBe(0x7fffffffffffffffn);
      expect(parts.shardIndex).toBe(0);
      expect(BigInt(ending) > BigInt(parent!.SequenceNumberRange!.StartingSequenceNumber!)).toBe(true);
      expect(low).toMatchObject({
        ShardId: 'shardId-000000000001',
        ParentShardId: 'shardId-000000000000',
        HashKeyRange: { StartingHashKey: '0', EndingHashKey: '12344' },
      });
      expect(high).toMatchObject({
        ShardId: 'shardId-000000000002',
        ParentShardId: 'shardId-000000000000',
        HashKeyRange: { StartingHashKey: '12345' },
      });
    });

    it('should stop listing a closed shard once its close is older than the retention period', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '12345' });
      settle(engine);
      engine.advanceBy(24 * 3600_000);
      expect(shards(engine, 's')).toHaveLength(3);
      engine.advanceBy(1);
      expect(shards(engine, 's').map((s) => s.ShardId)).toEqual(['shardId-000000000001', 'shardId-000000000002']);
    });

    it('should share the 10 calls per second across the streams of the account', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      engine.call('CreateStream', { StreamName: 't', ShardCount: 1 });
      for (let i = 0; i < 10; i++) engine.call('DescribeStream', { StreamName: i % 2 === 0 ? 's' : 't' });
      expectError(
        () => engine.call('DescribeStream', { StreamName: 't' }),
        'LimitExceededException',
        'Rate exceeded for stream t under account 123456789012.',
      );
    });

    it('should throttle above 10 calls per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      for (let i = 0; i < 10; i++) engine.call('DescribeStream', { StreamName: 's' });
      expectError(
        () => engine.call('DescribeStream', { StreamName: 's' }),
        'LimitExceededException',
        'Rate exceeded for stream s under account 123456789012.',
      );
      engine.advanceBy(1000);
      expect(engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.StreamName).toBe('s');
    });
  });
});
