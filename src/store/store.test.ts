import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_FRAME_MS, MAX_SPEED, MIN_SPEED, buildFresh, createSimulatorStore, type TimeDriver } from './index';
import { MAX_SIMULATION_MS } from './frameBudget';
import { startPlayback, sliderToSpeed, speedToSlider } from './playback';

const fast = { settings: { timing: 'fast' as const } };

describe('createSimulatorStore', () => {
  it('should record a successful call and its engine events incrementally', () => {
    const store = createSimulatorStore(fast);
    const revision = store.getState().revision;
    const result = store.getState().call('CreateStream', { StreamName: 's', ShardCount: 2 });
    expect(result).toMatchObject({ ok: true, status: 200, operation: 'CreateStream' });
    const { feed, lastResult } = store.getState();
    expect(lastResult).toBe(result);
    expect(feed.calls.total).toBe(1);
    expect(feed.calls.recent(1)[0]).toMatchObject({ operation: 'CreateStream', ok: true });
    expect(store.getState().revision).toBeGreaterThan(revision);
  });

  it('should pick up events of direct engine use once, by the next microtask', async () => {
    const store = createSimulatorStore();
    const revision = store.getState().revision;
    for (let i = 0; i < 5; i++) store.getState().engine.call('ListStreams', {});
    expect(store.getState().feed.calls.total).toBe(5);
    expect(store.getState().revision).toBe(revision);
    await Promise.resolve();
    expect(store.getState().revision).toBe(revision + 1);
  });

  it('should return the service error instead of throwing', () => {
    const store = createSimulatorStore();
    const result = store.getState().call('DescribeStreamSummary', { StreamName: 'nope' });
    expect(result.ok).toBe(false);
    expect(result.error?.name).toBe('ResourceNotFoundException');
    expect(result.status).toBe(400);
  });

  it('should move virtual time only while playing, clamping long wall gaps', () => {
    const store = createSimulatorStore();
    const t0 = store.getState().now;
    store.getState().tick(100);
    expect(store.getState().now).toBe(t0);
    store.getState().play();
    store.getState().setSpeed(10);
    store.getState().tick(100);
    expect(store.getState().now).toBe(t0 + 1000);
    store.getState().tick(60_000); // a background tab waking up
    expect(store.getState().now).toBe(t0 + 1000 + MAX_FRAME_MS * 10);
  });

  it('should move in whole milliseconds, carrying fractions so slow speeds keep their pace', () => {
    const store = createSimulatorStore();
    const t0 = store.getState().now;
    store.getState().play();
    store.getState().setSpeed(0.1);
    for (let i = 0; i < 100; i++) store.getState().tick(16.7);
    expect(Number.isInteger(store.getState().now)).toBe(true);
    // 100 frames × 1.67 ms: nothing lost beyond the last fraction still carried.
    expect(store.getState().now - t0).toBeGreaterThanOrEqual(166);
    expect(store.getState().now - t0).toBeLessThanOrEqual(167);
  });

  it('should keep speed within 0.1× … 1000×', () => {
    const store = createSimulatorStore();
    store.getState().setSpeed(1e9);
    expect(store.getState().speed).toBe(MAX_SPEED);
    store.getState().setSpeed(0);
    expect(store.getState().speed).toBe(MIN_SPEED);
  });

  it('should jump to the next scheduled event, and step to it when it is near', () => {
    const store = createSimulatorStore(fast);
    expect(store.getState().jumpToNextEvent()).toBe(false);
    store.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const due = store.getState().engine.nextEventTime()!;
    store.getState().step(); // 500 ms away: step lands exactly on it
    expect(store.getState().now).toBe(due);
    expect(store.getState().engine.stream('s')?.status).toBe('ACTIVE');
    const t = store.getState().now;
    store.getState().step(); // nothing scheduled: one second on
    expect(store.getState().now).toBe(t + 1000);
  });

  it('should show another engine on install, with its own feed, and bump engineVersion', () => {
    const store = createSimulatorStore();
    store.getState().call('CreateStream', { StreamName: 's', ShardCount: 1 });
    const { engine, engineVersion } = store.getState();
    store.getState().install(buildFresh({ ...store.getState().settings, seed: 7 }));
    expect(store.getState().engine).not.toBe(engine);
    expect(store.getState().engineVersion).toBe(engineVersion + 1);
    expect(store.getState().engine.streams()).toHaveLength(0);
    expect(store.getState().feed.calls.total).toBe(0);
    // The old engine no longer moves the store.
    const revision = store.getState().revision;
    engine.call('ListStreams', {});
    expect(store.getState().feed.calls.total).toBe(0);
    expect(store.getState().revision).toBe(revision);
  });

  it('should keep a frame within its wall-time budget and report the speed actually reached', () => {
    let wall = 0;
    const store = createSimulatorStore({ wallClock: () => wall });
    // A driver whose work costs 1 ms of wall time per virtual ms: at 100× it cannot keep up.
    const slow: TimeDriver = {
      advance(engine, toTime, overBudget) {
        let t = engine.now();
        while (t < toTime && !overBudget?.()) {
          t++;
          wall += 1;
        }
        return t;
      },
    };
    store.getState().setDriver(slow);
    store.getState().setSpeed(100);
    store.getState().play();
    const t0 = store.getState().now;
    for (let frame = 0; frame < 40; frame++) {
      const before = wall;
      store.getState().tick(16);
      expect(wall - before).toBeLessThanOrEqual(MAX_SIMULATION_MS + 1);
    }
    const moved = store.getState().now - t0;
    expect(moved).toBeGreaterThan(0);
    expect(moved).toBeLessThan(40 * 16 * 100);
    const reached = store.getState().reachedSpeed!;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(100);
  });
});

