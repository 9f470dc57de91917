import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createEngine,
  replay,
  type Engine,
  type EngineEvent,
  type EngineOptionsInput,
  KinesisError,
  checkpointDigest,
} from '../index';

const bytes = (text: string) => new TextEncoder().encode(text);
const ORDERS_KEY = 'alias/orders-stream';
const ORDERS_KEY_ID = '1d4f7a2b-3c5e-4f60-8a1b-2c3d4e5f6a7b';

function activeStream(options: EngineOptionsInput = {}, shards = 2, name = 's'): Engine {
  const engine = createEngine({ timings: 'fast', ...options });
  engine.call('CreateStream', { StreamName: name, ShardCount: shards });
  engine.advanceBy(1000);
  return engine;
}

function caught(fn: () => unknown): KinesisError {
  try {
    fn();
  } catch (error) {
    if (error instanceof KinesisError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

function status(engine: Engine, name = 's') {
  return engine.call('DescribeStream', { StreamName: name }).StreamDescription!;
}

/** Starts encryption and waits until the change has reached every shard. */
function encrypt(engine: Engine, keyId = ORDERS_KEY) {
  engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: keyId });
  engine.advanceBy(10_000);
}

function readAll(engine: Engine, shardId: string) {
  const it = engine.call('GetShardIterator', { StreamName: 's', ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' });
  return engine.call('GetRecords', { ShardIterator: it.ShardIterator! });
}

describe('StartStreamEncryption', () => {
  describe('validation', () => {
    it('should return InvalidOperationException if EncryptionType is NONE', () => {
      const engine = activeStream();
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'NONE', KeyId: ORDERS_KEY }),
      );
      expect(error.name).toBe('InvalidOperationException');
      expect(error.message).toContain('NONE');
      expect(status(engine).StreamStatus).toBe('ACTIVE');
    });

    it('should return ValidationException if KeyId and EncryptionType are missing', () => {
      const engine = activeStream();
      const error = caught(() => engine.call('StartStreamEncryption', { StreamName: 's' } as never));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toBe(
        "2 validation errors detected: Value null at 'encryptionType' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'keyId' failed to satisfy constraint: Member must not be null",
      );
    });

    it('should return ValidationException if EncryptionType is not in the enum', () => {
      const engine = activeStream();
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'AES' as never, KeyId: ORDERS_KEY }),
      );
      expect(error.message).toBe(
        "1 validation error detected: Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]",
      );
    });

    it('should accept a key GUID and alias/aws/kinesis but not a customer alias in the 2017-07 profile', () => {
      const engine = activeStream({ profile: '2017-07' });
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      );
      expect(error.name).toBe('InvalidArgumentException');
      expect(error.message).toBe(`Invalid KeyId ${ORDERS_KEY}. KeyId must be a key id (GUID) or alias/aws/kinesis.`);
      encrypt(engine, 'alias/aws/kinesis');
      expect(status(engine).KeyId).toBe('alias/aws/kinesis');
      engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
      engine.advanceBy(10_000);
      encrypt(engine, ORDERS_KEY_ID);
      expect(status(engine)).toMatchObject({ EncryptionType: 'KMS', KeyId: ORDERS_KEY_ID });
    });

    it('should accept key ARNs, alias names and alias ARNs in the current profile', () => {
      for (const keyId of [
        `arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID}`,
        ORDERS_KEY,
        'arn:aws:kms:us-east-1:123456789012:alias/orders-stream',
        ORDERS_KEY_ID,
      ]) {
        const engine = activeStream();
        encrypt(engine, keyId);
        expect(status(engine)).toMatchObject({ EncryptionType: 'KMS', KeyId: keyId });
      }
    });

    it('should return InvalidArgumentException if the KeyId is malformed', () => {
      const engine = activeStream();
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'my key' }),
      );
      expect(error.name).toBe('InvalidArgumentException');
      expect(error.message).toBe(
        'Invalid KeyId my key. KeyId must be a key id, key ARN, alias name (alias/...) or alias ARN.',
      );
    });

    it('should return KMSNotFoundException if a well-formed KeyId names no key', () => {
      const engine = activeStream();
      const alias = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/nope' }),
      );
      expect(alias.name).toBe('KMSNotFoundException');
      expect(alias.message).toBe('Alias arn:aws:kms:us-east-1:123456789012:alias/nope is not found.');
      const key = caught(() =>
        engine.call('StartStreamEncryption', {
          StreamName: 's',
          EncryptionType: 'KMS',
          KeyId: '00000000-0000-4000-8000-000000000000',
        }),
      );
      expect(key.name).toBe('KMSNotFoundException');
      expect(key.message).toBe(
        "Key 'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000' does not exist",
      );
      expect(status(engine).StreamStatus).toBe('ACTIVE');
    });

    it('should create the key on first use when KMS is lenient', () => {
      const engine = activeStream({ lenientKms: true });
      encrypt(engine, 'alias/made-up');
      expect(status(engine)).toMatchObject({ EncryptionType: 'KMS', KeyId: 'alias/made-up' });
      expect(engine.kmsKeys().some((key) => key.Aliases.includes('alias/made-up'))).toBe(true);
    });
  });

  describe('functionality', () => {
    it('should go UPDATING at once and ACTIVE after the configured delay', () => {
      const engine = activeStream({ timings: 'realistic' }, 1);
      engine.advanceBy(20_000);
      const start = engine.now();
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      expect(status(engine)).toMatchObject({ StreamStatus: 'UPDATING', EncryptionType: 'NONE' });
      engine.advanceTo(start + 4_999);
      expect(status(engine).StreamStatus).toBe('UPDATING');
      engine.advanceTo(start + 5_000);
      expect(status(engine)).toMatchObject({ StreamStatus: 'ACTIVE', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
    });

    it('should allow a "minutes" timing for the change', () => {
      const engine = activeStream({ timings: { encryptionMs: 120_000 } }, 1);
      engine.advanceBy(60_000);
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      engine.advanceBy(119_000);
      expect(status(engine).StreamStatus).toBe('UPDATING');
      engine.advanceBy(1_000);
      expect(status(engine).StreamStatus).toBe('ACTIVE');
    });

    it('should keep reads and writes working while UPDATING, with records still unencrypted', () => {
      const engine = activeStream({}, 1);
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      const put = engine.call('PutRecord', { StreamName: 's', Data: bytes('during'), PartitionKey: 'k' });
      expect(put.EncryptionType).toBeUndefined();
      const read = readAll(engine, 'shardId-000000000000');
      expect(read.Records!.map((r) => r.EncryptionType)).toEqual([undefined]);
    });

    it('should switch each shard at its own moment within 5 seconds after ACTIVE', () => {
      const engine = activeStream({}, 8);
      const reached: EngineEvent[] = [];
      let activeAt = 0;
      engine.subscribe((event) => {
        if (event.type === 'encryptionReachedShard') reached.push(event);
        if (event.type === 'streamStatus' && event.status === 'ACTIVE' && event.reason === 'StartStreamEncryption')
          activeAt = event.t;
      });
      encrypt(engine);
      expect(reached).toHaveLength(8);
      const moments = reached.map((event) => event.t);
      for (const t of moments) {
        expect(t).toBeGreaterThan(activeAt);
        expect(t).toBeLessThanOrEqual(activeAt + 5_000);
      }
      expect(new Set(moments).size).toBeGreaterThan(1);
      expect(
        reached.every(
          (event) =>
            event.type === 'encryptionReachedShard' && event.encryptionType === 'KMS' && event.keyId === ORDERS_KEY,
        ),
      ).toBe(true);
    });

    it('should mark every record with the encryption its shard had when it arrived', () => {
      const engine = activeStream({}, 4);
      const moments = new Map<string, number>();
      engine.subscribe((event) => {
        if (event.type === 'encryptionReachedShard') moments.set(event.shardId, event.t);
      });
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      for (let step = 0; step < 120; step++) {
        const records = [0, 1, 2, 3].map((i) => ({ Data: bytes('x'), PartitionKey: `key-${step}-${i}` }));
        engine.call('PutRecords', { StreamName: 's', Records: records });
        engine.advanceBy(50);
      }
      for (const shard of [
        'shardId-000000000000',
        'shardId-000000000001',
        'shardId-000000000002',
        'shardId-000000000003',
      ]) {
        const moment = moments.get(shard)!;
        const records = readAll(engine, shard).Records!;
        for (const record of records) {
          const expected = record.ApproximateArrivalTimestamp!.getTime() >= moment ? 'KMS' : undefined;
          expect(record.EncryptionType).toBe(expected);
        }
        expect(records.some((r) => r.EncryptionType === undefined)).toBe(true);
        expect(records.some((r) => r.EncryptionType === 'KMS')).toBe(true);
      }
    });

    it('should show EncryptionType and KeyId in DescribeStream and DescribeStreamSummary', () => {
      const engine = activeStream();
      expect(status(engine).EncryptionType).toBe('NONE');
      expect(status(engine).KeyId).toBeUndefined();
      encrypt(engine);
      const summary = engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary!;
      expect(summary).toMatchObject({ EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      expect(status(engine)).toMatchObject({ EncryptionType: 'KMS', KeyId: ORDERS_KEY });
    });

    it('should return EncryptionType KMS from PutRecord, PutRecords and GetRecords once the change has spread', () => {
      const engine = activeStream({}, 1);
      encrypt(engine);
      expect(engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' }).EncryptionType).toBe(
        'KMS',
      );
      expect(
        engine.call('PutRecords', { StreamName: 's', Records: [{ Data: bytes('b'), PartitionKey: 'k' }] })
          .EncryptionType,
      ).toBe('KMS');
      expect(readAll(engine, 'shardId-000000000000').Records!.map((r) => r.EncryptionType)).toEqual(['KMS', 'KMS']);
    });

    it('should allow re-encrypting with another key while encrypted, counting it as a key application', () => {
      const engine = activeStream({}, 1);
      encrypt(engine, ORDERS_KEY);
      encrypt(engine, 'alias/audit-logs');
      expect(status(engine).KeyId).toBe('alias/audit-logs');
      expect(engine.stream('s')!.keyApplications).toHaveLength(2);
    });

    it('should give children of a split after the change the new encryption', () => {
      const engine = activeStream({}, 1);
      encrypt(engine);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      engine.advanceBy(1000);
      const put = engine.call('PutRecord', {
        StreamName: 's',
        Data: bytes('a'),
        PartitionKey: 'k',
        ExplicitHashKey: '5',
      });
      expect(put).toMatchObject({ ShardId: 'shardId-000000000001', EncryptionType: 'KMS' });
    });
  });

  describe('state conflicts', () => {
    it('should return ResourceInUseException if the stream is UPDATING', () => {
      const engine = activeStream();
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      for (const call of [
        () => engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
        () => engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
        () => engine.call('DeleteStream', { StreamName: 's' }),
        () =>
          engine.call('SplitShard', {
            StreamName: 's',
            ShardToSplit: 'shardId-000000000000',
            NewStartingHashKey: '1000',
          }),
      ]) {
        const error = caught(call);
        expect(error.name).toBe('ResourceInUseException');
        expect(error.message).toBe('Stream s under account 123456789012 not ACTIVE, instead in state UPDATING');
      }
    });

    it('should return ResourceNotFoundException if the stream does not exist', () => {
      const engine = createEngine();
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 'nope', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      );
      expect(error).toMatchObject({
        name: 'ResourceNotFoundException',
        message: 'Stream nope under account 123456789012 not found.',
      });
    });

    it('should return ResourceInUseException if the stream is CREATING', () => {
      const engine = createEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      );
      expect(error.message).toBe('Stream s under account 123456789012 not ACTIVE, instead in state CREATING');
    });
  });

  describe('rolling 24-hour budgets', () => {
    it('should allow 25 key applications per rolling 24 hours and refuse the 26th until the window slides', () => {
      const engine = activeStream({}, 1);
      const first = engine.now();
      for (let i = 0; i < 25; i++) encrypt(engine, i % 2 ? ORDERS_KEY : 'alias/audit-logs');
      const error = caught(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      );
      expect(error.name).toBe('LimitExceededException');
      expect(error.message).toBe(
        'Stream s under account 123456789012 has applied a new key 25 times in the last 24 hours. This can be done at most 25 times in a rolling 24-hour period.',
      );
      engine.advanceTo(first + 86_400_000 - 1);
      expect(() =>
        engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      ).toThrow(KinesisError);
      engine.advanceTo(first + 86_400_000 + 1);
      engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
      expect(status(engine).StreamStatus).toBe('UPDATING');
    });

    it('should allow disabling encryption 25 times per rolling 24 hours', () => {
      const engine = activeStream({ lenientKms: false }, 1);
      for (let i = 0; i < 25; i++) {
        engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
        engine.advanceBy(10_000);
      }
      const error = caught(() =>
        engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
      );
      expect(error.name).toBe('LimitExceededException');
      expect(error.message).toContain('has disabled encryption 25 times in the last 24 hours');
      engine.advanceBy(86_400_000);
      engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
    });
  });
});

