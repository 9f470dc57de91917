import { describe, expect, it } from 'vitest';
import { evenRanges } from '../index';
import type { Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  FAST,
  newEngine,
  notActive,
  notFound,
  recordEvents,
  settle,
} from './helpers';

const update = (engine: Engine, target: number, stream = 's') =>
  engine.call('UpdateShardCount', { StreamName: stream, TargetShardCount: target, ScalingType: 'UNIFORM_SCALING' });

const openRanges = (engine: Engine, stream = 's') =>
  engine
    .stream(stream)!
    .shards.filter((s) => s.closedAt === undefined)
    .map((s) => [s.startingHashKey, s.endingHashKey] as [bigint, bigint])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));

describe('UpdateShardCount', () => {
  describe('serialization', () => {
    it('should return SerializationException when TargetShardCount is a string', () => {
      expectError(
        () =>
          newEngine().call('UpdateShardCount', {
            StreamName: 's',
            TargetShardCount: '2',
            ScalingType: 'UNIFORM_SCALING',
          }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing members, alphabetically (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('UpdateShardCount', {}),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value null at 'scalingType' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'targetShardCount' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for an unknown ScalingType and a zero target', () => {
      expectError(
        () => newEngine().call('UpdateShardCount', { StreamName: 's', TargetShardCount: 0, ScalingType: 'X' }),
        'ValidationException',
        '2 validation errors detected: ' +
          "Value 'X' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]; " +
          "Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(() => update(newEngine(), 2), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException if stream is CREATING or UPDATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      expectError(() => update(engine, 3), 'ResourceInUseException', notActive('s', 'CREATING'));
      engine.advanceBy(FAST.createStreamMs);
      update(engine, 3);
      expectFailureChangesNothing(
        engine,
        () => update(engine, 4),
        'ResourceInUseException',
        notActive('s', 'UPDATING'),
      );
    });

    it('should answer the current and target counts at once (with StreamARN in the current profile)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      expect(update(engine, 3)).toEqual({
        StreamName: 's',
        CurrentShardCount: 2,
        TargetShardCount: 3,
        StreamARN: arnOf('s'),
      });
      const old = newEngine({ profile: '2017-07' });
      activeStream(old, 's', 2);
      expect(update(old, 3)).toEqual({ StreamName: 's', CurrentShardCount: 2, TargetShardCount: 3 });
    });

    /** The open ranges partition the hash-key space: no gap, no overlap, from 0 to 2^128 − 1. */
    const expectPartition = (ranges: [bigint, bigint][]) => {
      expect(ranges[0]![0]).toBe(0n);
      expect(ranges.at(-1)![1]).toBe(2n ** 128n - 1n);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1n);
    };

    // How many shards the stream's list holds afterwards: the service halves every shard to scale
    // up and merges pairs to come down (10 -> 13 is reported to leave 37 shards, 5 -> 3 to leave 7).
    for (const [from, to, listed] of [
      [1, 2, 3],
      [2, 1, 3],
      [3, 5, 10],
      [3, 6, 9],
      [4, 2, 6],
      [5, 3, 7],
      [3, 2, 4],
      [4, 7, 13],
      [10, 13, 37],
    ] as const) {
      it(`should end with ${to} open shards and ${listed} in all when scaling ${from} → ${to}`, () => {
        const engine = newEngine();
        activeStream(engine, 's', from);
        update(engine, to);
        expect(engine.stream('s')!.status).toBe('UPDATING');
        settle(engine);
        expect(engine.stream('s')!.status).toBe('ACTIVE');
        expect(openRanges(engine)).toHaveLength(to);
        expectPartition(openRanges(engine));
        const ids = engine.stream('s')!.shards.map((s) => s.index);
        expect(ids).toHaveLength(listed);
        expect(ids).toEqual(ids.map((_, i) => i));
      });
    }

    it('should give even ranges (to a few hash keys) when doubling or halving', () => {
      for (const [from, to] of [
        [3, 6],
        [4, 2],
      ] as const) {
        const engine = newEngine();
        activeStream(engine, 's', from);
        update(engine, to);
        settle(engine);
        const got = openRanges(engine);
        evenRanges(to).forEach(([start], i) => expect(Math.abs(Number(got[i]![0] - start))).toBeLessThanOrEqual(to));
      }
    });

    it('should keep every open range within a factor of two of the others', () => {
      const engine = newEngine();
      activeStream(engine, 's', 10);
      update(engine, 13);
      settle(engine);
      const widths = openRanges(engine).map(([start, end]) => end - start + 1n);
      const narrowest = widths.reduce((a, b) => (a < b ? a : b));
      for (const width of widths) expect(width <= narrowest * 2n + 2n).toBe(true);
    });

    it('should reach the target from uneven shards left by a manual split', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '123456789' });
      settle(engine);
      update(engine, 4);
      settle(engine);
      expect(openRanges(engine)).toHaveLength(4);
      expectPartition(openRanges(engine));
    });

    it('should split first and merge later, so short-lived shards are open in between', () => {
      const engine = newEngine({ timings: { updateShardCountMs: 10_000 } });
      activeStream(engine, 's', 3);
      update(engine, 5);
      engine.advanceBy(5000);
      expect(openRanges(engine)).toHaveLength(6);
      expect(engine.call('DescribeLimits', {}).OpenShardCount).toBe(6);
      engine.advanceBy(5000);
      expect(openRanges(engine)).toHaveLength(5);
    });

    it('should log one UPDATING and one ACTIVE status around both phases, with the shards opened and closed between', () => {
      const engine = newEngine({ timings: { updateShardCountMs: 10_000 } });
      activeStream(engine, 's', 3);
      const events = recordEvents(engine);
      update(engine, 5);
      engine.advanceBy(10_000);
      const statuses = events
        .filter((e) => e.type === 'streamStatus')
        .map((e) => e.type === 'streamStatus' && [e.status, e.reason]);
      expect(statuses).toEqual([
        ['UPDATING', 'UpdateShardCount'],
        ['ACTIVE', 'UpdateShardCount'],
      ]);
      expect(events.filter((e) => e.type === 'shardOpened')).toHaveLength(7);
      expect(events.filter((e) => e.type === 'shardClosed')).toHaveLength(5);
      const opened = events.filter((e) => e.type === 'shardOpened').map((e) => e.t - engine.now());
      expect(opened).toEqual([-5000, -5000, -5000, -5000, -5000, -5000, 0]);
    });

    it('should refuse UpdateShardCount on an ON_DEMAND stream', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      settle(engine);
      expectFailureChangesNothing(engine, () => update(engine, 5), 'ValidationException');
    });

    it('should refuse more than double or less than half the open shard count', () => {
      const engine = newEngine();
      activeStream(engine, 's', 4);
      expectFailureChangesNothing(engine, () => update(engine, 9), 'LimitExceededException');
      expectFailureChangesNothing(engine, () => update(engine, 1), 'LimitExceededException');
      update(engine, 8);
      settle(engine);
      update(engine, 4);
    });

    it('should allow 2 updates per rolling 24 hours in 2017-07', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine, 's', 2);
      update(engine, 3);
      settle(engine);
      update(engine, 2);
      settle(engine);
      const start = engine.now();
      expectFailureChangesNothing(engine, () => update(engine, 3), 'LimitExceededException');
      engine.advanceTo(start - 1000 + 86_400_000 - 1);
      expectError(() => update(engine, 3), 'LimitExceededException');
      engine.advanceTo(start - 1000 + 86_400_000);
      update(engine, 3);
    });

    it('should allow 10 updates per rolling 24 hours in the current profile', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      for (let i = 0; i < 10; i++) {
        update(engine, i % 2 === 0 ? 3 : 2);
        settle(engine);
      }
      expectError(() => update(engine, 3), 'LimitExceededException');
    });

    it('should refuse a target above 200 shards in 2017-07', () => {
      const engine = newEngine({ profile: '2017-07', limits: { throughput: false } });
      activeStream(engine, 's', 101);
      expectFailureChangesNothing(engine, () => update(engine, 201), 'LimitExceededException');
      update(engine, 200);
    });

    it('should refuse an update whose splits would exceed the account shard limit', () => {
      const engine = newEngine({ limits: { shardLimit: 3 } });
      activeStream(engine, 's', 2);
      expectFailureChangesNothing(
        engine,
        () => update(engine, 4),
        'LimitExceededException',
        `This request would exceed the shard limit for the account ${ACCOUNT} in us-east-1. Current shard count for the account: 2. Limit: 3. ` +
          'Number of additional shards that would have resulted from this request: 2. Refer to the AWS Service Limits page ' +
          '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.',
      );
    });

    it('should count the halves open at the peak of a scale-up toward the limit (3 → 5 holds 6 open)', () => {
      const engine = newEngine({ limits: { shardLimit: 5 } });
      activeStream(engine, 's', 3);
      expectFailureChangesNothing(engine, () => update(engine, 5), 'LimitExceededException');
      const roomy = newEngine({ limits: { shardLimit: 6 } });
      activeStream(roomy, 's', 3);
      update(roomy, 5);
      settle(roomy);
      expect(openRanges(roomy)).toHaveLength(5);
    });

    it('should keep every record readable through the lineage after scaling', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 3);
      for (let i = 0; i < 30; i++)
        engine.call('PutRecord', { StreamName: 's', PartitionKey: `k${i}`, Data: new Uint8Array([i]) });
      update(engine, 2);
      settle(engine);
      const stored = engine.stream('s')!.shards.reduce((n, s) => n + s.records.length, 0);
      expect(stored).toBe(30);
    });
  });
});
