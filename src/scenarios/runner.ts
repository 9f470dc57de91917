/**
 * Runs a scenario along virtual time, in a world (engine, traffic, journal: see journal/world).
 * Its calls and traffic changes are acts of the world, journaled like a person's, so a session
 * keeps them and replays them without the scenario; captions and gates are the runner's own.
 * The runner's state is plain data: the next step, whether it waits at a "continue" gate, the
 * caption shown, and every outcome that differed from what the lesson expected.
 * `advanceRunner` is what playback calls: it moves the world through each due step up to a time,
 * and stops early at a gate (or when the frame's budget is spent).
 */
import type { World } from '../journal/world';
import type { Settings } from '../store';
import type { Scenario, Step } from './format';
import { decodeTagged } from '../protocol/tagged';

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
  /** Outcomes that differed from a step's `expect` (the lesson still goes on). */
  surprises: string[];
}

/** The store settings a scenario runs under. */
export const scenarioSettings = (s: Scenario): Settings => ({ ...s.settings, seed: s.seed, startTime: s.startTime });

export function createRunner(): RunnerState {
  return { next: 0, waiting: true, stop: 0, surprises: [] };
}

export const stopCount = (scenario: Scenario): number => 1 + scenario.steps.filter((s) => s.do === 'pause').length;
export const isFinished = (scenario: Scenario, state: RunnerState): boolean => state.next >= scenario.steps.length;

/** Lets the scenario go on from the gate it waits at. */
export function pass(state: RunnerState): void {
  state.waiting = false;
}

const TRAFFIC_STATUS = {
  pauseProducer: ['producer', 'paused'],
  resumeProducer: ['producer', 'running'],
  stopProducer: ['producer', 'stopped'],
  pauseConsumer: ['consumer', 'paused'],
  resumeConsumer: ['consumer', 'running'],
  stopConsumer: ['consumer', 'stopped'],
} as const;

function runStep(state: RunnerState, index: number, step: Step, world: World): void {
  const expect = (outcome: string, expected: string | undefined, what: string) => {
    if (expected !== undefined && outcome !== expected)
      state.surprises.push(`steps[${index}] ${what}: expected ${expected}, got ${outcome}`);
  };
  switch (step.do) {
    case 'call':
    case 'kms': {
      const outcome = world.act(step.operation, decodeTagged(step.input), true);
      expect(outcome.ok ? 'ok' : outcome.error.name, step.expect ?? 'ok', step.operation);
      return;
    }
    case 'startProducer':
      world.act('traffic:startProducer', step.producer, true);
      return;
    case 'startConsumer':
      world.act('traffic:startConsumer', step.consumer, true);
      return;
    case 'caption':
      state.caption = { text: step.text, step: index, ...(step.title === undefined ? {} : { title: step.title }) };
      return;
    case 'pause':
      state.waiting = true;
      state.stop++;
      return;
    default: {
      const [kind, status] = TRAFFIC_STATUS[step.do];
      const known = kind === 'producer' ? world.traffic.producers : world.traffic.consumers;
      if (!known.some((g) => g.config.id === step.id)) {
        state.surprises.push(`steps[${index}] ${step.do}: no ${kind} "${step.id}"`);
        return;
      }
      world.act('traffic:setStatus', { kind, id: step.id, status }, true);
    }
  }
}

/**
 * Moves the world along to `toTime`, running the steps due on the way and the traffic between
 * them; returns the time reached (earlier than `toTime` when a gate stopped it or the budget ran
 * out). A step runs after the traffic due before its instant and before the traffic of its instant.
 */
export function advanceRunner(
  scenario: Scenario,
  state: RunnerState,
  world: World,
  toTime: number,
  overBudget?: () => boolean,
): number {
  for (;;) {
    if (state.waiting) return world.now();
    const step = scenario.steps[state.next];
    const stepTime = step ? scenario.startTime + step.at : undefined;
    if (stepTime === undefined || stepTime > toTime) return world.runTo(toTime, overBudget);
    if (stepTime > world.now()) {
      const reached = world.runTo(stepTime, overBudget);
      if (reached < stepTime) return reached;
    }
    state.next++;
    runStep(state, state.next - 1, step!, world);
  }
}

/** Runs the whole scenario, passing every gate; stops at the last step's time. For tests and seeking. */
export function runToEnd(scenario: Scenario, state: RunnerState, world: World): void {
  while (!isFinished(scenario, state)) {
    pass(state);
    advanceRunner(scenario, state, world, scenario.startTime + scenario.steps[scenario.steps.length - 1]!.at);
  }
}

/** Runs to virtual time `t`, passing gates on the way (embeds seek this way). */
export function runTo(scenario: Scenario, state: RunnerState, world: World, t: number): void {
  for (let guard = 0; guard <= scenario.steps.length + 1; guard++) {
    pass(state);
    advanceRunner(scenario, state, world, t);
    if (!state.waiting) return;
  }
}

/** What the guide needs from its host: the world now, and going back to an earlier one. */
export interface GuideHost {
  world(): World;
  /**
   * Replaces the world with one replaying the first `entries` entries of the journal up to `now`;
   * then, for a stop kept by a session of the first format, brings in the traffic it kept.
   */
  restore(entries: number, now: number, legacyTraffic?: unknown): void;
}

/** A stop Back can return to: how much of the journal there was, the time, and the runner then. */
export interface Checkpoint {
  stop: number;
  entries: number;
  now: number;
  runner: RunnerState;
  /** The traffic a session of the first format kept with this stop (its journal had no traffic changes). */
  legacyTraffic?: unknown;
}

/**
 * Guided mode: Next and Back between the stops of a scenario. Arriving at a stop saves a
 * checkpoint (the journal's length, the time, the runner's state); Back replays the journal up to
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
    this.state = createRunner();
    this.save();
  }

  private save(): void {
    const world = this.host.world();
    this.checkpoints = this.checkpoints.filter((c) => c.stop < this.state.stop);
    this.checkpoints.push({
      stop: this.state.stop,
      entries: world.journal().length,
      now: world.now(),
      runner: structuredClone(this.state),
    });
  }

  /** What playback calls each frame; saves a checkpoint whenever a new stop is reached. */
  advance(toTime: number, overBudget?: () => boolean): number {
    const before = this.state.stop;
    const reached = advanceRunner(this.scenario, this.state, this.host.world(), toTime, overBudget);
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
    const steps = this.scenario.steps;
    for (let i = this.state.next; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.do === 'pause' || i === steps.length - 1) {
        this.advance(this.scenario.startTime + step.at);
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
    this.host.restore(checkpoint.entries, checkpoint.now, checkpoint.legacyTraffic);
    this.state = structuredClone(checkpoint.runner);
    this.checkpoints = this.checkpoints.filter((c) => c.stop <= checkpoint.stop);
    return true;
  }
}
