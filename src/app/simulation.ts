/**
 * The application layer: one per simulator store. It owns what changes the whole session (the
 * world: engine, traffic and journal; sessions, lessons, share links) and is the only caller of
 * the store's `install`. UI components call it; it keeps the store's time driver (the traffic,
 * or a lesson's runner) and journals every call a person makes, so a session is its journal.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngine, type KmsAdminOperation } from '../engine';
import { World, type Entry, type Outcome } from '../journal/world';
import {
  Guide,
  builtinScenario,
  isFinished,
  lessonPlanOf,
  resumeLesson,
  runTo,
  scenarioSettings,
  stopCount,
  type GuideHost,
  type Scenario,
} from '../scenarios';
import { decodeSessionToken, encodeSessionToken } from './shareLink';
import { Feed, engineOptions, type Built, type CallResult, type Settings, type SimulatorStore } from '../store';
import type { ConsumerConfig, ProducerConfig, RunStatus, TrafficState } from '../traffic';
import type { Session } from './session';

export interface SimulationUi {
  /** Moves when the traffic, the lesson or the session changes (panels redraw on it). */
  revision: number;
  presenter: boolean;
  /** A message for the person (a refused link, a refused file, what came back with a session). */
  notice: { kind: 'error' | 'info'; text: string } | null;
  /** The session a lesson, a link or a file just replaced, one Undo away (while it had any work). */
  undo: Session | null;
}

/** What came back with an opened session. */
export interface Opened {
  ok: true;
  producers: number;
  consumers: number;
  /** The lesson under way, and the stop it is back at. */
  lesson?: { title: string; stop: number; stops: number };
}

export interface Simulation {
  readonly store: SimulatorStore;
  readonly ui: StoreApi<SimulationUi>;
  world(): World;
  guide(): Guide | null;
  traffic(): TrafficState;
  /** A person's call: journaled, then made; never throws for service errors. */
  call(operation: string, input: unknown): CallResult;
  /** A KMS administration command (journaled like a call). */
  admin(operation: KmsAdminOperation, input: unknown): CallResult;
  addProducer(config: ProducerConfig): void;
  addConsumer(config: ConsumerConfig): void;
  setStatus(kind: 'producer' | 'consumer', id: string, status: RunStatus): void;
  remove(kind: 'producer' | 'consumer', id: string): void;
  /** A fresh session under these settings (nothing of the old one kept). */
  newSession(settings: Settings): void;
  /** Starts a lesson (the session it replaces stays one Undo away). */
  startScenario(scenario: Scenario): void;
  /** Loads a built-in by name or a share token; returns an error message or undefined. */
  load(what: string): string | undefined;
  exitScenario(): void;
  /** Passes the gate and plays; between stops, runs straight to the next stop. */
  next(): void;
  back(): boolean;
  /** Pauses playback and runs the lesson straight to its last step, passing every gate. */
  runToEnd(): void;
  /** Moves to virtual time `t` (backwards replays the journal, or the lesson from its start). */
  seek(t: number): void;
  /** The whole session (settings, journal, time, lesson), as files and share links keep it. */
  session(): Session;
  shareToken(): string;
  /**
   * Opens a share token: loads it (the session it replaces stays one Undo away), or leaves
   * everything as it was and says why.
   */
  openToken(token: string): string | undefined;
  /** Brings back the session the last lesson, link or file replaced. */
  undo(): void;
  /**
   * Replaces the session with another (a link, a file, the autosave). It is checked first, so a
   * session that cannot be opened changes nothing; answers what came back, or why not.
   */
  openSession(session: Session): Opened | { ok: false; error: string };
  /** openSession for a session a person chose (a file): the one it replaces stays one Undo away. */
  importSession(session: Session): Opened | { ok: false; error: string };
  setPresenter(on: boolean): void;
  /** Embeds pass "continue" gates by themselves. */
  setAutoPass(on: boolean): void;
  setNotice(notice: SimulationUi['notice']): void;
}

const simulations = new WeakMap<SimulatorStore, Simulation>();

/** The simulation of a store (made on first use). */
export function simulationFor(store: SimulatorStore): Simulation {
  let sim = simulations.get(store);
  if (!sim) {
    sim = createSimulation(store);
    simulations.set(store, sim);
  }
  return sim;
}

/** A world replaying `journal` under `settings` up to `now`, its feed following it from the start. */
export function buildWorld(settings: Settings, journal: readonly Entry[], now: number): { built: Built; world: World } {
  const engine = createEngine(engineOptions(settings));
  const feed = new Feed();
  feed.follow(engine);
  const world = World.fresh(engine, settings.seed);
  world.replay(journal, now);
  return { built: { engine, feed, settings }, world };
}

/** Checks a session's journal by replaying it; the error says which entry could not be applied. */
function tryBuild(session: Session): { built: Built; world: World } | string {
  try {
    return buildWorld(session.settings, session.journal, session.now);
  } catch (error) {
    return `its journal could not be replayed: ${(error as Error).message}`;
  }
}

