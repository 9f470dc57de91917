import type { PutRecordsOutput } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine, replay, restoreEngine, type Engine, type EngineEvent } from '../index';
import { activeStream, bytes, digest, newEngine, readShard, shardIterator, text } from './helpers';

const DAY_MS = 86_400_000;

/** Every record each shard of the stream still returns from TRIM_HORIZON, as its payload text. */
function readable(engine: Engine, stream: string): string[] {
  return engine
    .stream(stream)!
    .shards.flatMap((shard) => readShard(engine, shardIterator(engine, stream, shard.id)).records)
    .map((r) => text(r.Data));
}

/** Writes `count` records named r<first>… to the stream, one PutRecords call, spread by key. */
function put(engine: Engine, stream: string, first: number, count: number): void {
  const Records = Array.from({ length: count }, (_, i) => ({
    Data: bytes(`r${first + i}`),
    PartitionKey: `key-${first + i}`,
  }));
  const out = engine.call('PutRecords', { StreamName: stream, Records }) as PutRecordsOutput;
  expect(out.FailedRecordCount).toBe(0);
}

const heldIn = (engine: Engine) =>
  engine
    .streams()
    .reduce((n, s) => n + s.shards.reduce((m, sh) => m + sh.records.length - sh.records.retainedFrom, 0), 0);

describe('recordBudget', () => {
  it('should refuse a budget that is not a whole number of records', () => {
    for (const recordBudget of [0, -5, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => createEngine({ recordBudget })).toThrow(
        `recordBudget must be a whole number of records, at least 1, got ${recordBudget}`,
      );
    }
  });

  it('should hold at most the budget, trimming the oldest records first and saying why', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (budget, batches, shards) => {
          const engine = newEngine({ recordBudget: budget, limits: { throughput: false } });
          const events: EngineEvent[] = [];
          engine.subscribe((e) => events.push(e));
          activeStream(engine, 's', shards);
          let written = 0;
          for (const count of batches) {
            put(engine, 's', written, count);
            written += count;
            engine.advanceBy(7);
            expect(heldIn(engine)).toBeLessThanOrEqual(budget);
          }
          // The records still readable are the newest: none was written by an earlier call than
          // one that was trimmed (a call's records arrive at one instant, so a call may be split).
          const callOf: number[] = batches.flatMap((count, call) => Array<number>(count).fill(call));
          const kept = new Set(readable(engine, 's').map((name) => Number(name.slice(1))));
          const trimmedCalls = callOf.filter((_, record) => !kept.has(record));
          const keptCalls = callOf.filter((_, record) => kept.has(record));
          if (trimmedCalls.length > 0 && keptCalls.length > 0) {
            expect(Math.max(...trimmedCalls)).toBeLessThanOrEqual(Math.min(...keptCalls));
          }
          expect(kept.size).toBe(heldIn(engine));
          // Each trimmed record was announced once, as trimmed for the budget.
          const trims = events.filter((e) => e.type === 'recordsTrimmed');
          expect(trims.every((e) => e.reason === 'budget')).toBe(true);
          expect(trims.reduce((n, e) => n + e.count, 0)).toBe(written - kept.size);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('should release the memory of what it trims and count every stream toward one budget', () => {
    const engine = newEngine({ recordBudget: 1000, limits: { throughput: false } });
    activeStream(engine, 'a', 4);
    activeStream(engine, 'b', 4);
    for (let i = 0; i < 10; i++) {
      put(engine, i % 2 === 0 ? 'a' : 'b', i * 500, 500);
      engine.advanceBy(1);
    }
    expect(heldIn(engine)).toBeLessThanOrEqual(1000);
    for (const stream of engine.streams()) {
      for (const shard of stream.shards) expect(shard.records.retainedFrom).toBe(shard.trimmedThrough);
    }
    // The newest call's records are all there; the first calls' are gone.
    expect(readable(engine, 'b')).toEqual(expect.arrayContaining(['r4500', 'r4999']));
    expect(readable(engine, 'a')).not.toContain('r0');
  });

  it('should replay and restore to the same state', () => {
    const options = { recordBudget: 300, limits: { throughput: false } } as const;
    const engine = newEngine(options);
    activeStream(engine, 's', 3);
    for (let i = 0; i < 6; i++) {
      put(engine, 's', i * 100, 100);
      engine.advanceBy(1000);
    }
    expect(digest(replay(engine.options, engine.commands(), engine.now()))).toBe(digest(engine));
    expect(digest(restoreEngine(engine.snapshot()))).toBe(digest(engine));
    expect(readable(restoreEngine(engine.snapshot()), 's')).toEqual(readable(engine, 's'));
  });
});

describe('records trimmed by retention', () => {
  it('should give back their memory, while a checkpoint taken before still has them', () => {
    const engine = newEngine({ limits: { throughput: false } });
    activeStream(engine, 's', 2);
    for (let i = 0; i < 6; i++) {
      // 1,000 a minute: past a block of 1,024 records per shard.
      put(engine, 's', i * 1000, 500);
      put(engine, 's', i * 1000 + 500, 500);
      engine.advanceBy(60_000);
    }
    const before = engine.snapshot();
    const everything = readable(engine, 's');
    // A day after the third minute's calls, the first three minutes' are past the 24-hour retention.
    engine.advanceBy(DAY_MS - 6 * 60_000 + 2 * 60_000 + 1_000);
    const shards = engine.stream('s')!.shards;
    for (const shard of shards) {
      expect(shard.records.retainedFrom).toBe(shard.trimmedThrough);
      expect(shard.trimmedThrough).toBeGreaterThan(0);
    }
    expect(readable(engine, 's').sort()).toEqual(everything.filter((name) => Number(name.slice(1)) >= 3000).sort());
    // The checkpoint still reads every record: its log views keep the released blocks.
    expect(readable(restoreEngine(before), 's')).toEqual(everything);
  });
});
