import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  FAST,
  MAX_HASH,
  newEngine,
  notActive,
  notFound,
  put,
  recordEvents,
  settle,
  shards,
} from './helpers';

const half = 170141183460469231731687303715884105728n;
const limitText = (current: number, limit: number, extra: number) =>
  `This request would exceed the shard limit for the account ${ACCOUNT} in us-east-1. Current shard count for the account: ${current}. ` +
  `Limit: ${limit}. Number of additional shards that would have resulted from this request: ${extra}. Refer to the AWS Service Limits page ` +
  '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.';
const split = (engine: ReturnType<typeof newEngine>, shard: string, key: bigint | number | string, stream = 's') =>
  engine.call('SplitShard', { StreamName: stream, ShardToSplit: shard, NewStartingHashKey: String(key) });

describe('SplitShard', () => {
  describe('serialization', () => {
    it('should return SerializationException when NewStartingHashKey is a number', () => {
      expectError(
        () => newEngine().call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: 5 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing members, in the service order (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('SplitShard', {}),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value null at 'newStartingHashKey' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'shardToSplit' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for a hash key of 40 digits', () => {
      const key = '1'.repeat(40);
      expectError(
        () => newEngine().call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: key }),
        'ValidationException',
        `1 validation error detected: Value '${key}' at 'newStartingHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`,
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(() => split(newEngine(), 'shardId-0', 5), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException if stream is CREATING or UPDATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      expectError(() => split(engine, 'shardId-0', 5), 'ResourceInUseException', notActive('s', 'CREATING'));
      engine.advanceBy(FAST.createStreamMs);
      split(engine, 'shardId-0', 5);
      expectFailureChangesNothing(
        engine,
        () => split(engine, 'shardId-1', half + 5n),
        'ResourceInUseException',
        notActive('s', 'UPDATING'),
      );
    });

    it('should return ResourceNotFoundException for an unknown shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectError(
        () => split(engine, 'shardId-3', 5),
        'ResourceNotFoundException',
        `Could not find shard shardId-000000000003 in stream s under account ${ACCOUNT}.`,
      );
    });

    it('should refuse a key not strictly inside (start + 1, end)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const text = (key: bigint, start: bigint, end: bigint, shard = 'shardId-000000000001') =>
        `NewStartingHashKey ${key} used in SplitShard() on shard ${shard} in stream s under account ${ACCOUNT} is not both greater than one plus the shard's StartingHashKey ${start} and less than the shard's EndingHashKey ${end}.`;
      for (const key of [half, half + 1n, MAX_HASH, 0n]) {
        expectFailureChangesNothing(
          engine,
          () => split(engine, 'shardId-1', key),
          'InvalidArgumentException',
          text(key, half, MAX_HASH),
        );
      }
      split(engine, 'shardId-1', half + 2n);
      settle(engine);
      expect(
        shards(engine, 's')
          .slice(2)
          .map((s) => s.HashKeyRange),
      ).toEqual([
        { StartingHashKey: String(half), EndingHashKey: String(half + 1n) },
        { StartingHashKey: String(half + 2n), EndingHashKey: String(MAX_HASH) },
      ]);
    });

    it('should close the parent and open two children after the update delay, UPDATING meanwhile', () => {
      const engine = newEngine({ timings: { updateStreamMs: 3000 } });
      activeStream(engine, 's', 1);
      const events = recordEvents(engine);
      expect(split(engine, 'shardId-000000000000', 1000)).toEqual({});
      expect(engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.StreamStatus).toBe('UPDATING');
      expect(shards(engine, 's')).toHaveLength(1);
      engine.advanceBy(2999);
      expect(shards(engine, 's')).toHaveLength(1);
      engine.advanceBy(1);
      const [parent, low, high] = shards(engine, 's');
      expect(parent!.SequenceNumberRange!.EndingSequenceNumber).toMatch(/^\d{56}$/);
      expect(low).toMatchObject({
        ShardId: 'shardId-000000000001',
        ParentShardId: 'shardId-000000000000',
        HashKeyRange: { StartingHashKey: '0', EndingHashKey: '999' },
      });
      expect(high).toMatchObject({
        ShardId: 'shardId-000000000002',
        ParentShardId: 'shardId-000000000000',
        HashKeyRange: { StartingHashKey: '1000', EndingHashKey: String(MAX_HASH) },
      });
      expect(low!.AdjacentParentShardId).toBeUndefined();
      expect(engine.stream('s')!.status).toBe('ACTIVE');
      const own = events.filter((e) => e.type !== 'call' || e.operation === 'SplitShard');
      expect(own.map((e) => e.type)).toEqual([
        'streamStatus',
        'call',
        'shardOpened',
        'shardOpened',
        'shardClosed',
        'streamStatus',
      ]);
      expect(own[0]).toMatchObject({ status: 'UPDATING', previous: 'ACTIVE', reason: 'SplitShard' });
      expect(own[4]).toMatchObject({
        shardId: 'shardId-000000000000',
        childShardIds: ['shardId-000000000001', 'shardId-000000000002'],
      });
      expect(own[5]).toMatchObject({ status: 'ACTIVE', previous: 'UPDATING', t: engine.now() });
    });

    it('should give children starting sequence numbers of their own creation time and index', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      split(engine, 'shardId-000000000000', 1000);
      settle(engine);
      const [, low, high] = shards(engine, 's');
      const difference =
        BigInt(high!.SequenceNumberRange!.StartingSequenceNumber!) -
        BigInt(low!.SequenceNumberRange!.StartingSequenceNumber!);
      expect(difference).toBe(22300745198530623141535718272648361505980432n);
    });

    it('should return InvalidArgumentException for a shard that was already split', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      split(engine, 'shardId-000000000000', 1000);
      settle(engine);
      expectFailureChangesNothing(
        engine,
        () => split(engine, 'shardId-0', 500),
        'InvalidArgumentException',
        `Shard shardId-000000000000 in stream s under account ${ACCOUNT} has already been merged or split, and thus is not eligible for merging or splitting.`,
      );
    });

    it('should route writes by the children once the split is done, not before', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      split(engine, 'shardId-000000000000', 1000);
      expect(put(engine, 's', 'a', 'x', '999').ShardId).toBe('shardId-000000000000');
      settle(engine);
      expect(put(engine, 's', 'a', 'x', '999').ShardId).toBe('shardId-000000000001');
      expect(put(engine, 's', 'a', 'x', '1000').ShardId).toBe('shardId-000000000002');
    });

    it('should return LimitExceededException when the split would exceed the account shard limit', () => {
      const engine = newEngine({ limits: { shardLimit: 2 } });
      activeStream(engine, 's', 2);
      expectFailureChangesNothing(
        engine,
        () => split(engine, 'shardId-0', 1000),
        'LimitExceededException',
        limitText(2, 2, 1),
      );
    });

    it('should split a stream addressed by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamARN: arnOf('s'), ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' });
      settle(engine);
      expect(shards(engine, 's')).toHaveLength(3);
    });

    it('should throttle above 5 calls per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      for (let i = 0; i < 5; i++) engine.call('CreateStream', { StreamName: `s${i}`, ShardCount: 1 });
      engine.advanceBy(1000);
      for (let i = 0; i < 5; i++) split(engine, 'shardId-0', 1000, `s${i}`);
      engine.advanceBy(1000);
      settle(engine);
      expect(() => split(engine, 'shardId-1', 100, 's0')).not.toThrow();
      for (let i = 1; i < 5; i++) split(engine, 'shardId-1', 100, `s${i}`);
      expectError(
        () => split(engine, 'shardId-2', 5000, 's0'),
        'LimitExceededException',
        `Rate exceeded for stream s0 under account ${ACCOUNT}.`,
      );
    });
  });
});
