import { describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notFound,
  put,
  readShard,
  recordEvents,
  shardIterator,
  text,
} from './helpers';

const both = (type: string, also: boolean) =>
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no ' +
  `StartingSequenceNumber. Request specified ${type} and ${also ? 'also a' : 'no'} StartingSequenceNumber.`;

const readFrom = (engine: ReturnType<typeof newEngine>, iterator: string) =>
  readShard(engine, iterator).records.map((r) => text(r.Data));

describe('GetShardIterator', () => {
  describe('serialization', () => {
    it('should return SerializationException when ShardIteratorType is a number', () => {
      expectError(
        () => newEngine().call('GetShardIterator', { StreamName: 's', ShardId: 'a', ShardIteratorType: 1 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
    it('should return SerializationException when Timestamp is a boolean', () => {
      expectError(
        () =>
          newEngine().call('GetShardIterator', {
            StreamName: 's',
            ShardId: 'a',
            ShardIteratorType: 'AT_TIMESTAMP',
            Timestamp: true,
          }),
        'SerializationException',
        'class java.lang.Boolean can not be converted to milliseconds since epoch',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing members, alphabetically (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('GetShardIterator', {}),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value null at 'shardId' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for an unknown iterator type', () => {
      expectError(
        () =>
          newEngine().call('GetShardIterator', { StreamName: 's', ShardId: 'shardId-0', ShardIteratorType: 'OLDEST' }),
        'ValidationException',
        "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]',
      );
    });
    it('should return ValidationException for a malformed StartingSequenceNumber', () => {
      expectError(
        () =>
          newEngine().call('GetShardIterator', {
            StreamName: 's',
            ShardId: 'shardId-0',
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            StartingSequenceNumber: '-1',
          }),
        'ValidationException',
        "1 validation error detected: Value '-1' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException naming the shard if the stream does not exist, the stream if CREATING', () => {
      const engine = newEngine();
      expectError(
        () => shardIterator(engine, 's', 'shardId-0'),
        'ResourceNotFoundException',
        `Shard shardId-000000000000 in stream s under account ${ACCOUNT} does not exist`,
      );
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectError(() => shardIterator(engine, 's', 'shardId-0'), 'ResourceNotFoundException', notFound('s'));
    });

    it('should find shards leniently: everything after the first dash is the index', () => {
      const engine = newEngine();
      activeStream(engine, 's', 6);
      put(engine, 's', 'x', 'x', String(5n * ((1n << 128n) / 6n)));
      expect(readFrom(engine, shardIterator(engine, 's', 'shardId-5'))).toEqual(['x']);
      expect(readFrom(engine, shardIterator(engine, 's', 'foo-000005'))).toEqual(['x']);
    });

    it('should return ResourceNotFoundException for a shard index that does not exist', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectFailureChangesNothing(
        engine,
        () => shardIterator(engine, 's', 'shardId-7'),
        'ResourceNotFoundException',
        `Shard shardId-000000000007 in stream s under account ${ACCOUNT} does not exist`,
      );
    });

    it('should return ResourceNotFoundException for a closed shard once it expired', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' });
      engine.advanceBy(engine.options.timings.updateStreamMs);
      engine.advanceBy(24 * 3600_000);
      shardIterator(engine, 's', 'shardId-0');
      engine.advanceBy(1);
      expectError(
        () => shardIterator(engine, 's', 'shardId-0'),
        'ResourceNotFoundException',
        `Shard shardId-000000000000 in stream s under account ${ACCOUNT} does not exist`,
      );
    });

    it('should return ResourceNotFoundException for a shard id that does not parse', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectError(
        () => shardIterator(engine, 's', 'shardId-abc'),
        'ResourceNotFoundException',
        `Could not find shard shardId-abc in stream s under account ${ACCOUNT}.`,
      );
      expectError(
        () => shardIterator(engine, 's', 'shardId-2147483648'),
        'ResourceNotFoundException',
        `Could not find shard shardId-2147483648 in stream s under account ${ACCOUNT}.`,
      );
    });

    it('should refuse a StartingSequenceNumber with TRIM_HORIZON or LATEST', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const n = put(engine, 's', 'a').SequenceNumber!;
      for (const type of ['TRIM_HORIZON', 'LATEST'] as const) {
        expectError(
          () => shardIterator(engine, 's', 'shardId-0', type, { StartingSequenceNumber: n }),
          'InvalidArgumentException',
          both(type, true),
        );
      }
    });

    it('should require a StartingSequenceNumber with AT_ and AFTER_SEQUENCE_NUMBER', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
        expectError(() => shardIterator(engine, 's', 'shardId-0', type), 'InvalidArgumentException', both(type, false));
      }
    });

    it('should refuse a sequence number of another shard, naming both shards', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const n = put(engine, 's', 'b').SequenceNumber!;
      expectError(
        () => shardIterator(engine, 's', 'shardId-0', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: n }),
        'InvalidArgumentException',
        'Invalid StartingSequenceNumber. It encodes shardId-000000000001, while it was used in a call to a shard with shardId-000000000000',
      );
    });

    it('should refuse a sequence number of the same shard index in another stream', () => {
      const engine = newEngine();
      activeStream(engine, 'a', 1);
      engine.advanceBy(5000);
      activeStream(engine, 'b', 1);
      const n = put(engine, 'a', 'k').SequenceNumber!;
      expectError(
        () => shardIterator(engine, 'b', 'shardId-0', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: n }),
        'InvalidArgumentException',
        `StartingSequenceNumber ${n} used in GetShardIterator on shard shardId-000000000000 in stream b under account ${ACCOUNT} is invalid because it did not come from this stream.`,
      );
    });

    it('should refuse a sequence number the service could not have issued', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      // A small number reads as the old layout, whose low 16 bits name a shard.
      expectError(
        () => shardIterator(engine, 's', 'shardId-0', 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: '12345' }),
        'InvalidArgumentException',
        'Invalid StartingSequenceNumber. It encodes shardId-000000012345, while it was used in a call to a shard with shardId-000000000000',
      );
    });

    it('should require a Timestamp with AT_TIMESTAMP and refuse one in the future', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectError(
        () => shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP'),
        'InvalidArgumentException',
        'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
      );
      const now = engine.now();
      expectError(
        () => shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP', { Timestamp: new Date(now + 1) }),
        'InvalidArgumentException',
        `The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: ${now + 1}, currentTimestampInMillis: ${now}`,
      );
    });

    it('should position each iterator type where the service does', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      const t1 = engine.now();
      const a = put(engine, 's', 'a').SequenceNumber!;
      engine.advanceBy(1000);
      const t2 = engine.now();
      const b = put(engine, 's', 'b').SequenceNumber!;
      engine.advanceBy(1000);
      put(engine, 's', 'c');
      const latest = shardIterator(engine, 's', 'shardId-0', 'LATEST');
      put(engine, 's', 'd');
      expect(readFrom(engine, shardIterator(engine, 's', 'shardId-0'))).toEqual(['a', 'b', 'c', 'd']);
      expect(readFrom(engine, latest)).toEqual(['d']);
      expect(
        readFrom(engine, shardIterator(engine, 's', 'shardId-0', 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: b })),
      ).toEqual(['b', 'c', 'd']);
      expect(
        readFrom(
          engine,
          shardIterator(engine, 's', 'shardId-0', 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: a }),
        ),
      ).toEqual(['b', 'c', 'd']);
      expect(
        readFrom(engine, shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP', { Timestamp: new Date(t2) })),
      ).toEqual(['b', 'c', 'd']);
      expect(
        readFrom(engine, shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP', { Timestamp: new Date(t1 + 1) })),
      ).toEqual(['b', 'c', 'd']);
      expect(
        readFrom(engine, shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP', { Timestamp: new Date(0) })),
      ).toEqual(['a', 'b', 'c', 'd']);
    });

    it('should start AT_TIMESTAMP before the trim horizon at the trim horizon', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      put(engine, 's', 'old');
      engine.advanceBy(23 * 3600_000);
      put(engine, 's', 'new');
      engine.advanceBy(3600_000 + 1);
      expect(
        readFrom(engine, shardIterator(engine, 's', 'shardId-0', 'AT_TIMESTAMP', { Timestamp: new Date(0) })),
      ).toEqual(['new']);
      expect(readFrom(engine, shardIterator(engine, 's', 'shardId-0'))).toEqual(['new']);
    });

    it('should issue opaque base64 iterators of at most 512 characters, even for a 128-character stream name', () => {
      const engine = newEngine();
      const name = 'n'.repeat(128);
      activeStream(engine, name, 1);
      const iterator = shardIterator(engine, name, 'shardId-0');
      expect(iterator.length).toBeLessThanOrEqual(512);
      expect(iterator).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(iterator).not.toContain(name);
    });

    it('should address the stream by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      const out = engine.call('GetShardIterator', {
        StreamARN: arnOf('s'),
        ShardId: 'shardId-0',
        ShardIteratorType: 'TRIM_HORIZON',
      });
      expect(readFrom(engine, out.ShardIterator!)).toEqual(['a']);
    });

    it('should log an iteratorIssued event', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      const events = recordEvents(engine);
      shardIterator(engine, 's', 'shardId-0', 'LATEST');
      expect(events[0]).toMatchObject({
        type: 'iteratorIssued',
        stream: 's',
        shardId: 'shardId-000000000000',
        iteratorType: 'LATEST',
        position: 1,
      });
      expect(events[1]).toMatchObject({ type: 'call', operation: 'GetShardIterator' });
    });

    it('should throttle above 5 calls per second per shard with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine, 's', 2);
      for (let i = 0; i < 5; i++) shardIterator(engine, 's', 'shardId-000000000000');
      expectFailureChangesNothing(
        engine,
        () => shardIterator(engine, 's', 'shardId-000000000000'),
        'LimitExceededException',
        `Rate exceeded for stream s under account ${ACCOUNT}.`,
      );
      shardIterator(engine, 's', 'shardId-000000000001');
      engine.advanceBy(1000);
      shardIterator(engine, 's', 'shardId-000000000000');
    });

    it('should count shardId-0 and shardId-000000000000 against the same per-shard budget', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine, 's', 1);
      for (let i = 0; i < 5; i++) shardIterator(engine, 's', 'shardId-000000000000');
      expectError(() => shardIterator(engine, 's', 'shardId-0'), 'LimitExceededException');
    });

    it('should not count a failed call against the rate', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine, 's', 1);
      for (let i = 0; i < 5; i++)
        expectError(
          () => shardIterator(engine, 's', 'shardId-000000000000', 'AT_SEQUENCE_NUMBER'),
          'InvalidArgumentException',
        );
      shardIterator(engine, 's', 'shardId-000000000000');
    });
  });
});
