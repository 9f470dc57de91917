/**
 * Drives virtual time from the wall clock: one animation frame advances the engine by the wall
 * time since the last frame times the speed (the store clamps long gaps), and the loop pauses
 * when the tab is hidden so a background tab does not fast-forward.
 */
import type { SimulatorStore } from './index';

export interface PlaybackHost {
  requestAnimationFrame(callback: (time: number) => void): number;
  cancelAnimationFrame(id: number): void;
  /** A document-like object for visibility; omit where there is none. */
  document?: Pick<Document, 'hidden' | 'addEventListener' | 'removeEventListener'>;
}

/** Starts the playback loop; returns a function that stops it. */
export function startPlayback(
  store: SimulatorStore,
  host: PlaybackHost = globalThis as unknown as PlaybackHost,
): () => void {
  let frameId: number | undefined;
  let last: number | undefined;

  const frame = (time: number) => {
    if (last !== undefined) store.getState().tick(time - last);
    last = time;
    frameId = host.requestAnimationFrame(frame);
  };
  const start = () => {
    if (frameId !== undefined) return;
    last = undefined;
    frameId = host.requestAnimationFrame(frame);
  };
  const stopLoop = () => {
    if (frameId !== undefined) host.cancelAnimationFrame(frameId);
    frameId = undefined;
  };

  if (store.getState().playing) start();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.playing === previous.playing) return;
    if (state.playing) start();
    else stopLoop();
  });
  const onVisibility = () => {
    if (host.document?.hidden) store.getState().pause();
  };
  host.document?.addEventListener('visibilitychange', onVisibility);

  return () => {
    unsubscribe();
    stopLoop();
    host.document?.removeEventListener('visibilitychange', onVisibility);
  };
}

/** Slider position (log10 of speed) ↔ speed, for the log-scale speed control. */
export const speedToSlider = (speed: number): number => Math.log10(speed);
export const sliderToSpeed = (position: number): number => {
  const raw = 10 ** position;
  // Round to two significant digits so the label reads cleanly (0.1, 2.5, 120, 1000).
  const digits = Math.max(0, 1 - Math.floor(Math.log10(raw)));
  return Number(raw.toFixed(digits));
};
