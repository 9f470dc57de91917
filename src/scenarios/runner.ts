/**
 * Runs a scenario on an engine along virtual time. The runner's state is plain data (cloneable
 * into a checkpoint): the next step, whether it waits at a "continue" gate, the caption shown, the
 * live traffic, and every outcome that differed from what the lesson expected.
 * `advanceRunner` is what playback calls: it moves the engine through each due step and traffic
 * moment up to a time, and stops early at a gate.
 */
import { isKinesisError, type Command, type Engine, type KmsAdminOperation } from '../engine';
import type { Settings } from '../store';
import { addConsumer, addProducer, advanceTraffic, createTraffic, setStatus, type TrafficState } from '../traffic';
import type { Scenario, Step } from './format';
import { decodeInput } from './values';

export interface Caption {
  title?: string;
  text: string;
  /** Index of the caption step. */
  step: number;
}

export interface RunnerState {
  /** Index of the next step to run. */
  next: number;
  /** Waiting at a gate (the start counts as one): virtual time holds until `pass`. */
  waiting: boolean;
  /** Stops reached: 0 = the start, then one per "pause" step. */
  stop: number;
  caption?: Caption;
  traffic: TrafficState;
  /** Outcomes that differed from a step's `expect` (the lesson still goes on). */
  surprises: string[];
}

/** The store settings a scenario runs under. */
export const scenarioSettings = (s: Scenario): Settings => ({ ...s.settings, seed: s.seed, startTime: s.startTime });

export function createRunner(scenario: Scenario): RunnerState {
  return { next: 0, waiting: true, stop: 0, traffic: createTraffic(scenario.seed), surprises: [] };
}

export const stopCount = (scenario: Scenario): number => 1 + scenario.steps.filter((s) => s.do === 'pause').length;
export const isFinished = (scenario: Scenario, state: RunnerState): boolean => state.next >= scenario.steps.length;

/** Lets the scenario go on from the gate it waits at. */
export function pass(state: RunnerState): void {
  state.waiting = false;
}

function runStep(scenario: Scenario, state: RunnerState, index: number, step: Step, engine: Engine): void {
  const now = engine.now();
  const expect = (outcome: string, expected: string | undefined, what: string) => {
    if (expected !== undefined && outcome !== expected)
      state.surprises.push(`steps[${index}] ${what}: expected ${expected}, got ${outcome}`);
  };
  switch (step.do) {
    case 'call':
    case 'kms': {
      const input = decodeInput(step.input);
      let outcome = 'ok';
      try {
        if (step.do === 'kms') engine.admin(step.operation as KmsAdminOperation, input as never);
        else engine.call(step.operation, input);
      } catch (error) {
        if (!isKinesisError(error)) throw error;
        outcome = error.name;
      }
      expect(outcome, step.expect ?? 'ok', step.operation);
      return;
    }
    case 'startProducer':
      addProducer(state.traffic, step.producer, now);
      return;
    case 'startConsumer':
      addConsumer(state.traffic, step.consumer, now);
      return;
    case 'caption':
      state.caption = { text: step.text, step: index, ...(step.title === undefined ? {} : { title: step.title }) };
      return;
    case 'pause':
      state.waiting = true;
      state.stop++;
      return;
    default: {
      const kind = step.do.endsWith('Producer') ? 'producer' : 'consumer';
      const status = step.do.startsWith('pause') ? 'paused' : step.do.startsWith('resume') ? 'running' : 'stopped';
      if (!setStatus(state.traffic, kind, step.id, status, now))
        state.surprises.push(`steps[${index}] ${step.do}: no ${kind} "${step.id}"`);
    }
  }
  void scenario;
}

/**
 * Moves the engine along to `toTime`, running the steps and traffic due on the way; returns the
 * time reached (earlier than `toTime` when a gate stopped it; the caller advances the engine to
 * the returned time). Steps run before traffic due at the same instant.
 */
export function advanceRunner(scenario: Scenario, state: RunnerState, engine: Engine, toTime: number): number {
  for (;;) {
    if (state.waiting) return engine.now();
    const step = scenario.steps[state.next];
    const stepTime = step ? scenario.startTime + step.at : undefined;
    if (stepTime === undefined || stepTime > toTime) {
      advanceTraffic(state.traffic, engine, toTime);
      return toTime;
    }
    advanceTraffic(state.traffic, engine, stepTime - 1);
    if (stepTime > engine.now()) engine.advanceTo(stepTime);
    state.next++;
    runStep(scenario, state, state.next - 1, step!, engine);
  }
}