describe('StopStreamEncryption', () => {
  it('should return InvalidOperationException if EncryptionType is NONE', () => {
    const engine = activeStream();
    const error = caught(() =>
      engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'NONE', KeyId: ORDERS_KEY }),
    );
    expect(error.name).toBe('InvalidOperationException');
  });

  it('should leave records written before the change encrypted and new ones unencrypted once it has spread', () => {
    const engine = activeStream({}, 1);
    encrypt(engine);
    engine.call('PutRecord', { StreamName: 's', Data: bytes('before'), PartitionKey: 'k' });
    engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
    const during = engine.call('PutRecord', { StreamName: 's', Data: bytes('during'), PartitionKey: 'k' });
    expect(during.EncryptionType).toBe('KMS');
    engine.advanceBy(10_000);
    expect(status(engine).EncryptionType).toBe('NONE');
    expect(status(engine).KeyId).toBeUndefined();
    engine.call('PutRecord', { StreamName: 's', Data: bytes('after'), PartitionKey: 'k' });
    expect(readAll(engine, 'shardId-000000000000').Records!.map((r) => r.EncryptionType)).toEqual([
      'KMS',
      'KMS',
      undefined,
    ]);
  });
});

describe('KMS failures', () => {
  const failures: Array<{ setup: (engine: Engine) => void; name: string; put: string; get: string }> = [
    {
      setup: (e) => e.admin('kms:DisableKey', { KeyId: ORDERS_KEY }),
      name: 'KMSDisabledException',
      put: `arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID} is disabled.`,
      get: `arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID} is disabled.`,
    },
    {
      setup: (e) => e.admin('kms:ScheduleKeyDeletion', { KeyId: ORDERS_KEY, PendingWindowInDays: 7 }),
      name: 'KMSInvalidStateException',
      put: `arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID} is pending deletion.`,
      get: `arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID} is pending deletion.`,
    },
    {
      setup: (e) => e.admin('kms:SetKinesisAccess', { KeyId: ORDERS_KEY, Allowed: false }),
      name: 'KMSAccessDeniedException',
      put: `User: arn:aws:sts::123456789012:assumed-role/KinesisProducerRole/producer is not authorized to perform: kms:GenerateDataKey on resource: arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID}`,
      get: 'User *:* is not authorized to decrypt records in stream *',
    },
    {
      setup: (e) => e.admin('kms:SetThrottling', { KeyId: ORDERS_KEY, Throttled: true }),
      name: 'KMSThrottlingException',
      put: `Rate exceeded for key arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID}. Retry the request later.`,
      get: `Rate exceeded for key arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID}. Retry the request later.`,
    },
    {
      setup: (e) => e.admin('kms:SetOptIn', { OptedIn: false }),
      name: 'KMSOptInRequired',
      put: 'The AWS Access Key Id needs a subscription for the service',
      get: 'The AWS Access Key Id needs a subscription for the service',
    },
  ];

  for (const failure of failures) {
    describe(failure.name, () => {
      it(`should return ${failure.name} from StartStreamEncryption`, () => {
        const engine = activeStream({}, 1);
        failure.setup(engine);
        const error = caught(() =>
          engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY }),
        );
        expect(error).toMatchObject({ name: failure.name, message: failure.put });
        expect(status(engine).StreamStatus).toBe('ACTIVE');
      });

      it(`should fail the whole PutRecord call with ${failure.name}`, () => {
        const engine = activeStream({}, 1);
        encrypt(engine);
        failure.setup(engine);
        const error = caught(() => engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' }));
        expect(error).toMatchObject({ name: failure.name, message: failure.put });
        expect(engine.stream('s')!.shards[0]!.records.length).toBe(0);
      });

      it(`should fail each PutRecords record with ErrorCode ${failure.name}`, () => {
        const engine = activeStream({}, 1);
        encrypt(engine);
        failure.setup(engine);
        const result = engine.call('PutRecords', {
          StreamName: 's',
          Records: [
            { Data: bytes('a'), PartitionKey: 'k1' },
            { Data: bytes('b'), PartitionKey: 'k2' },
          ],
        });
        expect(result.FailedRecordCount).toBe(2);
        expect(result.Records).toEqual([
          { ErrorCode: failure.name, ErrorMessage: failure.put },
          { ErrorCode: failure.name, ErrorMessage: failure.put },
        ]);
      });

      it(`should fail GetRecords over encrypted records with ${failure.name}`, () => {
        const engine = activeStream({}, 1);
        encrypt(engine);
        engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' });
        const it = engine.call('GetShardIterator', {
          StreamName: 's',
          ShardId: 'shardId-000000000000',
          ShardIteratorType: 'TRIM_HORIZON',
        });
        failure.setup(engine);
        const error = caught(() => engine.call('GetRecords', { ShardIterator: it.ShardIterator! }));
        expect(error).toMatchObject({ name: failure.name, message: failure.get });
      });
    });
  }

  it('should only fail the PutRecords records that go to shards already switched to a broken key', () => {
    const engine = activeStream({}, 2);
    engine.subscribe(() => {});
    engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
    engine.advanceBy(500); // ACTIVE now; shards switch within the next 5 s
    const first = engine.stream('s')!.shards.map((s) => s.encryption);
    engine.admin('kms:DisableKey', { KeyId: ORDERS_KEY });
    // Find a moment when exactly one shard has switched.
    let guard = 0;
    while (engine.stream('s')!.shards.filter((s) => s.encryption !== 0).length !== 1 && guard++ < 5000)
      engine.advanceBy(1);
    expect(first).toEqual([0, 0]);
    const result = engine.call('PutRecords', {
      StreamName: 's',
      Records: [
        { Data: bytes('low'), PartitionKey: 'a', ExplicitHashKey: '0' },
        { Data: bytes('high'), PartitionKey: 'b', ExplicitHashKey: '340282366920938463463374607431768211455' },
      ],
    });
    expect(result.FailedRecordCount).toBe(1);
    expect(result.Records!.filter((r) => r.ErrorCode === 'KMSDisabledException')).toHaveLength(1);
    expect(result.Records!.filter((r) => r.SequenceNumber !== undefined)).toHaveLength(1);
  });

  it('should read unencrypted records even when the key is disabled', () => {
    const engine = activeStream({}, 1);
    engine.call('PutRecord', { StreamName: 's', Data: bytes('plain'), PartitionKey: 'k' });
    encrypt(engine);
    engine.admin('kms:DisableKey', { KeyId: ORDERS_KEY });
    const it = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    expect(engine.call('GetRecords', { ShardIterator: it.ShardIterator!, Limit: 1 }).Records).toHaveLength(1);
  });

  it('should recover once the key is enabled again, and find a deleted key gone', () => {
    const engine = activeStream({}, 1);
    encrypt(engine);
    engine.admin('kms:DisableKey', { KeyId: ORDERS_KEY });
    engine.admin('kms:EnableKey', { KeyId: ORDERS_KEY });
    expect(engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' }).EncryptionType).toBe(
      'KMS',
    );
    engine.admin('kms:ScheduleKeyDeletion', { KeyId: ORDERS_KEY, PendingWindowInDays: 7 });
    engine.advanceBy(7 * 86_400_000);
    const error = caught(() => engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' }));
    expect(error).toMatchObject({
      name: 'KMSNotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:123456789012:key/${ORDERS_KEY_ID}' does not exist`,
    });
  });
});

describe('KMS administration', () => {
  it('should start with alias/aws/kinesis and two customer keys with friendly aliases', () => {
    const keys = createEngine().kmsKeys();
    expect(keys.map((k) => k.Aliases[0])).toEqual(['alias/aws/kinesis', 'alias/orders-stream', 'alias/audit-logs']);
    expect(keys.every((k) => k.State === 'Enabled')).toBe(true);
  });

  it('should create keys with aliases that StartStreamEncryption can use', () => {
    const engine = activeStream({}, 1);
    engine.admin('kms:CreateKey', { Alias: 'alias/new-key', Description: 'demo' });
    encrypt(engine, 'alias/new-key');
    expect(status(engine).KeyId).toBe('alias/new-key');
  });

  it('should refuse to change the AWS-managed key and leave state untouched on bad input', () => {
    const engine = activeStream({}, 1);
    const before = checkpointDigest(engine.snapshot().checkpoint);
    expect(caught(() => engine.admin('kms:DisableKey', { KeyId: 'alias/aws/kinesis' })).name).toBe(
      'InvalidArgumentException',
    );
    expect(
      caught(() => engine.admin('kms:CreateAlias', { KeyId: ORDERS_KEY, Alias: 'alias/audit-logs' })).message,
    ).toBe('Alias alias/audit-logs already exists.');
    expect(
      caught(() => engine.admin('kms:ScheduleKeyDeletion', { KeyId: ORDERS_KEY, PendingWindowInDays: 3 })).message,
    ).toBe('PendingWindowInDays must be between 7 and 30.');
    expect(checkpointDigest(engine.snapshot().checkpoint)).toBe(before);
  });

  it('should replay KMS administration with the calls, to the same state', () => {
    const engine = activeStream({}, 2);
    encrypt(engine);
    engine.admin('kms:DisableKey', { KeyId: ORDERS_KEY });
    try {
      engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' });
    } catch {
      // expected: the key is disabled
    }
    engine.admin('kms:EnableKey', { KeyId: ORDERS_KEY });
    engine.call('PutRecord', { StreamName: 's', Data: bytes('a'), PartitionKey: 'k' });
    const again = replay(engine.options, engine.commands(), engine.now());
    expect(checkpointDigest(again.snapshot().checkpoint)).toBe(checkpointDigest(engine.snapshot().checkpoint));
  });
});

describe('property: every record carries the encryption of its shard at its arrival', () => {
  type Step =
    { kind: 'put'; key: string } | { kind: 'start'; key: string } | { kind: 'stop' } | { kind: 'wait'; ms: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('put' as const), key: fc.string({ minLength: 1, maxLength: 8 }) }),
    fc.record({
      kind: fc.constant('start' as const),
      key: fc.constantFrom(ORDERS_KEY, 'alias/audit-logs', 'alias/aws/kinesis'),
    }),
    fc.record({ kind: fc.constant('stop' as const) }),
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
  );

  it('holds for random interleavings of writes, Start/Stop and time steps', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 1000 }), (steps, seed) => {
        const engine = activeStream({ seed }, 3);
        // The truth per shard: the sequence of (moment, type) switches, from the event log.
        const switches = new Map<string, Array<{ t: number; type: string }>>();
        const activations: Array<{ t: number; type: string }> = [];
        engine.subscribe((event) => {
          if (event.type === 'encryptionReachedShard') {
            const list = switches.get(event.shardId) ?? [];
            list.push({ t: event.t, type: event.encryptionType });
            switches.set(event.shardId, list);
          }
          if (
            event.type === 'streamStatus' &&
            event.status === 'ACTIVE' &&
            event.reason?.endsWith('StreamEncryption')
          ) {
            activations.push({ t: event.t, type: event.reason === 'StartStreamEncryption' ? 'KMS' : 'NONE' });
          }
        });
        const written: Array<{ shardId: string; t: number; type: string }> = [];
        for (const s of steps) {
          try {
            if (s.kind === 'put') {
              const out = engine.call('PutRecord', { StreamName: 's', Data: bytes('x'), PartitionKey: s.key });
              written.push({ shardId: out.ShardId!, t: engine.now(), type: out.EncryptionType ?? 'NONE' });
            } else if (s.kind === 'start') {
              engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: s.key });
            } else if (s.kind === 'stop') {
              engine.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: ORDERS_KEY });
            } else {
              engine.advanceBy(s.ms);
            }
          } catch (error) {
            if (!(error instanceof KinesisError)) throw error;
          }
        }
        for (const record of written) {
          const before = (switches.get(record.shardId) ?? []).filter((sw) => sw.t <= record.t);
          const expected = before.length ? before[before.length - 1]!.type : 'NONE';
          expect(record.type).toBe(expected);
          // Once a change's 5-second window has passed, later records carry its type.
          const settled = activations.filter((a) => a.t + 5_000 <= record.t);
          const last = settled[settled.length - 1];
          const newer = activations.filter((a) => a.t > (last?.t ?? -Infinity) && a.t <= record.t);
          if (last && newer.length === 0) expect(record.type).toBe(last.type);
        }
      }),
      { numRuns: 60 },
    );
  });
});
