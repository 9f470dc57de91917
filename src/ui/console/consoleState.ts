/** The console's own state (which operation, the request being edited), shared with the call log. */
import { createContext, useContext } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ConsoleState {
  operation: string;
  /** The request in wire form, exactly what the raw JSON mode shows. */
  draft: Record<string, unknown>;
  /** Increments when the draft is replaced from outside the fields (raw JSON, call log, reset). */
  version: number;
  setDraft(draft: Record<string, unknown>): void;
  /** Replaces operation and draft, e.g. from the call log or a reset. */
  load(operation: string, draft: Record<string, unknown>): void;
  /** Sends the current request (installed by the console once it is on screen). */
  send?: () => void;
}

export function createConsoleStore(operation = 'CreateStream'): StoreApi<ConsoleState> {
  return createStore<ConsoleState>()((set, get) => ({
    operation,
    draft: {},
    version: 0,
    setDraft: (draft) => set({ draft }),
    load: (op, draft) => set({ operation: op, draft, version: get().version + 1 }),
  }));
}

export const ConsoleContext = createContext<StoreApi<ConsoleState> | null>(null);

export function useConsoleApi(): StoreApi<ConsoleState> {
  const store = useContext(ConsoleContext);
  if (!store) throw new Error('useConsoleApi must be used inside ConsoleContext');
  return store;
}
