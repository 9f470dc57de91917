// Shared helpers of the engine's test suites: engines with quiet defaults, active streams, exact
// error assertions and readers that walk shards.
import type { GetRecordsOutput, _Record } from '@aws-sdk/client-kinesis';
import { expect } from 'vitest';
import { checkpointDigest, createEngine, isKinesisError } from '../index';
import type { Engine, EngineEvent, EngineOptionsInput, Limits, Timings } from '../index';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const arnOf = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
export const notFound = (name: string) => `Stream ${name} under account ${ACCOUNT} not found.`;
export const notActive = (name: string, status: string) =>
  `Stream ${name} under account ${ACCOUNT} not ACTIVE, instead in state ${status}`;

/** 2^128 − 1, the top of the hash-key space. */
export const MAX_HASH = (1n << 128n) - 1n;

/** 500 ms for every transition, spelled out so the tests do not depend on a preset's values. */
export const FAST: Timings = {
  createStreamMs: 500,
  deleteStreamMs: 500,
  updateStreamMs: 500,
  updateShardCountMs: 500,
  encryptionMs: 500,
  streamModeMs: 500,
};

/**
 * An engine with 500 ms transitions (partial timings override those) and the per-account API rate
 * limits off (so a test can call DescribeStream as often as it likes); per-shard throughput limits
 * stay on unless asked.
 */
export function newEngine(options: Omit<EngineOptionsInput, 'limits'> & { limits?: Partial<Limits> } = {}): Engine {
  const timings = typeof options.timings === 'string' ? options.timings : { ...FAST, ...(options.timings ?? {}) };
  return createEngine({ ...options, timings, limits: { apiRates: false, ...(options.limits ?? {}) } });
}

/** Creates a stream and advances the clock past CREATING. */
export function activeStream(engine: Engine, name = 's', shards = 1): string {
  engine.call('CreateStream', { StreamName: name, ShardCount: shards });
  engine.advanceBy(engine.options.timings.createStreamMs);
  expect(status(engine, name)).toBe('ACTIVE');
  return name;
}

/** Lets a pending split, merge or UpdateShardCount finish. */
export function settle(engine: Engine): void {
  engine.advanceBy(Math.max(engine.options.timings.updateStreamMs, engine.options.timings.updateShardCountMs));
}

export function status(engine: Engine, name: string): string | undefined {
  return engine.call('DescribeStream', { StreamName: name }).StreamDescription?.StreamStatus;
}

export interface Failure {
  readonly name: string;
  readonly message: string;
}

/** Runs the call and returns its KinesisError; fails the test when it succeeds. */
export function failure(run: () => unknown): Failure & { httpStatus: number } {
  try {
    run();
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    return { name: error.name, message: error.message, httpStatus: error.httpStatus };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Asserts the exact error name and message of a failing call. */
export function expectError(run: () => unknown, name: string, message?: string): void {
  const error = failure(run);
  if (message === undefined) expect({ name: error.name }).toEqual({ name });
  else expect({ name: error.name, message: error.message }).toEqual({ name, message });
}

/** A comparable digest of the engine's whole state. */
export const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

/** Asserts the call fails with the exact error and leaves the engine's state unchanged. */
export function expectFailureChangesNothing(engine: Engine, run: () => unknown, name: string, message?: string): void {
  const before = digest(engine);
  expectError(run, name, message);
  expect(digest(engine)).toBe(before);
}

export const bytes = (text: string) => new TextEncoder().encode(text);
export const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

export function shardIterator(
  engine: Engine,
  stream: string,
  shardId: string,
  type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP' = 'TRIM_HORIZON',
  extra: { StartingSequenceNumber?: string; Timestamp?: Date } = {},
): string {
  const out = engine.call('GetShardIterator', {
    StreamName: stream,
    ShardId: shardId,
    ShardIteratorType: type,
    ...extra,
  });
  return out.ShardIterator!;
}

/**
 * Reads a shard from its iterator until it is caught up (an empty page at the tip) or closed
 * (no NextShardIterator). Throughput limits must be off, or the caller advances time.
 */
export function readShard(engine: Engine, iterator: string, limit?: number): { records: _Record[]; closed: boolean } {
  const records: _Record[] = [];
  let next: string | undefined = iterator;
  for (let guard = 0; next !== undefined && guard < 10_000; guard++) {
    const out: GetRecordsOutput = engine.call('GetRecords', {
      ShardIterator: next,
      ...(limit !== undefined ? { Limit: limit } : {}),
    });
    records.push(...(out.Records ?? []));
    if (out.NextShardIterator === undefined) return { records, closed: true };
    if ((out.Records ?? []).length === 0 && out.MillisBehindLatest === 0) return { records, closed: false };
    next = out.NextShardIterator;
  }
  return { records, closed: false };
}

export function shards(engine: Engine, stream: string) {
  return engine.call('DescribeStream', { StreamName: stream }).StreamDescription!.Shards!;
}

/** Collects every event the engine emits from now on. */
export function recordEvents(engine: Engine): EngineEvent[] {
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  return events;
}

export function put(engine: Engine, stream: string, key: string, data = key, explicitHashKey?: string) {
  return engine.call('PutRecord', {
    StreamName: stream,
    Data: bytes(data),
    PartitionKey: key,
    ...(explicitHashKey !== undefined ? { ExplicitHashKey: explicitHashKey } : {}),
  });
}
