import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OPERATIONS, createEngine, operationsFor } from '../../engine';
import { groupOperations, validate } from './Console';
import { asBoto3, asCli, asSdkJs, copyAs, shellQuote } from './copyAs';
import { defaultsFor, type DefaultsContext } from './defaults';
import { bytesFromText, textFromBytes, toSdk, toWire } from './wire';

const shapeOf = (op: string) => OPERATIONS.get(op)!.input('current');

describe('operation picker', () => {
  it('should list every operation of each profile exactly once, grouped', () => {
    for (const profile of ['current', '2017-07'] as const) {
      const ops = operationsFor(profile);
      const listed = groupOperations(ops, '').flatMap(([, list]) => list.map((op) => op.name));
      expect(listed.sort()).toEqual(ops.map((op) => op.name).sort());
    }
  });

  it('should filter by name or help text, case-insensitively', () => {
    const names = groupOperations(operationsFor('current'), 'SPLIT').flatMap(([, l]) => l.map((o) => o.name));
    expect(names).toContain('SplitShard');
    expect(names).not.toContain('CreateStream');
    expect(names).not.toContain('PutRecord');
  });
});

describe('validate', () => {
  it('should give the service texts, keyed by parameter path', () => {
    const v = validate(shapeOf('PutRecords'), { StreamName: 'ok', Records: [{ Data: 'aGk=' }] });
    expect(v.problems).toEqual([
      "Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null",
    ]);
    expect(v.byPath.get('records.1.member.partitionKey')).toEqual(['Member must not be null']);
  });

  it('should report a wrong JSON type as the SerializationException text', () => {
    expect(validate(shapeOf('CreateStream'), { StreamName: 'a', ShardCount: 'two' }).serialization).toBe(
      'class java.lang.String can not be converted to an Integer',
    );
  });
});

describe('wire form', () => {
  it('should send wire values as SDK values, and wrong types untouched so the engine answers', () => {
    const engine = createEngine({ timings: 'fast' });
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    engine.advanceBy(1000);
    const input = toSdk(shapeOf('PutRecord'), { StreamName: 's', PartitionKey: 'k', Data: 'aGk=' });
    expect((input as { Data: Uint8Array }).Data).toEqual(new TextEncoder().encode('hi'));
    expect(toSdk(shapeOf('PutRecord'), { StreamName: 5 })).toEqual({ StreamName: 5 });
    expect(() => engine.call('PutRecord', { StreamName: 5 })).toThrow(/can not be converted to an String/);
  });

  it('should convert blobs and dates to the wire and back', () => {
    expect(toWire({ Data: new Uint8Array([104, 105]), T: new Date(1_500_000_000_500), K: 5 })).toEqual({
      Data: 'aGk=',
      T: 1_500_000_000.5,
      K: 5,
    });
  });

  it('should read hex and text faithfully (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(bytesFromText(textFromBytes(bytes, 'hex'), 'hex')).toEqual(bytes);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(textFromBytes(bytesFromText(text, 'text') as Uint8Array, 'text')).toBe(text);
      }),
    );
    expect(bytesFromText('4', 'hex')).toMatch(/pairs/);
  });
});

