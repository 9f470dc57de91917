import { useState } from 'react';
import { useStore } from 'zustand';
import { useSimulatorApi } from '../../store/react';
import { workshopFor, type Workshop, type WorkshopUi } from './controller';

export function useWorkshop(): Workshop {
  const store = useSimulatorApi();
  const [workshop] = useState(() => workshopFor(store));
  return workshop;
}

export function useWorkshopUi<T>(selector: (s: WorkshopUi) => T): T {
  return useStore(useWorkshop().ui, selector);
}
