/**
 * One simulator's state: a vanilla zustand store (testable without React) that owns one engine.
 * The engine's events reach the store incrementally through `engine.subscribe`; derived data
 * recomputes from `revision`. High-frequency readers (views) use `subscribe` + refs.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  isKinesisError,
  replay,
  type CallError,
  type Command,
  type Engine,
  type EngineEvent,
  type EngineOptionsInput,
  type Profile,
} from '../engine';

export type { Engine, EngineEvent } from '../engine';

/** What is selected (or hovered) across every view and panel. */
export interface Selection {
  stream?: string;
  shardId?: string;
  record?: { shardId: string; index: number };
  iteratorId?: number;
  timeRange?: [number, number];
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

export function engineOptions(settings: Settings): EngineOptionsInput {
  return {
    profile: settings.profile,
    seed: settings.seed,
    startTime: settings.startTime,
    accountId: settings.accountId,
    region: settings.region,
    timings: settings.timing,
    limits: { throughput: settings.throughput, apiRates: settings.apiRates },
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
/** How many engine events the store keeps (the engine keeps its own full command log). */
export const EVENT_LOG_LIMIT = 20_000;

export interface SimulatorState {
  /** The live engine; replaced when settings change or a session loads. */
  engine: Engine;
  /** Increments whenever `engine` is replaced. */
  engineVersion: number;
  settings: Settings;
  /** Virtual epoch ms, moved by playback. */
  now: number;
  /** Increments on every engine event (and on engine replacement). */
  revision: number;
  /** Every engine event since the engine was made (calls included), oldest first, capped. */
  events: readonly EngineEvent[];
  playing: boolean;
  /** Virtual ms per wall ms, MIN_SPEED..MAX_SPEED. */
  speed: number;
  selection: Selection;
  hover: Selection | null;
  /** The answer to the last call made through `call`. */
  lastResult: CallResult | null;

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
  call(operation: string, input: unknown): CallResult;
  /** Replaces the engine with a fresh one under new settings (the command log starts empty). */
  applySettings(settings: Settings): void;
  /** Replaces the engine by replaying `commands` under `settings` up to virtual time `now`. */
  load(settings: Settings, commands: readonly Command[], now?: number): void;
  /** What playback runs before moving the engine (traffic, a lesson), or null. */
  driver: TimeDriver | null;
  setDriver(driver: TimeDriver | null): void;
}

export interface SimulatorInit {
  settings?: Partial<Settings>;
  commands?: readonly Command[];
  now?: number;
  speed?: number;
}

export type SimulatorStore = StoreApi<SimulatorState>;

/**
 * Something that moves along with virtual time (live traffic, a scenario
 * runner). Given the engine and the time playback wants to reach, it makes its calls on the way
 * and returns the time actually reached (earlier at a scenario's "continue" gate).
 */
export interface TimeDriver {
  advance(engine: Engine, toTime: number): number;
}

interface Built {
  engine: Engine;
  events: EngineEvent[];
}

const clampSpeed = (speed: number): number =>
  Number.isFinite(speed) ? Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed)) : 1;

export function createSimulatorStore(init: SimulatorInit = {}): SimulatorStore {
  let unsubscribe: (() => void) | undefined;
  let pending: EngineEvent[] = [];
  let flushQueued = false;
  let carry = 0;

  return createStore<SimulatorState>()((set, get) => {
    /** Wires a new engine into the store: its events flow in from now on. */
    const attach = (built: Built, settings: Settings): Partial<SimulatorState> => {
      const { engine } = built;
      unsubscribe?.();
      pending = [];
      unsubscribe = engine.subscribe((event) => {
        // Events are cheap to count and costly to copy: `revision` moves on every one, the
        // `events` array is rebuilt once per store action (or microtask, for direct engine use).
        pending.push(event);
        if (!flushQueued) {
          flushQueued = true;
          queueMicrotask(flush);
        }
        set({ revision: get().revision + 1, now: engine.now() });
      });
      const state = get() as SimulatorState | undefined;
      return {
        engine,
        settings,
        engineVersion: (state?.engineVersion ?? 0) + 1,
        revision: (state?.revision ?? 0) + 1,
        now: engine.now(),
        events: built.events.slice(-EVENT_LOG_LIMIT),
        lastResult: null,
        selection: {},
        hover: null,
      };
    };

    /** A fresh engine with `commands` replayed up to `until`, and the events that replay made. */
    const build = (settings: Settings, commands: readonly Command[] = [], until?: number): Built => {
      const events: EngineEvent[] = [];
      const engine = replay(engineOptions(settings), commands, until, (event) => events.push(event));
      return { engine, events };
    };

    const settings0: Settings = { ...DEFAULT_SETTINGS, ...init.settings };
    const engine0 = build(settings0, init.commands ?? [], init.now);

    /** Appends the events that arrived since the last flush to `events` (capped). */
    function flush(): void {
      flushQueued = false;
      if (pending.length === 0) return;
      const { events } = get();
      const merged = events.concat(pending);
      pending = [];
      set({ events: merged.length > EVENT_LOG_LIMIT ? merged.slice(merged.length - EVENT_LOG_LIMIT) : merged });
    }

    const moveTo = (t: number): void => {
      const { engine, driver } = get();
      // Traffic and scenario steps run on the way; a gate may stop time early.
      const target = driver && t > engine.now() ? driver.advance(engine, t) : t;
      if (target > engine.now()) engine.advanceTo(target);
      flush();
      set({ now: engine.now() });
    };

    return {
      ...(attach(engine0, settings0) as Pick<
        SimulatorState,
        'engine' | 'settings' | 'now' | 'events' | 'lastResult' | 'selection' | 'hover'
      >),
      engineVersion: 1,
      revision: 0,
      playing: false,
      speed: clampSpeed(init.speed ?? 1),

      select: (selection) => set({ selection }),
      setHover: (hover) => set({ hover }),
      play: () => set({ playing: true }),
      pause: () => set({ playing: false }),
      togglePlay: () => set({ playing: !get().playing }),
      setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
      tick: (wallMs) => {
        const { playing, speed, engine } = get();
        if (!playing || !(wallMs > 0)) return;
        // Virtual time moves in whole milliseconds (timestamps and the command log stay integral);
        // the fraction carries over to the next frame so slow speeds keep their pace.
        carry += Math.min(wallMs, MAX_FRAME_MS) * speed;
        const whole = Math.floor(carry);
        carry -= whole;
        if (whole > 0) moveTo(engine.now() + whole);
      },
      advanceBy: (ms) => moveTo(get().engine.now() + Math.max(0, ms)),
      advanceTo: (t) => moveTo(t),
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
      call: (operation, input) => {
        const { engine } = get();
        const t = engine.now();
        let result: CallResult;
        try {
          const output = engine.call(operation, input);
          result = { operation, input, t, ok: true, output, status: 200 };
        } catch (error) {
          if (!isKinesisError(error)) throw error;
          const { name, message, httpStatus } = error;
          result = { operation, input, t, ok: false, error: { name, message, httpStatus }, status: httpStatus };
        }
        flush();
        set({ lastResult: result, now: engine.now() });
        return result;
      },
      applySettings: (settings) => {
        set({ ...attach(build(settings), settings), playing: false });
      },
      load: (settings, commands, now) => {
        set({ ...attach(build(settings, commands, now), settings), playing: false });
      },
      driver: null,
      setDriver: (driver) => set({ driver }),
    };
  });
}
