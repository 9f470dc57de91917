/**
 * Traffic as sessions of the first format kept it: each producer's and consumer's settings, run
 * status and progress, as a plan beside a log of every call. Sessions now keep what was asked
 * (producers started, paused, stopped) in their journal and rebuild the traffic by replay, so a
 * plan is only read, to open those older sessions and links: the traffic comes back at the
 * session's time with its counters, random state, pending retries and consumer positions.
 * A plan is data from a link or a file: every field is checked against a small shape and only
 * what the shape names is copied; a clear message names the first bad field.
 */
import type { ConsumerConfig, ConsumerState } from './consumer';
import { consumerProblem } from './consumer';
import type { KeyDistribution, ProducerConfig, RunStatus } from './producer';
import { producerProblem } from './producer';
import { addConsumer, addProducer, createTraffic, setStatus, type TrafficState } from './traffic';

type Shape =
  | 'count' // a whole number ≥ 0
  | 'time' // a finite number (epoch ms, or ms)
  | 'uint32'
  | 'text'
  | { readonly optional: Shape }
  | { readonly list: Shape }
  | { readonly oneOf: readonly string[] }
  | { readonly [field: string]: Shape };

const STATS_COMMON = { lastError: { optional: 'text' } } as const;

const PRODUCER_PROGRESS: Shape = {
  produced: 'count',
  rng: 'uint32',
  retries: { list: { at: 'time', attempt: 'count', records: { list: { n: 'count', key: 'text' } } } },
  stats: { calls: 'count', accepted: 'count', throttled: 'count', retried: 'count', failed: 'count', ...STATS_COMMON },
};

const CONSUMER_PROGRESS: Shape = {
  syncAt: 'time',
  workers: {
    list: {
      shardId: 'text',
      parents: { list: 'text' },
      phase: { oneOf: ['waiting-for-parents', 'reading', 'shard-end'] },
      iterator: { optional: 'text' },
      iteratorId: { optional: 'count' },
      checkpoint: { optional: 'text' },
      nextAt: 'time',
      records: 'count',
      lagMs: 'time',
      throttles: 'count',
      expiredIterators: 'count',
    },
  },
  stats: { calls: 'count', records: 'count', throttles: 'count', errors: 'count', ...STATS_COMMON },
};

interface ProducerProgress {
  produced: number;
  rng: number;
  retries: { at: number; attempt: number; records: { n: number; key: string }[] }[];
  stats: ConsumerState['stats'] & { accepted: number; throttled: number; retried: number; failed: number };
}

/** No list in a plan is longer (a worker per shard, retries per emission): a bigger one is not ours. */
const MAX_LIST = 100_000;
const MAX_TEXT = 4096;

class Wrong extends Error {}

