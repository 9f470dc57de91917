import { describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import { activeStream, arnOf, expectError, newEngine, notActive, notFound } from './helpers';

const ALL = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
];
const enable = (engine: Engine, metrics: string[]) =>
  engine.call('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: metrics as never });
const disable = (engine: Engine, metrics: string[]) =>
  engine.call('DisableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: metrics as never });
const described = (engine: Engine) =>
  engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.EnhancedMonitoring;

describe('EnableEnhancedMonitoring and DisableEnhancedMonitoring', () => {
  describe('serialization', () => {
    it('should return SerializationException when ShardLevelMetrics is a string', () => {
      expectError(
        () => newEngine().call('EnableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: 'ALL' }),
        'SerializationException',
        'Expected list or null',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for an empty list', () => {
      expectError(
        () => newEngine().call('DisableEnhancedMonitoring', { StreamName: 's', ShardLevelMetrics: [] }),
        'ValidationException',
        "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
    it('should return ValidationException for an unknown metric, on the list as a whole', () => {
      expectError(
        () =>
          newEngine().call('EnableEnhancedMonitoring', {
            StreamName: 's',
            ShardLevelMetrics: ['IncomingBytes', 'Foo'],
          }),
        'ValidationException',
        "1 validation error detected: Value '[IncomingBytes, Foo]' at 'shardLevelMetrics' failed to satisfy constraint: " +
          `Member must satisfy constraint: [Member must satisfy enum value set: [${[...ALL, 'ALL'].join(', ')}]]`,
      );
    });
    it('should return ValidationException for a missing StreamName (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('EnableEnhancedMonitoring', { ShardLevelMetrics: ['ALL'] }),
        'ValidationException',
        "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(() => enable(newEngine(), ['ALL']), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException if stream is CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectError(() => enable(engine, ['ALL']), 'ResourceInUseException', notActive('s', 'CREATING'));
    });

    it('should answer the metrics before and after, and describe them on the stream', () => {
      const engine = newEngine();
      activeStream(engine);
      expect(enable(engine, ['OutgoingBytes', 'IncomingBytes'])).toEqual({
        StreamName: 's',
        StreamARN: arnOf('s'),
        CurrentShardLevelMetrics: [],
        DesiredShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'],
      });
      expect(described(engine)).toEqual([{ ShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'] }]);
      expect(disable(engine, ['IncomingBytes'])).toMatchObject({
        CurrentShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'],
        DesiredShardLevelMetrics: ['OutgoingBytes'],
      });
    });

    it('should expand ALL to every metric, both ways', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine);
      expect(enable(engine, ['ALL'])).toEqual({
        StreamName: 's',
        CurrentShardLevelMetrics: [],
        DesiredShardLevelMetrics: ALL,
      });
      expect(disable(engine, ['ALL'])).toEqual({
        StreamName: 's',
        CurrentShardLevelMetrics: ALL,
        DesiredShardLevelMetrics: [],
      });
    });

    it('should accept metrics already on (enable) or already off (disable)', () => {
      const engine = newEngine();
      activeStream(engine);
      enable(engine, ['IncomingRecords']);
      expect(enable(engine, ['IncomingRecords']).DesiredShardLevelMetrics).toEqual(['IncomingRecords']);
      expect(disable(engine, ['OutgoingRecords']).DesiredShardLevelMetrics).toEqual(['IncomingRecords']);
    });
  });
});
