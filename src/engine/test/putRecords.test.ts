import type { PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
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
  readShard,
  recordEvents,
  shardIterator,
  text,
} from './helpers';

const entry = (key: string, data = key, explicitHashKey?: string) => ({
  Data: bytes(data),
  PartitionKey: key,
  ...(explicitHashKey !== undefined ? { ExplicitHashKey: explicitHashKey } : {}),
});
const ENTRY_TEXT = 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310';

describe('PutRecords', () => {
  describe('serialization', () => {
    it('should return SerializationException when Records is an object', () => {
      expectError(
        () => newEngine().call('PutRecords', { StreamName: 's', Records: {} }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
    it('should return SerializationException when Records is a string', () => {
      expectError(
        () => newEngine().call('PutRecords', { StreamName: 's', Records: 'x' }),
        'SerializationException',
        'Expected list or null',
      );
    });
    it('should return SerializationException for bad base64 inside an entry', () => {
      expectError(
        () => newEngine().call('PutRecords', { StreamName: 's', Records: [{ PartitionKey: 'a', Data: 'a=bc' }] }),
        'SerializationException',
        "'a=bc' can not be converted to a Blob: Invalid Base64 character: '='",
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for an empty Records list', () => {
      expectError(
        () => newEngine().call('PutRecords', { StreamName: 's', Records: [] }),
        'ValidationException',
        "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
    it('should return ValidationException for more than 500 entries, printing each entry as the service does', () => {
      const records = Array.from({ length: 501 }, (_, i) => entry(`k${i}`));
      expectError(
        () => newEngine().call('PutRecords', { StreamName: 's', Records: records }),
        'ValidationException',
        `1 validation error detected: Value '[${Array(501).fill(ENTRY_TEXT).join(', ')}]' at 'records' failed to satisfy constraint: ` +
          'Member must have length less than or equal to 500',
      );
    });
    it('should name nested members by their 1-based list path', () => {
      expectError(
        () =>
          newEngine().call('PutRecords', {
            StreamName: 's',
            Records: [entry('a'), { Data: bytes('x'), PartitionKey: '' }],
          }),
        'ValidationException',
        "1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
    it('should report at most 10 problems, with the count of those reported', () => {
      const records = Array.from({ length: 12 }, () => ({ Data: bytes('x') }));
      const error = (() => {
        try {
          newEngine().call('PutRecords', { StreamName: 's', Records: records });
        } catch (e) {
          return e as Error;
        }
        throw new Error('no error');
      })();
      expect(error.name).toBe('ValidationException');
      const items = Array.from(
        { length: 10 },
        (_, i) =>
          `Value null at 'records.${i + 1}.member.partitionKey' failed to satisfy constraint: Member must not be null`,
      );
      expect(error.message).toBe(`10 validation errors detected: ${items.join('; ')}`);
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist or is CREATING', () => {
      const engine = newEngine();
      expectError(
        () => engine.call('PutRecords', { StreamName: 's', Records: [entry('a')] }),
        'ResourceNotFoundException',
        notFound('s'),
      );
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectError(
        () => engine.call('PutRecords', { StreamName: 's', Records: [entry('a')] }),
        'ResourceNotFoundException',
        notFound('s'),
      );
    });

    it('should answer one result per entry, in order, with shard and increasing sequence numbers', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      const out = engine.call('PutRecords', { StreamName: 's', Records: [entry('a'), entry('b'), entry('a')] });
      expect(out.FailedRecordCount).toBe(0);
      expect(out.EncryptionType).toBeUndefined();
      expect(out.Records!.map((r) => r.ShardId)).toEqual([
        'shardId-000000000000',
        'shardId-000000000001',
        'shardId-000000000000',
      ]);
      expect(BigInt(out.Records![2]!.SequenceNumber!) > BigInt(out.Records![0]!.SequenceNumber!)).toBe(true);
      for (const r of out.Records!) expect(r.SequenceNumber).toMatch(/^\d{56}$/);
    });

    it('should write to a stream addressed by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const out = engine.call('PutRecords', { StreamARN: arnOf('s'), Records: [entry('a')] });
      expect(out.Records).toEqual([
        { SequenceNumber: expect.stringMatching(/^\d{56}$/), ShardId: 'shardId-000000000000' },
      ]);
    });

    it('should fail throttled entries alone and keep writing the rest', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.advanceBy(1000 - (engine.now() % 1000));
      const low = Array.from({ length: 500 }, (_, i) => entry(`k${i}`, '', '0'));
      expect(engine.call('PutRecords', { StreamName: 's', Records: low }).FailedRecordCount).toBe(0);
      expect(engine.call('PutRecords', { StreamName: 's', Records: low }).FailedRecordCount).toBe(0);
      const events = recordEvents(engine);
      const out = engine.call('PutRecords', {
        StreamName: 's',
        Records: [entry('x', 'x', '0'), entry('y', 'y', String(MAX_HASH)), entry('z', 'z', '1')],
      });
      expect(out.FailedRecordCount).toBe(2);
      const failed = {
        ErrorCode: 'ProvisionedThroughputExceededException',
        ErrorMessage: `Rate exceeded for shard shardId-000000000000 in stream s under account ${ACCOUNT}.`,
      };
      expect(out.Records).toEqual([
        failed,
        { SequenceNumber: expect.stringMatching(/^\d{56}$/), ShardId: 'shardId-000000000001' },
        failed,
      ]);
      expect(events.filter((e) => e.type === 'throttled')).toEqual([
        expect.objectContaining({
          direction: 'write',
          operation: 'PutRecords',
          shardId: 'shardId-000000000000',
          count: 2,
        }),
      ]);
      expect(engine.stream('s')!.shards[0]!.records.length).toBe(1000);
      engine.advanceBy(1000);
      expect(engine.call('PutRecords', { StreamName: 's', Records: [entry('x', 'x', '0')] }).FailedRecordCount).toBe(0);
    });

    it("should number each shard's records in call order, whatever order the shards come in", () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 3);
      const third = MAX_HASH / 3n;
      // Shards visited 2, 0, 1, 2, 0, …: not in hash-key order.
      const at = [2n * third + 5n, 5n, third + 5n];
      const records = Array.from({ length: 30 }, (_, i) => entry(`k${i}`, `r${i}`, String(at[i % 3]!)));
      const out = engine.call('PutRecords', { StreamName: 's', Records: records });
      for (const shardId of ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']) {
        const mine = out.Records!.flatMap((r, i) =>
          r.ShardId === shardId ? [{ n: r.SequenceNumber!, data: `r${i}` }] : [],
        );
        expect(mine).toHaveLength(10);
        const read = readShard(engine, shardIterator(engine, 's', shardId)).records;
        expect(read.map((r) => [r.SequenceNumber, text(r.Data)])).toEqual(mine.map((m) => [m.n, m.data]));
      }
    });

    it('should announce throttled shards in the order of their first throttled record', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      engine.advanceBy(1000 - (engine.now() % 1000));
      const fill = (explicit: string) => Array.from({ length: 500 }, (_, i) => entry(`k${i}`, '', explicit));
      for (const explicit of ['0', '0', String(MAX_HASH), String(MAX_HASH)])
        engine.call('PutRecords', { StreamName: 's', Records: fill(explicit) });
      const events = recordEvents(engine);
      // The later shard (1) fails first in the call.
      engine.call('PutRecords', {
        StreamName: 's',
        Records: [entry('a', 'a', String(MAX_HASH)), entry('b', 'b', '0'), entry('c', 'c', String(MAX_HASH))],
      });
      expect(events.filter((e) => e.type === 'throttled').map((e) => [e.shardId, e.count])).toEqual([
        ['shardId-000000000001', 2],
        ['shardId-000000000000', 1],
      ]);
    });

    it('should throttle by bytes per shard within one request', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      engine.advanceBy(1000 - (engine.now() % 1000));
      const big: PutRecordsRequestEntry = { Data: new Uint8Array(400_000), PartitionKey: 'a' };
      const out = engine.call('PutRecords', { StreamName: 's', Records: [big, big, big] });
      expect(out.Records!.map((r) => r.ErrorCode ?? 'ok')).toEqual([
        'ok',
        'ok',
        'ProvisionedThroughputExceededException',
      ]);
    });

    it('should write everything with throughput limits off', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      const records = Array.from({ length: 500 }, (_, i) => entry(`k${i}`));
      for (let i = 0; i < 3; i++)
        expect(engine.call('PutRecords', { StreamName: 's', Records: records }).FailedRecordCount).toBe(0);
    });

    it('should fail the whole request for an ExplicitHashKey out of range, writing nothing', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const key = String(MAX_HASH + 1n);
      expectFailureChangesNothing(
        engine,
        () => engine.call('PutRecords', { StreamName: 's', Records: [entry('a'), entry('b', 'b', key)] }),
        'InvalidArgumentException',
        `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${key}`,
      );
    });

    it('should fail the whole request above 5 MiB counting partition keys, writing nothing', () => {
      const engine = newEngine({ limits: { throughput: false } });
      activeStream(engine, 's', 1);
      const records = Array.from({ length: 5 }, (_, i) => ({
        Data: new Uint8Array(1048576 - 2),
        PartitionKey: `k${i}`,
      }));
      engine.call('PutRecords', { StreamName: 's', Records: records });
      records.push({ Data: new Uint8Array(5), PartitionKey: 'k' });
      expectFailureChangesNothing(
        engine,
        () => engine.call('PutRecords', { StreamName: 's', Records: records }),
        'InvalidArgumentException',
      );
    });

    it('should fail the whole request when one entry exceeds the record size', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      expectFailureChangesNothing(
        engine,
        () =>
          engine.call('PutRecords', {
            StreamName: 's',
            Records: [entry('a'), { Data: new Uint8Array(1048576), PartitionKey: 'k' }],
          }),
        'InvalidArgumentException',
      );
    });
  });
});
