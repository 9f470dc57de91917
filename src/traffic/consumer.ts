/**
 * A polling consumer that behaves like the Kinesis Client Library: it lists the stream's shards,
 * runs one worker per shard, starts a child shard only after all its parents are read to their
 * end (so records of one key stay in order across a reshard), calls GetRecords every `pollMs`,
 * checkpoints the last sequence number it processed, resumes from the checkpoint with
 * AFTER_SEQUENCE_NUMBER when its iterator expires, and backs off when throttled.
 */
import { isKinesisError, type Engine } from '../engine';
import type { RunStatus } from './producer';

export interface ConsumerConfig {
  readonly id: string;
  readonly stream: string;
  /** Time between two GetRecords calls of one worker (KCL's idleTimeBetweenReadsInMillis). */
  readonly pollMs: number;
  /** GetRecords Limit. */
  readonly limit: number;
  /** Where a worker without a checkpoint starts on a shard that has no parents to wait for. */
  readonly initialPosition: 'TRIM_HORIZON' | 'LATEST';
}

export type WorkerPhase = 'waiting-for-parents' | 'reading' | 'shard-end';

export interface WorkerState {
  shardId: string;
  parents: string[];
  phase: WorkerPhase;
  /** The iterator this worker holds (opaque), if any. */
  iterator?: string;
  /** The engine's id of that iterator (engine.iterators()), so panels can show where it points. */
  iteratorId?: number;
  /** Sequence number of the last record processed. */
  checkpoint?: string;
  nextAt: number;
  records: number;
  /** MillisBehindLatest from the last GetRecords. */
  lagMs: number;
  throttles: number;
  expiredIterators: number;
}

export interface ConsumerStats {
  calls: number;
  records: number;
  throttles: number;
  errors: number;
  lastError?: string;
}

export interface ConsumerState {
  config: ConsumerConfig;
  status: RunStatus;
  /** When the shard list is read next (at start, every SYNC_MS, and when a shard ends). */
  syncAt: number;
  workers: WorkerState[];
  stats: ConsumerStats;
}

export const SYNC_MS = 10_000;

export function consumerProblem(config: ConsumerConfig): string | undefined {
  if (!/^[\w.-]{1,64}$/.test(config.id)) return 'A consumer id is 1–64 letters, digits, ".", "_" or "-".';
  if (typeof config.stream !== 'string' || config.stream === '') return 'A consumer needs a stream name.';
  if (!Number.isInteger(config.pollMs) || config.pollMs < 200 || config.pollMs > 600_000)
    return 'A consumer polls every 200 to 600000 ms.';
  if (!Number.isInteger(config.limit) || config.limit < 1 || config.limit > 10_000)
    return 'A consumer GetRecords limit is 1 to 10000.';
  if (config.initialPosition !== 'TRIM_HORIZON' && config.initialPosition !== 'LATEST')
    return 'A consumer starts at TRIM_HORIZON or LATEST.';
  return undefined;
}

export function createConsumer(config: ConsumerConfig, now: number): ConsumerState {
  return {
    config,
    status: 'running',
    syncAt: now,
    workers: [],
    stats: { calls: 0, records: 0, throttles: 0, errors: 0 },
  };
}

export function consumerDue(c: ConsumerState): number | undefined {
  if (c.status !== 'running') return undefined;
  let due = c.syncAt;
  for (const w of c.workers) if (w.phase === 'reading' && w.nextAt < due) due = w.nextAt;
  return due;
}

/** The largest MillisBehindLatest among the workers still reading. */
export const consumerLag = (c: ConsumerState): number =>
  c.workers.reduce((max, w) => (w.phase === 'reading' && w.lagMs > max ? w.lagMs : max), 0);

/** The origin a consumer's calls carry, so the call log groups them. */
const originOf = (c: ConsumerState): string => `consumer:${c.config.id}`;

interface ListedShard {
  ShardId?: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
}

function fail(c: ConsumerState, error: unknown): string {
  if (!isKinesisError(error)) throw error;
  if (error.name === 'ProvisionedThroughputExceededException' || error.name === 'LimitExceededException')
    c.stats.throttles++;
  else c.stats.errors++;
  c.stats.lastError = `${error.name}: ${error.message}`;
  return error.name;
}

/** Reads the shard list (ListShards, or DescribeStream where the profile has no ListShards). */
function listShards(c: ConsumerState, engine: Engine): ListedShard[] | undefined {
  c.stats.calls++;
  try {
    if (engine.options.profile === '2017-07') {
      const out = engine.call('DescribeStream', { StreamName: c.config.stream }, originOf(c)) as {
        StreamDescription?: { Shards?: ListedShard[] };
      };
      return out.StreamDescription?.Shards ?? [];
    }
    const out = engine.call('ListShards', { StreamName: c.config.stream }, originOf(c)) as { Shards?: ListedShard[] };
    return out.Shards ?? [];
  } catch (error) {
    fail(c, error);
    return undefined;
  }
}

