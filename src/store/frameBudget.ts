/**
 * How much wall time one animation frame may spend moving the simulation. Drawing shares the
 * frame, and what it costs changes from frame to frame (the keyspace map every frame, a secondary
 * view now and then), so a fixed share either wastes frames or misses the display's deadline.
 * The share adapts instead: a frame that came late (its interval longer than the display's by half)
 * cuts the share by 15 %; after half a second with no late frame, each frame on time gives back
 * a little (the wait keeps a cost that comes back every few frames from being probed for again at
 * once). Drawing then keeps the display's rate and, when the machine cannot do both, virtual time falls behind (the store's
 * reached speed says so) rather than the page stuttering.
 */

/** The most a frame may spend simulating, on a display at 60 Hz with nothing else to draw. */
export const MAX_SIMULATION_MS = 10;
/** The least: even on a slow machine time keeps moving. */
export const MIN_SIMULATION_MS = 2;
/** Given back per frame on time, once HOLD_FRAMES have passed without a late one. */
const RECOVERY_MS = 0.1;
const HOLD_FRAMES = 30;
const CUT = 0.85;
/** A frame is late when its interval exceeds the display's by this factor. */
const LATE = 1.5;

export class FrameBudget {
  private share = MAX_SIMULATION_MS;
  /** The display's frame interval: the shortest seen lately (it drifts up slowly, should the display change). */
  private interval = 1000 / 60;
  /** Frames since the last late one. */
  private calm = 0;

  /** The wall time the next frame may spend simulating. */
  get ms(): number {
    return this.share;
  }

  /** Learns from the interval between the last two frames. */
  observe(intervalMs: number): void {
    if (!(intervalMs > 0)) return;
    this.interval = Math.min(intervalMs, this.interval + 0.01);
    // A display faster than 60 Hz leaves less than 10 ms in its frame.
    const ceiling = Math.min(MAX_SIMULATION_MS, this.interval * 0.6);
    if (intervalMs > this.interval * LATE) {
      this.share *= CUT;
      this.calm = 0;
    } else if (++this.calm > HOLD_FRAMES) this.share += RECOVERY_MS;
    this.share = Math.max(MIN_SIMULATION_MS, Math.min(this.share, ceiling));
  }

  /** A fresh start (playback resumed or speed changed): the next frames decide again. */
  reset(): void {
    this.share = MAX_SIMULATION_MS;
    this.calm = 0;
  }
}
