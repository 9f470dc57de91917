// A snapshot as plain data (portableSnapshot / restorePortable): what the endpoint saves to disk.
// The restored engine must hold the same state, the same records with their payloads, and go on
// exactly as the original would.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, isKinesisError, portableSnapshot, restorePortable } from '../index';
import type { Engine, LogColumns } from '../index';
import { activeStream, newEngine, readShard, settle, shardIterator } from './helpers';

const HOUR = 3_600_000;

/** Through a structured clone, as a host that writes it to disk and reads it back would see it. */
function roundTrip(engine: Engine): Engine {
  const portable = portableSnapshot(engine.snapshot());
  const logs: LogColumns[] = [];
  for (let n = 0; n < portable.logCount; n++) logs.push(structuredClone(portable.logColumns(n)));
  return restorePortable(structuredClone(portable.outline), logs);
}

/** Every retained record of every shard of a stream still listed, in shard order. */
function readAll(engine: Engine, stream: string) {
  return (engine.stream(stream)?.shards ?? []).map((shard) => {
    try {
      return readShard(engine, shardIterator(engine, stream, shard.id)).records;
    } catch (error) {
      // A closed shard past retention is gone from the stream's shard list.
      if (isKinesisError(error) && error.name === 'ResourceNotFoundException') return error.message;
      throw error;
    }
  });
}

const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

function attempt(engine: Engine, operation: string, input: unknown): unknown {
  try {
    return engine.call(operation, input);
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    return { error: error.name, message: error.message };
  }
}

type Step =
  | { kind: 'put'; key: string; size: number; ordered: boolean }
  | { kind: 'split'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'retention'; hours: number }
  | { kind: 'tag'; key: string }
  | { kind: 'encrypt' }
  | { kind: 'consumer'; name: string };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      key: fc.string({ minLength: 1, maxLength: 4 }),
      size: fc.integer({ min: 0, max: 300 }),
      ordered: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), pick: fc.nat(8) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30 * HOUR }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('retention' as const), hours: fc.integer({ min: 24, max: 48 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tag' as const), key: fc.constantFrom('team', '$env', 'x') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('encrypt' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('consumer' as const), name: fc.constantFrom('c1', 'c2') }) },
);

function run(engine: Engine, step: Step, counter: { n: number }): unknown {
  switch (step.kind) {
    case 'put': {
      const data = new Uint8Array(step.size).map((_, i) => (i * 31 + counter.n++) & 0xff);
      const last = engine.stream('s')?.shards.find((shard) => shard.records.length > shard.records.retainedFrom);
      const ordering =
        step.ordered && last !== undefined
          ? { SequenceNumberForOrdering: last.records.sequenceNumber(last.records.length - 1) }
          : {};
      return attempt(engine, 'PutRecord', { StreamName: 's', PartitionKey: step.key, Data: data, ...ordering });
    }
    case 'split': {
      const open = engine.stream('s')?.shards.filter((shard) => shard.closedAt === undefined) ?? [];
      const shard = open[step.pick % Math.max(1, open.length)];
      if (shard === undefined) return undefined;
      const middle = (BigInt(shard.startingHashKey) + BigInt(shard.endingHashKey) + 1n) / 2n;
      const out = attempt(engine, 'SplitShard', {
        StreamName: 's',
        ShardToSplit: shard.id,
        NewStartingHashKey: middle.toString(),
      });
      settle(engine);
      return out;
    }
    case 'advance':
      engine.advanceBy(step.ms);
      return undefined;
    case 'retention':
      return attempt(engine, 'IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: step.hours });
    case 'tag':
      return attempt(engine, 'AddTagsToStream', { StreamName: 's', Tags: { [step.key]: 'v' } });
    case 'encrypt':
      return attempt(engine, 'StartStreamEncryption', {
        StreamName: 's',
        EncryptionType: 'KMS',
        KeyId: 'alias/aws/kinesis',
      });
    case 'consumer':
      return attempt(engine, 'RegisterStreamConsumer', {
        StreamARN: engine.stream('s')!.arn,
        ConsumerName: step.name,
      });
  }
}

describe('portableSnapshot / restorePortable', () => {
  it('should restore the same state and records, and go on exactly as the original', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 40 }), fc.array(stepArb, { maxLength: 10 }), (before, after) => {
        const engine = newEngine({ limits: { throughput: false } });
        activeStream(engine, 's', 2);
        const counter = { n: 0 };
        for (const step of before) run(engine, step, counter);
        const restored = roundTrip(engine);
        expect(digest(restored)).toBe(digest(engine));
        expect(restored.now()).toBe(engine.now());
        expect(readAll(restored, 's')).toEqual(readAll(engine, 's'));
        const twin = { n: counter.n };
        for (const step of after) expect(run(restored, step, twin)).toEqual(run(engine, step, counter));
        expect(digest(restored)).toBe(digest(engine));
      }),
      { numRuns: 60 },
    );
  });

  it('should keep the payloads of the records a snapshot holds, not only their count', () => {
    const engine = newEngine();
    activeStream(engine, 's', 1);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new TextEncoder().encode('hello') });
    const restored = roundTrip(engine);
    const records = readAll(restored, 's').flat();
    expect(records.map((r) => (typeof r === 'string' ? r : new TextDecoder().decode(r.Data)))).toEqual(['hello']);
  });

  it('should keep positions after trimmed records released, so old iterators still point right', () => {
    const engine = newEngine({ limits: { throughput: false } });
    activeStream(engine, 's', 1);
    for (let i = 0; i < 2100; i++)
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([i & 0xff]) });
    engine.advanceBy(25 * HOUR);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: new Uint8Array([7]) });
    expect(engine.stream('s')!.shards[0]!.records.retainedFrom).toBe(2100);
    const restored = roundTrip(engine);
    expect(restored.stream('s')!.shards[0]!.records.retainedFrom).toBe(2100);
    expect(readAll(restored, 's')).toEqual(readAll(engine, 's'));
  });

  it('should refuse columns that do not match the outline', () => {
    const engine = newEngine();
    activeStream(engine, 's', 2);
    const portable = portableSnapshot(engine.snapshot());
    expect(() => restorePortable(portable.outline, [portable.logColumns(0)])).toThrow(RangeError);
    const bad = { ...portable.logColumns(1), keys: ['extra'] };
    expect(() => restorePortable(portable.outline, [portable.logColumns(0), bad])).toThrow(RangeError);
  });
});