function createSimulation(store: SimulatorStore): Simulation {
  const ui = createStore<SimulationUi>()(() => ({ revision: 0, presenter: false, notice: null, undo: null }));
  const s = () => store.getState();
  let world = World.fresh(s().engine, s().settings.seed);
  let guide: Guide | null = null;
  let autoPass = false;
  let lastBump = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const bump = () => ui.setState({ revision: ui.getState().revision + 1 });
  const wallNow = () => (typeof performance === 'undefined' ? 0 : performance.now());

  /** Shows a world (the only way the store's engine is replaced). */
  const show = (next: { built: Built; world: World }) => {
    world = next.world;
    s().install(next.built);
  };

  const guideHost = (settings: Settings): GuideHost => ({
    world: () => world,
    restore: (entries, now, legacyTraffic) => {
      const journal = world.journal().slice(0, entries);
      const rebuilt = buildWorld(settings, journal, now);
      if (legacyTraffic !== undefined) rebuilt.world.act('traffic:adopt', legacyTraffic);
      show(rebuilt);
    },
  });

  s().setDriver({
    advance(_engine, toTime, overBudget) {
      let reached: number;
      const stepBefore = guide?.state.next;
      if (guide) {
        reached = guide.advance(toTime, overBudget);
        while (autoPass && guide.state.waiting && !guide.finished) {
          guide.next();
          reached = guide.advance(toTime, overBudget);
        }
        if (guide.state.waiting && s().playing) queueMicrotask(() => s().pause());
      } else {
        reached = world.runTo(toTime, overBudget);
      }
      // Panels redraw when the lesson moves a step, else at most ~6 times a second of wall time.
      const wall = wallNow();
      if (guide?.state.next !== stepBefore || wall - lastBump > 150 || wall === 0) {
        lastBump = wall;
        bump();
      } else if (trailing === undefined) {
        // …and once more after the last frame, so a pause never leaves stale figures.
        trailing = setTimeout(() => {
          trailing = undefined;
          lastBump = wallNow();
          bump();
        }, 160);
      }
      return reached;
    },
  });

  /** Lets the store see what the world did outside playback. */
  const sync = () => s().advanceTo(world.now());

  const resultOf = (operation: string, input: unknown, t: number, outcome: Outcome): CallResult =>
    outcome.ok
      ? { operation, input, t, ok: true, output: outcome.output, status: 200 }
      : { operation, input, t, ok: false, error: outcome.error, status: outcome.error.httpStatus };

  const act = (operation: string, input: unknown): CallResult => {
    const outcome = world.act(operation, input);
    const result = resultOf(operation, input, world.now(), outcome);
    sync();
    store.setState({ lastResult: result });
    return result;
  };

  const changeTraffic = (operation: string, input: unknown) => {
    world.act(operation, input);
    sync();
    bump();
  };

  const showLesson = (scenario: Scenario) => {
    s().setSpeed(scenario.speed);
    if (scenario.stream) s().select({ stream: scenario.stream });
  };

  /** Whether the session holds anything a person would miss: calls, traffic, a lesson. */
  const hasWork = () => world.journal().length > 0 || guide !== null;
  /** Runs a replacement; when it succeeds over a session with work, that session is one Undo away. */
  const replacing = <T>(replace: () => T, succeeded: (result: T) => boolean): T => {
    const before = hasWork() ? sim.session() : null;
    const result = replace();
    if (succeeded(result)) ui.setState({ undo: before });
    return result;
  };

  const startScenario = (scenario: Scenario) => {
    const settings = scenarioSettings(scenario);
    show(buildWorld(settings, [], scenario.startTime));
    guide = new Guide(scenario, guideHost(settings));
    showLesson(scenario);
    bump();
  };

  const counts = (traffic: TrafficState) => ({
    producers: traffic.producers.length,
    consumers: traffic.consumers.length,
  });

  const sim: Simulation = {
    store,
    ui,
    world: () => world,
    guide: () => guide,
    traffic: () => world.traffic,
    call: (operation, input) => act(operation, input),
    admin: (operation, input) => act(operation, input),
    addProducer: (config) => changeTraffic('traffic:startProducer', config),
    addConsumer: (config) => changeTraffic('traffic:startConsumer', config),
    setStatus: (kind, id, status) => changeTraffic('traffic:setStatus', { kind, id, status }),
    remove: (kind, id) => changeTraffic('traffic:remove', { kind, id }),
    newSession(settings) {
      guide = null;
      show(buildWorld(settings, [], settings.startTime));
      bump();
    },
    startScenario(scenario) {
      replacing(
        () => startScenario(scenario),
        () => true,
      );
      ui.setState({
        notice: ui.getState().undo
          ? { kind: 'info', text: `The lesson “${scenario.title}” replaced your session; Undo brings that back.` }
          : null,
      });
    },
    load(what) {
      const builtin = builtinScenario(what);
      if (builtin) {
        sim.startScenario(builtin);
        return undefined;
      }
      if (/^\d+\./.test(what)) return sim.openToken(what);
      return `No built-in scenario "${what.slice(0, 64)}" (there are: routing, hot-shard, split-merge, update-shard-count, iterators-retention, encryption), and it is not a share link either.`;
    },
    exitScenario() {
      guide = null;
      bump();
    },
    next() {
      if (!guide) return;
      if (guide.state.waiting) {
        guide.next();
        if (!guide.finished) s().play();
      } else {
        guide.skipToNextStop();
        sync();
      }
      bump();
    },
    runToEnd() {
      if (!guide) return;
      s().pause();
      for (let guard = 0; guard < 10_000 && !guide.finished; guard++) guide.skipToNextStop();
      sync();
      bump();
    },
    back() {
      const ok = guide?.back() ?? false;
      bump();
      return ok;
    },
    seek(t) {
      if (guide) {
        if (t < world.now()) {
          const { speed, playing } = s();
          startScenario(guide.scenario);
          s().setSpeed(speed);
          if (playing) s().play();
        }
        runTo(guide.scenario, guide.state, world, Math.max(t, world.now()));
        sync();
      } else if (t >= world.now()) {
        s().advanceTo(t);
      } else {
        const settings = s().settings;
        show(
          buildWorld(
            settings,
            world.journal().filter((e) => e.t <= t),
            t,
          ),
        );
      }
      bump();
    },
    session: () => ({
      settings: { ...s().settings },
      journal: world.journal().slice(),
      now: world.now(),
      ...(guide ? { lesson: lessonPlanOf(guide) } : {}),
    }),
    shareToken: () => encodeSessionToken(sim.session()),
    openToken(token) {
      const parsed = decodeSessionToken(token);
      if (!parsed.ok) {
        ui.setState({ notice: { kind: 'error', text: parsed.error } });
        return parsed.error;
      }
      const opened = replacing(
        () => sim.openSession(parsed.session),
        (result) => result.ok,
      );
      if (!opened.ok) {
        const error = `This share link cannot be opened: ${opened.error}. Nothing was loaded.`;
        ui.setState({ notice: { kind: 'error', text: error } });
        return error;
      }
      ui.setState({
        notice: {
          kind: 'info',
          text: `Opened a shared session: ${parsed.session.journal.length} entries, replayed exactly${whatCameBack(opened)}.`,
        },
      });
      return undefined;
    },
    openSession(session) {
      // Everything is checked (the journal replayed, the lesson resumed) before anything is replaced.
      const next = tryBuild(session);
      if (typeof next === 'string') return { ok: false, error: next };
      let resumed: Guide | null = null;
      if (session.lesson !== undefined) {
        const host: GuideHost = {
          world: () => world,
          restore: (entries, now, legacy) => guideHost(session.settings).restore(entries, now, legacy),
        };
        const lesson = resumeLesson(
          session.lesson,
          { entryTimes: session.journal.map((e) => e.t), now: session.now },
          host,
        );
        if (typeof lesson === 'string') return { ok: false, error: `its lesson cannot be resumed: ${lesson}` };
        resumed = lesson;
      }
      show(next);
      guide = resumed;
      if (guide) showLesson(guide.scenario);
      bump();
      const opened: Opened = { ok: true, ...counts(world.traffic) };
      if (guide)
        opened.lesson = { title: guide.scenario.title, stop: guide.state.stop, stops: stopCount(guide.scenario) };
      return opened;
    },
    importSession: (session) =>
      replacing(
        () => sim.openSession(session),
        (result) => result.ok,
      ),
    undo() {
      const previous = ui.getState().undo;
      if (!previous) return;
      const opened = sim.openSession(previous);
      ui.setState({
        undo: null,
        notice: opened.ok
          ? { kind: 'info', text: 'The previous session is back.' }
          : { kind: 'error', text: `The previous session could not be brought back: ${opened.error}.` },
      });
    },
    setPresenter(on) {
      ui.setState({ presenter: on });
    },
    setNotice: (notice) => ui.setState({ notice }),
    setAutoPass(on) {
      autoPass = on;
    },
  };
  return sim;
}

/**
 * What an opened session brought back besides its journal, for the notice: "; the lesson “Routing”
 * is back at stop 2 of 4; its traffic is back (1 producer, 0 consumers)", or "".
 */
export function whatCameBack({ producers, consumers, lesson }: Omit<Opened, 'ok'>): string {
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lessonBack = lesson
    ? `; the lesson “${lesson.title}” is back at stop ${lesson.stop + 1} of ${lesson.stops}`
    : '';
  const trafficBack =
    producers + consumers > 0
      ? `; its traffic is back (${count(producers, 'producer')}, ${count(consumers, 'consumer')})`
      : '';
  return lessonBack + trafficBack;
}

/** Progress through a guided scenario, for the caption panel and tests. */
export function progressOf(guide: Guide): {
  stop: number;
  stops: number;
  step: number;
  steps: number;
  waiting: boolean;
  finished: boolean;
} {
  return {
    stop: guide.state.stop,
    stops: stopCount(guide.scenario),
    step: guide.state.next,
    steps: guide.scenario.steps.length,
    waiting: guide.state.waiting,
    finished: isFinished(guide.scenario, guide.state),
  };
}
