/**
 * A simulated world: one engine, the traffic running on it, and the journal of what was asked of
 * it. The journal holds intent, not volume: the calls a person (or a lesson) made and every change
 * to the traffic (a producer started, paused, stopped), each at its virtual time. The engine and
 * the traffic are deterministic, so replaying the journal under the same settings rebuilds the
 * same world, traffic calls included, whatever their number: sessions, share links and the
 * autosave keep the journal and nothing else.
 *
 * One rule orders things at the same instant, applied alike live and in replay: the world at time
 * t has run the traffic due before t and none due at t or later. So an entry at t (a call, a
 * lesson's step, a traffic change) comes after the traffic before t and before the traffic of its
 * own instant, and a world stopped at t (a lesson's stop, a saved session) replays to exactly
 * what it was.
 */
import { isKinesisError, type Engine } from '../engine';
import {
  addConsumer,
  addProducer,
  advanceTraffic,
  consumerConfigOf,
  createTraffic,
  producerConfigOf,
  removeGenerator,
  setStatus,
  trafficFromLegacyPlan,
  type RunStatus,
  type TrafficState,
} from '../traffic';

/** One thing asked of the world at a virtual time. */
export interface Entry {
  readonly t: number;
  /** A Kinesis operation, a KMS administration command (`kms:…`) or a traffic change (`traffic:…`). */
  readonly operation: string;
  readonly input: unknown;
  /** Made by a lesson's step. */
  readonly lesson?: true;
}

/** Traffic changes, as journal operations. */
export const TRAFFIC_OPERATIONS = [
  'traffic:startProducer',
  'traffic:startConsumer',
  'traffic:setStatus',
  'traffic:remove',
  // Brings in the traffic an older session kept as a plan (see trafficFromLegacyPlan).
  'traffic:adopt',
] as const;
export type TrafficOperation = (typeof TRAFFIC_OPERATIONS)[number];
export const isTrafficOperation = (operation: string): operation is TrafficOperation =>
  (TRAFFIC_OPERATIONS as readonly string[]).includes(operation);

/** The origin of a lesson's calls, as the call log shows it. */
export const LESSON_ORIGIN = 'lesson';

/** What applying an entry gave: the call's output, or its error; traffic changes answer nothing. */
export type Outcome =
  { ok: true; output?: unknown } | { ok: false; error: { name: string; message: string; httpStatus: number } };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export class World {
  private readonly entries: Entry[] = [];

  constructor(
    readonly engine: Engine,
    public traffic: TrafficState,
  ) {}

  static fresh(engine: Engine, seed: number): World {
    return new World(engine, createTraffic(seed));
  }

  /** The journal so far, oldest first. */
  journal(): readonly Entry[] {
    return this.entries;
  }

  now(): number {
    return this.engine.now();
  }

  /**
   * Runs the traffic due before `toTime` and moves the engine there; stops early, between two
   * instants, when `overBudget()` says so. Answers the time reached.
   */
  runTo(toTime: number, overBudget?: () => boolean): number {
    const ranThrough = advanceTraffic(this.traffic, this.engine, toTime - 1, overBudget);
    const reached = Math.min(toTime, ranThrough + 1);
    if (reached > this.engine.now()) this.engine.advanceTo(reached);
    return Math.max(reached, this.engine.now());
  }

  /**
   * Asks something of the world at the current time (see the rule above). Throws Error for a
   * traffic change that cannot be made (nothing is journaled then).
   */
  act(operation: string, input: unknown, lesson = false): Outcome {
    const t = this.engine.now();
    this.runTo(t);
    const entry: Entry = { t, operation, input, ...(lesson ? { lesson: true as const } : {}) };
    const outcome = this.apply(entry);
    this.entries.push(entry);
    return outcome;
  }

  /** Applies one entry at the current time (no ordering, no journaling: see act and replay). */
  private apply(entry: Entry): Outcome {
    if (isTrafficOperation(entry.operation)) {
      this.changeTraffic(entry.operation, entry.input);
      return { ok: true };
    }
    const origin = entry.lesson ? LESSON_ORIGIN : undefined;
    try {
      return { ok: true, output: this.engine.call(entry.operation, entry.input, origin) };
    } catch (error) {
      if (!isKinesisError(error)) throw error;
      return { ok: false, error: { name: error.name, message: error.message, httpStatus: error.httpStatus } };
    }
  }

  private changeTraffic(operation: TrafficOperation, input: unknown): void {
    const now = this.engine.now();
    const args = isObject(input) ? input : {};
    switch (operation) {
      case 'traffic:startProducer': {
        const config = producerConfigOf(input);
        if (typeof config === 'string') throw new Error(config);
        addProducer(this.traffic, config, now);
        return;
      }
      case 'traffic:startConsumer': {
        const config = consumerConfigOf(input);
        if (typeof config === 'string') throw new Error(config);
        addConsumer(this.traffic, config, now);
        return;
      }
      case 'traffic:setStatus': {
        const { kind, id, status } = args;
        if ((kind !== 'producer' && kind !== 'consumer') || typeof id !== 'string' || !isStatus(status))
          throw new Error('a traffic status change names a producer or consumer and running, paused or stopped');
        setStatus(this.traffic, kind, id, status, now);
        return;
      }
      case 'traffic:remove': {
        const { kind, id } = args;
        if ((kind !== 'producer' && kind !== 'consumer') || typeof id !== 'string')
          throw new Error('a traffic removal names a producer or consumer');
        removeGenerator(this.traffic, kind, id);
        return;
      }
      case 'traffic:adopt': {
        const adopted = trafficFromLegacyPlan(this.traffic.seed, input, now);
        if (typeof adopted === 'string') throw new Error(adopted);
        this.traffic = adopted;
        return;
      }
    }
  }

  /**
   * Replays entries into this (fresh) world, in order, by the journal's rule; then runs on to
   * `until`. A malformed traffic entry throws (sessions check their entries before replaying).
   */
  replay(entries: readonly Entry[], until: number): void {
    for (const entry of entries) this.replayOne(entry);
    if (until > this.engine.now()) this.runTo(until);
  }

  /** Replays one entry (see replay); for callers that spread a long replay over several frames. */
  replayOne(entry: Entry): void {
    this.runTo(entry.t);
    this.apply(entry);
    this.entries.push(entry);
  }
}

const isStatus = (v: unknown): v is RunStatus => v === 'running' || v === 'paused' || v === 'stopped';
