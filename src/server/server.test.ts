import http from 'node:http';
import http2 from 'node:http2';
import { maxRequestBytes } from '../protocol/index';
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  InvalidArgumentException,
  KinesisClient,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  SplitShardCommand,
  StartStreamEncryptionCommand,
  StopStreamEncryptionCommand,
  ListStreamsCommand,
  waitUntilStreamExists,
  type _Record,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, base64Problem, decodeBase64 } from '../engine/index';
import { NODE_CODECS } from './codecs';
import { startServer, type RunningServer } from './server';

const CREDENTIALS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
type Transport = 'http2' | 'http1';

function clientFor(server: RunningServer, transport: Transport): KinesisClient {
  return new KinesisClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: CREDENTIALS,
    // The SDK's Node default for Kinesis is HTTP/2; kinesalite users swap in the HTTP/1.1 handler.
    ...(transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
  });
}

/**
 * The shared endpoint's monotonic clock: tests move it rather than wait (any request brings the
 * engine along). Only 'the wall-clock driver' below runs on real time, on purpose.
 */
let clockMs = 0;
/** Moves the endpoint's clock until the stream is ACTIVE, then asks the SDK waiter (its first look succeeds). */
const waitActive = async (client: KinesisClient, name: string) => {
  for (let i = 0; i < 100; i++) {
    clockMs += 100;
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
  }
  // A new second, so the waiter's DescribeStream is within the API's per-second rate.
  clockMs += 1000;
  return waitUntilStreamExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { StreamName: name });
};
/** Moves the endpoint's clock by `ms` and makes a request, so the engine follows. */
const advance = async (client: KinesisClient, ms: number) => {
  clockMs += ms;
  await client.send(new ListStreamsCommand({}));
};

/** Every record of a shard from TRIM_HORIZON, following NextShardIterator until it runs dry. */
async function readShard(client: KinesisClient, stream: string, shardId: string): Promise<_Record[]> {
  const { ShardIterator } = await client.send(
    new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const out: _Record[] = [];
  let iterator = ShardIterator;
  while (iterator) {
    const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
    out.push(...(page.Records ?? []));
    if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break;
    iterator = page.NextShardIterator;
  }
  return out;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(
    { port: 0, createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50 },
    { monotonic: () => clockMs },
  );
});
afterAll(() => server.close());

describe.each<Transport>(['http2', 'http1'])('the real SDK client over %s', (transport) => {
  let client: KinesisClient;
  beforeAll(() => {
    client = clientFor(server, transport);
  });
  afterAll(() => client.destroy());
  const stream = `orders-${transport}`;

  it('should create a stream and see it ACTIVE through the SDK waiter', async () => {
    await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 2 }));
    const result = await waitActive(client, stream);
    expect(result.state).toBe('SUCCESS');
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
    expect(summary.StreamDescriptionSummary?.StreamStatus).toBe('ACTIVE');
    expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(2);
  });

  it('should put records and get them back in order with their sequence numbers', async () => {
    const one = await client.send(
      new PutRecordCommand({ StreamName: stream, PartitionKey: 'k', Data: new TextEncoder().encode('first') }),
    );
    const many = await client.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: ['second', 'third'].map((word) => ({ PartitionKey: 'k', Data: new TextEncoder().encode(word) })),
      }),
    );
    expect(many.FailedRecordCount).toBe(0);
    expect(many.Records!.every((r) => r.ShardId === one.ShardId)).toBe(true);
    const records = await readShard(client, stream, one.ShardId!);
    expect(records.map((r) => text(r.Data))).toEqual(['first', 'second', 'third']);
    expect(records.map((r) => r.SequenceNumber)).toEqual([
      one.SequenceNumber,
      ...many.Records!.map((r) => r.SequenceNumber),
    ]);
    expect(records[0]!.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
    expect(Math.abs(records[0]!.ApproximateArrivalTimestamp!.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it('should split a shard and merge the children back', async () => {
    const shards = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards!;
    const first = shards[0]!;
    const middle = (BigInt(first.HashKeyRange!.StartingHashKey!) + BigInt(first.HashKeyRange!.EndingHashKey!)) / 2n;
    await client.send(
      new SplitShardCommand({
        StreamName: stream,
        ShardToSplit: first.ShardId!,
        NewStartingHashKey: middle.toString(),
      }),
    );
    await waitActive(client, stream);
    const afterSplit = (await client.send(new ListShardsCommand({ StreamName: stream }))).Shards!;
    const children = afterSplit.filter((s) => s.ParentShardId === first.ShardId);
    expect(children.map((s) => s.ShardId)).toEqual(['shardId-000000000002', 'shardId-000000000003']);
    expect(children[1]!.HashKeyRange!.StartingHashKey).toBe(middle.toString());

    await client.send(
      new MergeShardsCommand({
        StreamName: stream,
        ShardToMerge: children[0]!.ShardId!,
        AdjacentShardToMerge: children[1]!.ShardId!,
      }),
    );
    await waitActive(client, stream);
    const description = await client.send(new DescribeStreamCommand({ StreamName: stream }));
    const merged = description.StreamDescription!.Shards!.find((s) => s.ShardId === 'shardId-000000000004')!;
    expect(merged.ParentShardId).toBe('shardId-000000000002');
    expect(merged.AdjacentParentShardId).toBe('shardId-000000000003');
    expect(merged.HashKeyRange).toEqual(first.HashKeyRange);
  });

  it('should raise the SDK error classes with our messages', async () => {
    const missing = await client
      .send(new DescribeStreamSummaryCommand({ StreamName: 'missing' }))
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe('Stream missing under account 123456789012 not found.');

    const twice = await client
      .send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }))
      .catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(ResourceInUseException);
    expect((twice as Error).message).toBe(`Stream ${stream} under account 123456789012 already exists.`);

    const closed = await client
      .send(
        new SplitShardCommand({
          StreamName: stream,
          ShardToSplit: 'shardId-000000000000',
          NewStartingHashKey: '1',
        }),
      )
      .catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(InvalidArgumentException);
    expect((closed as Error).message).toBe(
      `Shard shardId-000000000000 in stream ${stream} under account 123456789012 has already been merged or split, ` +
        'and thus is not eligible for merging or splitting.',
    );
  });
});

