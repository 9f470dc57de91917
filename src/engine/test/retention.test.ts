import { describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import {
  activeStream,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notActive,
  notFound,
  put,
  readShard,
  shardIterator,
  text,
} from './helpers';

const increase = (engine: Engine, hours: number) =>
  engine.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: hours });
const decrease = (engine: Engine, hours: number) =>
  engine.call('DecreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: hours });
const retention = (engine: Engine) =>
  engine.call('DescribeStream', { StreamName: 's' }).StreamDescription!.RetentionPeriodHours;
const readAll = (engine: Engine) =>
  readShard(engine, shardIterator(engine, 's', 'shardId-0')).records.map((r) => text(r.Data));

describe('IncreaseStreamRetentionPeriod and DecreaseStreamRetentionPeriod', () => {
  describe('serialization', () => {
    for (const operation of ['IncreaseStreamRetentionPeriod', 'DecreaseStreamRetentionPeriod']) {
      it(`should return SerializationException when RetentionPeriodHours is a string (${operation})`, () => {
        expectError(
          () => newEngine().call(operation, { StreamName: 's', RetentionPeriodHours: '48' }),
          'SerializationException',
          'class java.lang.String can not be converted to an Integer',
        );
      });
    }
  });

  describe('validation', () => {
    for (const operation of ['IncreaseStreamRetentionPeriod', 'DecreaseStreamRetentionPeriod']) {
      it(`should return ValidationException for missing members (${operation}, 2017-07)`, () => {
        expectError(
          () => newEngine({ profile: '2017-07' }).call(operation, {}),
          'ValidationException',
          '2 validation errors detected: ' +
            "Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
        );
      });
      it(`should return ValidationException for zero hours (${operation})`, () => {
        expectError(
          () => newEngine().call(operation, { StreamName: 's', RetentionPeriodHours: 0 }),
          'ValidationException',
          "1 validation error detected: Value '0' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1",
        );
      });
    }
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      expectError(() => increase(newEngine(), 48), 'ResourceNotFoundException', notFound('s'));
      expectError(() => decrease(newEngine(), 24), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException if stream is CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectError(() => increase(engine, 48), 'ResourceInUseException', notActive('s', 'CREATING'));
    });

    it('should refuse less than 24 hours', () => {
      const engine = newEngine();
      activeStream(engine);
      for (const run of [increase, decrease]) {
        expectFailureChangesNothing(
          engine,
          () => run(engine, 23),
          'InvalidArgumentException',
          'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
        );
      }
    });

    it('should refuse more than 8760 hours (current) or 168 hours (2017-07)', () => {
      const engine = newEngine();
      activeStream(engine);
      expectFailureChangesNothing(
        engine,
        () => increase(engine, 8761),
        'InvalidArgumentException',
        'Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.',
      );
      increase(engine, 8760);
      const old = newEngine({ profile: '2017-07' });
      activeStream(old);
      expectError(
        () => increase(old, 169),
        'InvalidArgumentException',
        'Maximum allowed retention period is 168 hours. Requested retention period (169 hours) is too long.',
      );
      increase(old, 168);
      expect(retention(old)).toBe(168);
    });

    it('should refuse to increase to less, or decrease to more, than the current period', () => {
      const engine = newEngine();
      activeStream(engine);
      increase(engine, 48);
      expectFailureChangesNothing(
        engine,
        () => increase(engine, 30),
        'InvalidArgumentException',
        'Requested retention period (30 hours) for stream s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.',
      );
      expectFailureChangesNothing(
        engine,
        () => decrease(engine, 72),
        'InvalidArgumentException',
        'Requested retention period (72 hours) for stream s can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.',
      );
    });

    it('should accept the current value in either direction', () => {
      const engine = newEngine();
      activeStream(engine);
      expect(increase(engine, 24)).toEqual({});
      expect(decrease(engine, 24)).toEqual({});
      expect(retention(engine)).toBe(24);
    });

    it('should keep records longer after an increase', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine);
      increase(engine, 48);
      put(engine, 's', 'a');
      engine.advanceBy(30 * 3600_000);
      expect(retention(engine)).toBe(48);
      expect(readAll(engine)).toEqual(['a']);
      engine.advanceBy(18 * 3600_000 + 1);
      expect(readAll(engine)).toEqual([]);
    });

    it('should make older records unreadable at once after a decrease', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine);
      increase(engine, 72);
      put(engine, 's', 'a');
      engine.advanceBy(30 * 3600_000);
      put(engine, 's', 'b');
      expect(readAll(engine)).toEqual(['a', 'b']);
      decrease(engine, 24);
      expect(readAll(engine)).toEqual(['b']);
    });

    it('should never revive records trimmed before a decrease and increase', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine);
      increase(engine, 72);
      put(engine, 's', 'a');
      engine.advanceBy(30 * 3600_000);
      decrease(engine, 24);
      increase(engine, 72);
      expect(readAll(engine)).toEqual([]);
      put(engine, 's', 'b');
      engine.advanceBy(48 * 3600_000);
      expect(readAll(engine)).toEqual(['b']);
    });
  });
});