function read(value: unknown, shape: Shape, where: string): unknown {
  const fail = (what: string): never => {
    throw new Wrong(`${where} must be ${what}`);
  };
  switch (shape) {
    case 'count':
      return Number.isSafeInteger(value) && (value as number) >= 0 ? value : fail('a whole number of 0 or more');
    case 'time':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15 ? value : fail('a time');
    case 'uint32':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 32
        ? value
        : fail('a 32-bit whole number');
    case 'text':
      return typeof value === 'string' && value.length <= MAX_TEXT
        ? value
        : fail(`a text of at most ${MAX_TEXT} characters`);
  }
  if ('optional' in shape) return value === undefined ? undefined : read(value, shape.optional as Shape, where);
  if ('list' in shape) {
    if (!Array.isArray(value) || value.length > MAX_LIST) return fail(`a list of at most ${MAX_LIST}`);
    return value.map((item, i) => read(item, shape.list as Shape, `${where}[${i}]`));
  }
  if ('oneOf' in shape) {
    const options = shape.oneOf as readonly string[];
    return options.includes(value as string) ? value : fail(`one of ${options.join(', ')}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('an object');
  const out: Record<string, unknown> = {};
  for (const [field, fieldShape] of Object.entries(shape)) {
    const v = read((value as Record<string, unknown>)[field], fieldShape, `${where}.${field}`);
    if (v !== undefined) out[field] = v;
  }
  return out;
}

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

/** A producer's settings read from data, or what is wrong with them. */
export function producerConfigOf(v: unknown): ProducerConfig | string {
  if (!isObject(v)) return 'a producer needs its settings';
  const keys = keysOf(v.keys);
  if (!keys) return "a producer's keys are uniform, fixed (keys), hot (key, share) or sequential (prefix)";
  const { id, stream, rate, payloadBytes, batch, maxRetries, backoffMs, bufferMs, recordTtlMs } = v;
  if (typeof id !== 'string' || typeof stream !== 'string') return 'a producer needs an id and a stream name';
  if ([rate, payloadBytes, batch, maxRetries, backoffMs].some((n) => typeof n !== 'number'))
    return `producer ${id}: its rate, payload, batch, retries and backoff are numbers`;
  if ([bufferMs, recordTtlMs].some((n) => n !== undefined && typeof n !== 'number'))
    return `producer ${id}: its buffer time and record time to live are numbers`;
  const config = {
    id,
    stream,
    rate,
    keys,
    payloadBytes,
    batch,
    maxRetries,
    backoffMs,
    ...(bufferMs !== undefined ? { bufferMs } : {}),
    ...(recordTtlMs !== undefined ? { recordTtlMs } : {}),
  } as ProducerConfig;
  return producerProblem(config) ?? config;
}

/** A consumer's settings read from data, or what is wrong with them. */
export function consumerConfigOf(v: unknown): ConsumerConfig | string {
  if (!isObject(v)) return 'a consumer needs its settings';
  const { id, stream, pollMs, limit, initialPosition } = v;
  if (typeof id !== 'string' || typeof stream !== 'string') return 'a consumer needs an id and a stream name';
  const config = { id, stream, pollMs, limit, initialPosition } as ConsumerConfig;
  return consumerProblem(config) ?? config;
}

/** The traffic an older session's plan describes, going on at `now`; or why the plan cannot be used. */
export function trafficFromLegacyPlan(seed: number, plan: unknown, now: number): TrafficState | string {
  if (!isObject(plan) || !Array.isArray(plan.producers) || !Array.isArray(plan.consumers)) {
    return 'the traffic part must list producers and consumers';
  }
  const state = createTraffic(seed);
  try {
    for (const [i, item] of (plan.producers as unknown[]).entries()) {
      const where = `producer ${i + 1}`;
      if (!isObject(item) || !STATUSES.includes(item.status as RunStatus))
        return `${where}: its status is running, paused or stopped`;
      const config = producerConfigOf(item.config);
      if (typeof config === 'string') return `${where}: ${config}`;
      const producer = addProducer(state, config, now);
      if (item.progress !== undefined) {
        const progress = read(item.progress, PRODUCER_PROGRESS, `${where}: its progress`) as ProducerProgress;
        producer.produced = progress.produced;
        producer.rng = { state: progress.rng };
        producer.stats = progress.stats;
        producer.retries = progress.retries.flatMap((r) =>
          r.records.map((record) => ({ n: record.n, key: record.key, madeAt: r.at, at: r.at, attempt: r.attempt })),
        );
      }
      if (item.status !== 'running') setStatus(state, 'producer', config.id, item.status as RunStatus, now);
    }
    for (const [i, item] of (plan.consumers as unknown[]).entries()) {
      const where = `consumer ${i + 1}`;
      if (!isObject(item) || !STATUSES.includes(item.status as RunStatus))
        return `${where}: its status is running, paused or stopped`;
      const config = consumerConfigOf(item.config);
      if (typeof config === 'string') return `${where}: ${config}`;
      const consumer = addConsumer(state, config, now);
      if (item.progress !== undefined) {
        Object.assign(consumer, read(item.progress, CONSUMER_PROGRESS, `${where}: its progress`));
      }
      if (item.status !== 'running') setStatus(state, 'consumer', config.id, item.status as RunStatus, now);
    }
  } catch (error) {
    if (error instanceof Wrong) return error.message;
    throw error;
  }
  return state;
}
