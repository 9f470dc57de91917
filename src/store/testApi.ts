/**
 * A typed test API on `window` (dev and test builds): Playwright drives virtual time and reads
 * state through it instead of sleeping.
 */
import { OPERATIONS, encodeBase64, type CallError } from '../engine';
import type { CallResult, SimulatorStore } from './index';

export interface TestStreamSummary {
  name: string;
  status: string;
  shards: { id: string; open: boolean; records: number; startingHashKey: string; endingHashKey: string }[];
}

export interface ShardscopeTestApi {
  store: SimulatorStore;
  pause(): void;
  play(): void;
  setSpeed(speed: number): void;
  advanceBy(ms: number): void;
  advanceTo(t: number): void;
  /** Moves to the next scheduled engine event; false when there is none. */
  jumpToNextEvent(): boolean;
  now(): number;
  nextEventTime(): number | null;
  /** Replaces the engine with a fresh one under the same settings and a new seed. */
  setSeed(seed: number): void;
  /** Calls an operation; the answer comes back JSON-safe (blobs as base64). */
  call(
    operation: string,
    input: unknown,
  ): { ok: boolean; status: number; output?: unknown; error?: CallError; t: number };
  streams(): TestStreamSummary[];
  /** How many calls the engine has logged. */
  commandCount(): number;
  /** The top-level input parameter names of an operation under the current profile, in model order. */
  inputMembers(operation: string): string[];
  /** What the views expose (positions they draw), added by src/views. */
  views?: unknown;
}

declare global {
  interface Window {
    __shardscope?: ShardscopeTestApi;
  }
}

const jsonSafe = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Uint8Array ? encodeBase64(v) : typeof v === 'bigint' ? v.toString() : v,
    ) ?? 'null',
  );

export function createTestApi(store: SimulatorStore): ShardscopeTestApi {
  const s = () => store.getState();
  return {
    store,
    pause: () => s().pause(),
    play: () => s().play(),
    setSpeed: (speed) => s().setSpeed(speed),
    advanceBy: (ms) => s().advanceBy(ms),
    advanceTo: (t) => s().advanceTo(t),
    jumpToNextEvent: () => s().jumpToNextEvent(),
    now: () => s().engine.now(),
    nextEventTime: () => s().engine.nextEventTime() ?? null,
    setSeed: (seed) => s().applySettings({ ...s().settings, seed }),
    call: (operation, input) => {
      const result: CallResult = s().call(operation, input);
      return jsonSafe({
        ok: result.ok,
        status: result.status,
        output: result.output,
        error: result.error,
        t: result.t,
      }) as ReturnType<ShardscopeTestApi['call']>;
    },
    streams: () =>
      s()
        .engine.streams()
        .map((stream) => ({
          name: stream.name,
          status: stream.status,
          shards: stream.shards.map((shard) => ({
            id: shard.id,
            open: shard.closedAt === undefined,
            records: shard.records.length,
            startingHashKey: shard.startingHashKey.toString(),
            endingHashKey: shard.endingHashKey.toString(),
          })),
        })),
    commandCount: () => s().engine.commands().length,
    inputMembers: (operation) => Object.keys(OPERATIONS.get(operation)?.input(s().settings.profile).members ?? {}),
  };
}

export function installTestApi(store: SimulatorStore, target: Window): ShardscopeTestApi {
  const api = createTestApi(store);
  const views = (target as { __shardscopeViews?: unknown }).__shardscopeViews ?? target.__shardscope?.views;
  target.__shardscope = { ...target.__shardscope, ...api, ...(views === undefined ? {} : { views }) };
  return api;
}
