import { describe, expect, it } from 'vitest';
import { hashKeyOf, md5Hex, parseSequenceNumber } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  bytes,
  expectError,
  expectFailureChangesNothing,
  MAX_HASH,
  newEngine,
  notFound,
  put,
  recordEvents,
  settle,
  shardIterator,
  shards,
  text,
} from './helpers';

const rateText = (shard: string, stream = 's') =>
  `Rate exceeded for shard ${shard} in stream ${stream} under account ${ACCOUNT}.`;

describe('PutRecord', () => {
  describe('serialization', () => {
    it('should return SerializationException when Data is not base64 of a multiple of 4 characters', () => {
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: 'abcde' }),
        'SerializationException',
        "'abcde' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5",
      );
    });
    it('should return SerializationException when Data is a number', () => {
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: 12 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob',
      );
    });
    it('should return SerializationException when Data is a boolean', () => {
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: true }),
        'SerializationException',
        'class java.lang.Boolean can not be converted to a Blob',
      );
    });
    it('should return SerializationException when PartitionKey is a list', () => {
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: [], Data: bytes('x') }),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
    it('should accept Data as canonical base64 text and store the decoded bytes', () => {
      const engine = newEngine();
      activeStream(engine);
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: 'aGk=' });
      expect(text(engine.stream('s')!.shards[0]!.records.data(0))).toBe('hi');
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing Data, PartitionKey and StreamName, in the service order (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('PutRecord', {}),
        'ValidationException',
        '3 validation errors detected: ' +
          "Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'data' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should print a too large blob as a HeapByteBuffer (2017-07: 1 MiB)', () => {
      const data = new Uint8Array(1048577);
      expectError(
        () => newEngine({ profile: '2017-07' }).call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: data }),
        'ValidationException',
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: " +
          'Member must have length less than or equal to 1048576',
      );
    });
    it('should return ValidationException for an empty or too long PartitionKey', () => {
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: '', Data: bytes('x') }),
        'ValidationException',
        "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      const key = 'k'.repeat(257);
      expectError(
        () => newEngine().call('PutRecord', { StreamName: 's', PartitionKey: key, Data: bytes('x') }),
        'ValidationException',
        `1 validation error detected: Value '${key}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    });
    it('should count PartitionKey length in Unicode characters', () => {
      const engine = newEngine();
      activeStream(engine);
      engine.call('PutRecord', { StreamName: 's', PartitionKey: '😀'.repeat(256), Data: bytes('x') });
    });
    it('should return ValidationException for malformed ExplicitHashKey and SequenceNumberForOrdering', () => {
      expectError(
        () =>
          newEngine().call('PutRecord', {
            StreamName: 's',
            PartitionKey: 'a',
            Data: bytes('x'),
            ExplicitHashKey: '01',
            SequenceNumberForOrdering: 'x',
          }),
        'ValidationException',
        '2 validation errors detected: ' +
          "Value 'x' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); " +
          "Value '01' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      const engine = newEngine();
      expectError(() => put(engine, 'x', 'a'), 'ResourceNotFoundException', notFound('x'));
    });

    it('should return ResourceNotFoundException if stream is CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectFailureChangesNothing(engine, () => put(engine, 's', 'a'), 'ResourceNotFoundException', notFound('s'));
    });

    it('should keep accepting writes while UPDATING', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      expect(put(engine, 's', 'a').ShardId).toBe('shardId-000000000000');
    });

    it('should route by the MD5 of the partition key as a 128-bit big-endian integer', () => {
      expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
      expect(hashKeyOf('a')).toBe(0x0cc175b9c0f1b6a831c399e269772661n);
      const engine = newEngine();
      activeStream(engine, 's', 2);
      expect(put(engine, 's', 'a').ShardId).toBe('shardId-000000000000');
      expect(md5Hex('b').startsWith('92')).toBe(true);
      expect(put(engine, 's', 'b').ShardId).toBe('shardId-000000000001');
    });

    it('should hash the UTF-8 bytes of the partition key (known MD5 vectors)', () => {
      expect(md5Hex('The quick brown fox jumps over the lazy dog')).toBe('9e107d9d372bb6826bd81d3542a419d6');
      expect(md5Hex('é')).toBe('66ddcd97cfdeabb2f6fb8a999b4bc76f');
      expect(md5Hex('😀')).toBe('2a02eac39d716a70ecf37579185927b6');
      const engine = newEngine();
      activeStream(engine, 's', 2);
      // 0x66… and 0x2a… are in the lower half, 0x9e… in the upper half.
      expect(put(engine, 's', 'é').ShardId).toBe('shardId-000000000000');
      expect(put(engine, 's', '😀').ShardId).toBe('shardId-000000000000');
      expect(put(engine, 's', 'The quick brown fox jumps over the lazy dog').ShardId).toBe('shardId-000000000001');
    });

    it('should route by ExplicitHashKey instead of the partition key, boundaries inclusive', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const boundary = 170141183460469231731687303715884105728n;
      expect(put(engine, 's', 'b', 'x', '0').ShardId).toBe('shardId-000000000000');
      expect(put(engine, 's', 'b', 'x', String(boundary - 1n)).ShardId).toBe('shardId-000000000000');
      expect(put(engine, 's', 'a', 'x', String(boundary)).ShardId).toBe('shardId-000000000001');
      expect(put(engine, 's', 'a', 'x', String(MAX_HASH)).ShardId).toBe('shardId-000000000001');
    });

    it('should return InvalidArgumentException for an ExplicitHashKey of 2^128 or more', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const key = String(MAX_HASH + 1n);
      expectFailureChangesNothing(
        engine,
        () => put(engine, 's', 'a', 'x', key),
        'InvalidArgumentException',
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${key}`,
      );
    });

    it('should return 56-digit sequence numbers in the real layout that grow within a shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.advanceBy(2500);
      const first = put(engine, 's', 'a');
      const second = put(engine, 's', 'b');
      engine.advanceBy(1000);
      const third = put(engine, 's', 'c');
      expect(first).toEqual({
        ShardId: 'shardId-000000000000',
        SequenceNumber: expect.stringMatching(/^\d{56}$/),
      });
      expect(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!)).toBe(true);
      expect(BigInt(third.SequenceNumber!) > BigInt(second.SequenceNumber!)).toBe(true);
      const hex = BigInt(first.SequenceNumber!).toString(16);
      expect(hex).toHaveLength(47);
      expect(hex[0]).toBe('2');
      expect(hex.at(-1)).toBe('2');
      const parts = parseSequenceNumber(first.SequenceNumber!)!;
      expect(parts.shardIndex).toBe(0);
      expect(parts.shardCreatedSeconds).toBe(Math.floor((engine.options.startTime + 500) / 1000));
      expect(parts.recordSeconds).toBe(Math.floor((engine.now() - 1000) / 1000));
      expect(parseSequenceNumber(third.SequenceNumber!)!.recordSeconds).toBe(Math.floor(engine.now() / 1000));
      const start = BigInt(shards(engine, 's')[0]!.SequenceNumberRange!.StartingSequenceNumber!);
      expect(BigInt(first.SequenceNumber!) > start).toBe(true);
    });

    it('should give a greater number than SequenceNumberForOrdering', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const first = put(engine, 's', 'a');
      const other = put(engine, 's', 'b');
      put(engine, 's', 'b');
      const ordered = engine.call('PutRecord', {
        StreamName: 's',
        PartitionKey: 'a',
        Data: bytes('y'),
        SequenceNumberForOrdering: other.SequenceNumber!,
      });
      expect(BigInt(ordered.SequenceNumber!) > BigInt(first.SequenceNumber!)).toBe(true);
      const again = engine.call('PutRecord', {
        StreamName: 's',
        PartitionKey: 'a',
        Data: bytes('z'),
        SequenceNumberForOrdering: ordered.SequenceNumber!,
      });
      expect(BigInt(again.SequenceNumber!) > BigInt(ordered.SequenceNumber!)).toBe(true);
    });

    it('should return InvalidArgumentException for a SequenceNumberForOrdering this stream could not have issued', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectFailureChangesNothing(
        engine,
        () =>
          engine.call('PutRecord', {
            StreamName: 's',
            PartitionKey: 'a',
            Data: bytes('y'),
            SequenceNumberForOrdering: '12345',
          }),
        'InvalidArgumentException',
        `ExclusiveMinimumSequenceNumber 12345 used in PutRecord on stream s under account ${ACCOUNT} is invalid.`,
      );
    });

    it("should give a record ordered after a closed parent's EndingSequenceNumber a valid, greater number", () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      settle(engine);
      const ending = shards(engine, 's')[0]!.SequenceNumberRange!.EndingSequenceNumber!;
      const out = engine.call('PutRecord', {
        StreamName: 's',
        PartitionKey: 'a',
        Data: bytes('y'),
        ExplicitHashKey: '5',
        SequenceNumberForOrdering: ending,
      });
      expect(BigInt(out.SequenceNumber!)).toBeGreaterThan(BigInt(ending));
      shardIterator(engine, 's', out.ShardId!, 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: out.SequenceNumber! });
    });

    it('should return InvalidArgumentException when data plus partition key exceed the record size', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectFailureChangesNothing(
        engine,
        () => engine.call('PutRecord', { StreamName: 's', PartitionKey: 'ab', Data: new Uint8Array(1048575) }),
        'InvalidArgumentException',
      );
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: new Uint8Array(1048575) });
    });

    it('should write to a stream addressed by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expect(engine.call('PutRecord', { StreamARN: arnOf('s'), PartitionKey: 'a', Data: bytes('x') }).ShardId).toBe(
        'shardId-000000000000',
      );
    });

    it('should throttle the 1001st record in one second on one shard, and accept it the next second', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.advanceBy(1000 - (engine.now() % 1000));
      for (let i = 0; i < 1000; i++) put(engine, 's', `k${i}`, '');
      const events = recordEvents(engine);
      expectFailureChangesNothing(
        engine,
        () => put(engine, 's', 'late'),
        'ProvisionedThroughputExceededException',
        rateText('shardId-000000000000'),
      );
      expect(events.find((e) => e.type === 'throttled')).toMatchObject({
        direction: 'write',
        shardId: 'shardId-000000000000',
        operation: 'PutRecord',
        count: 1,
      });
      engine.advanceBy(1000);
      put(engine, 's', 'late');
    });

    it('should throttle above 1 MiB per second on one shard', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.advanceBy(1000 - (engine.now() % 1000));
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: new Uint8Array(600_000) });
      expectError(
        () => engine.call('PutRecord', { StreamName: 's', PartitionKey: 'b', Data: new Uint8Array(600_000) }),
        'ProvisionedThroughputExceededException',
        rateText('shardId-000000000000'),
      );
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'b', Data: new Uint8Array(400_000) });
    });

    it('should keep per-shard budgets separate', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.advanceBy(1000 - (engine.now() % 1000));
      for (let i = 0; i < 1000; i++) put(engine, 's', 'a', '', '0');
      expectError(() => put(engine, 's', 'a', '', '0'), 'ProvisionedThroughputExceededException');
      expect(put(engine, 's', 'a', '', String(MAX_HASH)).ShardId).toBe('shardId-000000000001');
    });

    it('should not throttle writes with throughput limits off', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      for (let i = 0; i < 2000; i++) put(engine, 's', `k${i}`, '');
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: new Uint8Array(1_000_000) });
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'a', Data: new Uint8Array(1_000_000) });
      expect(engine.stream('s')!.shards[0]!.records.length).toBe(2002);
    });

    it('should log the records written to their shard, then the call with its input, output, stream and origin', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const events = recordEvents(engine);
      const input = { StreamName: 's', PartitionKey: 'ä', Data: bytes('xyz') };
      const output = engine.call('PutRecord', input, 'producer-1');
      expect(events).toEqual([
        {
          type: 'recordsWritten',
          seq: expect.any(Number),
          t: engine.now(),
          stream: 's',
          shardId: 'shardId-000000000000',
          operation: 'PutRecord',
          from: 0,
          count: 1,
          // The key counts as its UTF-8 bytes (2 for "ä"), as the write limits count it.
          bytes: 5,
        },
        {
          type: 'call',
          seq: expect.any(Number),
          t: engine.now(),
          operation: 'PutRecord',
          input,
          output,
          origin: 'producer-1',
          stream: 's',
        },
      ]);
    });
  });
});
