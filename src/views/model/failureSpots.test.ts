import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FailureMark } from '../../store/history';
import { THROTTLING, countFailures, describeCounts, describeSpot, failureSpots } from './failureSpots';

const failure = fc.record({
  dt: fc.integer({ min: 0, max: 5_000 }),
  shardId: fc.option(fc.constantFrom('shardId-000000000000', 'shardId-000000000001'), { nil: undefined }),
  errorCode: fc.constantFrom(THROTTLING, 'KMSDisabledException', 'ExpiredIteratorException'),
  count: fc.integer({ min: 1, max: 500 }),
});
/** Failures in time order (as the history keeps them). */
const failures = fc.array(failure, { maxLength: 200 }).map((list) => {
  let t = 1_000_000;
  return list.map(({ dt, shardId, errorCode, count }): FailureMark => {
    t += dt;
    return { t, operation: 'PutRecords', errorCode, direction: 'write', count, ...(shardId ? { shardId } : {}) };
  });
});

describe('failureSpots', () => {
  it('should count every failure in the range exactly once, in a spot of its shard, kind and column', () => {
    fc.assert(
      fc.property(
        failures,
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 1, max: 2000 }),
        (list, a, width) => {
          const from = 1_000_000 + a;
          const to = from + 300_000;
          const columnOf = (f: FailureMark) => Math.floor((f.t - from) / width);
          const spots = failureSpots(list, from, to, columnOf, Infinity);
          const inRange = list.filter((f) => f.t >= from && f.t <= to);
          expect(spots.reduce((sum, s) => sum + s.count, 0)).toBe(inRange.reduce((sum, f) => sum + f.count, 0));
          for (const f of inRange) {
            const spot = spots.find(
              (s) =>
                s.shardId === f.shardId && s.throttled === (f.errorCode === THROTTLING) && s.column === columnOf(f),
            );
            expect(spot?.errors.get(f.errorCode)).toBeGreaterThanOrEqual(f.count);
          }
        },
      ),
    );
  });

  it('should keep the newest spots when there are more than it draws', () => {
    const list: FailureMark[] = Array.from({ length: 10 }, (_, i) => ({
      t: 1000 + i,
      operation: 'PutRecords',
      errorCode: 'KMSDisabledException',
      direction: 'write',
      count: 1,
      shardId: 'shardId-000000000000',
    }));
    const spots = failureSpots(list, 0, 2000, (f) => f.t, 3);
    expect(spots.map((s) => s.column)).toEqual([1009, 1008, 1007]);
  });

  it('should leave out failures with no place in the view', () => {
    const list: FailureMark[] = [
      {
        t: 5,
        operation: 'GetRecords',
        errorCode: 'ExpiredIteratorException',
        direction: 'read',
        count: 1,
        shardId: 'a',
      },
      {
        t: 6,
        operation: 'GetRecords',
        errorCode: 'ExpiredIteratorException',
        direction: 'read',
        count: 2,
        shardId: 'b',
      },
    ];
    const spots = failureSpots(list, 0, 10, (f) => (f.shardId === 'a' ? 0 : undefined));
    expect(spots).toHaveLength(1);
    expect(describeSpot(spots[0]!)).toBe('Failed: 1 × ExpiredIteratorException on a');
  });
});

describe('countFailures', () => {
  const mark = (t: number, errorCode: string, count: number): FailureMark => ({
    t,
    operation: 'PutRecords',
    errorCode,
    direction: 'write',
    count,
  });
  it('should count records and calls since a time, throttling apart and the rest by error', () => {
    const list = [mark(1, THROTTLING, 50), mark(5, THROTTLING, 100), mark(6, 'KMSDisabledException', 3)];
    const counts = countFailures(list, 2);
    expect(counts.throttled).toBe(100);
    expect([...counts.byType]).toEqual([['KMSDisabledException', 3]]);
    expect(describeCounts(counts)).toBe('100 throttled · 3 failed (KMSDisabledException)');
    expect(describeCounts(countFailures(list, 5))).toBe('3 failed (KMSDisabledException)');
    expect(describeCounts(countFailures(list, 6))).toBe('0 throttled');
  });
});
