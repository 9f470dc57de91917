/**
 * A typed test API on `window` (dev and test builds): Playwright and the UI benchmark drive
 * virtual time, calls, lessons and traffic through it, and read state, instead of sleeping.
 */
import { OPERATIONS, type CallError } from '../engine';
import { toWire } from '../protocol';
import type { StreamExpectation } from '../scenarios/expectations';
import type { SimulatorStore } from '../store';
import { progressOf, simulationFor } from './simulation';

export interface TestStreamSummary {
  name: string;
  status: string;
  encryption: string;
  shards: {
    id: string;
    open: boolean;
    records: number;
    trimmed: number;
    startingHashKey: string;
    endingHashKey: string;
  }[];
}

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
  state(): StreamExpectation[];
  traffic(): unknown;
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
  /** A fresh session under the same settings and a new seed. */
  setSeed(seed: number): void;
  /** Calls an operation as a person would (journaled); the answer comes back in wire form. */
  call(
    operation: string,
    input: unknown,
  ): { ok: boolean; status: number; output?: unknown; error?: CallError; t: number };
  streams(): TestStreamSummary[];
  /** How many calls the engine has answered (traffic's included). */
  commandCount(): number;
  /** How many entries the session's journal holds. */
  journalLength(): number;
  /** The top-level input parameter names of an operation under the current profile, in model order. */
  inputMembers(operation: string): string[];
  workshop: WorkshopTestApi;
  /** What the views expose (positions they draw), added by src/views. */
  views?: unknown;
}

declare global {
  interface Window {
    __shardscope?: ShardscopeTestApi;
  }
}

export function createTestApi(store: SimulatorStore): ShardscopeTestApi {
  const s = () => store.getState();
  const sim = simulationFor(store);
  const streams = (): TestStreamSummary[] =>
    s()
      .engine.streams()
      .map((stream) => ({
        name: stream.name,
        status: stream.status,
        encryption: stream.encryptionType,
        shards: stream.shards.map((shard) => ({
          id: shard.id,
          open: shard.closedAt === undefined,
          records: shard.records.length,
          trimmed: shard.trimmedThrough,
          startingHashKey: shard.startingHashKey.toString(),
          endingHashKey: shard.endingHashKey.toString(),
        })),
      }));
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
    setSeed: (seed) => sim.newSession({ ...s().settings, seed }),
    call: (operation, input) => {
      const result = sim.call(operation, input);
      return toWire({
        ok: result.ok,
        status: result.status,
        output: result.output,
        error: result.error,
        t: result.t,
      }) as ReturnType<ShardscopeTestApi['call']>;
    },
    streams,
    commandCount: () => s().feed.calls.total,
    journalLength: () => sim.world().journal().length,
    inputMembers: (operation) => Object.keys(OPERATIONS.get(operation)?.input(s().settings.profile).members ?? {}),
    workshop: {
      load: (what) => sim.load(what) ?? null,
      next: () => sim.next(),
      back: () => sim.back(),
      runToEnd: () => sim.runToEnd(),
      seek: (elapsed) => sim.seek(s().settings.startTime + elapsed),
      progress: () => {
        const guide = sim.guide();
        return guide ? progressOf(guide) : null;
      },
      surprises: () => sim.guide()?.state.surprises.slice() ?? [],
      caption: () => sim.guide()?.state.caption?.text ?? null,
      shareToken: () => sim.shareToken(),
      state: () =>
        streams().map((s) => ({
          ...s,
          shards: s.shards.map(({ id, open, records, trimmed }) => ({ id, open, records, trimmed })),
        })),
      traffic: () => JSON.parse(JSON.stringify(sim.traffic())),
    },
  };
}

export function installTestApi(store: SimulatorStore, target: Window): ShardscopeTestApi {
  const api = createTestApi(store);
  const views = (target as { __shardscopeViews?: unknown }).__shardscopeViews ?? target.__shardscope?.views;
  target.__shardscope = { ...target.__shardscope, ...api, ...(views === undefined ? {} : { views }) };
  return api;
}
