import { describe, expect, it } from 'vitest';
import { arnOf, expectError, newEngine } from './helpers';
import type { Engine } from '../index';

function streams(engine: Engine, count: number): string[] {
  const names = Array.from({ length: count }, (_, i) => `s${String(i).padStart(3, '0')}`);
  for (const name of [...names].reverse()) engine.call('CreateStream', { StreamName: name, ShardCount: 1 });
  return names;
}

describe('ListStreams', () => {
  describe('serialization', () => {
    it('should return SerializationException when Limit is a boolean', () => {
      expectError(
        () => newEngine().call('ListStreams', { Limit: false }),
        'SerializationException',
        'class java.lang.Boolean can not be converted to an Integer',
      );
    });
    it('should return SerializationException when ExclusiveStartStreamName is a list', () => {
      expectError(
        () => newEngine().call('ListStreams', { ExclusiveStartStreamName: ['a'] }),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for Limit 0 and a bad ExclusiveStartStreamName', () => {
      expectError(
        () => newEngine().call('ListStreams', { Limit: 0, ExclusiveStartStreamName: 'a b' }),
        'ValidationException',
        '2 validation errors detected: ' +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value 'a b' at 'exclusiveStartStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
    });
    it('should return ValidationException for Limit above 10000', () => {
      expectError(
        () => newEngine().call('ListStreams', { Limit: 10001 }),
        'ValidationException',
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      );
    });
  });

  describe('functionality', () => {
    it('should list no streams on a fresh account', () => {
      expect(newEngine({ profile: '2017-07' }).call('ListStreams', {})).toEqual({
        StreamNames: [],
        HasMoreStreams: false,
      });
    });

    it('should default to 10 names in the 2017-07 profile, in name order', () => {
      const engine = newEngine({ profile: '2017-07' });
      const names = streams(engine, 12);
      expect(engine.call('ListStreams', {})).toEqual({ StreamNames: names.slice(0, 10), HasMoreStreams: true });
    });

    it('should default to 100 names in the current profile', () => {
      const engine = newEngine();
      const names = streams(engine, 101);
      const out = engine.call('ListStreams', {});
      expect(out.StreamNames).toEqual(names.slice(0, 100));
      expect(out.HasMoreStreams).toBe(true);
    });

    it('should continue after ExclusiveStartStreamName with Limit', () => {
      const engine = newEngine({ profile: '2017-07' });
      const names = streams(engine, 5);
      expect(engine.call('ListStreams', { ExclusiveStartStreamName: names[1]!, Limit: 2 })).toEqual({
        StreamNames: names.slice(2, 4),
        HasMoreStreams: true,
      });
      expect(engine.call('ListStreams', { ExclusiveStartStreamName: names[2]!, Limit: 2 })).toEqual({
        StreamNames: names.slice(3, 5),
        HasMoreStreams: false,
      });
    });

    it('should return a NextToken and StreamSummaries in the current profile', () => {
      const engine = newEngine();
      const names = streams(engine, 3);
      const first = engine.call('ListStreams', { Limit: 2 });
      expect(first.StreamNames).toEqual(names.slice(0, 2));
      expect(first.StreamSummaries![0]).toEqual({
        StreamName: names[0],
        StreamARN: arnOf(names[0]!),
        StreamStatus: 'CREATING',
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        StreamCreationTimestamp: new Date(engine.options.startTime),
      });
      expect(first.NextToken).toBeDefined();
      const second = engine.call('ListStreams', { NextToken: first.NextToken! });
      expect(second.StreamNames).toEqual([names[2]]);
      expect(second.HasMoreStreams).toBe(false);
      expect(second.NextToken).toBeUndefined();
    });

    it('should refuse NextToken together with ExclusiveStartStreamName', () => {
      const engine = newEngine();
      streams(engine, 3);
      const token = engine.call('ListStreams', { Limit: 1 }).NextToken!;
      expectError(
        () => engine.call('ListStreams', { NextToken: token, ExclusiveStartStreamName: 'a' }),
        'InvalidArgumentException',
        'NextToken and ExclusiveStartStreamName cannot be provided together.',
      );
    });

    it('should include DELETING streams and drop them once gone', () => {
      const engine = newEngine({ profile: '2017-07' });
      engine.call('CreateStream', { StreamName: 'a', ShardCount: 1 });
      engine.advanceBy(engine.options.timings.createStreamMs);
      engine.call('DeleteStream', { StreamName: 'a' });
      expect(engine.call('ListStreams', {}).StreamNames).toEqual(['a']);
      engine.advanceBy(engine.options.timings.deleteStreamMs);
      expect(engine.call('ListStreams', {}).StreamNames).toEqual([]);
    });

    it('should throttle above 5 calls per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      for (let i = 0; i < 5; i++) engine.call('ListStreams', {});
      expectError(
        () => engine.call('ListStreams', {}),
        'LimitExceededException',
        'Rate exceeded for account 123456789012.',
      );
    });
  });
});
