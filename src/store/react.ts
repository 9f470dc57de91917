/** The React binding: one store per simulator, made in a provider; hooks subscribe to slices. */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createSimulatorStore, type SimulatorState, type SimulatorStore } from './index';

const SimulatorContext = createContext<SimulatorStore | null>(null);

export interface SimulatorProviderProps {
  store?: SimulatorStore;
  children?: ReactNode;
}

export function SimulatorProvider({ store, children }: SimulatorProviderProps) {
  const [own] = useState(() => store ?? createSimulatorStore());
  return createElement(SimulatorContext.Provider, { value: store ?? own }, children);
}

/** The StoreApi itself, for `subscribe` + refs on high-frequency data. */
export function useSimulatorApi(): SimulatorStore {
  const store = useContext(SimulatorContext);
  if (!store) throw new Error('useSimulatorApi must be used inside <SimulatorProvider>');
  return store;
}

/** Subscribes to exactly one slice; wrap object/array selectors in `useShallow`. */
export function useSimulator<T>(selector: (state: SimulatorState) => T): T {
  return useStore(useSimulatorApi(), selector);
}

export { useShallow } from 'zustand/react/shallow';
