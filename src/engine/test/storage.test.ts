// A stream's shards share one store, in arrival order, and each shard's log indexes its own
// records there (filled when first needed). These properties check what a reader relies on,
// against a model that only remembers what PutRecords acknowledged: after any mix of writes to
// two streams, splits, merges, retention and record-budget trimming, reads at any moment, and
// snapshots restored in memory or from saved columns, GetRecords returns exactly each shard's
// acknowledged records that are not trimmed, in order, with their payloads.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portableSnapshot, restorePortable } from '../portable';
import { createEngine, restoreEngine } from '../index';
import type { Engine, StreamState } from '../index';

const HOUR = 3_600_000;
const STREAMS = ['a', 'b'] as const;

type Step =
  | {
      readonly kind: 'put';
      readonly stream: number;
      readonly records: readonly { readonly key: string; readonly size: number }[];
    }
  | { readonly kind: 'split'; readonly stream: number; readonly pick: number; readonly at: number }
  | { readonly kind: 'merge'; readonly stream: number; readonly pick: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'retention'; readonly stream: number; readonly hours: number }
  | { readonly kind: 'read'; readonly stream: number; readonly pick: number; readonly limit: number }
  | { readonly kind: 'snapshot' };

const size = fc.oneof(
  { weight: 40, arbitrary: fc.nat(200) },
  { weight: 1, arbitrary: fc.integer({ min: 65_000, max: 140_000 }) }, // past a 64 KiB chunk
);
const stream = fc.nat(STREAMS.length - 1);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      stream,
      // Now and then a full call of 500: past a block of 1024 records, whose release drops it.
      records: fc.oneof(
        {
          weight: 6,
          arbitrary: fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), size }), {
            minLength: 1,
            maxLength: 60,
          }),
        },
        {
          weight: 1,
          arbitrary: fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 4 }), size: fc.nat(300) }), {
            minLength: 400,
            maxLength: 500,
          }),
        },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      stream,
      pick: fc.nat(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('merge' as const), stream, pick: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: HOUR, max: 30 * HOUR })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('retention' as const), stream, hours: fc.constantFrom(24, 30, 48) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('read' as const),
      stream,
      pick: fc.nat(),
      limit: fc.integer({ min: 1, max: 80 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }) },
);

/** A record PutRecords acknowledged: its shard's records in the order they were written. */
interface Acked {
  readonly sequenceNumber: string;
  readonly data: string;
  readonly t: number;
}

interface Model {
  /** Per stream and shard id, every record acknowledged. */
  readonly acked: Map<string, Acked[]>[];
  readonly retentionHours: number[];
  /** What an earlier, shorter retention trimmed stays trimmed. */
  readonly trimmedBefore: number[];
  /** Per stream and shard id, how many of its first records the record budget trimmed (announced). */
  readonly budgetTrimmed: Map<string, number>[];
}

/** The payload of the n-th record written: its number in a few bytes, then filler up to `size`. */
function payload(n: number, size: number) {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) data[i] = (n >> (8 * (i % 4))) & 0xff;
  return data;
}
const text = (data: Uint8Array) => Buffer.from(data).toString('base64');

const openShards = (state: StreamState) =>
  state.shards.filter((s) => s.closedAt === undefined).sort((x, y) => (x.startingHashKey < y.startingHashKey ? -1 : 1));

/** Every record the model expects a reader of this shard to get now. */
function expected(engine: Engine, model: Model, s: number, shardId: string): Acked[] {
  const horizon = Math.max(engine.now() - model.retentionHours[s]! * HOUR, model.trimmedBefore[s]!);
  const budget = model.budgetTrimmed[s]!.get(shardId) ?? 0;
  return (model.acked[s]!.get(shardId) ?? []).filter((r, position) => position >= budget && r.t >= horizon);
}

/** Reads a shard from TRIM_HORIZON to its end, `limit` records a call. */
function readShard(engine: Engine, name: string, shardId: string, limit: number): Acked[] {
  const out: Acked[] = [];
  let iterator: string | undefined = engine.call('GetShardIterator', {
    StreamName: name,
    ShardId: shardId,
    ShardIteratorType: 'TRIM_HORIZON',
  }).ShardIterator;
  while (iterator !== undefined) {
    const page = engine.call('GetRecords', { ShardIterator: iterator, Limit: limit });
    for (const r of page.Records!)
      out.push({ sequenceNumber: r.SequenceNumber!, data: text(r.Data!), t: r.ApproximateArrivalTimestamp!.getTime() });
    if (page.Records!.length === 0) break;
    iterator = page.NextShardIterator;
  }
  return out;
}

/** The shards ListShards lists: a closed shard older than the retention period is gone. */
const listed = (engine: Engine, name: string) =>
  engine.call('ListShards', { StreamName: name, MaxResults: 1000 }).Shards!.map((shard) => shard.ShardId!);

/** Every shard of both streams reads exactly as the model expects; those no longer listed hold nothing for a reader. */
function checkAll(engine: Engine, model: Model, limit: number): void {
  STREAMS.forEach((name, s) => {
    const visible = listed(engine, name);
    for (const shard of engine.stream(name)!.shards)
      if (!visible.includes(shard.id)) expect(expected(engine, model, s, shard.id), `${name}/${shard.id}`).toEqual([]);
      else
        expect(readShard(engine, name, shard.id, limit), `${name}/${shard.id}`).toEqual(
          expected(engine, model, s, shard.id),
        );
  });
}

