/**
 * One simulator's state: a vanilla zustand store (testable without React) that owns one engine
 * and the feed built from its events (history, call log, engine events). Events flow into the
 * feed as they happen (O(1) each); the store itself changes once per action or frame (`revision`),
 * never once per event, so a burst of traffic costs one notification. High-frequency readers
 * (views) use `subscribe` + refs and read the feed directly.
 *
 * Time is honest: a frame of playback spends only its share of wall time moving the simulation
 * (frameBudget.ts: at most 10 ms, less when drawing needs the rest of the frame); when the traffic cannot keep up, virtual time falls behind the speed asked for and
 * `reachedSpeed` says by how much, instead of the page freezing.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  createEngine,
  isKinesisError,
  type CallError,
  type Engine,
  type EngineOptionsInput,
  type Profile,
} from '../engine';
import { Feed } from './feed';
import { FrameBudget } from './frameBudget';

export type { Engine, EngineEvent } from '../engine';
export { Feed } from './feed';

/** What is selected (or hovered) across every view and panel. */
export interface Selection {
  stream?: string;
  shardId?: string;
  record?: { shardId: string; index: number };
  iteratorId?: number;
  timeRange?: [number, number];
  /** A partition key to show where it lands (a lesson's caption names one). */
  partitionKey?: string;
}

export type TimingChoice = 'realistic' | 'fast' | 'minutes';

/** The engine's settings as a person chooses them (everything the engine is a function of). */
export interface Settings {
  profile: Profile;
  timing: TimingChoice;
  throughput: boolean;
  apiRates: boolean;
  accountId: string;
  region: string;
  seed: number;
  startTime: number;
}

export const DEFAULT_SETTINGS: Settings = {
  profile: 'current',
  timing: 'realistic',
  throughput: true,
  apiRates: true,
  accountId: '123456789012',
  region: 'us-east-1',
  seed: 42,
  startTime: 1_500_000_000_000,
};

/** Records a page's engine holds at most (about 150 MB of records of 100 bytes). */
export const PAGE_RECORD_BUDGET = 1_000_000;

export function engineOptions(settings: Settings): EngineOptionsInput {
  return {
    profile: settings.profile,
    seed: settings.seed,
    startTime: settings.startTime,
    accountId: settings.accountId,
    region: settings.region,
    timings: settings.timing,
    limits: { throughput: settings.throughput, apiRates: settings.apiRates },
    // The page keeps its own log of what a person did (the application layer's journal).
    commandLog: false,
    // Hot traffic for hours must not exhaust a tab: past this many records the oldest are released.
    recordBudget: PAGE_RECORD_BUDGET,
  };
}

/** The answer to one call made through the store. */
export interface CallResult {
  operation: string;
  input: unknown;
  /** Virtual epoch ms of the call. */
  t: number;
  ok: boolean;
  output?: unknown;
  error?: CallError;
  /** HTTP status as the service would send it. */
  status: number;
}

/** Minimum and maximum playback speed (virtual ms per wall ms), a log scale between them. */
export const MIN_SPEED = 0.1;
export const MAX_SPEED = 1000;
/** The longest stretch of wall time one playback frame may cover (a background tab does not fast-forward). */
export const MAX_FRAME_MS = 250;
/** The virtual time one "step" moves when nothing is scheduled sooner. */
export const STEP_MS = 1000;

/** An engine ready to be shown: made (or replayed) with its feed following it from the start. */
export interface Built {
  readonly engine: Engine;
  readonly feed: Feed;
  readonly settings: Settings;
}

/**
 * Something that moves along with virtual time (live traffic, a lesson). Given the engine and the
 * time playback wants to reach, it makes its calls on the way and returns the time actually
 * reached: earlier at a lesson's "continue" gate, or when `overBudget()` says the frame's wall
 * time is spent.
 */
export interface TimeDriver {
  advance(engine: Engine, toTime: number, overBudget?: () => boolean): number;
}

export interface SimulatorState {
  /** The live engine; replaced when a session loads or settings change. */
  engine: Engine;
  /** Increments whenever `engine` is replaced. */
  engineVersion: number;
  /** What the page keeps of the engine's events (see Feed). */
  feed: Feed;
  settings: Settings;
  /** Virtual epoch ms. */
  now: number;
  /** Increments when engine events arrived since the last change, once per action or frame. */
  revision: number;
  playing: boolean;
  /** Virtual ms per wall ms asked for, MIN_SPEED..MAX_SPEED. */
  speed: number;
  /** Virtual ms per wall ms playback actually reached lately; undefined while paused. */
  reachedSpeed: number | undefined;
  selection: Selection;
  hover: Selection | null;
  /** The answer to the last call made through `call`. */
  lastResult: CallResult | null;
  /** What playback runs before moving the engine (traffic, a lesson), or null. */
  driver: TimeDriver | null;

  select(selection: Selection): void;
  setHover(selection: Selection | null): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** Moves virtual time by `wallMs` of wall time at the current speed (clamped to MAX_FRAME_MS). */
  tick(wallMs: number): void;
  advanceBy(ms: number): void;
  advanceTo(t: number): void;
  /** Moves to the next scheduled engine event, or by STEP_MS when nothing comes sooner. */
  step(): void;
  /** Moves to the next scheduled engine event; false when nothing is scheduled. */
  jumpToNextEvent(): boolean;
  /** Runs one operation now; never throws for service errors. */
  call(operation: string, input: unknown, origin?: string): CallResult;
  /** Shows another engine (the application layer builds it; nothing else replaces it). */
  install(built: Built): void;
  setDriver(driver: TimeDriver | null): void;
}

