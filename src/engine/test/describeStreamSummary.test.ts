import { describe, expect, it } from 'vitest';
import { activeStream, arnOf, expectError, newEngine, notFound, settle } from './helpers';

describe('DescribeStreamSummary', () => {
  describe('serialization', () => {
    it('should return SerializationException when StreamName is an object', () => {
      expectError(
        () => newEngine().call('DescribeStreamSummary', { StreamName: {} }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
  });

  describe('validation', () => {
    it('should return UnknownOperationException in the 2017-07 profile', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('DescribeStreamSummary', { StreamName: 's' }),
        'UnknownOperationException',
      );
    });
    it('should return ValidationException for an invalid StreamName', () => {
      expectError(
        () => newEngine().call('DescribeStreamSummary', { StreamName: 'a/b' }),
        'ValidationException',
        "1 validation error detected: Value 'a/b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(
        () => newEngine().call('DescribeStreamSummary', { StreamName: 'x' }),
        'ResourceNotFoundException',
        notFound('x'),
      );
    });

    it('should describe a CREATING stream with zero open shards', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 3 });
      expect(engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary).toMatchObject({
        StreamStatus: 'CREATING',
        OpenShardCount: 0,
        ConsumerCount: 0,
      });
    });

    it('should count open shards only, with the same common members as DescribeStream', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '99' });
      settle(engine);
      const summary = engine.call('DescribeStreamSummary', { StreamARN: arnOf('s') }).StreamDescriptionSummary!;
      const {
        Shards: _shards,
        HasMoreShards: _more,
        ...common
      } = engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!;
      expect(summary).toMatchObject({ ...common, OpenShardCount: 3, ConsumerCount: 0 });
      expect(common).toMatchObject({
        StreamName: 's',
        StreamARN: arnOf('s'),
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        RetentionPeriodHours: 24,
        StreamCreationTimestamp: new Date(engine.options.startTime),
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: 'NONE',
      });
      expect(summary).not.toHaveProperty('Shards');
    });

    it('should throttle above 20 calls per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine, 's');
      for (let i = 0; i < 20; i++) engine.call('DescribeStreamSummary', { StreamName: 's' });
      expectError(
        () => engine.call('DescribeStreamSummary', { StreamName: 's' }),
        'LimitExceededException',
        'Rate exceeded for stream s under account 123456789012.',
      );
    });
  });
});
