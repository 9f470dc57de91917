/**
 * What a stream of many shards costs the engine: ingest rate, memory, and the time of the calls
 * that visit every shard (UpdateShardCount, ListShards, DescribeStream). `npm run bench:scale`
 * prints these figures as docs/benchmarks.md's table; src/engine/test/scale.test.ts checks them.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createEngine, type Engine } from '../src/engine/index';

export const BATCH = 500;
export const PAYLOAD_BYTES = 100;
export const INGEST_RECORDS = 100_000;

/** The garbage collector, exposed for this process if node was not started with --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
const gc = collector();

/** Heap and array buffers in use after full collections, in bytes. */
export function memory(): { heap: number; arrayBuffers: number } {
  for (let i = 0; i < 3; i++) gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, arrayBuffers: usage.arrayBuffers };
}

/**
 * Milliseconds of CPU this process used: on a shared machine, wall time mostly measures the
 * neighbours. (It includes GC helper threads, so it never flatters the engine.)
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** An engine as a new user would measure one: throughput limits, API rates and command log off. */
export function quietEngine(): Engine {
  return createEngine({ timings: 'fast', limits: { throughput: false, apiRates: false }, commandLog: false });
}

/** A stream with `shards` open shards of even ranges, ACTIVE. */
export function streamWith(shards: number, engine = quietEngine()): Engine {
  engine.call('CreateStream', { StreamName: 'scale', ShardCount: shards });
  engine.advanceBy(1_000);
  return engine;
}

export const ingestKeys = (count = INGEST_RECORDS) => Array.from({ length: count }, (_, i) => `partition-key-${i}`);
const payload = new Uint8Array(PAYLOAD_BYTES).fill(7);

/** Puts the keys' records in PutRecords calls of 500; returns the CPU ms it took. */
export function ingest(engine: Engine, keys: readonly string[], explicitHashKey?: string): number {
  const started = cpuMs();
  for (let i = 0; i < keys.length; i += BATCH) {
    const Records = [];
    for (let j = i; j < Math.min(i + BATCH, keys.length); j++) {
      Records.push({
        Data: payload,
        PartitionKey: keys[j]!,
        ...(explicitHashKey !== undefined ? { ExplicitHashKey: explicitHashKey } : {}),
      });
    }
    engine.call('PutRecords', { StreamName: 'scale', Records });
    if ((i / BATCH) % 20 === 0) engine.advanceBy(1);
  }
  return cpuMs() - started;
}

export const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

export interface IngestFigures {
  /** Records/s into a fresh stream: each shard's storage is made by its first records. */
  readonly fresh: number;
  /** Records/s of the same keys again into that stream, its shards' storage already there. */
  readonly again: number;
}

/** Ingest rates into `shards` open shards, the best of `rounds` rounds. */
export function ingestRates(shards: number, keys: readonly string[], rounds: number): IngestFigures {
  let fresh = 0;
  let again = 0;
  for (let round = 0; round < rounds; round++) {
    const engine = streamWith(shards);
    // Earlier rounds' engines are collected now, not inside this round's time.
    memory();
    fresh = Math.max(fresh, rate(keys.length, ingest(engine, keys)));
    again = Math.max(again, rate(keys.length, ingest(engine, keys)));
  }
  return { fresh, again };
}

export interface ShapeFigures {
  /** Heap and array buffers each shard UpdateShardCount opened holds before its first record, bytes (closing the parents included). */
  readonly emptyShardBytes: number;
  /** CPU ms of UpdateShardCount from half the shards to all of them, both phases. */
  readonly updateShardCountMs: number;
  /** CPU ms to page through every shard with ListShards, 1,000 a page, and the shards listed. */
  readonly listShardsMs: number;
  readonly listed: number;
  /** CPU ms of one DescribeStream call (its first 100 shards), the median of 21. */
  readonly describeStreamMs: number;
  /** Array buffers after 100,000 records of 100 B went in, bytes. */
  readonly arrayBuffersAfterIngest: number;
}

/**
 * Makes a stream of `shards` open shards the way a user scales one (half as many, then
 * UpdateShardCount), and times the calls that visit its shards. `shards` must be even.
 */
export function shape(shards: number, keys: readonly string[]): ShapeFigures {
  const engine = streamWith(shards / 2);
  const shardsBefore = engine.stream('scale')!.shards.length;
  const before = memory();
  let started = cpuMs();
  engine.call('UpdateShardCount', { StreamName: 'scale', TargetShardCount: shards, ScalingType: 'UNIFORM_SCALING' });
  engine.advanceBy(1_000);
  const updateShardCountMs = cpuMs() - started;
  const after = memory();
  // Every shard opened counts: where old and new boundaries differ, splits open more than `shards`.
  const opened = engine.stream('scale')!.shards.length - shardsBefore;
  const emptyShardBytes = (after.heap + after.arrayBuffers - before.heap - before.arrayBuffers) / opened;

  started = cpuMs();
  let listed = 0;
  let token: string | undefined;
  do {
    const page = engine.call(
      'ListShards',
      token !== undefined ? { NextToken: token } : { StreamName: 'scale', MaxResults: 1000 },
    );
    listed += page.Shards!.length;
    token = page.NextToken;
  } while (token !== undefined);
  const listShardsMs = cpuMs() - started;

  const times = Array.from({ length: 21 }, () => {
    const start = cpuMs();
    engine.call('DescribeStream', { StreamName: 'scale' });
    return cpuMs() - start;
  }).sort((a, b) => a - b);

  ingest(engine, keys);
  const arrayBuffersAfterIngest = memory().arrayBuffers - before.arrayBuffers;
  if (engine.stream('scale')!.status !== 'ACTIVE') throw new Error('UpdateShardCount did not finish');
  return {
    emptyShardBytes,
    updateShardCountMs,
    listShardsMs,
    listed,
    describeStreamMs: times[10]!,
    arrayBuffersAfterIngest,
  };
}
