import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replay, restoreEngine, subscriptionEvents, type Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  digest,
  expectError,
  expectFailureChangesNothing,
  newEngine,
} from '../test/helpers';

const encode = (text: string) => new TextEncoder().encode(text);
const put = (engine: Engine, key: string) =>
  engine.call('PutRecord', { StreamName: 's', PartitionKey: key, Data: encode(key) }).SequenceNumber!;
const subscribe = (
  engine: Engine,
  arn: string,
  Type: string,
  extra: { SequenceNumber?: string; Timestamp?: Date } = {},
  ShardId = 'shardId-000000000000',
) =>
  engine.call('SubscribeToShard', {
    ConsumerARN: arn,
    ShardId,
    StartingPosition: { Type, ...extra },
  } as never) as unknown as {
    SubscribeToShardEvent: {
      Records: { PartitionKey?: string | undefined }[];
      ContinuationSequenceNumber?: string;
      MillisBehindLatest: number;
      ChildShards?: unknown[];
    };
  };
const keysOf = (records: readonly { PartitionKey?: string | undefined }[]) => records.map((r) => r.PartitionKey);

function withConsumer(options: Parameters<typeof newEngine>[0] = {}): { engine: Engine; arn: string } {
  const engine = newEngine(options);
  activeStream(engine);
  const arn = engine.call('RegisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 'c' }).Consumer!
    .ConsumerARN!;
  engine.advanceBy(engine.options.timings.createStreamMs);
  return { engine, arn };
}

describe('SubscribeToShard', () => {
  describe('serialization', () => {
    it('should return SerializationException when StartingPosition is a string', () => {
      expectError(
        () => newEngine().call('SubscribeToShard', { ConsumerARN: 'x', ShardId: 'a', StartingPosition: 'LATEST' }),
        'SerializationException',
      );
    });
  });

  describe('validation', () => {
    it('should require ConsumerARN, ShardId and StartingPosition.Type', () => {
      expectError(() => newEngine().call('SubscribeToShard', {}), 'ValidationException');
      const { engine, arn } = withConsumer();
      expectError(
        () =>
          engine.call('SubscribeToShard', { ConsumerARN: arn, ShardId: 'shardId-0', StartingPosition: {} } as never),
        'ValidationException',
        "1 validation error detected: Value null at 'startingPosition.type' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should refuse an unknown StartingPosition type', () => {
      const { engine, arn } = withConsumer();
      expectError(
        () => subscribe(engine, arn, 'OLDEST'),
        'ValidationException',
        "1 validation error detected: Value 'OLDEST' at 'startingPosition.type' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]',
      );
    });
  });

  describe('functionality', () => {
    it('should answer the first event with the records from TRIM_HORIZON', () => {
      const { engine, arn } = withConsumer();
      const sequenceNumbers = ['a', 'b', 'c'].map((k) => put(engine, k));
      const first = subscribe(engine, arn, 'TRIM_HORIZON').SubscribeToShardEvent;
      expect(keysOf(first.Records)).toEqual(['a', 'b', 'c']);
      expect(first.ContinuationSequenceNumber).toBe(sequenceNumbers[2]);
      expect(first.MillisBehindLatest).toBe(0);
      expect(first).not.toHaveProperty('ChildShards');
    });

    it('should move ContinuationSequenceNumber on while nothing is written, past the last record and before the next', () => {
      const { engine, arn } = withConsumer();
      const last = put(engine, 'a');
      engine.advanceBy(5_000);
      const idle = subscribe(engine, arn, 'AFTER_SEQUENCE_NUMBER', { SequenceNumber: last }).SubscribeToShardEvent;
      expect(idle.Records).toEqual([]);
      const continuation = idle.ContinuationSequenceNumber!;
      expect(BigInt(continuation)).toBeGreaterThan(BigInt(last));
      engine.advanceBy(10_000);
      const later = subscribe(engine, arn, 'AFTER_SEQUENCE_NUMBER', { SequenceNumber: continuation });
      expect(BigInt(later.SubscribeToShardEvent.ContinuationSequenceNumber!)).toBeGreaterThan(BigInt(continuation));
      const next = put(engine, 'b');
      expect(BigInt(next)).toBeGreaterThan(BigInt(continuation));
      engine.advanceBy(10_000);
      const resumed = subscribe(engine, arn, 'AFTER_SEQUENCE_NUMBER', { SequenceNumber: continuation });
      expect(keysOf(resumed.SubscribeToShardEvent.Records)).toEqual(['b']);
    });

    it('should resume AFTER a ContinuationSequenceNumber with exactly the records not yet sent', () => {
      // Records of up to 900 KiB: an event carries at most 2 MiB, so it may stop part way.
      const writes = fc.array(
        fc.record({ size: fc.integer({ min: 1, max: 900 * 1024 }), gapMs: fc.integer({ min: 0, max: 3_000 }) }),
        { minLength: 1, maxLength: 8 },
      );
      fc.assert(
        fc.property(writes, fc.integer({ min: 0, max: 20_000 }), (records, waitMs) => {
          const { engine, arn } = withConsumer({ limits: { throughput: false } });
          const keys = records.map(({ size, gapMs }, i) => {
            engine.advanceBy(gapMs);
            engine.call('PutRecord', { StreamName: 's', PartitionKey: `k${i}`, Data: new Uint8Array(size) });
            return `k${i}`;
          });
          engine.advanceBy(waitMs);
          const first = subscribe(engine, arn, 'TRIM_HORIZON').SubscribeToShardEvent;
          const sent = keysOf(first.Records);
          engine.advanceBy(6_000);
          const rest = subscribe(engine, arn, 'AFTER_SEQUENCE_NUMBER', {
            SequenceNumber: first.ContinuationSequenceNumber!,
          }).SubscribeToShardEvent;
          // Nothing skipped, nothing sent twice: the second event goes on where the first stopped.
          const resumed = keysOf(rest.Records);
          expect([...sent, ...resumed]).toEqual(keys.slice(0, sent.length + resumed.length));
          if (sent.length < keys.length) expect(resumed.length).toBeGreaterThan(0);
        }),
        { numRuns: 40 },
      );
    });

    it('should start after a sequence number, at a time, or at LATEST', () => {
      const { engine, arn } = withConsumer();
      const [a] = ['a', 'b'].map((k) => put(engine, k));
      engine.advanceBy(10);
      put(engine, 'c');
      expect(
        keysOf(subscribe(engine, arn, 'AFTER_SEQUENCE_NUMBER', { SequenceNumber: a! }).SubscribeToShardEvent.Records),
      ).toEqual(['b', 'c']);
      engine.advanceBy(5000);
      expect(
        keysOf(
          subscribe(engine, arn, 'AT_TIMESTAMP', { Timestamp: new Date(engine.now() - 5000) }).SubscribeToShardEvent
            .Records,
        ),
      ).toEqual(['c']);
      engine.advanceBy(5000);
      expect(subscribe(engine, arn, 'LATEST').SubscribeToShardEvent.Records).toEqual([]);
    });

    it('should push the records that arrive later, one event per second, readable with subscriptionEvents', () => {
      const { engine, arn } = withConsumer();
      subscribe(engine, arn, 'LATEST');
      engine.advanceBy(300);
      put(engine, 'x');
      engine.advanceBy(700);
      put(engine, 'y');
      engine.advanceBy(1000);
      const [view] = subscriptionEvents(engine.stream('s'), arn);
      expect(view!.events.map((e) => keysOf(e.Records!))).toEqual([[], ['x'], ['y']]);
      expect(view!.events.map((e) => e.at - view!.startedAt)).toEqual([0, 1000, 2000]);
    });

    it('should end a subscription after 5 minutes', () => {
      const { engine, arn } = withConsumer();
      subscribe(engine, arn, 'LATEST');
      engine.advanceBy(400_000);
      const [view] = subscriptionEvents(engine.stream('s'), arn);
      expect(view!.endedAt).toBe(view!.startedAt + 300_000);
      expect(view!.events.length).toBe(300);
    });

    it('should refuse a second subscription of the same consumer and shard within 5 seconds, and let a later one take over', () => {
      const { engine, arn } = withConsumer();
      subscribe(engine, arn, 'LATEST');
      engine.advanceBy(2000);
      expectFailureChangesNothing(
        engine,
        () => subscribe(engine, arn, 'LATEST'),
        'ResourceInUseException',
        `Another active subscription exists for consumer ${arn} on shard shardId-000000000000 in stream s under account ${ACCOUNT}.`,
      );
      engine.advanceBy(3000);
      subscribe(engine, arn, 'LATEST');
      const views = subscriptionEvents(engine.stream('s'), arn);
      expect(views.map((v) => v.endedAt)).toEqual([engine.now(), undefined]);
    });

    it('should throttle at one call per second per consumer per shard (LimitExceededException before ResourceInUseException)', () => {
      const { engine, arn } = withConsumer({ limits: { apiRates: true } });
      engine.advanceBy(1000 - (engine.now() % 1000));
      subscribe(engine, arn, 'LATEST');
      expectError(() => subscribe(engine, arn, 'LATEST'), 'LimitExceededException');
    });

    it('should refuse a consumer that is not ACTIVE yet', () => {
      const engine = newEngine();
      activeStream(engine);
      const arn = engine.call('RegisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 'c' }).Consumer!
        .ConsumerARN!;
      expectFailureChangesNothing(
        engine,
        () => subscribe(engine, arn, 'LATEST'),
        'ResourceInUseException',
        `Consumer ${arn} under account ${ACCOUNT} not ACTIVE, instead in state CREATING`,
      );
    });

    it('should not find an unknown shard', () => {
      const { engine, arn } = withConsumer();
      expectFailureChangesNothing(
        engine,
        () => subscribe(engine, arn, 'LATEST', {}, 'shardId-000000000007'),
        'ResourceNotFoundException',
        `Could not find shard shardId-000000000007 in stream s under account ${ACCOUNT}.`,
      );
    });

    it('should end at the end of a closed shard with its ChildShards and no continuation', () => {
      const { engine, arn } = withConsumer();
      put(engine, 'a');
      engine.call('SplitShard', {
        StreamName: 's',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: (1n << 127n).toString(),
      });
      engine.advanceBy(engine.options.timings.updateStreamMs);
      const first = subscribe(engine, arn, 'TRIM_HORIZON').SubscribeToShardEvent;
      expect(keysOf(first.Records)).toEqual(['a']);
      expect(first.ContinuationSequenceNumber).toBeUndefined();
      expect(first.ChildShards!.length).toBe(2);
      expect(subscriptionEvents(engine.stream('s'), arn)[0]!.endedAt).toBe(engine.now());
    });

    it('should end the subscriptions of a deregistered consumer', () => {
      const { engine, arn } = withConsumer();
      subscribe(engine, arn, 'LATEST');
      engine.advanceBy(1500);
      engine.call('DeregisterStreamConsumer', { ConsumerARN: arn });
      expect(subscriptionEvents(engine.stream('s'), arn)[0]!.endedAt).toBe(engine.now());
    });

    it('should check a DryRun request and subscribe nothing', () => {
      const { engine, arn } = withConsumer();
      expectFailureChangesNothing(
        engine,
        () =>
          engine.call('SubscribeToShard', {
            ConsumerARN: arn,
            ShardId: 'shardId-0',
            StartingPosition: { Type: 'LATEST' },
            DryRun: true,
          }),
        'DryRunOperationException',
        'Request would have succeeded, but DryRun flag is set.',
      );
      expect(subscriptionEvents(engine.stream('s'), arn)).toEqual([]);
    });

    it('should go on pushing the same events from a restored snapshot', () => {
      const { engine, arn } = withConsumer();
      subscribe(engine, arn, 'LATEST');
      put(engine, 'a');
      engine.advanceBy(1500);
      const restored = restoreEngine(engine.snapshot());
      for (const e of [engine, restored]) {
        put(e, 'b');
        e.advanceBy(2000);
      }
      expect(digest(restored)).toBe(digest(engine));
      const keys = (e: Engine) =>
        subscriptionEvents(e.stream('s'), arn)[0]!.events.flatMap((event) => keysOf(event.Records!));
      expect(keys(restored)).toEqual(['a', 'b']);
      expect(keys(engine)).toEqual(['a', 'b']);
    });

    it('should push the same events in a replay of the command log (property)', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 2500 }), fc.string({ minLength: 1, maxLength: 4 })), {
            maxLength: 12,
          }),
          (steps) => {
            const { engine, arn } = withConsumer();
            subscribe(engine, arn, 'TRIM_HORIZON');
            for (const [wait, key] of steps) {
              engine.advanceBy(wait);
              put(engine, key);
            }
            engine.advanceBy(3000);
            const again = replay(engine.options, engine.commands(), engine.now());
            expect(digest(again)).toBe(digest(engine));
            const received = subscriptionEvents(engine.stream('s'), arn)[0]!.events.flatMap((e) => keysOf(e.Records!));
            expect(received).toEqual(steps.map(([, key]) => key));
          },
        ),
        { numRuns: 30 },
      );
    });
  });
});
