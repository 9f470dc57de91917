/**
 * Drives an engine's virtual clock from the wall clock: the engine knows nothing of real time, so
 * the endpoint moves it forward before each request and sets a timer for its next scheduled event
 * (a stream leaving CREATING, an iterator expiring...) so those happen on time with no traffic.
 */
import type { Engine } from '../engine/index';

/** Node timers overflow past 2^31 - 1 ms; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class WallClock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedFor: number | undefined;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly now: () => number = Date.now,
    /** Where a fault while firing events from the timer goes (there is no request to fail). */
    private readonly onError: (error: unknown) => void = (error) => {
      throw error;
    },
  ) {}

  /** Brings the engine to the wall clock (virtual time never goes back if the wall clock does). */
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