describe('many clients at once', () => {
  it('should keep every acknowledged record exactly once, in call order per producer and shard', async () => {
    const setup = clientFor(server, 'http1');
    await setup.send(new CreateStreamCommand({ StreamName: 'busy', ShardCount: 3 }));
    await waitActive(setup, 'busy');

    const producers = 12;
    const callsEach = 25;
    const clients = Array.from({ length: producers }, (_, p) => clientFor(server, p % 2 === 0 ? 'http1' : 'http2'));
    // Each producer writes sequentially (its own order is defined); all producers run at once.
    const acknowledged = await Promise.all(
      clients.map(async (client, p) => {
        const acks: { seq: string; shard: string; producer: number; n: number }[] = [];
        for (let n = 0; n < callsEach; n++) {
          if (n % 5 === 4) {
            const batch = await client.send(
              new PutRecordsCommand({
                StreamName: 'busy',
                Records: [0, 1].map((k) => ({
                  PartitionKey: `p${p}-${k}`,
                  Data: new TextEncoder().encode(`${p}:${n}:${k}`),
                })),
              }),
            );
            expect(batch.FailedRecordCount).toBe(0);
            batch.Records!.forEach((r) => acks.push({ seq: r.SequenceNumber!, shard: r.ShardId!, producer: p, n }));
          } else {
            const put = await client.send(
              new PutRecordCommand({
                StreamName: 'busy',
                PartitionKey: `p${p}-${n % 3}`,
                Data: new TextEncoder().encode(`${p}:${n}`),
              }),
            );
            acks.push({ seq: put.SequenceNumber!, shard: put.ShardId!, producer: p, n });
          }
        }
        return acks;
      }),
    );
    const all = acknowledged.flat();
    expect(new Set(all.map((a) => a.seq)).size).toBe(all.length);

    const bySeq = new Map(all.map((a) => [a.seq, a]));
    let seen = 0;
    for (const shardId of ['shardId-000000000000', 'shardId-000000000001', 'shardId-000000000002']) {
      const records = await readShard(setup, 'busy', shardId);
      const sequence = records.map((r) => BigInt(r.SequenceNumber!));
      expect(sequence).toEqual([...sequence].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const lastCallOf = new Map<number, number>();
      for (const record of records) {
        const ack = bySeq.get(record.SequenceNumber!);
        expect(ack?.shard).toBe(shardId);
        expect(text(record.Data).startsWith(`${ack!.producer}:${ack!.n}`)).toBe(true);
        expect(ack!.n).toBeGreaterThanOrEqual(lastCallOf.get(ack!.producer) ?? 0);
        lastCallOf.set(ack!.producer, ack!.n);
        bySeq.delete(record.SequenceNumber!);
        seen++;
      }
    }
    expect(bySeq.size).toBe(0);
    expect(seen).toBe(all.length);
    for (const client of [setup, ...clients]) client.destroy();
  });
});

describe('the wall-clock driver', () => {
  // This endpoint follows the real clock: what is tested is that time moves on its own.
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50 });
  });
  afterAll(() => server.close());

  it('should move a stream to ACTIVE on time with no request in between', async () => {
    const client = clientFor(server, 'http1');
    await client.send(new CreateStreamCommand({ StreamName: 'quiet', ShardCount: 1 }));
    expect(server.engine.stream('quiet')?.status).toBe('CREATING');
    const activeAt = new Promise<number>((resolve) => {
      const stop = server.engine.subscribe((event) => {
        if (event.type === 'streamStatus' && event.stream === 'quiet' && event.status === 'ACTIVE') {
          stop();
          resolve(Date.now());
        }
      });
    });
    const created = Date.now();
    const at = await activeAt;
    expect(at - created).toBeLessThan(1000);
    expect(server.engine.stream('quiet')?.status).toBe('ACTIVE');
    client.destroy();
  });

  it('should keep engine time at the wall clock', async () => {
    const client = clientFor(server, 'http1');
    await client.send(new DescribeStreamSummaryCommand({ StreamName: 'quiet' }));
    expect(Math.abs(server.engine.now() - Date.now())).toBeLessThan(1000);
    client.destroy();
  });
});

