import { describe, expect, it } from 'vitest';
import {
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notActive,
  notFound,
  recordEvents,
  settle,
} from './helpers';

describe('DeleteStream', () => {
  describe('serialization', () => {
    it('should return SerializationException when StreamName is a boolean', () => {
      expectError(
        () => newEngine().call('DeleteStream', { StreamName: true }),
        'SerializationException',
        'class java.lang.Boolean can not be converted to an String',
      );
    });
    it('should return SerializationException when EnforceConsumerDeletion is a string (current)', () => {
      expectError(
        () => newEngine().call('DeleteStream', { StreamName: 's', EnforceConsumerDeletion: 'yes' }),
        'SerializationException',
        "'YES' can not be converted to an Boolean",
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for a missing StreamName (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('DeleteStream', {}),
        'ValidationException',
        "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return InvalidArgumentException when neither StreamName nor StreamARN is given (current)', () => {
      expectError(
        () => newEngine().call('DeleteStream', {}),
        'InvalidArgumentException',
        'Either StreamName or StreamARN should be provided.',
      );
    });
    it('should return ValidationException for a malformed StreamARN (current)', () => {
      expectError(
        () => newEngine().call('DeleteStream', { StreamARN: 'nope' }),
        'ValidationException',
        "1 validation error detected: Value 'nope' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      const engine = newEngine();
      expectFailureChangesNothing(
        engine,
        () => engine.call('DeleteStream', { StreamName: 'nope' }),
        'ResourceNotFoundException',
        notFound('nope'),
      );
    });

    it('should delete a stream still CREATING, which then never becomes ACTIVE', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expect(engine.call('DeleteStream', { StreamName: 's' })).toEqual({});
      expect(engine.stream('s')!.status).toBe('DELETING');
      engine.advanceBy(60_000);
      expect(engine.stream('s')).toBeUndefined();
      expect(engine.call('ListStreams', {}).StreamNames).toEqual([]);
    });

    it('should return ResourceInUseException if stream is UPDATING', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.call('MergeShards', {
        StreamName: 's',
        ShardToMerge: 'shardId-000000000000',
        AdjacentShardToMerge: 'shardId-000000000001',
      });
      expectError(
        () => engine.call('DeleteStream', { StreamName: 's' }),
        'ResourceInUseException',
        notActive('s', 'UPDATING'),
      );
      settle(engine);
      engine.call('DeleteStream', { StreamName: 's' });
    });

    it('should put the stream in DELETING, then remove it after the deletion delay', () => {
      const engine = newEngine({ timings: { deleteStreamMs: 2000 } });
      activeStream(engine, 's');
      const events = recordEvents(engine);
      expect(engine.call('DeleteStream', { StreamName: 's' })).toEqual({});
      expect(engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.StreamStatus).toBe('DELETING');
      expect(engine.call('ListStreams', {}).StreamNames).toEqual(['s']);
      engine.advanceBy(1999);
      expect(engine.stream('s')?.status).toBe('DELETING');
      engine.advanceBy(1);
      expect(engine.stream('s')).toBeUndefined();
      expectError(() => engine.call('DescribeStream', { StreamName: 's' }), 'ResourceNotFoundException', notFound('s'));
      expect(events.filter((e) => e.type === 'streamStatus').map((e) => e.type === 'streamStatus' && e.status)).toEqual(
        ['DELETING', 'DELETED'],
      );
    });

    it('should return ResourceInUseException if stream is already DELETING', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      engine.call('DeleteStream', { StreamName: 's' });
      expectError(
        () => engine.call('DeleteStream', { StreamName: 's' }),
        'ResourceInUseException',
        notActive('s', 'DELETING'),
      );
    });

    it('should delete a stream addressed by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      engine.call('DeleteStream', { StreamARN: arnOf('s') });
      expect(engine.stream('s')?.status).toBe('DELETING');
    });

    it('should return ResourceNotFoundException for the ARN of another account or region', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      const foreign = 'arn:aws:kinesis:us-west-2:123456789012:stream/s';
      expectError(
        () => engine.call('DeleteStream', { StreamARN: foreign }),
        'ResourceNotFoundException',
        notFound(foreign),
      );
    });

    it('should return InvalidArgumentException when StreamName and StreamARN disagree', () => {
      const engine = newEngine();
      activeStream(engine, 's');
      activeStream(engine, 't');
      expectFailureChangesNothing(
        engine,
        () => engine.call('DeleteStream', { StreamName: 's', StreamARN: arnOf('t') }),
        'InvalidArgumentException',
        'StreamARN and StreamName do not match.',
      );
    });

    it('should free the shards of a deleted stream for the account limit', () => {
      const engine = newEngine({ limits: { shardLimit: 2 } });
      activeStream(engine, 'a', 2);
      engine.call('DeleteStream', { StreamName: 'a' });
      engine.advanceBy(engine.options.timings.deleteStreamMs);
      activeStream(engine, 'b', 2);
    });
  });
});
