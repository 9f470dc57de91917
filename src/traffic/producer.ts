/**
 * A producer: records at a rate, keys from a distribution, PutRecord or PutRecords batches, and
 * retries with exponential backoff (seeded jitter) for records the service throttled. All state
 * is plain data; every call goes through `engine.call`, so it is in the call log like a user's.
 */
import { isKinesisError, type Engine } from '../engine';
import { nextRandom, seedFor } from './rng';

export type KeyDistribution =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'fixed'; readonly keys: readonly string[] }
  | { readonly kind: 'hot'; readonly key: string; /** 0..1 of the records */ readonly share: number }
  | { readonly kind: 'sequential'; readonly prefix: string };

export interface ProducerConfig {
  readonly id: string;
  readonly stream: string;
  /** Records per second. */
  readonly rate: number;
  readonly keys: KeyDistribution;
  /** Bytes of data per record. */
  readonly payloadBytes: number;
  /** 1 sends PutRecord; more sends PutRecords with that many entries. */
  readonly batch: number;
  /** Retries of a throttled record before it counts as failed. */
  readonly maxRetries: number;
  /** First backoff; doubles with each attempt, plus up to 50 % seeded jitter. */
  readonly backoffMs: number;
}

export type RunStatus = 'running' | 'paused' | 'stopped';

interface PendingRetry {
  at: number;
  attempt: number;
  /** Record numbers (the payload and key are a function of the number, so they come back identical). */
  records: { n: number; key: string }[];
}

export interface ProducerStats {
  calls: number;
  /** Records the service accepted. */
  accepted: number;
  /** Records throttled (ProvisionedThroughputExceededException), counting every attempt. */
  throttled: number;
  retried: number;
  /** Records given up on (retries exhausted, or another error). */
  failed: number;
  /** The last error's name and message, for the panel. */
  lastError?: string;
}

export interface ProducerState {
  config: ProducerConfig;
  status: RunStatus;
  /** Time the emission schedule counts from, and how many emissions it has made. */
  epoch: number;
  emissions: number;
  /** Records numbered so far. */
  produced: number;
  rng: number;
  retries: PendingRetry[];
  stats: ProducerStats;
}

export const MAX_RATE = 10_000;
export const MAX_PAYLOAD = 1024 * 1024;

/** Why a producer config cannot run, or undefined. */
export function producerProblem(config: ProducerConfig): string | undefined {
  if (!/^[\w.-]{1,64}$/.test(config.id)) return 'A producer id is 1–64 letters, digits, ".", "_" or "-".';
  if (typeof config.stream !== 'string' || config.stream === '') return 'A producer needs a stream name.';
  if (!(config.rate > 0 && config.rate <= MAX_RATE))
    return `A producer's rate is more than 0 and at most ${MAX_RATE} records/s.`;
  if (!Number.isInteger(config.payloadBytes) || config.payloadBytes < 1 || config.payloadBytes > MAX_PAYLOAD) {
    return `A producer's payload is 1 to ${MAX_PAYLOAD} bytes.`;
  }
  if (!Number.isInteger(config.batch) || config.batch < 1 || config.batch > 500)
    return 'A producer batch is 1 (PutRecord) to 500 (PutRecords) records.';
  if (!Number.isInteger(config.maxRetries) || config.maxRetries < 0 || config.maxRetries > 20)
    return 'A producer retries 0 to 20 times.';
  if (!(config.backoffMs >= 1 && config.backoffMs <= 60_000)) return 'A producer backoff is 1 to 60000 ms.';
  const keys = config.keys;
  if (keys.kind === 'fixed' && (keys.keys.length === 0 || keys.keys.some((k) => k.length < 1 || k.length > 256))) {
    return 'A fixed key set holds 1 or more keys of 1–256 characters.';
  }
  if (keys.kind === 'hot' && (!(keys.share >= 0 && keys.share <= 1) || keys.key.length < 1 || keys.key.length > 256)) {
    return 'A hot key is 1–256 characters with a share from 0 to 1.';
  }
  if (keys.kind === 'sequential' && keys.prefix.length > 240)
    return 'A sequential key prefix is at most 240 characters.';
  return undefined;
}

export function createProducer(config: ProducerConfig, now: number, seed: number): ProducerState {
  return {
    config,
    status: 'running',
    epoch: now,
    emissions: 0,
    produced: 0,
    rng: seedFor(seed, `producer:${config.id}`),
    retries: [],
    stats: { calls: 0, accepted: 0, throttled: 0, retried: 0, failed: 0 },
  };
}

/** Milliseconds between two emissions (one PutRecord, or one PutRecords batch). */
export const emissionInterval = (config: ProducerConfig): number => (1000 * config.batch) / config.rate;

