/**
 * What a shared session keeps of its traffic: each producer's and consumer's settings, run status
 * and progress (see runtime.ts). Opened over the session's replayed engine, the traffic carries on
 * exactly where it was: the same keys, retries and consumer positions, so the link brings back
 * what was running, not only the calls it had made. A plan without progress (older links) starts
 * its traffic afresh at the session's time. A plan read from a link is data: every field is
 * checked and a clear message names the first bad one.
 */
import { consumerProblem, type ConsumerConfig } from './consumer';
import { producerProblem, type KeyDistribution, type ProducerConfig, type RunStatus } from './producer';
import { readRuntime, runtimeOf, type ConsumerRuntime, type ProducerRuntime } from './runtime';
import { addConsumer, addProducer, createTraffic, setStatus, type TrafficState } from './traffic';

export interface TrafficPlan {
  readonly producers: readonly {
    readonly config: ProducerConfig;
    readonly status: RunStatus;
    readonly progress?: ProducerRuntime;
  }[];
  readonly consumers: readonly {
    readonly config: ConsumerConfig;
    readonly status: RunStatus;
    readonly progress?: ConsumerRuntime;
  }[];
}

export const planOf = (state: TrafficState): TrafficPlan => ({
  producers: state.producers.map((p) => ({
    config: p.config,
    status: p.status,
    progress: runtimeOf(p) as ProducerRuntime,
  })),
  consumers: state.consumers.map((c) => ({
    config: c.config,
    status: c.status,
    progress: runtimeOf(c) as ConsumerRuntime,
  })),
});

const STATUSES: readonly RunStatus[] = ['running', 'paused', 'stopped'];
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((k) => typeof k === 'string');

function keysOf(v: unknown): KeyDistribution | undefined {
  if (!isObject(v)) return undefined;
  if (v.kind === 'uniform') return { kind: 'uniform' };
  if (v.kind === 'fixed' && isStrings(v.keys)) return { kind: 'fixed', keys: [...v.keys] };
  if (v.kind === 'hot' && typeof v.key === 'string' && typeof v.share === 'number')
    return { kind: 'hot', key: v.key, share: v.share };
  if (v.kind === 'sequential' && typeof v.prefix === 'string') return { kind: 'sequential', prefix: v.prefix };
  return undefined;
}

function producerConfigOf(v: unknown): ProducerConfig | string {
  if (!isObject(v)) return 'a producer needs its settings';
  const keys = keysOf(v.keys);
  if (!keys) return "a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix)";
  const { id, stream, rate, payloadBytes, batch, maxRetries, backoffMs } = v;
  if (typeof id !== 'string' || typeof stream !== 'string') return 'a producer needs an id and a stream name';
  if ([rate, payloadBytes, batch, maxRetries, backoffMs].some((n) => typeof n !== 'number'))
    return `producer ${id}: its rate, payload, batch, retries and backoff are numbers`;
  const config = { id, stream, rate, keys, payloadBytes, batch, maxRetries, backoffMs } as ProducerConfig;
  return producerProblem(config) ?? config;
}

function consumerConfigOf(v: unknown): ConsumerConfig | string {
  if (!isObject(v)) return 'a consumer needs its settings';
  const { id, stream, pollMs, limit, initialPosition } = v;
  if (typeof id !== 'string' || typeof stream !== 'string') return 'a consumer needs an id and a stream name';
  const config = { id, stream, pollMs, limit, initialPosition } as ConsumerConfig;
  return consumerProblem(config) ?? config;
}

/** The traffic a plan describes, started at `now`; or why the plan cannot be used. */
export function trafficFromPlan(seed: number, plan: unknown, now: number): TrafficState | string {
  if (!isObject(plan) || !Array.isArray(plan.producers) || !Array.isArray(plan.consumers)) {
    return 'the traffic part must list producers and consumers';
  }
  const state = createTraffic(seed);
  const kinds = [
    ['producer', plan.producers, producerConfigOf, addProducer],
    ['consumer', plan.consumers, consumerConfigOf, addConsumer],
  ] as const;
  for (const [kind, items, configOf, add] of kinds) {
    for (const [i, item] of (items as unknown[]).entries()) {
      const where = `${kind} ${i + 1}`;
      if (!isObject(item) || !STATUSES.includes(item.status as RunStatus))
        return `${where}: its status is running, paused or stopped`;
      const config = configOf(item.config);
      if (typeof config === 'string') return `${where}: ${config}`;
      const progress =
        item.progress === undefined
          ? undefined
          : kind === 'producer'
            ? readRuntime(kind, item.progress)
            : readRuntime(kind, item.progress);
      if (typeof progress === 'string') return `${where}: ${progress}`;
      const added = (add as (s: TrafficState, c: typeof config, t: number) => object)(state, config, now);
      if (progress !== undefined) {
        // Carries on where it was: its status and progress as they were, not as a start at `now` makes them.
        Object.assign(added, progress, { status: item.status });
      } else if (item.status !== 'running') {
        setStatus(state, kind, config.id, item.status as RunStatus, now);
      }
    }
  }
  return state;
}