function scenario(budget: number | undefined, steps: readonly Step[]): void {
  const engine = createEngine({
    timings: 'fast',
    limits: { throughput: false, apiRates: false },
    ...(budget !== undefined ? { recordBudget: budget } : {}),
  });
  const model: Model = {
    acked: STREAMS.map(() => new Map()),
    retentionHours: STREAMS.map(() => 24),
    trimmedBefore: STREAMS.map(() => -Infinity),
    budgetTrimmed: STREAMS.map(() => new Map()),
  };
  engine.subscribe((event) => {
    if (event.type !== 'recordsTrimmed' || event.reason !== 'budget') return;
    const s = STREAMS.indexOf(event.stream as (typeof STREAMS)[number]);
    model.budgetTrimmed[s]!.set(event.shardId, event.trimmedThrough);
  });
  STREAMS.forEach((name, s) => engine.call('CreateStream', { StreamName: name, ShardCount: 2 + s }));
  engine.advanceBy(1_000);
  let written = 0;
  for (const step of steps) {
    const name = 'stream' in step ? STREAMS[step.stream]! : '';
    const state = 'stream' in step ? engine.stream(name)! : undefined;
    switch (step.kind) {
      case 'put': {
        const first = written;
        written += step.records.length;
        const out = engine.call<'PutRecords'>('PutRecords', {
          StreamName: name,
          Records: step.records.map((r, k) => ({ PartitionKey: r.key, Data: payload(first + k, r.size) })),
        });
        expect(out.FailedRecordCount).toBe(0);
        out.Records!.forEach((r, k) => {
          const shardRecords = model.acked[step.stream]!.get(r.ShardId!) ?? [];
          model.acked[step.stream]!.set(r.ShardId!, shardRecords);
          shardRecords.push({
            sequenceNumber: r.SequenceNumber!,
            data: text(payload(first + k, step.records[k]!.size)),
            t: engine.now(),
          });
        });
        break;
      }
      case 'split': {
        const open = openShards(state!);
        const shard = open[step.pick % open.length]!;
        // The service takes a point above StartingHashKey + 1 and below EndingHashKey.
        const width = shard.endingHashKey - shard.startingHashKey;
        if (width < 4n) break;
        const at = shard.startingHashKey + 2n + ((width - 3n) * BigInt(Math.floor(step.at * 2 ** 20))) / 2n ** 20n;
        engine.call('SplitShard', { StreamName: name, ShardToSplit: shard.id, NewStartingHashKey: String(at) });
        engine.advanceBy(600);
        break;
      }
      case 'merge': {
        const open = openShards(state!);
        if (open.length < 2) break;
        const k = step.pick % (open.length - 1);
        engine.call('MergeShards', {
          StreamName: name,
          ShardToMerge: open[k]!.id,
          AdjacentShardToMerge: open[k + 1]!.id,
        });
        engine.advanceBy(600);
        break;
      }
      case 'advance':
        engine.advanceBy(step.ms);
        break;
      case 'retention': {
        const s = step.stream;
        const old = model.retentionHours[s]!;
        if (step.hours === old) break;
        if (step.hours > old) {
          model.trimmedBefore[s] = Math.max(model.trimmedBefore[s]!, engine.now() - old * HOUR);
          engine.call('IncreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: step.hours });
        } else engine.call('DecreaseStreamRetentionPeriod', { StreamName: name, RetentionPeriodHours: step.hours });
        model.retentionHours[s] = step.hours;
        engine.advanceBy(600);
        break;
      }
      case 'read': {
        // One shard now, the others later: shards are indexed at different moments.
        const shards = listed(engine, name);
        const shardId = shards[step.pick % shards.length]!;
        expect(readShard(engine, name, shardId, step.limit)).toEqual(expected(engine, model, step.stream, shardId));
        break;
      }
      case 'snapshot': {
        // A checkpoint restored in memory, and one saved as columns and read back, read as the live engine.
        const snapshot = engine.snapshot();
        checkAll(restoreEngine(snapshot), model, 50);
        const portable = portableSnapshot(snapshot);
        const logs = Array.from({ length: portable.logCount }, (_, n) => portable.logColumns(n));
        checkAll(restorePortable(portable.outline, logs), model, 50);
        break;
      }
    }
  }
  checkAll(engine, model, 1_000);
  if (budget !== undefined) {
    // The budget holds, and it trimmed the oldest records first: none it trimmed arrived after one it kept.
    let held = 0;
    let newestTrimmed = -Infinity;
    let oldestKept = Infinity;
    STREAMS.forEach((name, s) => {
      for (const shard of engine.stream(name)!.shards) {
        const kept = expected(engine, model, s, shard.id);
        held += kept.length;
        if (kept[0]) oldestKept = Math.min(oldestKept, kept[0].t);
        const trimmed = model.budgetTrimmed[s]!.get(shard.id) ?? 0;
        const acked = model.acked[s]!.get(shard.id) ?? [];
        if (trimmed > 0) newestTrimmed = Math.max(newestTrimmed, acked[trimmed - 1]!.t);
      }
    });
    expect(held).toBeLessThanOrEqual(budget);
    expect(newestTrimmed).toBeLessThanOrEqual(oldestKept);
  }
}

describe('record storage shared by a stream’s shards', () => {
  it('should read back exactly each shard’s untrimmed records, in order, after writes, resharding and retention', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }), (steps) =>
        scenario(undefined, steps),
      ),
      { numRuns: 40 },
    );
  });

  it('should read back exactly what a record budget keeps, having trimmed the oldest first', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 400 }),
        fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' }),
        (budget, steps) => scenario(budget, steps),
      ),
      { numRuns: 40 },
    );
  });
});
