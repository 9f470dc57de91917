/**
 * The workshop controller: one per simulator store. It installs the store's time driver (live
 * traffic, or the scenario runner in guided mode), keeps the guide's checkpoints, and gives the
 * panels (and the test API) plain actions: load a scenario, Next, Back, seek, add traffic.
 * Its own tiny store only carries a revision number for the panels to redraw on.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Command } from '../../engine';
import type { Settings, SimulatorStore } from '../../store';
import { sessionOf, type Session, type SessionExtras } from '../../store/session';
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
} from '../../scenarios';
import { decodeSessionToken, encodeSessionToken } from '../../share';
import {
  addConsumer,
  addProducer,
  advanceTraffic,
  createTraffic,
  planOf,
  removeGenerator,
  setStatus,
  trafficFromPlan,
  type ConsumerConfig,
  type ProducerConfig,
  type RunStatus,
  type TrafficState,
} from '../../traffic';

export interface WorkshopUi {
  revision: number;
  presenter: boolean;
  /** A message for the person (a refused link, a refused scenario file). */
  notice: { kind: 'error' | 'info'; text: string } | null;
}

export interface Workshop {
  readonly store: SimulatorStore;
  readonly ui: StoreApi<WorkshopUi>;
  guide(): Guide | null;
  traffic(): TrafficState;
  startScenario(scenario: Scenario): void;
  /** Loads a built-in by name or a share token; returns an error message or undefined. */
  load(what: string): string | undefined;
  exitScenario(): void;
  /** Passes the gate and plays; between stops, runs straight to the next stop. */
  next(): void;
  back(): boolean;
  /** Pauses playback and runs the lesson straight to its last step, passing every gate. */
  runToEnd(): void;
  /** Moves to virtual time `t` (backwards replays from the scenario's start or the session). */
  seek(t: number): void;
  addProducer(config: ProducerConfig): void;
  addConsumer(config: ConsumerConfig): void;
  setStatus(kind: 'producer' | 'consumer', id: string, status: RunStatus): void;
  remove(kind: 'producer' | 'consumer', id: string): void;
  shareToken(): string;
  /** What a session keeps besides its calls: the traffic and the lesson under way (for the autosave). */
  sessionExtras(): SessionExtras;
  /** The whole session, extras included, as files and share links keep it. */
  session(): Session;
  /**
   * Brings back the traffic and the lesson a saved session kept, over the engine already replayed
   * from it; says why not (and keeps neither) when they are malformed.
   */
  adoptExtras(extras: SessionExtras): string | undefined;
  /** Opens a share token: loads it, or leaves everything as it was and says why. */
  openToken(token: string): string | undefined;
  /**
   * Replaces the session with one from a link or a file, its traffic and lesson included. They
   * are checked first, so a malformed one changes nothing; answers what came back, or why
   * nothing was loaded ("its traffic is invalid: …").
   */
  openSession(session: Session): Opened | { ok: false; error: string };
  setPresenter(on: boolean): void;
  /** Embeds pass "continue" gates by themselves. */
  setAutoPass(on: boolean): void;
  setNotice(notice: WorkshopUi['notice']): void;
}

/** What came back with an opened session. */
export interface Opened {
  ok: true;
  producers: number;
  consumers: number;
  /** The lesson under way, and the stop it is back at. */
  lesson?: { title: string; stop: number; stops: number };
}

const controllers = new WeakMap<SimulatorStore, Workshop>();

export function workshopFor(store: SimulatorStore): Workshop {
  let w = controllers.get(store);
  if (!w) {
    w = createWorkshop(store);
    controllers.set(store, w);
  }
  return w;
}

