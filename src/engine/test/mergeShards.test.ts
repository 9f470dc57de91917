import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  MAX_HASH,
  newEngine,
  notActive,
  notFound,
  put,
  recordEvents,
  settle,
  shards,
} from './helpers';

const merge = (engine: ReturnType<typeof newEngine>, a: string, b: string) =>
  engine.call('MergeShards', { StreamName: 's', ShardToMerge: a, AdjacentShardToMerge: b });
const notAdjacent = (a: string, b: string) =>
  `Shards ${a} and ${b} in stream s under account ${ACCOUNT} are not an adjacent pair of shards eligible for merging`;

describe('MergeShards', () => {
  describe('serialization', () => {
    it('should return SerializationException when AdjacentShardToMerge is an object', () => {
      expectError(
        () => newEngine().call('MergeShards', { StreamName: 's', ShardToMerge: 'a', AdjacentShardToMerge: {} }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing members, in the service order (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('MergeShards', {}),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value null at 'shardToMerge' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'adjacentShardToMerge' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for a shard id with invalid characters', () => {
      expectError(
        () => newEngine().call('MergeShards', { StreamName: 's', ShardToMerge: 'a:b', AdjacentShardToMerge: 'c' }),
        'ValidationException',
        "1 validation error detected: Value 'a:b' at 'shardToMerge' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(() => merge(newEngine(), 'shardId-0', 'shardId-1'), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException if stream is CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      expectError(() => merge(engine, 'shardId-0', 'shardId-1'), 'ResourceInUseException', notActive('s', 'CREATING'));
    });

    it('should return ResourceNotFoundException for an unknown shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      expectError(
        () => merge(engine, 'shardId-0', 'shardId-9'),
        'ResourceNotFoundException',
        `Could not find shard shardId-000000000009 in stream s under account ${ACCOUNT}.`,
      );
    });

    it('should need ShardToMerge to end just before AdjacentShardToMerge starts (order matters)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      expectFailureChangesNothing(
        engine,
        () => merge(engine, 'shardId-1', 'shardId-0'),
        'InvalidArgumentException',
        notAdjacent('shardId-000000000001', 'shardId-000000000000'),
      );
      expectError(
        () => merge(engine, 'shardId-0', 'shardId-2'),
        'InvalidArgumentException',
        notAdjacent('shardId-000000000000', 'shardId-000000000002'),
      );
      expectError(
        () => merge(engine, 'shardId-0', 'shardId-0'),
        'InvalidArgumentException',
        notAdjacent('shardId-000000000000', 'shardId-000000000000'),
      );
      merge(engine, 'shardId-1', 'shardId-2');
    });

    it('should close both parents and open one child covering both ranges', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      const events = recordEvents(engine);
      expect(merge(engine, 'shardId-000000000001', 'shardId-000000000002')).toEqual({});
      expect(engine.stream('s')!.status).toBe('UPDATING');
      settle(engine);
      const all = shards(engine, 's');
      expect(all[1]!.SequenceNumberRange!.EndingSequenceNumber).toBeDefined();
      expect(all[2]!.SequenceNumberRange!.EndingSequenceNumber).toBeDefined();
      expect(all[3]).toMatchObject({
        ShardId: 'shardId-000000000003',
        ParentShardId: 'shardId-000000000001',
        AdjacentParentShardId: 'shardId-000000000002',
        HashKeyRange: { StartingHashKey: all[1]!.HashKeyRange!.StartingHashKey, EndingHashKey: String(MAX_HASH) },
      });
      expect(
        events
          .filter((e) => e.type === 'shardClosed')
          .map((e) => e.type === 'shardClosed' && [e.shardId, e.childShardIds]),
      ).toEqual([
        ['shardId-000000000001', ['shardId-000000000003']],
        ['shardId-000000000002', ['shardId-000000000003']],
      ]);
      expect(put(engine, 's', 'x', 'x', String(MAX_HASH)).ShardId).toBe('shardId-000000000003');
    });

    it('should refuse to merge a shard that was already merged', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      merge(engine, 'shardId-0', 'shardId-1');
      settle(engine);
      expectFailureChangesNothing(
        engine,
        () => merge(engine, 'shardId-1', 'shardId-2'),
        'InvalidArgumentException',
        `Shard shardId-000000000001 in stream s under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
      );
      merge(engine, 'shardId-3', 'shardId-2');
    });

    it('should merge a stream addressed by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.call('MergeShards', {
        StreamARN: arnOf('s'),
        ShardToMerge: 'shardId-0',
        AdjacentShardToMerge: 'shardId-1',
      });
      settle(engine);
      expect(engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary!.OpenShardCount).toBe(
        1,
      );
    });
  });
});
