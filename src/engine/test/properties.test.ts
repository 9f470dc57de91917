// Property tests: random sequences of valid and invalid calls and time steps, checked against the
// invariants the engine promises: open shards partition the hash space, every
// acknowledged record is read back exactly once until retention trims it, sequence numbers grow
// within a shard, a failed call changes nothing, and replay / restore reproduce every output.
import type { PutRecordsOutput, PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkpointDigest,
  compareSequenceNumbers,
  createEngine,
  hashKeyOf,
  isKinesisError,
  MAX_HASH_KEY,
  replay,
  restoreEngine,
} from '../index';
import type { Engine, EngineEvent, EngineOptionsInput, EngineSnapshot, StreamState } from '../index';

type IteratorKind = 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER';

type Step =
  | { readonly kind: 'create'; readonly stream: string; readonly shards: number }
  | { readonly kind: 'delete'; readonly stream: string }
  | {
      readonly kind: 'put';
      readonly stream: string;
      readonly key: string;
      readonly explicit: bigint | null;
      readonly ordered: boolean;
    }
  | {
      readonly kind: 'putRecords';
      readonly stream: string;
      readonly entries: readonly { key: string; explicit: bigint | null }[];
    }
  | { readonly kind: 'split'; readonly stream: string; readonly pick: number; readonly at: number }
  | { readonly kind: 'merge'; readonly stream: string; readonly pick: number; readonly reversed: boolean }
  | { readonly kind: 'updateShardCount'; readonly stream: string; readonly factor: number }
  | {
      readonly kind: 'iterator';
      readonly stream: string;
      readonly pick: number;
      readonly type: IteratorKind;
      readonly back: number;
    }
  | { readonly kind: 'getRecords'; readonly pick: number; readonly limit: number | null }
  | { readonly kind: 'retention'; readonly stream: string; readonly hours: number; readonly increase: boolean }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'invalid'; readonly which: number }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'other'; readonly stream: string; readonly which: number; readonly pick: number };

const STREAMS = ['a', 'b'];
const HOUR = 3_600_000;

const streamName = fc.constantFrom(...STREAMS);
const explicitKey = fc.option(fc.bigInt({ min: 0n, max: MAX_HASH_KEY + 1n }), { freq: 3 });
const partitionKey = fc.string({ minLength: 1, maxLength: 6 });

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      stream: streamName,
      shards: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), stream: streamName }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      stream: streamName,
      key: partitionKey,
      explicit: explicitKey,
      ordered: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('putRecords' as const),
      stream: streamName,
      entries: fc.array(fc.record({ key: partitionKey, explicit: explicitKey }), { minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      stream: streamName,
      pick: fc.nat(30),
      at: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      stream: streamName,
      pick: fc.nat(30),
      reversed: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('updateShardCount' as const),
      stream: streamName,
      factor: fc.constantFrom(0.3, 0.5, 0.7, 1, 1.5, 2, 2.5),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('iterator' as const),
      stream: streamName,
      pick: fc.nat(30),
      type: fc.constantFrom<IteratorKind>(
        'TRIM_HORIZON',
        'LATEST',
        'AT_TIMESTAMP',
        'AT_SEQUENCE_NUMBER',
        'AFTER_SEQUENCE_NUMBER',
      ),
      back: fc.constantFrom(0, 1, 1000, HOUR, 30 * HOUR),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('getRecords' as const),
      pick: fc.nat(50),
      limit: fc.option(fc.integer({ min: 1, max: 3 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('retention' as const),
      stream: streamName,
      hours: fc.constantFrom(23, 24, 25, 30, 48, 169, 200),
      increase: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(0, 1, 250, 999, 1000, 5000, 15_000, 300_001, HOUR, 25 * HOUR),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invalid' as const), which: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('other' as const),
      stream: streamName,
      which: fc.nat(9),
      pick: fc.nat(30),
    }),
  },
);

const optionsArb: fc.Arbitrary<EngineOptionsInput> = fc.record({
  profile: fc.constantFrom('current' as const, '2017-07' as const),
  seed: fc.integer({ min: 0, max: 1000 }),
  timings: fc.constantFrom('fast' as const, 'realistic' as const),
  limits: fc.record({ throughput: fc.boolean(), apiRates: fc.boolean(), shardLimit: fc.constantFrom(12, 20, 500) }),
});

/** An output as comparable text: blobs as bytes, dates as ISO strings. */
const canon = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { bytes: Array.from(v) } : typeof v === 'bigint' ? `${v}n` : v,
  );

