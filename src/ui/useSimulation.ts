/** The React binding of the application layer: the simulation of the store in the provider. */
import { useState } from 'react';
import { useStore } from 'zustand';
import { simulationFor, type Simulation, type SimulationUi } from '../app/simulation';
import { useSimulatorApi } from '../store/react';

export function useSimulation(): Simulation {
  const store = useSimulatorApi();
  const [simulation] = useState(() => simulationFor(store));
  return simulation;
}

export function useSimulationUi<T>(selector: (s: SimulationUi) => T): T {
  return useStore(useSimulation().ui, selector);
}
