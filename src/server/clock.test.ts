import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../engine/index';
import { WallClock } from './clock';

afterEach(() => {
  vi.useRealTimers();
});

describe('WallClock', () => {
  it('should fire a scheduled change on time with no request (CreateStream → ACTIVE after createStreamMs)', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const engine = createEngine({ startTime: Date.now(), timings: { createStreamMs: 500 } });
    const clock = new WallClock(engine);
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    clock.reschedule();
    vi.advanceTimersByTime(499);
    expect(engine.stream('s')?.status).toBe('CREATING');
    vi.advanceTimersByTime(1);
    expect(engine.stream('s')?.status).toBe('ACTIVE');
    expect(engine.now()).toBe(1_700_000_000_500);
    clock.stop();
  });

  it('should bring the engine forward with elapsed time, never back', () => {
    let elapsed = 0;
    const engine = createEngine({ startTime: 1_000 });
    const clock = new WallClock(engine, () => elapsed);
    elapsed = 4_000;
    clock.sync();
    expect(engine.now()).toBe(5_000);
    engine.advanceTo(6_000);
    clock.sync();
    expect(engine.now()).toBe(6_000);
  });

  it('should still make a new stream ACTIVE on time after the system clock steps back an hour', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const engine = createEngine({ startTime: Date.now(), timings: { createStreamMs: 500 } });
    const clock = new WallClock(engine);
    vi.setSystemTime(1_700_000_000_000 - 3_600_000);
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    clock.reschedule();
    vi.advanceTimersByTime(500);
    expect(engine.stream('s')?.status).toBe('ACTIVE');
    // A write a second later is not throttled as if time had stood still.
    vi.advanceTimersByTime(1_000);
    clock.sync();
    expect(engine.now()).toBe(1_700_000_001_500);
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([1]) });
    expect(put.ShardId).toBe('shardId-000000000000');
    clock.stop();
  });

  it('should not replay a forward step of the system clock as elapsed time (iterators stay valid)', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    const engine = createEngine({ startTime: Date.now(), timings: { createStreamMs: 0 } });
    const clock = new WallClock(engine);
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    clock.sync();
    engine.advanceBy(1);
    const { ShardIterator } = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    vi.setSystemTime(1_700_000_000_000 + 3_600_000);
    vi.advanceTimersByTime(1_000);
    clock.sync();
    expect(engine.now()).toBe(1_700_000_001_000);
    expect(engine.call('GetRecords', { ShardIterator }).Records).toEqual([]);
    clock.stop();
  });

  it('should report a fault while firing events from the timer, and keep running', () => {
    vi.useFakeTimers({ now: 10_000 });
    const faults: unknown[] = [];
    let next: number | undefined = 10_100;
    const engine = {
      now: () => 10_000,
      nextEventTime: () => next,
      advanceTo: () => {
        next = undefined;
        throw new Error('event handler failed');
      },
    } as unknown as Engine;
    const clock = new WallClock(
      engine,
      () => Date.now(),
      (error) => faults.push(error),
    );
    clock.reschedule();
    vi.advanceTimersByTime(100);
    expect(faults).toHaveLength(1);
    expect((faults[0] as Error).message).toBe('event handler failed');
    clock.stop();
  });
});
