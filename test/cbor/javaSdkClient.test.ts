/**
 * The endpoint through a client that sends what the AWS SDK for Java v2 sends (CBOR). Every
 * operation runs on two endpoints with the same clock and seed, one called in CBOR and one in
 * JSON 1.1, and each answer must carry the same values in both encodings (errors included); the
 * CBOR answers are then read byte by byte for what the Java SDK relies on.
 */
import { Tag, decode } from 'cbor2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/engine/index';
import { startServer, type RunningServer } from '../../src/server/server';
import { AMZ_CBOR, Timestamp, cbor, javaSdkCall, javaSdkHeaders, send, type RawAnswer } from './javaSdkClient';

const START = 1_600_000_000_000;
const ACCOUNT = '123456789012';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:${ACCOUNT}:stream/s`;
const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);

interface Twin {
  readonly server: RunningServer;
  advance(ms: number): void;
}

async function endpoint(): Promise<Twin> {
  let now = START;
  const server = await startServer(
    {
      port: 0,
      seed: 7,
      accountId: ACCOUNT,
      createStreamMs: 500,
      deleteStreamMs: 500,
      updateStreamMs: 500,
      throttling: false,
      kms: 'lenient',
      events: false,
    },
    { wallNow: () => now, monotonic: () => now },
  );
  return { server, advance: (ms) => (now += ms) };
}

/** A CBOR answer read without the endpoint's codec: tag 1 kept visible, byte strings as bytes. */
const readCbor = (body: Buffer): unknown =>
  decode(body, { ignoreGlobalTags: true, tags: new Map([[1, (tag) => new Tag(1, tag.contents)]]) });

/** A CBOR answer's values in JSON 1.1 form: bytes as base64, tag-1 milliseconds as epoch seconds. */
function asJsonValues(value: unknown): unknown {
  if (value instanceof Tag && Number(value.tag) === 1) return Number(value.contents) / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(asJsonValues);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJsonValues(v)]));
  return value;
}

/** An SDK-shaped input as JSON 1.1 (base64 blobs, epoch seconds) or as the Java SDK's CBOR values. */
function jsonInput(value: unknown): unknown {
  if (value instanceof Timestamp) return value.epochMillis / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonInput);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonInput(v)]));
  return value;
}

async function jsonCall(url: string, operation: string, input: unknown): Promise<RawAnswer> {
  const headers = { ...javaSdkHeaders(operation), 'Content-Type': 'application/x-amz-json-1.1' };
  return send(url, { headers, body: JSON.stringify(jsonInput(input)) });
}

type Step =
  | {
      readonly op: string;
      readonly input: (saved: Map<string, unknown>) => Record<string, unknown>;
      readonly save?: Record<string, (out: Record<string, unknown>) => unknown>;
    }
  | { readonly advanceMs: number };

const fixed = (input: Record<string, unknown>) => () => input;
const settle: Step = { advanceMs: 1_000 };

/** Every operation of the current API, in an order where each has something to act on. */
const SCENARIO: readonly Step[] = [
  { op: 'CreateStream', input: fixed({ StreamName: 's', ShardCount: 2 }) },
  settle,
  { op: 'DescribeStream', input: fixed({ StreamName: 's' }) },
  { op: 'DescribeStreamSummary', input: fixed({ StreamName: 's' }) },
  { op: 'ListStreams', input: fixed({}) },
  { op: 'ListShards', input: fixed({ StreamName: 's' }) },
  { op: 'DescribeLimits', input: fixed({}) },
  { op: 'PutRecord', input: fixed({ StreamName: 's', PartitionKey: 'a', ExplicitHashKey: '0', Data: EVERY_BYTE }) },
  {
    op: 'PutRecords',
    input: fixed({
      StreamName: 's',
      Records: [
        { PartitionKey: 'b', ExplicitHashKey: '0', Data: new Uint8Array([]) },
        { PartitionKey: 'c', ExplicitHashKey: '0', Data: EVERY_BYTE.slice().reverse() },
      ],
    }),
  },
  {
    op: 'GetShardIterator',
    input: fixed({ StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' }),
    save: { iterator: (out) => out.ShardIterator },
  },
  { op: 'GetRecords', input: (saved) => ({ ShardIterator: saved.get('iterator') }) },
  {
    op: 'GetShardIterator',
    input: fixed({
      StreamName: 's',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'AT_TIMESTAMP',
      Timestamp: new Timestamp(START + 500),
    }),
    save: { atTimestamp: (out) => out.ShardIterator },
  },
  { op: 'GetRecords', input: (saved) => ({ ShardIterator: saved.get('atTimestamp'), Limit: 2 }) },
  { op: 'AddTagsToStream', input: fixed({ StreamName: 's', Tags: { team: 'data', env: 'test' } }) },
  { op: 'ListTagsForStream', input: fixed({ StreamName: 's' }) },
  { op: 'RemoveTagsFromStream', input: fixed({ StreamName: 's', TagKeys: ['env'] }) },
  { op: 'TagResource', input: fixed({ ResourceARN: STREAM_ARN, Tags: { owner: 'me' } }) },
  { op: 'ListTagsForResource', input: fixed({ ResourceARN: STREAM_ARN }) },
  { op: 'UntagResource', input: fixed({ ResourceARN: STREAM_ARN, TagKeys: ['owner'] }) },
  { op: 'IncreaseStreamRetentionPeriod', input: fixed({ StreamName: 's', RetentionPeriodHours: 48 }) },
  settle,
  { op: 'DecreaseStreamRetentionPeriod', input: fixed({ StreamName: 's', RetentionPeriodHours: 24 }) },
  settle,
  { op: 'EnableEnhancedMonitoring', input: fixed({ StreamName: 's', ShardLevelMetrics: ['IncomingBytes'] }) },
  settle,
  { op: 'DisableEnhancedMonitoring', input: fixed({ StreamName: 's', ShardLevelMetrics: ['ALL'] }) },
  settle,
  { op: 'StartStreamEncryption', input: fixed({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }) },
  settle,
  { op: 'StopStreamEncryption', input: fixed({ StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }) },
  settle,
  {
    op: 'SplitShard',
    input: fixed({
      StreamName: 's',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '85070591730234615865843651857942052864',
    }),
  },
  settle,
  {
    op: 'MergeShards',
    input: fixed({
      StreamName: 's',
      ShardToMerge: 'shardId-000000000002',
      AdjacentShardToMerge: 'shardId-000000000003',
    }),
  },
  settle,
  { op: 'UpdateShardCount', input: fixed({ StreamName: 's', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }) },
  settle,
  {
    op: 'RegisterStreamConsumer',
    input: fixed({ StreamARN: STREAM_ARN, ConsumerName: 'c' }),
    save: { consumer: (out) => (out.Consumer as Record<string, unknown>).ConsumerARN },
  },
  settle,
  { op: 'DescribeStreamConsumer', input: (saved) => ({ ConsumerARN: saved.get('consumer') }) },
  { op: 'ListStreamConsumers', input: fixed({ StreamARN: STREAM_ARN }) },
  {
    op: 'SubscribeToShard',
    input: fixed({ ConsumerARN: 'nope', ShardId: 'shardId-000000000000', StartingPosition: { Type: 'LATEST' } }),
  },
  { op: 'DeregisterStreamConsumer', input: (saved) => ({ ConsumerARN: saved.get('consumer') }) },
  settle,
  { op: 'UpdateStreamMode', input: fixed({ StreamARN: STREAM_ARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } }) },
  settle,
  { op: 'UpdateMaxRecordSize', input: fixed({ StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 2048 }) },
  settle,
  { op: 'UpdateAccountSettings', input: fixed({ MinimumThroughputBillingCommitment: { Status: 'ENABLED' } }) },
  { op: 'UpdateStreamWarmThroughput', input: fixed({ StreamARN: STREAM_ARN, WarmThroughputMiBps: 10 }) },
  settle,
  {
    op: 'PutResourcePolicy',
    input: fixed({
      ResourceARN: STREAM_ARN,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
            Action: 'kinesis:GetRecords',
            Resource: STREAM_ARN,
          },
        ],
      }),
    }),
  },
  { op: 'GetResourcePolicy', input: fixed({ ResourceARN: STREAM_ARN }) },
  { op: 'DeleteResourcePolicy', input: fixed({ ResourceARN: STREAM_ARN }) },
  { op: 'DescribeAccountSettings', input: fixed({}) },
  { op: 'UpdateAccountSettings', input: fixed({ MinimumThroughputBillingCommitment: { Status: 'DISABLED' } }) },
  { op: 'DeleteStream', input: fixed({ StreamName: 's' }) },
];

interface Exchange {
  readonly op: string;
  readonly cbor: RawAnswer;
  readonly json: RawAnswer;
}

let cborSide: Twin;
let jsonSide: Twin;
const exchanges: Exchange[] = [];

beforeAll(async () => {
  [cborSide, jsonSide] = await Promise.all([endpoint(), endpoint()]);
  const savedCbor = new Map<string, unknown>();
  const savedJson = new Map<string, unknown>();
  for (const step of SCENARIO) {
    if ('advanceMs' in step) {
      cborSide.advance(step.advanceMs);
      jsonSide.advance(step.advanceMs);
      continue;
    }
    const cborAnswer = await javaSdkCall(cborSide.server.url, step.op, step.input(savedCbor));
    const jsonAnswer = await jsonCall(jsonSide.server.url, step.op, step.input(savedJson));
    exchanges.push({ op: step.op, cbor: cborAnswer, json: jsonAnswer });
    for (const [name, pick] of Object.entries(step.save ?? {})) {
      if (cborAnswer.status === 200) savedCbor.set(name, pick(readCbor(cborAnswer.body) as Record<string, unknown>));
      if (jsonAnswer.status === 200)
        savedJson.set(name, pick(JSON.parse(jsonAnswer.body.toString('utf8')) as Record<string, unknown>));
    }
  }
});

afterAll(async () => {
  await Promise.all([cborSide.server.close(), jsonSide.server.close()]);
});

describe('a Java SDK v2 client (CBOR) through every operation', () => {
  it('should call every operation of the current API', () => {
    const current = [...OPERATIONS].filter(([, def]) => def.profiles.includes('current')).map(([name]) => name);
    expect(new Set(exchanges.map((e) => e.op))).toEqual(new Set(current));
  });

  it('should answer each call with the same status and the same values as in JSON 1.1', () => {
    for (const { op, cbor: c, json: j } of exchanges) {
      const jsonValue = j.body.length === 0 ? undefined : (JSON.parse(j.body.toString('utf8')) as unknown);
      const cborValue = c.body.length === 0 ? undefined : asJsonValues(readCbor(c.body));
      expect({ op, status: c.status, value: cborValue }).toEqual({ op, status: j.status, value: jsonValue });
    }
  });

  it('should succeed where the scenario expects it (so the comparison above compares answers, not errors)', () => {
    const failed = exchanges.filter((e) => e.cbor.status !== 200 && e.op !== 'SubscribeToShard');
    expect(failed.map((e) => `${e.op}: ${JSON.stringify(asJsonValues(readCbor(e.cbor.body)))}`)).toEqual([]);
  });

  it('should answer in application/x-amz-cbor-1.1, errors included', () => {
    for (const { op, cbor: c } of exchanges) {
      expect({ op, type: c.headers['content-type'] }).toEqual({ op, type: AMZ_CBOR });
      expect(c.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('should give back Data with every byte value as a byte string, and arrival times as tag 1 around integer epoch milliseconds', () => {
    const read = exchanges.find((e) => e.op === 'GetRecords')!;
    const { Records } = readCbor(read.cbor.body) as { Records: Record<string, unknown>[] };
    expect(Records.map((r) => new Uint8Array(r.Data as Uint8Array))).toEqual([
      EVERY_BYTE,
      new Uint8Array([]),
      EVERY_BYTE.slice().reverse(),
    ]);
    for (const record of Records) {
      const arrival = record.ApproximateArrivalTimestamp as Tag;
      expect(arrival).toBeInstanceOf(Tag);
      expect(Number(arrival.tag)).toBe(1);
      expect(Number.isInteger(arrival.contents)).toBe(true);
      expect(arrival.contents).toBe(START + 1_000);
    }
    // The record's bytes sit in the body as a definite-length byte string (0x59 0x01 0x00 + 256 bytes).
    const at = read.cbor.body.indexOf(Buffer.concat([Buffer.from([0x59, 0x01, 0x00]), Buffer.from(EVERY_BYTE)]));
    expect(at).toBeGreaterThan(0);
  });

  it('should read a tag-1 timestamp as epoch milliseconds (as seconds it would lie 50,000 years ahead)', () => {
    const reads = exchanges.filter((e) => e.op === 'GetRecords');
    expect(reads[1]!.cbor.status).toBe(200);
    expect((readCbor(reads[1]!.cbor.body) as { Records: unknown[] }).Records).toHaveLength(2);
  });

  it('should write maps with indefinite length, as the service does', () => {
    const describe = exchanges.find((e) => e.op === 'DescribeStreamSummary')!;
    expect(describe.cbor.body[0]).toBe(0xbf);
    expect(describe.cbor.body[describe.cbor.body.length - 1]).toBe(0xff);
  });
});

describe('CBOR requests as Jackson writes them', () => {
  it('should read a long text string sent in chunks (indefinite length), as Jackson writes long strings', async () => {
    const { server } = await endpoint();
    try {
      const chunks = ['my-', 'chunked-', 'stream'].map((part) => cbor(part));
      // { StreamName: (_ "my-" "chunked-" "stream"), ShardCount: 1 }
      const body = Buffer.concat([
        Buffer.from([0xbf]),
        cbor('StreamName'),
        Buffer.from([0x7f]),
        ...chunks,
        Buffer.from([0xff]),
        cbor('ShardCount'),
        cbor(1),
        Buffer.from([0xff]),
      ]);
      const created = await send(server.url, { headers: javaSdkHeaders('CreateStream'), body });
      expect(created.status).toBe(200);
      expect(created.body.length).toBe(0);
      expect(server.engine.stream('my-chunked-stream')).toBeDefined();
    } finally {
      await server.close();
    }
  });

  it('should answer malformed CBOR with a CBOR SerializationException and change nothing', async () => {
    const { server } = await endpoint();
    try {
      for (const bad of [[0xbf, 0x61], [0x1c], [0xa1, 0x61, 0x61, 0x01, 0x00], new Array(200).fill(0x81)]) {
        const answer = await send(server.url, { headers: javaSdkHeaders('CreateStream'), body: Uint8Array.from(bad) });
        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toBe(AMZ_CBOR);
        expect(readCbor(answer.body)).toEqual({ __type: 'SerializationException' });
      }
      expect(server.engine.streams().length).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('should word a wrong CBOR type as the JSON endpoint does (the type pass is shared)', async () => {
    const { server } = await endpoint();
    try {
      const answer = await javaSdkCall(server.url, 'CreateStream', { StreamName: 1, ShardCount: 1 });
      expect(answer.status).toBe(400);
      expect(readCbor(answer.body)).toEqual({
        __type: 'SerializationException',
        Message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      });
    } finally {
      await server.close();
    }
  });
});