function createWorkshop(store: SimulatorStore): Workshop {
  const ui = createStore<WorkshopUi>()(() => ({ revision: 0, presenter: false, notice: null }));
  let guide: Guide | null = null;
  let autoPass = false;
  let lastBump = -Infinity;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let free: TrafficState = createTraffic(store.getState().settings.seed);
  /** The engine version we expect; another one means someone else replaced the engine. */
  let ownVersion = store.getState().engineVersion;
  const bump = () => ui.setState({ revision: ui.getState().revision + 1 });
  const s = () => store.getState();

  /** Replaces the engine ourselves (so the watcher below does not drop the guide). */
  let loading = false;
  const load = (settings: Settings, commands: readonly Command[], now: number) => {
    loading = true;
    try {
      s().load(settings, commands, now);
    } finally {
      loading = false;
    }
    ownVersion = s().engineVersion;
  };

  store.subscribe((state, previous) => {
    if (!loading && state.engineVersion !== previous.engineVersion && state.engineVersion !== ownVersion) {
      // New settings or a loaded session: the lesson and its traffic belong to the old engine.
      guide = null;
      free = createTraffic(state.settings.seed);
      ownVersion = state.engineVersion;
      bump();
    }
  });

  s().setDriver({
    advance(engine, toTime) {
      let reached: number;
      const stepBefore = guide?.state.next;
      if (guide) {
        reached = guide.advance(engine, toTime);
        while (autoPass && guide.state.waiting && !guide.finished) {
          guide.next();
          reached = guide.advance(engine, toTime);
        }
        if (guide.state.waiting && s().playing) queueMicrotask(() => s().pause());
      } else {
        advanceTraffic(free, engine, toTime);
        reached = toTime;
      }
      // The panels redraw when the lesson moves a step, else at most ~6 times a second of wall time.
      const wall = typeof performance === 'undefined' ? 0 : performance.now();
      if (guide?.state.next !== stepBefore || wall - lastBump > 150 || wall === 0) {
        lastBump = wall;
        bump();
      } else if (trailing === undefined) {
        // …and once more after the last frame, so a pause never leaves stale figures.
        trailing = setTimeout(() => {
          trailing = undefined;
          lastBump = typeof performance === 'undefined' ? 0 : performance.now();
          bump();
        }, 160);
      }
      return reached;
    },
  });

  const traffic = () => (guide ? guide.state.traffic : free);
  /** Lets the store catch up with time the runner moved directly. */
  const sync = () => s().advanceTo(s().engine.now());

  /** The guide's way to the engine: Back replays the log under the lesson's settings. */
  const hostFor = (settings: Settings): GuideHost => ({
    engine: () => s().engine,
    restore: (commands, now) => load(settings, commands, now),
  });
  const showLesson = (scenario: Scenario) => {
    s().setSpeed(scenario.speed);
    if (scenario.stream) s().select({ stream: scenario.stream });
  };

  const startScenario = (scenario: Scenario) => {
    const settings = scenarioSettings(scenario);
    load(settings, [], scenario.startTime);
    guide = new Guide(scenario, hostFor(settings));
    showLesson(scenario);
    bump();
  };

  /**
   * The traffic and the lesson a session kept, checked against its calls, ready to take over once
   * its engine is loaded: or what is wrong with them. Touches nothing.
   */
  const extrasOf = (session: Session): { traffic: TrafficState; guide: Guide | null } | string => {
    const { seed } = session.settings;
    const traffic =
      session.traffic === undefined ? createTraffic(seed) : trafficFromPlan(seed, session.traffic, session.now);
    if (typeof traffic === 'string') return `its traffic is invalid: ${traffic}`;
    if (session.lesson === undefined) return { traffic, guide: null };
    const resumed = resumeLesson(
      session.lesson,
      { commands: session.commands, now: session.now, seed, traffic },
      hostFor(session.settings),
    );
    return typeof resumed === 'string' ? `its lesson cannot be resumed: ${resumed}` : { traffic, guide: resumed };
  };
  /** Lets the checked extras take over: a lesson's traffic is its own, and the free traffic starts empty. */
  const takeOver = (extras: { traffic: TrafficState; guide: Guide | null }): Opened => {
    guide = extras.guide;
    free = guide ? createTraffic(s().settings.seed) : extras.traffic;
    if (guide) showLesson(guide.scenario);
    bump();
    const opened: Opened = {
      ok: true,
      producers: extras.traffic.producers.length,
      consumers: extras.traffic.consumers.length,
    };
    if (guide)
      opened.lesson = { title: guide.scenario.title, stop: guide.state.stop, stops: stopCount(guide.scenario) };
    return opened;
  };

  const workshop: Workshop = {
    store,
    ui,
    guide: () => guide,
    traffic,
    startScenario,
    load(what) {
      const builtin = builtinScenario(what);
      if (builtin) {
        startScenario(builtin);
        return undefined;
      }
      if (/^\d+\./.test(what)) return workshop.openToken(what);
      return `No built-in scenario "${what}" (there are: routing, hot-shard, split-merge, update-shard-count, iterators-retention, encryption), and it is not a share link either.`;
    },
    exitScenario() {
      if (guide) free = guide.state.traffic;
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
      const engine = s().engine;
      if (guide) {
        if (t < engine.now()) {
          const { speed, playing } = s();
          startScenario(guide.scenario);
          s().setSpeed(speed);
          if (playing) s().play();
        }
        runTo(guide.scenario, guide.state, s().engine, Math.max(t, s().engine.now()));
        sync();
      } else if (t >= engine.now()) {
        s().advanceTo(t);
      } else {
        const session = sessionOf(s());
        load(
          session.settings,
          session.commands.filter((c) => c.t <= t),
          t,
        );
        free = createTraffic(session.settings.seed);
      }
      bump();
    },
    addProducer(config) {
      addProducer(traffic(), config, s().engine.now());
      bump();
    },
    addConsumer(config) {
      addConsumer(traffic(), config, s().engine.now());
      bump();
    },
    setStatus(kind, id, status) {
      setStatus(traffic(), kind, id, status, s().engine.now());
      bump();
    },
    remove(kind, id) {
      removeGenerator(traffic(), kind, id);
      bump();
    },
    sessionExtras() {
      // A session without producers or consumers keeps no traffic part.
      const plan = planOf(traffic());
      const hasTraffic = plan.producers.length + plan.consumers.length > 0;
      return { ...(hasTraffic ? { traffic: plan } : {}), ...(guide ? { lesson: lessonPlanOf(guide) } : {}) };
    },
    session: () => ({ ...sessionOf(s()), ...workshop.sessionExtras() }),
    shareToken: () => encodeSessionToken(workshop.session()),
    adoptExtras(kept) {
      const extras = extrasOf({ ...sessionOf(s()), ...kept });
      if (typeof extras === 'string') {
        const error = `The saved session could not be restored whole: ${extras}. Its calls are all back; start the lesson or the producers and consumers again.`;
        ui.setState({ notice: { kind: 'error', text: error } });
        return error;
      }
      takeOver(extras);
      return undefined;
    },
    openToken(token) {
      const parsed = decodeSessionToken(token);
      if (!parsed.ok) {
        ui.setState({ notice: { kind: 'error', text: parsed.error } });
        return parsed.error;
      }
      const opened = workshop.openSession(parsed.session);
      if (!opened.ok) {
        const error = `This share link cannot be opened: ${opened.error}. Nothing was loaded.`;
        ui.setState({ notice: { kind: 'error', text: error } });
        return error;
      }
      ui.setState({
        notice: {
          kind: 'info',
          text: `Opened a shared session: ${parsed.session.commands.length} calls, replayed exactly${whatCameBack(opened)}.`,
        },
      });
      return undefined;
    },
    openSession(session) {
      // Check the traffic and the lesson before anything is replaced.
      const extras = extrasOf(session);
      if (typeof extras === 'string') return { ok: false, error: extras };
      load(session.settings, session.commands, session.now);
      return takeOver(extras);
    },
    setPresenter(on) {
      ui.setState({ presenter: on });
      document.documentElement.toggleAttribute('data-presenter', on);
    },
    setNotice: (notice) => ui.setState({ notice }),
    setAutoPass(on) {
      autoPass = on;
    },
  };
  return workshop;
}

/**
 * What an opened session brought back besides its calls, for the notice: "; the lesson “Routing”
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