describe('server-side encryption over the SDK', () => {
  it.runIf(OPERATIONS.has('StartStreamEncryption'))(
    'should start and stop encryption and mark records with it',
    async () => {
      const client = clientFor(server, 'http2');
      await client.send(new CreateStreamCommand({ StreamName: 'secret', ShardCount: 1 }));
      await waitActive(client, 'secret');
      await client.send(
        new StartStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
      );
      await waitActive(client, 'secret');
      // The switch reaches each shard within 5 seconds of ACTIVE.
      for (let i = 0; i < 10 && server.engine.stream('secret')!.shards[0]!.encryption === 0; i++) {
        await advance(client, 1000);
      }
      const encrypted = await client.send(
        new PutRecordCommand({ StreamName: 'secret', PartitionKey: 'k', Data: new Uint8Array([1]) }),
      );
      expect(encrypted.EncryptionType).toBe('KMS');
      const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: 'secret' }));
      expect(summary.StreamDescriptionSummary?.EncryptionType).toBe('KMS');
      expect(summary.StreamDescriptionSummary?.KeyId).toBe('alias/aws/kinesis');

      await client.send(
        new StopStreamEncryptionCommand({ StreamName: 'secret', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
      );
      await waitActive(client, 'secret');
      for (let i = 0; i < 10 && server.engine.stream('secret')!.shards[0]!.encryption !== 0; i++) {
        await advance(client, 1000);
      }
      const plain = await client.send(
        new PutRecordCommand({ StreamName: 'secret', PartitionKey: 'k', Data: new Uint8Array([2]) }),
      );
      expect(plain.EncryptionType).toBeUndefined();
      const records = await readShard(client, 'secret', 'shardId-000000000000');
      expect(records.map((r) => r.EncryptionType)).toEqual(['KMS', undefined]);
      client.destroy();
    },
    60_000,
  );
});