describe('defaults', () => {
  const engine = createEngine({ timings: 'fast' });
  engine.call('CreateStream', { StreamName: 'orders', ShardCount: 2 });
  engine.advanceBy(1000);
  const ctx = (operation: string, extra: Partial<DefaultsContext> = {}): DefaultsContext => ({
    operation,
    selection: {},
    streams: engine.streams(),
    recent: [],
    serial: 3,
    ...extra,
  });

  it('should fill a fresh stream name for CreateStream and the selected stream elsewhere', () => {
    expect(defaultsFor(shapeOf('CreateStream'), ctx('CreateStream'))).toEqual({
      StreamName: 'my-stream',
      ShardCount: 2,
    });
    expect(defaultsFor(shapeOf('PutRecord'), ctx('PutRecord'))).toMatchObject({
      StreamName: 'orders',
      PartitionKey: 'key-3',
    });
  });

  it('should split the selected shard at its middle and merge it with its neighbour', () => {
    const split = defaultsFor(
      shapeOf('SplitShard'),
      ctx('SplitShard', { selection: { stream: 'orders', shardId: 'shardId-000000000001' } }),
    );
    expect(split).toMatchObject({
      ShardToSplit: 'shardId-000000000001',
      NewStartingHashKey: (3n * 2n ** 126n).toString(),
    });
    const merge = defaultsFor(shapeOf('MergeShards'), ctx('MergeShards'));
    expect(merge).toMatchObject({ ShardToMerge: 'shardId-000000000000', AdjacentShardToMerge: 'shardId-000000000001' });
  });

  it('should reuse the newest iterator for GetRecords', () => {
    const recent = [
      { operation: 'GetRecords', ok: true, output: { NextShardIterator: 'next' } },
      { operation: 'GetShardIterator', ok: true, output: { ShardIterator: 'first' } },
    ];
    expect(defaultsFor(shapeOf('GetRecords'), ctx('GetRecords', { recent }))).toMatchObject({ ShardIterator: 'next' });
  });

  it('should give every operation defaults the service accepts', () => {
    const recent = [{ operation: 'GetShardIterator', ok: true, output: { ShardIterator: 'it' } }];
    for (const def of operationsFor('current')) {
      const v = validate(def.input('current'), defaultsFor(def.input('current'), ctx(def.name, { recent })));
      expect([def.name, v.serialization, v.problems]).toEqual([def.name, undefined, []]);
    }
  });
});

describe('Copy as', () => {
  const shape = shapeOf('PutRecord');
  const input = { StreamName: 'orders', PartitionKey: "it's", Data: 'aGk=' };

  it('should write an AWS CLI command with kebab-case flags and quoted values', () => {
    const cli = asCli('PutRecord', shape, input, 'eu-west-1');
    expect(cli).toContain('aws kinesis put-record');
    expect(cli).toContain('--stream-name orders');
    expect(cli).toContain(`--partition-key 'it'\\''s'`);
    expect(cli).toContain('--data aGk=');
    expect(cli).toContain('--region eu-west-1');
    expect(cli).toContain('--cli-binary-format base64');
    expect(
      asCli(
        'UpdateShardCount',
        shapeOf('UpdateShardCount'),
        { StreamName: 's', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' },
        'us-east-1',
      ),
    ).toContain('--target-shard-count 4');
  });

  it('should write SDK v3 and boto3 snippets with bytes and dates as code', () => {
    const js = asSdkJs('PutRecord', shape, input, 'us-east-1');
    expect(js).toContain('import { KinesisClient, PutRecordCommand } from "@aws-sdk/client-kinesis";');
    expect(js).toContain('Data: Buffer.from("aGk=", "base64")');
    const py = asBoto3(
      'GetShardIterator',
      shapeOf('GetShardIterator'),
      { StreamName: 's', ShardId: 'a', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1500000000 },
      'us-east-1',
    );
    expect(py).toContain('client.get_shard_iterator(');
    expect(py).toContain('Timestamp=datetime.fromtimestamp(1500000000, tz=timezone.utc)');
    expect(py).toContain('from datetime import datetime, timezone');
    expect(copyAs('boto3', 'ListStreams', shapeOf('ListStreams'), {}, 'us-east-1')).toContain(
      'response = client.list_streams()',
    );
  });

  it('should quote any text so a POSIX shell reads it back unchanged (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const quoted = shellQuote(text);
        // Undo the quoting the way sh does: '...' segments are literal, \' is a quote.
        const unquoted = /^[A-Za-z0-9_./:=@%+-]+$/.test(quoted) ? quoted : quoted.slice(1, -1).split(`'\\''`).join("'");
        expect(unquoted).toBe(text);
      }),
    );
  });
});