describe('startPlayback', () => {
  function fakeHost() {
    const frames = new Map<number, (t: number) => void>();
    let id = 0;
    let hidden = false;
    const listeners: (() => void)[] = [];
    return {
      frames,
      host: {
        requestAnimationFrame: (cb: (t: number) => void) => (frames.set(++id, cb), id),
        cancelAnimationFrame: (n: number) => void frames.delete(n),
        document: {
          get hidden() {
            return hidden;
          },
          addEventListener: (_: string, l: () => void) => listeners.push(l),
          removeEventListener: () => undefined,
        } as unknown as Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>,
      },
      runFrame(t: number) {
        const [key, cb] = [...frames][0]!;
        frames.delete(key);
        cb(t);
      },
      hide() {
        hidden = true;
        listeners.forEach((l) => l());
      },
    };
  }

  it('should advance by wall time × speed per frame and stop when paused', () => {
    const store = createSimulatorStore();
    const fake = fakeHost();
    const stop = startPlayback(store, fake.host);
    expect(fake.frames.size).toBe(0);
    store.getState().setSpeed(2);
    store.getState().play();
    const t0 = store.getState().now;
    fake.runFrame(1000);
    fake.runFrame(1016);
    expect(store.getState().now).toBe(t0 + 32);
    store.getState().pause();
    expect(fake.frames.size).toBe(0);
    stop();
  });

  it('should pause when the tab is hidden', () => {
    const store = createSimulatorStore();
    const fake = fakeHost();
    startPlayback(store, fake.host);
    store.getState().play();
    fake.hide();
    expect(store.getState().playing).toBe(false);
  });
});

describe('speed slider', () => {
  it('should map the log scale onto 0.1× … 1000× and back', () => {
    expect(sliderToSpeed(speedToSlider(MIN_SPEED))).toBe(0.1);
    expect(sliderToSpeed(speedToSlider(MAX_SPEED))).toBe(1000);
    expect(sliderToSpeed(0)).toBe(1);
    fc.assert(
      fc.property(fc.double({ min: -1, max: 3, noNaN: true }), (p) => {
        const speed = sliderToSpeed(p);
        return speed >= MIN_SPEED && speed <= MAX_SPEED && Math.abs(Math.log10(speed) - p) < 0.05;
      }),
    );
  });
});