/** Runs the whole scenario, passing every gate; stops at the last step's time. For tests and seeking. */
export function runToEnd(scenario: Scenario, state: RunnerState, engine: Engine): void {
  while (!isFinished(scenario, state)) {
    pass(state);
    const last = scenario.startTime + scenario.steps[scenario.steps.length - 1]!.at;
    const reached = advanceRunner(scenario, state, engine, last);
    if (reached > engine.now()) engine.advanceTo(reached);
  }
}

/** Runs to virtual time `t`, passing gates on the way (embeds seek this way). */
export function runTo(scenario: Scenario, state: RunnerState, engine: Engine, t: number): void {
  for (let guard = 0; guard <= scenario.steps.length + 1; guard++) {
    pass(state);
    const reached = advanceRunner(scenario, state, engine, t);
    if (reached > engine.now()) engine.advanceTo(reached);
    if (!state.waiting) return;
  }
}

/** What the guide needs from its host (the store, or a bare engine in tests). */
export interface GuideHost {
  engine(): Engine;
  /** Replaces the engine by replaying these commands up to `now` under the scenario's settings. */
  restore(commands: readonly Command[], now: number): void;
}

export interface Checkpoint {
  stop: number;
  commands: readonly Command[];
  now: number;
  runner: RunnerState;
}

/**
 * Guided mode: Next and Back between the stops of a scenario. Arriving at a stop saves a
 * checkpoint (the command log so far, the time, the runner's state); Back replays the log up to
 * an earlier checkpoint, so the earlier state really comes back, calls the person made in between
 * included (before that checkpoint) or gone (after it).
 */
export class Guide {
  state: RunnerState;
  checkpoints: Checkpoint[] = [];

  /** A guide at the start, or standing where `resumed` says (a lesson kept in a session: see lessonPlan). */
  constructor(
    readonly scenario: Scenario,
    private readonly host: GuideHost,
    resumed?: { state: RunnerState; checkpoints: Checkpoint[] },
  ) {
    if (resumed) {
      this.state = resumed.state;
      this.checkpoints = resumed.checkpoints;
      return;
    }
    this.state = createRunner(scenario);
    this.save();
  }

  private save(): void {
    const engine = this.host.engine();
    this.checkpoints = this.checkpoints.filter((c) => c.stop < this.state.stop);
    this.checkpoints.push({
      stop: this.state.stop,
      commands: engine.commands().slice(),
      now: engine.now(),
      runner: structuredClone(this.state),
    });
  }

  /** What playback calls each frame; saves a checkpoint whenever a new stop is reached. */
  advance(engine: Engine, toTime: number): number {
    const before = this.state.stop;
    const reached = advanceRunner(this.scenario, this.state, engine, toTime);
    if (this.state.stop !== before) this.save();
    return reached;
  }

  get finished(): boolean {
    return isFinished(this.scenario, this.state);
  }

  /** Passes the gate it waits at. Returns false when it was not waiting. */
  next(): boolean {
    if (!this.state.waiting) return false;
    pass(this.state);
    return true;
  }

  /** Runs straight to the next stop (or the end) without playback. */
  skipToNextStop(): void {
    pass(this.state);
    const engine = this.host.engine();
    const steps = this.scenario.steps;
    for (let i = this.state.next; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.do === 'pause' || i === steps.length - 1) {
        const reached = this.advance(engine, this.scenario.startTime + step.at);
        if (reached > engine.now()) engine.advanceTo(reached);
        return;
      }
    }
  }

  /**
   * Goes back one stop: while waiting at stop k, to stop k-1; between stops (or at the end), to
   * the stop last passed. Returns false at the start.
   */
  back(): boolean {
    const target = this.state.waiting ? this.state.stop - 1 : this.state.stop;
    const checkpoint = [...this.checkpoints].reverse().find((c) => c.stop <= target);
    if (!checkpoint || target < 0) return false;
    this.host.restore(checkpoint.commands, checkpoint.now);
    this.state = structuredClone(checkpoint.runner);
    this.checkpoints = this.checkpoints.filter((c) => c.stop <= checkpoint.stop);
    return true;
  }
}
