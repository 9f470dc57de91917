/**
 * A running producer's or consumer's progress as plain data (its counters, random state, pending
 * retries, each consumer worker's iterator and checkpoint), so that a session can carry its
 * traffic on exactly where it was: the same state over the same replayed engine makes the same
 * calls. Read from a link or a file it is data: `readRuntime` checks every field against a small
 * shape and copies only what the shape names, or says which field is wrong.
 */
import type { ConsumerState } from './consumer';
import type { ProducerState } from './producer';

/** A producer's progress: everything but its settings and status. */
export type ProducerRuntime = Omit<ProducerState, 'config' | 'status'>;
/** A consumer's progress: everything but its settings and status. */
export type ConsumerRuntime = Omit<ConsumerState, 'config' | 'status'>;

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

const PRODUCER: Shape = {
  epoch: 'time',
  emissions: 'count',
  produced: 'count',
  rng: 'uint32',
  retries: { list: { at: 'time', attempt: 'count', records: { list: { n: 'count', key: 'text' } } } },
  stats: { calls: 'count', accepted: 'count', throttled: 'count', retried: 'count', failed: 'count', ...STATS_COMMON },
};

const CONSUMER: Shape = {
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

/** No list in a runtime is longer (a worker per shard, retries per emission): a bigger one is not ours. */
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
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('a number');
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

/** A producer's or consumer's progress read from untrusted data, or what is wrong with it. */
export function readRuntime(kind: 'producer', value: unknown): ProducerRuntime | string;
export function readRuntime(kind: 'consumer', value: unknown): ConsumerRuntime | string;
export function readRuntime(kind: 'producer' | 'consumer', value: unknown): ProducerRuntime | ConsumerRuntime | string {
  try {
    return read(value, kind === 'producer' ? PRODUCER : CONSUMER, 'its progress') as ProducerRuntime | ConsumerRuntime;
  } catch (error) {
    if (error instanceof Wrong) return error.message;
    throw error;
  }
}

/** A producer's or consumer's progress, as plain data (a deep copy). */
export function runtimeOf(generator: ProducerState | ConsumerState): ProducerRuntime | ConsumerRuntime {
  const { config: _config, status: _status, ...runtime } = structuredClone(generator);
  return runtime;
}