function sync(c: ConsumerState, engine: Engine): void {
  const now = engine.now();
  c.syncAt = now + SYNC_MS;
  const shards = listShards(c, engine);
  if (!shards) return;
  const listed = new Set(shards.map((s) => s.ShardId));
  const known = new Set(c.workers.map((w) => w.shardId));
  for (const shard of shards) {
    if (!shard.ShardId || known.has(shard.ShardId)) continue;
    // A parent that is no longer listed (expired with retention) has nothing left to wait for.
    const parents = [shard.ParentShardId, shard.AdjacentParentShardId].filter((p): p is string => !!p && listed.has(p));
    c.workers.push({
      shardId: shard.ShardId,
      parents,
      phase: 'waiting-for-parents',
      nextAt: now,
      records: 0,
      lagMs: 0,
      throttles: 0,
      expiredIterators: 0,
    });
  }
  promote(c, now);
}

/** Starts the workers whose parents are all at their end. */
function promote(c: ConsumerState, now: number): void {
  const ended = new Set(c.workers.filter((w) => w.phase === 'shard-end').map((w) => w.shardId));
  for (const w of c.workers) {
    if (w.phase === 'waiting-for-parents' && w.parents.every((p) => ended.has(p))) {
      w.phase = 'reading';
      w.nextAt = now;
    }
  }
}

/** Runs one call and notes the id of the iterator it issued for the worker's shard, if any. */
function noting<T>(engine: Engine, w: WorkerState, call: () => T): T {
  let issued: number | undefined;
  const stop = engine.subscribe((e) => {
    if (e.type === 'iteratorIssued' && e.shardId === w.shardId) issued = e.iteratorId;
  });
  try {
    return call();
  } finally {
    stop();
    if (issued !== undefined) w.iteratorId = issued;
  }
}

function iteratorFor(c: ConsumerState, w: WorkerState, engine: Engine): string | undefined {
  const input: Record<string, unknown> = { StreamName: c.config.stream, ShardId: w.shardId };
  if (w.checkpoint) {
    input.ShardIteratorType = 'AFTER_SEQUENCE_NUMBER';
    input.StartingSequenceNumber = w.checkpoint;
  } else {
    // A child shard is read from its start: its parents' records came first.
    input.ShardIteratorType = w.parents.length > 0 ? 'TRIM_HORIZON' : c.config.initialPosition;
  }
  c.stats.calls++;
  try {
    return noting(
      engine,
      w,
      () => (engine.call('GetShardIterator', input, originOf(c)) as { ShardIterator?: string }).ShardIterator,
    );
  } catch (error) {
    const name = fail(c, error);
    if (name === 'ProvisionedThroughputExceededException' || name === 'LimitExceededException') w.throttles++;
    return undefined;
  }
}

function poll(c: ConsumerState, w: WorkerState, engine: Engine): void {
  const now = engine.now();
  w.nextAt = now + c.config.pollMs;
  if (!w.iterator) {
    const opened = iteratorFor(c, w, engine);
    if (!opened) return;
    w.iterator = opened;
  }
  c.stats.calls++;
  try {
    const iterator = w.iterator;
    const out = noting(engine, w, () =>
      engine.call('GetRecords', { ShardIterator: iterator, Limit: c.config.limit }, originOf(c)),
    ) as {
      Records?: { SequenceNumber?: string }[];
      NextShardIterator?: string;
      MillisBehindLatest?: number;
    };
    const records = out.Records ?? [];
    const last = records[records.length - 1]?.SequenceNumber;
    if (last !== undefined) {
      w.checkpoint = last;
      w.records += records.length;
      c.stats.records += records.length;
    }
    w.lagMs = out.MillisBehindLatest ?? 0;
    if (out.NextShardIterator) w.iterator = out.NextShardIterator;
    else {
      // SHARD_END: checkpoint the end, release the children, and look for them now.
      delete w.iterator;
      delete w.iteratorId;
      w.phase = 'shard-end';
      w.lagMs = 0;
      promote(c, now);
      c.syncAt = now;
    }
  } catch (error) {
    const name = fail(c, error);
    if (name === 'ProvisionedThroughputExceededException') w.throttles++;
    if (name === 'ExpiredIteratorException') {
      w.expiredIterators++;
      delete w.iterator;
      delete w.iteratorId;
      w.nextAt = now; // Re-open from the checkpoint straight away, as the KCL does.
    }
    if (name === 'ResourceNotFoundException') {
      delete w.iterator;
      delete w.iteratorId;
    }
  }
}

/** Makes every call this consumer has due at the engine's current time. */
export function runConsumer(c: ConsumerState, engine: Engine): void {
  const now = engine.now();
  if (c.status !== 'running') return;
  if (c.syncAt <= now) sync(c, engine);
  // Bounded: each worker polls at most once per instant, except an expired iterator's re-open.
  for (let guard = 0; guard < 3; guard++) {
    const due = c.workers.filter((w) => w.phase === 'reading' && w.nextAt <= now);
    if (due.length === 0) break;
    for (const w of due) poll(c, w, engine);
  }
  if (c.syncAt <= now) sync(c, engine);
}

export function setConsumerStatus(c: ConsumerState, status: RunStatus, now: number): void {
  if (status === 'running' && c.status !== 'running') {
    c.syncAt = now;
    for (const w of c.workers) if (w.phase === 'reading') w.nextAt = now;
  }
  if (status === 'stopped') {
    // A stopped consumer keeps its checkpoints (a new run resumes from them) but drops iterators.
    for (const w of c.workers) {
      delete w.iterator;
      delete w.iteratorId;
    }
  }
  c.status = status;
}
