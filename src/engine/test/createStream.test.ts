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
  recordEvents,
  shards,
} from './helpers';

const limitText = (current: number, limit: number, extra: number, region = 'us-east-1') =>
  `This request would exceed the shard limit for the account ${ACCOUNT} in ${region}. Current shard count for the account: ${current}. ` +
  `Limit: ${limit}. Number of additional shards that would have resulted from this request: ${extra}. Refer to the AWS Service Limits page ` +
  '(http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.';

describe('CreateStream', () => {
  describe('serialization', () => {
    it('should return SerializationException when ShardCount is a string', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 's', ShardCount: 'a' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
    it('should return SerializationException when ShardCount is a boolean', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 's', ShardCount: true }),
        'SerializationException',
        'class java.lang.Boolean can not be converted to an Integer',
      );
    });
    it('should return SerializationException when StreamName is a number', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 12, ShardCount: 1 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
    it('should return SerializationException when StreamName is a list', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: [], ShardCount: 1 }),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
    it('should return SerializationException when StreamName is an object', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: {}, ShardCount: 1 }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
    it('should return SerializationException when Tags is a list (current)', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: [] }),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
    it('should ignore members the model does not know', () => {
      const engine = newEngine();
      expect(engine.call('CreateStream', { StreamName: 's', ShardCount: 1, Bogus: 5 })).toEqual({});
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing StreamName and ShardCount (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('CreateStream', {}),
        'ValidationException',
        "2 validation errors detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for missing StreamName only (current, ShardCount optional)', () => {
      expectError(
        () => newEngine().call('CreateStream', {}),
        'ValidationException',
        "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for an empty StreamName (pattern, then length)', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: '', ShardCount: 1 }),
        'ValidationException',
        "2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
          "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
    it('should return ValidationException for a long StreamName and a zero ShardCount, in alphabetical order', () => {
      const name = 'a'.repeat(129);
      expectError(
        () => newEngine().call('CreateStream', { StreamName: name, ShardCount: 0 }),
        'ValidationException',
        "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          `Value '${name}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
      );
    });
    it('should return ValidationException for a StreamName with invalid characters', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 'a b', ShardCount: 1 }),
        'ValidationException',
        "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
    });
    it('should return ValidationException for an unknown StreamMode (current)', () => {
      expectError(
        () => newEngine().call('CreateStream', { StreamName: 's', StreamModeDetails: { StreamMode: 'X' } }),
        'ValidationException',
        "1 validation error detected: Value 'X' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]",
      );
    });
    it('should accept a 128-character name with every allowed character class', () => {
      const engine = newEngine();
      const name = `aZ09_.-${'x'.repeat(121)}`;
      engine.call('CreateStream', { StreamName: name, ShardCount: 1 });
      expect(engine.stream(name)?.status).toBe('CREATING');
    });
  });

  describe('functionality', () => {
    it('should create a stream CREATING and make it ACTIVE after the creation delay', () => {
      const engine = newEngine({ timings: { createStreamMs: 5000 } });
      expect(engine.call('CreateStream', { StreamName: 's', ShardCount: 2 })).toEqual({});
      const creating = engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!;
      expect(creating.StreamStatus).toBe('CREATING');
      expect(creating.Shards).toEqual([]);
      expect(creating.HasMoreShards).toBe(false);
      engine.advanceBy(4999);
      expect(engine.stream('s')?.status).toBe('CREATING');
      engine.advanceBy(1);
      expect(engine.stream('s')?.status).toBe('ACTIVE');
    });

    it('should describe a fresh stream with the defaults of the real service', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const description = engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!;
      expect(description).toMatchObject({
        StreamName: 's',
        StreamARN: arnOf('s'),
        StreamStatus: 'ACTIVE',
        RetentionPeriodHours: 24,
        EncryptionType: 'NONE',
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        HasMoreShards: false,
      });
      expect(description.StreamCreationTimestamp).toEqual(new Date(engine.options.startTime));
    });

    it('should return ResourceInUseException if the stream already exists', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectFailureChangesNothing(
        engine,
        () => engine.call('CreateStream', { StreamName: 's', ShardCount: 1 }),
        'ResourceInUseException',
        `Stream s under account ${ACCOUNT} already exists.`,
      );
    });

    it('should split the hash space in floor(2^128/N) steps (N=2)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      expect(shards(engine, 's').map((s) => s.HashKeyRange)).toEqual([
        { StartingHashKey: '0', EndingHashKey: '170141183460469231731687303715884105727' },
        {
          StartingHashKey: '170141183460469231731687303715884105728',
          EndingHashKey: '340282366920938463463374607431768211455',
        },
      ]);
    });

    it('should split the hash space in floor(2^128/N) steps (N=3), the last shard ending at 2^128-1', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      const ranges = shards(engine, 's').map((s) => s.HashKeyRange);
      expect(ranges[0]!.EndingHashKey!.endsWith('070484')).toBe(true);
      expect(ranges[1]!.StartingHashKey!.endsWith('070485')).toBe(true);
      expect(ranges[1]!.EndingHashKey!.endsWith('140969')).toBe(true);
      expect(ranges[2]!.StartingHashKey!.endsWith('140970')).toBe(true);
      const step = (1n << 128n) / 3n;
      expect(ranges.map((r) => [BigInt(r!.StartingHashKey!), BigInt(r!.EndingHashKey!)])).toEqual([
        [0n, step - 1n],
        [step, 2n * step - 1n],
        [2n * step, MAX_HASH],
      ]);
    });

    it('should name shards shardId- plus a 12-digit index in creation order', () => {
      const engine = newEngine();
      activeStream(engine, 's', 3);
      expect(shards(engine, 's').map((s) => s.ShardId)).toEqual([
        'shardId-000000000000',
        'shardId-000000000001',
        'shardId-000000000002',
      ]);
    });

    it('should return LimitExceededException with the service text when the account shard limit would be exceeded', () => {
      const engine = newEngine({ limits: { shardLimit: 5 } });
      activeStream(engine, 'a', 3);
      expectFailureChangesNothing(
        engine,
        () => engine.call('CreateStream', { StreamName: 'b', ShardCount: 3 }),
        'LimitExceededException',
        limitText(3, 5, 3),
      );
      engine.call('CreateStream', { StreamName: 'b', ShardCount: 2 });
    });

    it('should count shards of streams still CREATING toward the limit', () => {
      const engine = newEngine({ limits: { shardLimit: 4 } });
      engine.call('CreateStream', { StreamName: 'a', ShardCount: 3 });
      expectError(
        () => engine.call('CreateStream', { StreamName: 'b', ShardCount: 2 }),
        'LimitExceededException',
        limitText(3, 4, 2),
      );
    });

    it('should default the shard limit by profile and region', () => {
      expect(newEngine({ profile: '2017-07' }).call('DescribeLimits', {}).ShardLimit).toBe(500);
      expect(newEngine({ profile: '2017-07', region: 'ap-south-1' }).call('DescribeLimits', {}).ShardLimit).toBe(200);
      expect(newEngine().call('DescribeLimits', {}).ShardLimit).toBe(20000);
      expect(newEngine({ region: 'eu-west-1' }).call('DescribeLimits', {}).ShardLimit).toBe(20000);
    });

    it('should name the region in the limit text', () => {
      const engine = newEngine({ region: 'eu-west-1', limits: { shardLimit: 1 } });
      expectError(
        () => engine.call('CreateStream', { StreamName: 'b', ShardCount: 2 }),
        'LimitExceededException',
        limitText(0, 1, 2, 'eu-west-1'),
      );
    });

    it('should let a name be reused once the old stream is gone, as a new stream', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('PutRecord', { StreamName: 's', Data: new Uint8Array([1]), PartitionKey: 'k' });
      engine.call('DeleteStream', { StreamName: 's' });
      expectError(
        () => engine.call('CreateStream', { StreamName: 's', ShardCount: 1 }),
        'ResourceInUseException',
        `Stream s under account ${ACCOUNT} already exists.`,
      );
      engine.advanceBy(engine.options.timings.deleteStreamMs);
      activeStream(engine, 's', 1);
      expect(engine.stream('s')!.shards[0]!.records.length).toBe(0);
    });

    it('should create an ON_DEMAND stream with 4 shards and refuse a ShardCount with it (current)', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      engine.advanceBy(engine.options.timings.createStreamMs);
      expect(shards(engine, 'od')).toHaveLength(4);
      expectError(
        () =>
          engine.call('CreateStream', {
            StreamName: 'od2',
            ShardCount: 1,
            StreamModeDetails: { StreamMode: 'ON_DEMAND' },
          }),
        'InvalidArgumentException',
        'ShardCount is not expected when StreamMode=ON_DEMAND',
      );
    });

    it('should put the tags given at creation on the stream (current)', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: { team: 'a' } });
      expect(engine.call('ListTagsForStream', { StreamName: 's' }).Tags).toEqual([{ Key: 'team', Value: 'a' }]);
    });

    it('should log a CREATING status event, then ACTIVE and one shardOpened per shard on the clock', () => {
      const engine = newEngine();
      const events = recordEvents(engine);
      engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
      engine.advanceBy(FAST.createStreamMs);
      expect(events.map((e) => e.type)).toEqual([
        'streamStatus',
        'streamChanged',
        'call',
        'shardOpened',
        'shardOpened',
        'streamStatus',
      ]);
      expect(events[0]).toMatchObject({
        type: 'streamStatus',
        status: 'CREATING',
        t: engine.options.startTime,
        seq: 0,
      });
      expect(events[1]).toMatchObject({
        type: 'streamChanged',
        retentionHours: 24,
        encryptionType: 'NONE',
        streamMode: 'PROVISIONED',
      });
      expect(events[2]).toMatchObject({ type: 'call', operation: 'CreateStream', output: {}, seq: 2, stream: 's' });
      expect(events[5]).toMatchObject({
        type: 'streamStatus',
        status: 'ACTIVE',
        previous: 'CREATING',
        t: engine.options.startTime + 500,
      });
    });
  });
});