const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

/** A record the engine acknowledged, as the model remembers it. */
interface Acked {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly data: string;
  readonly t: number;
}

interface ModelStream {
  readonly generation: number;
  retentionHours: number;
  /** Records that arrived before this were trimmed by an earlier, shorter retention. */
  trimmedBefore: number;
  readonly acked: Acked[];
}

interface World {
  readonly outcomes: string[];
  /** ListShards and ListStreams page tokens seen so far. */
  readonly tokens: string[];
  readonly iterators: string[];
  readonly streams: Map<string, ModelStream>;
  snapshot?: { readonly snap: EngineSnapshot; readonly index: number };
  counter: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function outcomeOf(engine: Engine, operation: string, input: unknown): { text: string; output?: unknown } {
  try {
    const output = engine.call(operation, input);
    return { text: canon(output), output };
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    return { text: `!${error.name}: ${error.message}` };
  }
}

/** Calls the engine, records the outcome, and checks that a failed call changed nothing. */
function call(engine: Engine, world: World, operation: string, input: unknown): unknown {
  const before = digest(engine);
  const { text, output } = outcomeOf(engine, operation, input);
  world.outcomes.push(text);
  if (text.startsWith('!'))
    expect(digest(engine), `${operation} failed with ${text} but changed the state`).toBe(before);
  return output;
}

const openShards = (stream: StreamState) =>
  stream.shards
    .filter((s) => s.closedAt === undefined)
    .sort((x, y) => (x.startingHashKey < y.startingHashKey ? -1 : 1));

/** Forgets model streams the engine no longer has (deleted, or replaced by a new generation). */
function syncStreams(engine: Engine, world: World): void {
  for (const [name, model] of world.streams) {
    if (engine.stream(name)?.generation !== model.generation) world.streams.delete(name);
  }
  for (const stream of engine.streams()) {
    if (!world.streams.has(stream.name)) {
      world.streams.set(stream.name, {
        generation: stream.generation,
        retentionHours: stream.retentionHours,
        trimmedBefore: -Infinity,
        acked: [],
      });
    }
  }
}

function acknowledge(
  engine: Engine,
  world: World,
  name: string,
  shardId: string,
  sequenceNumber: string,
  data: string,
  hashKey: bigint,
): void {
  const stream = engine.stream(name)!;
  const shard = stream.shards.find((s) => s.id === shardId)!;
  // The record went to the open shard whose inclusive range holds its hash key.
  expect(shard.closedAt).toBeUndefined();
  expect(shard.startingHashKey <= hashKey && hashKey <= shard.endingHashKey).toBe(true);
  world.streams.get(name)!.acked.push({ shardId, sequenceNumber, data, t: engine.now() });
}

/** Calls that read or change the control plane: describe, list, tags, monitoring, paging. */
function otherCall(engine: Engine, world: World, step: { stream: string; which: number; pick: number }): void {
  const StreamName = step.stream;
  const token = world.tokens[step.pick % Math.max(1, world.tokens.length)] ?? 'AAAA';
  const calls: [string, unknown][] = [
    ['DescribeStream', { StreamName, Limit: 1 + (step.pick % 3) }],
    ['DescribeStreamSummary', { StreamName }],
    ['ListShards', { StreamName, MaxResults: 1 + (step.pick % 3) }],
    ['ListShards', { NextToken: token, MaxResults: 2 }],
    ['ListStreams', { Limit: 1 }],
    ['AddTagsToStream', { StreamName, Tags: { [`k${step.pick % 12}`]: 'v' } }],
    ['RemoveTagsFromStream', { StreamName, TagKeys: [`k${step.pick % 12}`] }],
    ['ListTagsForStream', { StreamName, Limit: 3 }],
    ['EnableEnhancedMonitoring', { StreamName, ShardLevelMetrics: [step.pick % 2 === 0 ? 'ALL' : 'IncomingBytes'] }],
    ['DisableEnhancedMonitoring', { StreamName, ShardLevelMetrics: ['IncomingBytes'] }],
  ];
  const [operation, input] = calls[step.which % calls.length]!;
  const out = call(engine, world, operation, input) as { NextToken?: string } | undefined;
  if (out?.NextToken) world.tokens.push(out.NextToken);
}

const INVALID_CALLS: readonly [string, unknown][] = [
  ['CreateStream', { StreamName: 'a', ShardCount: 0 }],
  ['PutRecord', { StreamName: 'a', PartitionKey: 'k', Data: 'abcde' }],
  ['GetRecords', { ShardIterator: 'AAAA' }],
  ['SplitShard', { StreamName: 'a', ShardToSplit: 'shardId-99', NewStartingHashKey: '5' }],
  ['MergeShards', { StreamName: 'b', ShardToMerge: 'shardId-1', AdjacentShardToMerge: 'shardId-0' }],
  ['Nope', {}],
  ['DecreaseStreamRetentionPeriod', { StreamName: 'a', RetentionPeriodHours: 10 }],
  ['ListShards', {}],
  [
    'PutRecord',
    { StreamName: 'a', PartitionKey: 'k', Data: new Uint8Array([1]), ExplicitHashKey: String(MAX_HASH_KEY + 1n) },
  ],
  ['GetShardIterator', { StreamName: 'b', ShardId: 'shardId-0', ShardIteratorType: 'AT_SEQUENCE_NUMBER' }],
];

function runStep(engine: Engine, world: World, step: Step): void {
  const stream = 'stream' in step ? engine.stream(step.stream) : undefined;
  switch (step.kind) {
    case 'create':
      call(engine, world, 'CreateStream', { StreamName: step.stream, ShardCount: step.shards });
      break;
    case 'delete':
      call(engine, world, 'DeleteStream', { StreamName: step.stream });
      break;
    case 'put': {
      const data = `r${world.counter++}`;
      const last = world.streams.get(step.stream)?.acked.at(-1);
      const input = {
        StreamName: step.stream,
        PartitionKey: step.key,
        Data: encoder.encode(data),
        ...(step.explicit !== null ? { ExplicitHashKey: String(step.explicit) } : {}),
        ...(step.ordered && last ? { SequenceNumberForOrdering: last.sequenceNumber } : {}),
      };
      const out = call(engine, world, 'PutRecord', input) as { ShardId: string; SequenceNumber: string } | undefined;
      if (out) {
        acknowledge(
          engine,
          world,
          step.stream,
          out.ShardId,
          out.SequenceNumber,
          data,
          step.explicit ?? hashKeyOf(step.key),
        );
        // SequenceNumberForOrdering orders writes of one shard (the same partition key).
        if (step.ordered && last?.shardId === out.ShardId)
          expect(compareSequenceNumbers(out.SequenceNumber, last.sequenceNumber)).toBeGreaterThan(0);
      }
      break;
    }
    case 'putRecords': {
      const entries = step.entries.map((entry) => ({ ...entry, data: `r${world.counter++}` }));
      const input = {
        StreamName: step.stream,
        Records: entries.map((e) => ({
          PartitionKey: e.key,
          Data: encoder.encode(e.data),
          ...(e.explicit !== null ? { ExplicitHashKey: String(e.explicit) } : {}),
        })),
      };
      const out = call(engine, world, 'PutRecords', input) as
        | { FailedRecordCount: number; Records: { ShardId?: string; SequenceNumber?: string; ErrorCode?: string }[] }
        | undefined;
      if (out) {
        expect(out.Records).toHaveLength(entries.length);
        expect(out.FailedRecordCount).toBe(out.Records.filter((r) => r.ErrorCode !== undefined).length);
        out.Records.forEach((result, i) => {
          const entry = entries[i]!;
          if (result.SequenceNumber !== undefined) {
            acknowledge(
              engine,
              world,
              step.stream,
              result.ShardId!,
              result.SequenceNumber,
              entry.data,
              entry.explicit ?? hashKeyOf(entry.key),
            );
          }
        });
      }
      break;
    }
    case 'split': {
      const shard = stream?.shards[step.pick % Math.max(1, stream.shards.length)];
      let key = 5n;
      let id = 'shardId-0';
      if (shard) {
        id = shard.id;
        const span = shard.endingHashKey - shard.startingHashKey;
        key =
          shard.startingHashKey +
          2n +
          (span > 3n ? ((span - 3n) * BigInt(Math.floor(step.at * 1e6))) / 1_000_000n : 0n);
      }
      call(engine, world, 'SplitShard', { StreamName: step.stream, ShardToSplit: id, NewStartingHashKey: String(key) });
      break;
    }
    case 'merge': {
      const open = stream ? openShards(stream) : [];
      const i = open.length >= 2 ? step.pick % (open.length - 1) : 0;
      const lower = open[i]?.id ?? 'shardId-0';
      const upper = open[i + 1]?.id ?? 'shardId-1';
      const [a, b] = step.reversed ? [upper, lower] : [lower, upper];
      call(engine, world, 'MergeShards', { StreamName: step.stream, ShardToMerge: a, AdjacentShardToMerge: b });
      break;
    }
    case 'updateShardCount': {
      const open = stream ? openShards(stream).length : 1;
      const target = Math.max(1, Math.round(open * step.factor));
      call(engine, world, 'UpdateShardCount', {
        StreamName: step.stream,
        TargetShardCount: target,
        ScalingType: 'UNIFORM_SCALING',
      });
      break;
    }
    case 'iterator': {
      const shard = stream?.shards[step.pick % Math.max(1, stream.shards.length)];
      const shardId = shard?.id ?? 'shardId-0';
      const known = world.streams.get(step.stream)?.acked.filter((r) => r.shardId === shardId) ?? [];
      const sequence =
        known[step.pick % Math.max(1, known.length)]?.sequenceNumber ?? shard?.startingSequenceNumber ?? '1';
      const input = {
        StreamName: step.stream,
        ShardId: shardId,
        ShardIteratorType: step.type,
        ...(step.type === 'AT_SEQUENCE_NUMBER' || step.type === 'AFTER_SEQUENCE_NUMBER'
          ? { StartingSequenceNumber: sequence }
          : {}),
        ...(step.type === 'AT_TIMESTAMP' ? { Timestamp: new Date(engine.now() - step.back) } : {}),
      };
      const out = call(engine, world, 'GetShardIterator', input) as { ShardIterator: string } | undefined;
      if (out) {
        expect(out.ShardIterator.length).toBeLessThanOrEqual(512);
        world.iterators.push(out.ShardIterator);
      }
      break;
    }
    case 'getRecords': {
      const iterator = world.iterators[step.pick % Math.max(1, world.iterators.length)] ?? 'AAAA';
      const out = call(engine, world, 'GetRecords', {
        ShardIterator: iterator,
        ...(step.limit !== null ? { Limit: step.limit } : {}),
      }) as { NextShardIterator?: string } | undefined;
      if (out?.NextShardIterator) world.iterators.push(out.NextShardIterator);
      break;
    }
    case 'retention': {
      const operation = step.increase ? 'IncreaseStreamRetentionPeriod' : 'DecreaseStreamRetentionPeriod';
      const model = world.streams.get(step.stream);
      const before = model?.retentionHours;
      const out = call(engine, world, operation, { StreamName: step.stream, RetentionPeriodHours: step.hours });
      if (out && model && before !== undefined) {
        if (step.hours > before) model.trimmedBefore = Math.max(model.trimmedBefore, engine.now() - before * HOUR);
        model.retentionHours = step.hours;
      }
      break;
    }
    case 'advance':
      engine.advanceBy(step.ms);
      break;
    case 'invalid': {
      const [operation, input] = INVALID_CALLS[step.which % INVALID_CALLS.length]!;
      call(engine, world, operation, input);
      break;
    }
    case 'other':
      otherCall(engine, world, step);
      break;
    case 'snapshot':
      if (!world.snapshot) world.snapshot = { snap: engine.snapshot(), index: world.outcomes.length };
      break;
  }
  syncStreams(engine, world);
}

/**
 * The open shards of every stream that became ACTIVE cover [0, 2^128 − 1] with no gap and no
 * overlap; a stream still CREATING, or deleted while it was, has none.
 */
function checkPartition(engine: Engine): void {
  for (const stream of engine.streams()) {
    if (stream.shards.length === 0) {
      expect(['CREATING', 'DELETING']).toContain(stream.status);
      continue;
    }
    const open = openShards(stream);
    expect(open.length).toBeGreaterThan(0);
    expect(open[0]!.startingHashKey).toBe(0n);
    expect(open.at(-1)!.endingHashKey).toBe(MAX_HASH_KEY);
    for (let i = 1; i < open.length; i++) expect(open[i]!.startingHashKey).toBe(open[i - 1]!.endingHashKey + 1n);
  }
}

function checkSequenceOrder(engine: Engine): void {
  for (const stream of engine.streams()) {
    for (const shard of stream.shards) {
      const numbers = Array.from({ length: shard.records.length }, (_, i) => shard.records.sequenceNumber(i));
      for (let i = 1; i < shard.records.length; i++)
        expect(compareSequenceNumbers(numbers[i]!, numbers[i - 1]!)).toBeGreaterThan(0);
      if (shard.endingSequenceNumber !== undefined && shard.records.length > 0) {
        expect(compareSequenceNumbers(shard.endingSequenceNumber, numbers[shard.records.length - 1]!)).toBeGreaterThan(
          0,
        );
      }
    }
  }
}

interface ReadRecord {
  readonly sequenceNumber: string;
  readonly data: string;
  readonly t: number;
}

/**
 * Reads every visible shard of every stream from TRIM_HORIZON to its end, on a copy of the engine
 * with the limits off, and compares with the acknowledged records retention has not trimmed.
 */
function checkReadBack(engine: Engine, world: World): void {
  const snapshot = engine.snapshot();
  const reader = restoreEngine({
    ...snapshot,
    options: { ...snapshot.options, limits: { ...snapshot.options.limits, throughput: false, apiRates: false } },
  });
  for (const [name, model] of world.streams) {
    const status = reader.call('DescribeStream', { StreamName: name }).StreamDescription!.StreamStatus;
    if (status === 'CREATING') expect(model.acked).toEqual([]);
    if (status !== 'ACTIVE' && status !== 'UPDATING') continue; // data calls see only ACTIVE and UPDATING streams
    const horizon = Math.max(reader.now() - model.retentionHours * HOUR, model.trimmedBefore);
    const shards = [];
    for (let after: string | undefined, more = true; more;) {
      const page = reader.call('DescribeStream', {
        StreamName: name,
        ...(after !== undefined ? { ExclusiveStartShardId: after } : {}),
      }).StreamDescription!;
      shards.push(...page.Shards!);
      more = page.HasMoreShards === true;
      after = page.Shards!.at(-1)?.ShardId;
    }
    const read = new Map<string, ReadRecord[]>();
    for (const shard of shards) {
      const records: ReadRecord[] = [];
      let iterator: string | undefined = reader.call('GetShardIterator', {
        StreamName: name,
        ShardId: shard.ShardId!,
        ShardIteratorType: 'TRIM_HORIZON',
      }).ShardIterator;
      for (let guard = 0; iterator !== undefined; guard++) {
        expect(guard).toBeLessThan(100);
        const out = reader.call('GetRecords', { ShardIterator: iterator });
        for (const r of out.Records!)
          records.push({
            sequenceNumber: r.SequenceNumber!,
            data: decoder.decode(r.Data),
            t: r.ApproximateArrivalTimestamp!.getTime(),
          });
        if (out.Records!.length === 0 && out.NextShardIterator !== undefined) break; // caught up at the tip of an open shard
        iterator = out.NextShardIterator;
      }
      read.set(shard.ShardId!, records);
    }
    // Per shard: exactly the acknowledged, untrimmed records, in sequence order.
    const live = model.acked.filter((r) => r.t >= horizon);
    for (const shard of shards) {
      const expected = live
        .filter((r) => r.shardId === shard.ShardId)
        .sort((x, y) => compareSequenceNumbers(x.sequenceNumber, y.sequenceNumber))
        .map(({ sequenceNumber, data, t }) => ({ sequenceNumber, data, t }));
      expect(read.get(shard.ShardId!), `records of ${name}/${shard.ShardId}`).toEqual(expected);
    }
    // Exactly once overall: nothing live sits in a shard the stream no longer lists.
    const total = [...read.values()].reduce((n, records) => n + records.length, 0);
    expect(total).toBe(live.length);
    // Parents before children: a child's records all arrived at or after its parents' last record.
    for (const shard of shards) {
      const first = read.get(shard.ShardId!)![0];
      if (!first) continue;
      for (const parent of [shard.ParentShardId, shard.AdjacentParentShardId]) {
        const last = parent === undefined ? undefined : read.get(parent)?.at(-1);
        if (last) expect(last.t).toBeLessThanOrEqual(first.t);
      }
    }
  }
}

/** Replaying the command log reproduces every output, byte for byte, and the same state. */
function checkReplay(engine: Engine, world: World, events: readonly EngineEvent[]): void {
  const commands = engine.commands();
  expect(commands).toHaveLength(world.outcomes.length);
  const copy = createEngine(engine.options);
  const replayedEvents: EngineEvent[] = [];
  copy.subscribe((event) => replayedEvents.push(event));
  const outcomes = commands.map((command) => {
    copy.advanceTo(command.t);
    return outcomeOf(copy, command.operation, command.input).text;
  });
  if (engine.now() > copy.now()) copy.advanceTo(engine.now()); // as replay() does
  expect(outcomes).toEqual(world.outcomes);
  // The event log (calls and clock events, with their sequence numbers) replays identically too.
  expect(canon(replayedEvents)).toBe(canon(events));
  const expected = digest(engine);
  expect(digest(copy)).toBe(expected);
  expect(digest(replay(engine.options, commands, engine.now()))).toBe(expected);

  if (world.snapshot) {
    const { snap, index } = world.snapshot;
    const restored = restoreEngine(snap);
    const rest = commands.slice(index).map((command) => {
      restored.advanceTo(command.t);
      return outcomeOf(restored, command.operation, command.input).text;
    });
    if (engine.now() > restored.now()) restored.advanceTo(engine.now());
    expect(rest).toEqual(world.outcomes.slice(index));
    expect(digest(restored)).toBe(expected);
  }
}

function scenario(options: EngineOptionsInput, steps: readonly Step[]): void {
  const engine = createEngine(options);
  const world: World = { outcomes: [], tokens: [], iterators: [], streams: new Map(), counter: 0 };
  const events: EngineEvent[] = [];
  engine.subscribe((event) => events.push(event));
  // Most runs start with a stream to work on; the steps may delete it or create the other one.
  runStep(engine, world, { kind: 'create', stream: 'a', shards: 2 });
  for (const step of steps) {
    runStep(engine, world, step);
    checkPartition(engine);
  }
  checkSequenceOrder(engine);
  checkReplay(engine, world, events);
  checkReadBack(engine, world);
}

/** Bursts of PutRecords and GetRecords against one stream, with throughput limits on. */
const burstArb = fc.array(
  fc.record({
    wait: fc.constantFrom(0, 1, 100, 400, 999, 1000, 1700),
    records: fc.integer({ min: 1, max: 500 }),
    size: fc.constantFrom(0, 10, 1000, 5000, 100_000),
    reads: fc.integer({ min: 0, max: 3 }),
  }),
  { minLength: 1, maxLength: 8 },
);

/**
 * Per shard and second, accepted writes stay within 1,000 records and 1 MiB (data plus partition
 * key), an entry is refused only when taking it would cross a limit, and at most 5 reads succeed.
 */
function checkThroughput(bursts: readonly { wait: number; records: number; size: number; reads: number }[]): void {
  const engine = createEngine({ timings: 'fast', limits: { apiRates: false } });
  engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
  engine.advanceBy(500);
  const used = new Map<string, { count: number; bytes: number; reads: number }>();
  const usage = (shardId: string) => {
    const key = `${shardId}@${Math.floor(engine.now() / 1000)}`;
    let entry = used.get(key);
    if (!entry) used.set(key, (entry = { count: 0, bytes: 0, reads: 0 }));
    return entry;
  };
  let n = 0;
  for (const burst of bursts) {
    engine.advanceBy(burst.wait);
    const entries: (PutRecordsRequestEntry & { PartitionKey: string })[] = Array.from(
      { length: burst.records },
      () => ({ PartitionKey: `k${n++}`, Data: new Uint8Array(burst.size) }),
    );
    const bytesOf = (i: number) => burst.size + entries[i]!.PartitionKey.length;
    const total = entries.reduce((sum, _, i) => sum + bytesOf(i), 0);
    if (total > 5 * 1048576) continue;
    const out: PutRecordsOutput = engine.call('PutRecords', { StreamName: 's', Records: entries });
    out.Records!.forEach((result, i) => {
      const shardId =
        result.ShardId ??
        engine.stream('s')!.shards.find((s) => {
          const hash = hashKeyOf(entries[i]!.PartitionKey);
          return s.startingHashKey <= hash && hash <= s.endingHashKey;
        })!.id;
      const budget = usage(shardId);
      if (result.ErrorCode === undefined) {
        budget.count += 1;
        budget.bytes += bytesOf(i);
        expect(budget.count).toBeLessThanOrEqual(1000);
        expect(budget.bytes).toBeLessThanOrEqual(1048576);
      } else {
        expect(result.ErrorCode).toBe('ProvisionedThroughputExceededException');
        expect(budget.count + 1 > 1000 || budget.bytes + bytesOf(i) > 1048576).toBe(true);
      }
    });
    for (let r = 0; r < burst.reads; r++) {
      for (const shardId of ['shardId-000000000000', 'shardId-000000000001']) {
        const iterator = engine.call('GetShardIterator', {
          StreamName: 's',
          ShardId: shardId,
          ShardIteratorType: 'LATEST',
        }).ShardIterator!;
        try {
          engine.call('GetRecords', { ShardIterator: iterator });
          usage(shardId).reads += 1;
          expect(usage(shardId).reads).toBeLessThanOrEqual(5);
        } catch (error) {
          if (!isKinesisError(error) || error.name !== 'ProvisionedThroughputExceededException') throw error;
          expect(usage(shardId).reads).toBe(5);
        }
      }
    }
  }
}

describe('engine properties', () => {
  it('should keep every invariant over random sequences of valid and invalid calls and time steps', () => {
    fc.assert(
      fc.property(optionsArb, fc.array(stepArb, { minLength: 1, maxLength: 60 }), (options, steps) =>
        scenario(options, steps),
      ),
      { numRuns: 100 },
    );
  });

  it('should keep every invariant in write-heavy runs with resharding and retention changes', () => {
    const heavy = fc.array(
      fc.oneof(
        { weight: 6, arbitrary: stepArb.filter((s) => s.kind === 'put' || s.kind === 'putRecords') },
        {
          weight: 3,
          arbitrary: stepArb.filter((s) => s.kind === 'split' || s.kind === 'merge' || s.kind === 'updateShardCount'),
        },
        { weight: 2, arbitrary: stepArb.filter((s) => s.kind === 'retention' || s.kind === 'advance') },
      ),
      { minLength: 10, maxLength: 80 },
    );
    fc.assert(
      fc.property(optionsArb, heavy, (options, steps) => scenario(options, steps)),
      { numRuns: 40 },
    );
  });

  it('should hold every shard to its write and read budgets per second, throttling only at the limit', () => {
    fc.assert(
      fc.property(burstArb, (bursts) => checkThroughput(bursts)),
      { numRuns: 20 },
    );
  });
});
