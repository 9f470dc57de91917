import { describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  FAST,
  newEngine,
  notFound,
  settle,
} from './helpers';

const ids = (out: { Shards?: { ShardId?: string | undefined }[] | undefined }) =>
  (out.Shards ?? []).map((s) => Number(s.ShardId!.slice(8)));

/**
 * A stream with history: shards 0 and 1 at t0; shard 0 split at t0+1000 (0 closes, 2 and 3 open at
 * t0+1500); shards 3 and 1 merged at t0+2500 (both close, 4 opens at t0+3000, which is now).
 */
function lineage(engine: Engine): { t0: number } {
  activeStream(engine, 's', 2);
  const t0 = engine.now();
  engine.advanceBy(1000);
  engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
  settle(engine);
  engine.advanceBy(1000);
  engine.call('MergeShards', {
    StreamName: 's',
    ShardToMerge: 'shardId-000000000003',
    AdjacentShardToMerge: 'shardId-000000000001',
  });
  settle(engine);
  return { t0 };
}

describe('ListShards', () => {
  describe('serialization', () => {
    it('should return SerializationException when MaxResults is a string', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 's', MaxResults: '1' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
    it('should return SerializationException when ShardFilter is a string', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 's', ShardFilter: 'x' }),
        'SerializationException',
        'Expected null',
      );
    });
    it('should return SerializationException when the filter Timestamp is a string', () => {
      expectError(
        () =>
          newEngine().call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: 'x' } }),
        'SerializationException',
        'class java.lang.String can not be converted to milliseconds since epoch',
      );
    });
  });

  describe('validation', () => {
    it('should return UnknownOperationException in the 2017-07 profile', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('ListShards', { StreamName: 's' }),
        'UnknownOperationException',
        '',
      );
    });
    it('should return ValidationException for MaxResults 0 and an unknown filter type', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 's', MaxResults: 0, ShardFilter: { Type: 'NOPE' } }),
        'ValidationException',
        '2 validation errors detected: ' +
          "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value 'NOPE' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]',
      );
    });
    it('should return ValidationException for a filter without Type', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 's', ShardFilter: {} }),
        'ValidationException',
        "1 validation error detected: Value null at 'shardFilter.type' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return InvalidArgumentException with neither NextToken nor StreamName', () => {
      expectError(
        () => newEngine().call('ListShards', {}),
        'InvalidArgumentException',
        'Either NextToken or StreamName should be provided.',
      );
    });
    it('should return InvalidArgumentException with both NextToken and StreamName', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 's', NextToken: 'abcd' }),
        'InvalidArgumentException',
        'NextToken and StreamName cannot be provided together.',
      );
    });
    it('should return InvalidArgumentException for AFTER_SHARD_ID without ShardId', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      expectError(
        () => engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AFTER_SHARD_ID' } }),
        'InvalidArgumentException',
        'Must specify ShardId in ShardFilter when ShardFilter type is AFTER_SHARD_ID.',
      );
    });
    it('should return InvalidArgumentException for AT_TIMESTAMP without Timestamp', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      expectError(
        () => engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP' } }),
        'InvalidArgumentException',
        'Must specify Timestamp in ShardFilter when ShardFilter type is AT_TIMESTAMP.',
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(
        () => newEngine().call('ListShards', { StreamName: 'x' }),
        'ResourceNotFoundException',
        notFound('x'),
      );
    });

    it('should list no shards while CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      expect(engine.call('ListShards', { StreamName: 's' })).toEqual({ Shards: [] });
    });

    it('should list parents and children in index order, by name or ARN', () => {
      const engine = newEngine();
      lineage(engine);
      expect(ids(engine.call('ListShards', { StreamName: 's' }))).toEqual([0, 1, 2, 3, 4]);
      expect(ids(engine.call('ListShards', { StreamARN: arnOf('s') }))).toEqual([0, 1, 2, 3, 4]);
      const child = engine.call('ListShards', { StreamName: 's' }).Shards![4]!;
      expect(child).toMatchObject({
        ParentShardId: 'shardId-000000000003',
        AdjacentParentShardId: 'shardId-000000000001',
      });
    });

    it('should page with MaxResults and a NextToken that carries the stream', () => {
      const engine = newEngine();
      lineage(engine);
      const first = engine.call('ListShards', { StreamName: 's', MaxResults: 2 });
      expect(ids(first)).toEqual([0, 1]);
      const second = engine.call('ListShards', { NextToken: first.NextToken!, MaxResults: 2 });
      expect(ids(second)).toEqual([2, 3]);
      const third = engine.call('ListShards', { NextToken: second.NextToken!, MaxResults: 2 });
      expect(ids(third)).toEqual([4]);
      expect(third.NextToken).toBeUndefined();
    });

    it('should start after ExclusiveStartShardId (leniently parsed)', () => {
      const engine = newEngine();
      lineage(engine);
      expect(ids(engine.call('ListShards', { StreamName: 's', ExclusiveStartShardId: 'shardId-2' }))).toEqual([3, 4]);
    });

    it('should filter AFTER_SHARD_ID', () => {
      const engine = newEngine();
      lineage(engine);
      expect(
        ids(
          engine.call('ListShards', {
            StreamName: 's',
            ShardFilter: { Type: 'AFTER_SHARD_ID', ShardId: 'shardId-000000000001' },
          }),
        ),
      ).toEqual([2, 3, 4]);
    });

    it('should filter AT_LATEST to the open shards', () => {
      const engine = newEngine();
      lineage(engine);
      expect(ids(engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_LATEST' } }))).toEqual([2, 4]);
    });

    it('should filter AT_TRIM_HORIZON to the shards open at the trim horizon, FROM_TRIM_HORIZON to every unexpired shard', () => {
      const engine = newEngine();
      lineage(engine);
      expect(ids(engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TRIM_HORIZON' } }))).toEqual([
        0, 1,
      ]);
      expect(ids(engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'FROM_TRIM_HORIZON' } }))).toEqual([
        0, 1, 2, 3, 4,
      ]);
    });

    it('should filter AT_TIMESTAMP to the shards open at that time and FROM_TIMESTAMP to those open at or after it', () => {
      const engine = newEngine();
      const { t0 } = lineage(engine);
      engine.advanceBy(1);
      const at = (t: number) =>
        ids(
          engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TIMESTAMP', Timestamp: new Date(t) } }),
        );
      const from = (t: number) =>
        ids(
          engine.call('ListShards', {
            StreamName: 's',
            ShardFilter: { Type: 'FROM_TIMESTAMP', Timestamp: new Date(t) },
          }),
        );
      expect(at(t0 + 100)).toEqual([0, 1]);
      expect(at(t0 + 2000)).toEqual([1, 2, 3]);
      expect(at(engine.now())).toEqual([2, 4]);
      expect(from(t0 + 2000)).toEqual([1, 2, 3, 4]);
      expect(from(engine.now())).toEqual([2, 4]);
    });

    it('should keep the filter across NextToken pages', () => {
      const engine = newEngine();
      lineage(engine);
      const first = engine.call('ListShards', { StreamName: 's', MaxResults: 1, ShardFilter: { Type: 'AT_LATEST' } });
      expect(ids(first)).toEqual([2]);
      expect(ids(engine.call('ListShards', { NextToken: first.NextToken! }))).toEqual([4]);
    });

    it('should omit shards that expired after the retention period', () => {
      const engine = newEngine();
      lineage(engine);
      engine.advanceBy(24 * 3600_000 + 1);
      expect(ids(engine.call('ListShards', { StreamName: 's' }))).toEqual([2, 4]);
      expect(ids(engine.call('ListShards', { StreamName: 's', ShardFilter: { Type: 'AT_TRIM_HORIZON' } }))).toEqual([
        2, 4,
      ]);
    });

    it('should return ExpiredNextTokenException once a NextToken is older than 300 s', () => {
      const engine = newEngine();
      lineage(engine);
      const token = engine.call('ListShards', { StreamName: 's', MaxResults: 1 }).NextToken!;
      engine.advanceBy(300_000);
      expect(ids(engine.call('ListShards', { NextToken: token, MaxResults: 1 }))).toEqual([1]);
      engine.advanceBy(1);
      expectFailureChangesNothing(
        engine,
        () => engine.call('ListShards', { NextToken: token }),
        'ExpiredNextTokenException',
        'The NextToken has expired. A NextToken is valid for 300 seconds.',
      );
    });

    it('should return InvalidArgumentException for a tampered NextToken', () => {
      const engine = newEngine();
      lineage(engine);
      const token = engine.call('ListShards', { StreamName: 's', MaxResults: 1 }).NextToken!;
      const tampered = (token[5] === 'A' ? 'B' : 'A').padStart(6, token.slice(0, 5));
      expectError(
        () => engine.call('ListShards', { NextToken: tampered + token.slice(6) }),
        'InvalidArgumentException',
        'Invalid NextToken.',
      );
      expectError(
        () => newEngine({ seed: 7 }).call('ListShards', { NextToken: token }),
        'InvalidArgumentException',
        'Invalid NextToken.',
      );
    });

    it('should throttle above 1000 calls per second per stream with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine, 's', 1);
      activeStream(engine, 't', 1);
      engine.advanceBy(1000 - (engine.now() % 1000));
      for (let i = 0; i < 1000; i++) engine.call('ListShards', { StreamName: 's' });
      expectError(
        () => engine.call('ListShards', { StreamName: 's' }),
        'LimitExceededException',
        `Rate exceeded for stream s under account ${ACCOUNT}.`,
      );
      engine.call('ListShards', { StreamName: 't' });
      engine.advanceBy(1000);
      engine.call('ListShards', { StreamName: 's' });
    });

    it('should return ResourceNotFoundException for a NextToken of a stream deleted and recreated since', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      const token = engine.call('ListShards', { StreamName: 's', MaxResults: 1 }).NextToken!;
      engine.call('DeleteStream', { StreamName: 's' });
      engine.advanceBy(FAST.deleteStreamMs);
      activeStream(engine, 's', 3);
      expectError(() => engine.call('ListShards', { NextToken: token }), 'ResourceNotFoundException', notFound('s'));
    });
  });
});
