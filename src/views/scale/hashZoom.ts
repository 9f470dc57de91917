import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useSimulatorApi } from '../../store/react';
import type { SimulatorStore } from '../../store';
import { WHOLE_SPACE, type HashWindow } from './hashWindow';

/**
 * The range of the hash-key space each stream's views are zoomed to. It is a way of looking, not
 * part of the session (a share link opens at the whole space), so it lives beside the simulator's
 * store rather than in it: one zoom store per simulator store.
 */
export interface HashZoomState {
  readonly windows: Readonly<Record<string, HashWindow>>;
  setWindow(stream: string, window: HashWindow | null): void;
}

const zoomStores = new WeakMap<SimulatorStore, StoreApi<HashZoomState>>();

export function hashZoomOf(simulator: SimulatorStore): StoreApi<HashZoomState> {
  let store = zoomStores.get(simulator);
  if (!store) {
    store = createStore<HashZoomState>((set) => ({
      windows: {},
      setWindow: (stream, window) =>
        set((s) => {
          const { [stream]: _drop, ...rest } = s.windows;
          return { windows: window ? { ...rest, [stream]: window } : rest };
        }),
    }));
    zoomStores.set(simulator, store);
  }
  return store;
}

/** The window a stream's views show (the whole space unless zoomed), following changes. */
export function useHashWindow(stream: string): HashWindow {
  const zoom = hashZoomOf(useSimulatorApi());
  return useStore(zoom, (s) => s.windows[stream] ?? WHOLE_SPACE);
}

/** Sets (or, with null, clears) a stream's window. */
export function useSetHashWindow(): (stream: string, window: HashWindow | null) => void {
  return useStore(hashZoomOf(useSimulatorApi()), (s) => s.setWindow);
}