/** A raw HTTP/1.1 request, for what the SDK never sends. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}${path}`, { method, headers }, (response) => {
      let data = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (data += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: data }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the endpoint over the network', () => {
  it('should answer GET with 403 and the OPTIONS preflight with CORS headers', async () => {
    const get = await raw('GET', '/', {});
    expect(get.status).toBe(403);
    expect(get.body).toContain('<AccessDeniedException>');
    const preflight = await raw('OPTIONS', '/', {
      Origin: 'http://localhost:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'x-amz-target',
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET,POST,OPTIONS');
    expect(preflight.headers['access-control-allow-headers']).toContain('x-amz-target');
  });

  it("should take the simulator's KMS administration from a plain unsigned POST (curl)", async () => {
    const created = await raw(
      'POST',
      '/',
      { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'ShardscopeAdmin.kms:CreateKey' },
      JSON.stringify({ Alias: 'alias/from-curl' }),
    );
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ Aliases: ['alias/from-curl'], State: 'Enabled' });
    const listed = await raw(
      'POST',
      '/',
      { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'ShardscopeAdmin.kms:ListKeys' },
      '{}',
    );
    expect(
      JSON.parse(listed.body)
        .Keys.map((k: { Aliases: string[] }) => k.Aliases)
        .flat(),
    ).toContain('alias/from-curl');
  });

  it('should refuse a body over the profile limit with 413 (15 MiB in the current profile)', async () => {
    const response = await raw(
      'POST',
      '/',
      { 'Content-Type': 'application/x-amz-json-1.1' },
      'x'.repeat(maxRequestBytes('current') + 1),
    );
    expect(response.status).toBe(413);
  });

  it('should answer MissingAuthenticationTokenException to an unsigned request over HTTP/2', async () => {
    const session = http2.connect(server.url);
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/',
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Kinesis_20131202.ListStreams',
      });
      let status = 0;
      let body = '';
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (body += chunk));
      stream.on('end', () => resolve({ status, body }));
      stream.on('error', reject);
      stream.end('{}');
    });
    session.close();
    expect(response.status).toBe(400);
    expect(response.body).toBe(
      '{"__type":"MissingAuthenticationTokenException","message":"Missing Authentication Token"}',
    );
  });

  it('should stream engine events to a watching page at /events', async () => {
    const isPutRecordCall = (line: string) =>
      line.includes('"type":"call"') && line.includes('"operation":"PutRecord"');
    const lines: string[] = [];
    const gotCall = new Promise<void>((resolve, reject) => {
      const request = http.get(`${server.url}/events`, (response) => {
        expect(response.headers['content-type']).toBe('text/event-stream');
        response.setEncoding('utf8');
        // The feed is open: make a call for it to report.
        const client = clientFor(server, 'http1');
        void client
          .send(new PutRecordCommand({ StreamName: 'secret', PartitionKey: 'k', Data: new TextEncoder().encode('hi') }))
          .finally(() => client.destroy());
        response.on('data', (chunk: string) => {
          lines.push(...chunk.split('\n').filter((line) => line.startsWith('data: ')));
          if (lines.some((line) => isPutRecordCall(line))) {
            request.destroy();
            resolve();
          }
        });
      });
      request.on('error', (error) => (lines.length ? undefined : reject(error)));
    });
    await gotCall;
    const call = JSON.parse(lines.find((line) => isPutRecordCall(line))!.slice(6));
    expect(call.type).toBe('call');
    expect(call.input).toEqual({ StreamName: 'secret', PartitionKey: 'k', Data: 'aGk=' });
    expect(call.output.ShardId).toBe('shardId-000000000000');
  });
});

describe('NODE_CODECS', () => {
  it('should encode any view of any buffer exactly as Buffer does, and decode it back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const start = bytes.length ? a % (bytes.length + 1) : 0;
        const end = start + (bytes.length - start ? b % (bytes.length - start + 1) : 0);
        const view = bytes.subarray(start, end);
        const text = NODE_CODECS.encodeBase64!(view);
        expect(text).toBe(Buffer.from(view).toString('base64'));
        expect(new Uint8Array(NODE_CODECS.decodeBase64!(text)!)).toEqual(new Uint8Array(view));
      }),
      { numRuns: 500 },
    );
  });

  it('should decode exactly the text the service takes as base64, and refuse the rest for the engine to word', () => {
    // Canonical text with a few characters swapped for ones that trip decoders: padding in the
    // middle, the URL-safe alphabet, whitespace, other Unicode, nonzero unused bits.
    const tricky = fc.constantFrom('=', '-', '_', ' ', '\n', '*', '\u00e9', '\u{1F642}', 'B', 'R', 'Z', 'A');
    const text = fc
      .tuple(fc.uint8Array({ maxLength: 12 }), fc.array(fc.tuple(fc.nat(), tricky), { maxLength: 3 }), fc.boolean())
      .map(([bytes, swaps, drop]) => {
        const chars = [...Buffer.from(bytes).toString('base64')];
        for (const [at, c] of swaps) if (chars.length > 0) chars[at % chars.length] = c;
        return (drop ? chars.slice(1) : chars).join('');
      });
    fc.assert(
      fc.property(text, (candidate) => {
        const fast = NODE_CODECS.decodeBase64!(candidate);
        const problem = base64Problem(candidate);
        expect(fast === undefined).toBe(problem !== undefined);
        if (fast) expect(new Uint8Array(fast)).toEqual(decodeBase64(candidate));
      }),
      { numRuns: 3000 },
    );
  });
});
