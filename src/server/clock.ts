/**
 * Drives an engine's virtual clock from real time: the engine knows nothing of real time, so
 * the endpoint moves it forward before each request and sets a timer for its next scheduled event
 * (a stream leaving CREATING, an iterator expiring...) so those happen on time with no traffic.
 *
 * Elapsed time comes from a monotonic source, never from the system clock: a system clock stepped
 * back (NTP, a laptop waking) would otherwise freeze virtual time until it caught up, leaving new
 * streams CREATING and every write throttled, and one stepped forward would replay the jump as
 * elapsed time (iterators expiring, retention trimming). The engine starts at the wall clock's
 * reading, so its timestamps look like real ones, and then moves only as the monotonic clock does.
 */
import type { Engine } from '../engine/index';

/** Node timers overflow past 2^31 - 1 ms; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Milliseconds from an arbitrary origin that never go back: performance.now() by default. */
export type MonotonicClock = () => number;

export class WallClock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedFor: number | undefined;
  private stopped = false;
  /** Virtual time minus monotonic time, fixed when the clock is made. */
  private readonly offset: number;

  constructor(
    private readonly engine: Engine,
    private readonly monotonic: MonotonicClock = () => performance.now(),
    /** Where a fault while firing events from the timer goes (there is no request to fail). */
    private readonly onError: (error: unknown) => void = (error) => {
      throw error;
    },
  ) {
    this.offset = engine.now() - monotonic();
  }

  /** Where virtual time should be now. */
  now(): number {
    return Math.floor(this.offset + this.monotonic());
  }

  /** Brings the engine to the current time (virtual time never goes back). */
  sync(): void {
    const t = this.now();
    if (t > this.engine.now()) this.engine.advanceTo(t);
  }

  /** Arms the timer for the engine's next event; call after anything that may schedule one. */
  reschedule(): void {
    if (this.stopped) return;
    const next = this.engine.nextEventTime();
    if (next === this.armedFor) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = next;
    if (next === undefined) return;
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, next - this.now()));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.armedFor = undefined;
      try {
        this.sync();
      } catch (error) {
        this.onError(error);
      }
      this.reschedule();
    }, wait);
    // A pending engine event alone must not keep the process alive.
    this.timer.unref?.();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
