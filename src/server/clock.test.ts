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
    const clock = new WallClock(engine, () => Date.now());
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    clock.reschedule();
    vi.advanceTimersByTime(499);
    expect(engine.stream('s')?.status).toBe('CREATING');
    vi.advanceTimersByTime(1);
    expect(engine.stream('s')?.status).toBe('ACTIVE');
    expect(engine.now()).toBe(1_700_000_000_500);
    clock.stop();
  });

  it('should bring the engine to the wall clock, and never move it back when the wall clock does', () => {
    let wall = 5_000;
    const engine = createEngine({ startTime: 1_000 });
    const clock = new WallClock(engine, () => wall);
    clock.sync();
    expect(engine.now()).toBe(5_000);
    wall = 4_000;
    clock.sync();
    expect(engine.now()).toBe(5_000);
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