export interface SimulatorInit {
  settings?: Partial<Settings>;
  speed?: number;
  /** The wall clock playback budgets frames with (ms, monotonic). */
  wallClock?: () => number;
}

export type SimulatorStore = StoreApi<SimulatorState>;

const clampSpeed = (speed: number): number =>
  Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;

/** A fresh engine under these settings, its feed following it. */
export function buildFresh(settings: Settings): Built {
  const engine = createEngine(engineOptions(settings));
  const feed = new Feed();
  feed.follow(engine);
  return { engine, feed, settings };
}

const defaultWallClock = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

export function createSimulatorStore(init: SimulatorInit = {}): SimulatorStore {
  const wall = init.wallClock ?? defaultWallClock;
  let unsubscribe: (() => void) | undefined;
  /** Engine events since the store last changed. */
  let pending = 0;
  let flushQueued = false;
  let carry = 0;
  /** Recent frames' wall and virtual time, for reachedSpeed. */
  let window = { wallMs: 0, virtualMs: 0 };
  /** The simulation's share of each frame; drawing has the rest. */
  const budget = new FrameBudget();

  return createStore<SimulatorState>()((set, get) => {
    /** Publishes the events that arrived (once), and the time. */
    const flush = (): void => {
      flushQueued = false;
      const { engine, revision, now } = get();
      if (pending === 0 && engine.now() === now) return;
      set(pending > 0 ? { revision: revision + 1, now: engine.now() } : { now: engine.now() });
      pending = 0;
    };

    /** Wires an engine into the store: its events count from now on. */
    const attach = (built: Built): Partial<SimulatorState> => {
      unsubscribe?.();
      pending = 0;
      unsubscribe = built.engine.subscribe(() => {
        pending++;
        // Calls made on the engine directly (not through a store action) still show up.
        if (!flushQueued) {
          flushQueued = true;
          queueMicrotask(flush);
        }
      });
      const state = get() as SimulatorState | undefined;
      return {
        engine: built.engine,
        feed: built.feed,
        settings: built.settings,
        engineVersion: (state?.engineVersion ?? 0) + 1,
        revision: (state?.revision ?? 0) + 1,
        now: built.engine.now(),
        lastResult: null,
        selection: {},
        hover: null,
      };
    };

    /** Moves toward `t` (the driver runs on the way); returns the time reached. */
    const moveTo = (t: number, overBudget?: () => boolean): number => {
      const { engine, driver } = get();
      const target = driver && t > engine.now() ? driver.advance(engine, t, overBudget) : t;
      if (target > engine.now()) engine.advanceTo(target);
      flush();
      return engine.now();
    };

    const settings0: Settings = { ...DEFAULT_SETTINGS, ...init.settings };
    const built0 = buildFresh(settings0);

    return {
      ...(attach(built0) as Pick<
        SimulatorState,
        'engine' | 'feed' | 'settings' | 'now' | 'lastResult' | 'selection' | 'hover'
      >),
      engineVersion: 1,
      revision: 0,
      playing: false,
      speed: clampSpeed(init.speed ?? 1),
      reachedSpeed: undefined,
      driver: null,

      select: (selection) => set({ selection }),
      setHover: (hover) => set({ hover }),
      play: () => {
        window = { wallMs: 0, virtualMs: 0 };
        budget.reset();
        set({ playing: true });
      },
      pause: () => {
        carry = 0;
        set({ playing: false, reachedSpeed: undefined });
      },
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      setSpeed: (speed) => {
        window = { wallMs: 0, virtualMs: 0 };
        budget.reset();
        set({ speed: clampSpeed(speed) });
      },
      tick: (wallMs) => {
        const { playing, speed, engine } = get();
        if (!playing || !(wallMs > 0)) return;
        budget.observe(wallMs);
        const frame = Math.min(wallMs, MAX_FRAME_MS);
        // Virtual time moves in whole milliseconds (timestamps stay integral); the fraction carries
        // over to the next frame so slow speeds keep their pace.
        carry += frame * speed;
        const whole = Math.floor(carry);
        carry -= whole;
        const before = engine.now();
        const deadline = wall() + budget.ms;
        const reached = whole > 0 ? moveTo(before + whole, () => wall() > deadline) : before;
        // Behind: the time not reached is dropped, not owed (catching up later would freeze the page).
        if (reached < before + whole) carry = 0;
        window.wallMs += frame;
        window.virtualMs += reached - before;
        if (window.wallMs >= 500) {
          set({ reachedSpeed: window.virtualMs / window.wallMs });
          window = { wallMs: 0, virtualMs: 0 };
        }
      },
      advanceBy: (ms) => void moveTo(get().engine.now() + Math.max(0, ms)),
      advanceTo: (t) => void moveTo(t),
      step: () => {
        const { engine } = get();
        const next = engine.nextEventTime();
        moveTo(next !== undefined && next - engine.now() <= STEP_MS ? next : engine.now() + STEP_MS);
      },
      jumpToNextEvent: () => {
        const next = get().engine.nextEventTime();
        if (next === undefined) return false;
        moveTo(next);
        return true;
      },
      call: (operation, input, origin) => {
        const { engine } = get();
        const t = engine.now();
        let result: CallResult;
        try {
          const output = engine.call(operation, input, origin);
          result = { operation, input, t, ok: true, output, status: 200 };
        } catch (error) {
          if (!isKinesisError(error)) throw error;
          const { name, message, httpStatus } = error;
          result = { operation, input, t, ok: false, error: { name, message, httpStatus }, status: httpStatus };
        }
        flush();
        set({ lastResult: result });
        return result;
      },
      install: (built) => {
        carry = 0;
        set({ ...attach(built), playing: false, reachedSpeed: undefined });
      },
      setDriver: (driver) => set({ driver }),
    };
  });
}
