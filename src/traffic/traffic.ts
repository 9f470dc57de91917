/**
 * Live traffic: producers and consumers as plain data, moved along the engine's virtual clock by
 * `advanceTraffic(state, engine, toTime)`. It advances the engine to each moment something is due,
 * makes those calls, and stops at `toTime` (the caller advances the engine the rest of the way).
 * No timers, no wall clock: the same state, engine and times give the same calls.
 */
import type { Engine } from '../engine';
import {
  consumerDue,
  consumerProblem,
  createConsumer,
  runConsumer,
  setConsumerStatus,
  type ConsumerConfig,
  type ConsumerState,
} from './consumer';
import {
  createProducer,
  producerDue,
  producerProblem,
  runProducer,
  setProducerStatus,
  type ProducerConfig,
  type ProducerState,
  type RunStatus,
} from './producer';

export interface TrafficState {
  /** Seeds every generator (with its id), so two runs of the same session make the same keys. */
  seed: number;
  producers: ProducerState[];
  consumers: ConsumerState[];
}

export const createTraffic = (seed: number): TrafficState => ({ seed, producers: [], consumers: [] });

/** Adds (or replaces, by id) a running producer; throws with a clear message for a bad config. */
export function addProducer(state: TrafficState, config: ProducerConfig, now: number): ProducerState {
  const problem = producerProblem(config);
  if (problem) throw new Error(problem);
  const producer = createProducer(config, now, state.seed);
  state.producers = state.producers.filter((p) => p.config.id !== config.id).concat(producer);
  return producer;
}

export function addConsumer(state: TrafficState, config: ConsumerConfig, now: number): ConsumerState {
  const problem = consumerProblem(config);
  if (problem) throw new Error(problem);
  const consumer = createConsumer(config, now);
  state.consumers = state.consumers.filter((c) => c.config.id !== config.id).concat(consumer);
  return consumer;
}

export function setStatus(
  state: TrafficState,
  kind: 'producer' | 'consumer',
  id: string,
  status: RunStatus,
  now: number,
): boolean {
  if (kind === 'producer') {
    const p = state.producers.find((x) => x.config.id === id);
    if (p) setProducerStatus(p, status, now);
    return !!p;
  }
  const c = state.consumers.find((x) => x.config.id === id);
  if (c) setConsumerStatus(c, status, now);
  return !!c;
}

export function removeGenerator(state: TrafficState, kind: 'producer' | 'consumer', id: string): void {
  if (kind === 'producer') state.producers = state.producers.filter((p) => p.config.id !== id);
  else state.consumers = state.consumers.filter((c) => c.config.id !== id);
}

/** The earliest time any producer or consumer has something to do, or undefined. */
export function trafficDue(state: TrafficState): number | undefined {
  let due: number | undefined;
  for (const p of state.producers) {
    const t = producerDue(p);
    if (t !== undefined && (due === undefined || t < due)) due = t;
  }
  for (const c of state.consumers) {
    const t = consumerDue(c);
    if (t !== undefined && (due === undefined || t < due)) due = t;
  }
  return due;
}

/** Runs whatever is due at the engine's current time (producers first, then consumers, by order added). */
export function runDue(state: TrafficState, engine: Engine): void {
  for (const p of state.producers) runProducer(p, engine);
  for (const c of state.consumers) runConsumer(c, engine);
}

/**
 * Moves the engine forward through every due moment up to `toTime` and makes the calls due then.
 * Returns the time reached: `toTime`, or the last moment run when `overBudget()` said to stop
 * (the engine is left there; the caller advances it the rest of the way only when it got there).
 */
/** How often one instant's traffic may run again when its calls make more of it due at once. */
const MAX_PASSES_PER_INSTANT = 16;

export function advanceTraffic(
  state: TrafficState,
  engine: Engine,
  toTime: number,
  overBudget?: () => boolean,
): number {
  let instant = Number.NaN;
  let passes = 0;
  for (let due = trafficDue(state); due !== undefined && due <= toTime; due = trafficDue(state)) {
    if (due > engine.now()) engine.advanceTo(due);
    const at = engine.now();
    passes = at === instant ? passes + 1 : 1;
    instant = at;
    runDue(state, engine);
    // What one call makes due at once (a child shard freed by its parent's end) runs in the same
    // instant, whatever the caller's steps: the outcome must not depend on how time was cut up.
    // A generator that stays due after many passes is stuck: stop rather than spin.
    const after = trafficDue(state);
    if (after !== undefined && after <= at) {
      if (passes >= MAX_PASSES_PER_INSTANT) break;
      continue;
    }
    // Out of budget: stop between two instants (everything due at this one has run), so the time
    // reached always splits the traffic into what ran and what did not.
    if (overBudget?.() && after !== undefined && after <= toTime) return at;
  }
  return toTime;
}
