/**
 * Start-up glue for main.tsx: open a share link from the address (`#session=…`) over the
 * restored session, or leave the session untouched and say clearly why not; and add the
 * workshop's part of the test API (window.__shardscope.workshop).
 */
import type { SimulatorStore } from '../../store';
import { tokenFromHash } from '../../share';
import { progressOf, workshopFor } from './controller';

export interface WorkshopTestApi {
  /** Loads a built-in scenario by name, or a share token; returns an error message or null. */
  load(what: string): string | null;
  next(): void;
  back(): boolean;
  /** Passes every gate and runs to the scenario's last step. */
  runToEnd(): void;
  seek(elapsedMs: number): void;
  progress(): ReturnType<typeof progressOf> | null;
  surprises(): string[];
  caption(): string | null;
  shareToken(): string;
  /** Per stream: status, encryption, and per shard: open?, records written, records trimmed. */
  state(): {
    name: string;
    status: string;
    encryption: string;
    shards: { id: string; open: boolean; records: number; trimmed: number }[];
  }[];
  traffic(): unknown;
}

export function bootWorkshop(store: SimulatorStore, target: Window): void {
  const workshop = workshopFor(store);
  const open = () => {
    const token = tokenFromHash(target.location.hash);
    if (!token) return;
    workshop.openToken(token);
    // The link has done its job; later reloads restore the autosave instead of the link again.
    target.history.replaceState(null, '', target.location.pathname + target.location.search);
  };
  open();
  // A link pasted into the address bar of an open tab only changes the fragment.
  target.addEventListener('hashchange', open);
}

export function installWorkshopTestApi(store: SimulatorStore, target: Window): WorkshopTestApi {
  const workshop = workshopFor(store);
  const api: WorkshopTestApi = {
    load: (what) => workshop.load(what) ?? null,
    next: () => workshop.next(),
    back: () => workshop.back(),
    runToEnd: () => workshop.runToEnd(),
    seek: (elapsed) => workshop.seek(store.getState().settings.startTime + elapsed),
    progress: () => {
      const guide = workshop.guide();
      return guide ? progressOf(guide) : null;
    },
    surprises: () => workshop.guide()?.state.surprises.slice() ?? [],
    caption: () => workshop.guide()?.state.caption?.text ?? null,
    shareToken: () => workshop.shareToken(),
    state: () =>
      store
        .getState()
        .engine.streams()
        .map((s) => ({
          name: s.name,
          status: s.status,
          encryption: s.encryptionType,
          shards: s.shards.map((sh) => ({
            id: sh.id,
            open: sh.closedAt === undefined,
            records: sh.records.length,
            trimmed: sh.trimmedThrough,
          })),
        })),
    traffic: () => JSON.parse(JSON.stringify(workshop.traffic())),
  };
  const w = target as unknown as { __shardscope?: Record<string, unknown> };
  w.__shardscope = { ...w.__shardscope, workshop: api };
  return api;
}