/** When this producer next wants to call, or undefined when it is idle. */
export function producerDue(p: ProducerState): number | undefined {
  if (p.status !== 'running') return undefined;
  // Whole milliseconds counted from the epoch, so a fractional interval never drifts.
  let due = p.epoch + Math.round(p.emissions * emissionInterval(p.config));
  for (const retry of p.retries) if (retry.at < due) due = retry.at;
  return due;
}

function keyFor(p: ProducerState, n: number): string {
  const keys = p.config.keys;
  switch (keys.kind) {
    case 'uniform':
      return `key-${Math.floor(nextRandom(p) * 0x100000000)
        .toString(16)
        .padStart(8, '0')}`;
    case 'fixed':
      return keys.keys[Math.min(keys.keys.length - 1, Math.floor(nextRandom(p) * keys.keys.length))]!;
    case 'hot':
      return nextRandom(p) < keys.share
        ? keys.key
        : `key-${Math.floor(nextRandom(p) * 0x100000000)
            .toString(16)
            .padStart(8, '0')}`;
    case 'sequential':
      return `${keys.prefix}${n}`;
  }
}

const encoder = new TextEncoder();

/** A readable, compressible payload of exactly `payloadBytes` bytes, a function of (producer, n). */
export function payloadFor(config: ProducerConfig, n: number): Uint8Array {
  const head = `${config.id}#${n} `;
  const text =
    head.length >= config.payloadBytes
      ? head.slice(0, config.payloadBytes)
      : head + '.'.repeat(config.payloadBytes - head.length);
  return encoder.encode(text);
}

const THROTTLED = 'ProvisionedThroughputExceededException';

function backoff(p: ProducerState, attempt: number): number {
  const base = p.config.backoffMs * 2 ** (attempt - 1);
  return Math.round(base + base * 0.5 * nextRandom(p));
}

function send(p: ProducerState, engine: Engine, records: { n: number; key: string }[], attempt: number): void {
  const now = engine.now();
  const { config, stats } = p;
  let failedAgain: { n: number; key: string }[] = [];
  stats.calls++;
  try {
    if (config.batch === 1 && records.length === 1) {
      const record = records[0]!;
      engine.call('PutRecord', {
        StreamName: config.stream,
        PartitionKey: record.key,
        Data: payloadFor(config, record.n),
      });
      stats.accepted++;
    } else {
      const out = engine.call('PutRecords', {
        StreamName: config.stream,
        Records: records.map((r) => ({ PartitionKey: r.key, Data: payloadFor(config, r.n) })),
      }) as { Records?: { ErrorCode?: string; ErrorMessage?: string }[] };
      (out.Records ?? []).forEach((entry, i) => {
        if (!entry.ErrorCode) stats.accepted++;
        else if (entry.ErrorCode === THROTTLED) failedAgain.push(records[i]!);
        else {
          stats.failed++;
          stats.lastError = `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`;
        }
      });
    }
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    stats.lastError = `${error.name}: ${error.message}`;
    if (error.name === THROTTLED) failedAgain = records;
    else stats.failed += records.length;
  }
  if (failedAgain.length === 0) return;
  stats.throttled += failedAgain.length;
  if (attempt > config.maxRetries) {
    stats.failed += failedAgain.length;
    return;
  }
  stats.retried += failedAgain.length;
  p.retries.push({ at: now + backoff(p, attempt), attempt: attempt + 1, records: failedAgain });
}

/** Makes every call this producer has due at the engine's current time. */
export function runProducer(p: ProducerState, engine: Engine): void {
  const now = engine.now();
  if (p.status !== 'running') return;
  // Retries first: a real SDK retries before the application hands it the next batch.
  const due = p.retries.filter((r) => r.at <= now);
  if (due.length) {
    p.retries = p.retries.filter((r) => r.at > now);
    for (const retry of due) send(p, engine, retry.records, retry.attempt);
  }
  while (p.status === 'running' && p.epoch + Math.round(p.emissions * emissionInterval(p.config)) <= now) {
    p.emissions++;
    const records: { n: number; key: string }[] = [];
    for (let i = 0; i < p.config.batch; i++) {
      const n = p.produced++;
      records.push({ n, key: keyFor(p, n) });
    }
    send(p, engine, records, 1);
  }
}

export function setProducerStatus(p: ProducerState, status: RunStatus, now: number): void {
  if (status === 'running' && p.status !== 'running') {
    // Resume counting from now: a paused producer does not catch up in a burst.
    p.epoch = now;
    p.emissions = 0;
  }
  if (status === 'stopped') p.retries = [];
  p.status = status;
}
