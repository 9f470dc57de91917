// The durable endpoint as a user runs it: a server process with --path under load from 20
// concurrent SDK producers, stopped by kill -9 or SIGTERM, then started again on the same
// directory. Every acknowledged record must come back exactly once, in order per shard, with the
// shard map, tags, encryption and consumers as they were.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  ListStreamConsumersCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  StartStreamEncryptionCommand,
} from '@aws-sdk/client-kinesis';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnEndpoint, type EndpointProcess } from '../../../test/support/endpointProcess';

const STREAM = 'crash';
const PRODUCERS = 20;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function start(dir: string): Promise<EndpointProcess> {
  const endpoint = await spawnEndpoint([
    '--port',
    '0',
    '--path',
    dir,
    '--throttling',
    'off',
    '--createStreamMs',
    '0',
    '--updateStreamMs',
    '0',
    '--events',
    'off',
  ]);
  children.push(endpoint.child);
  return endpoint;
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve({ code: child.exitCode, signal: child.signalCode })
      : child.once('exit', (code, signal) => resolve({ code, signal })),
  );

const client = (url: string) =>
  new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    // A retry after the crash could write a record twice; one attempt keeps "acknowledged" exact.
    maxAttempts: 1,
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A stream with a split shard map, tags, encryption and a consumer. */
async function prepare(kinesis: KinesisClient): Promise<void> {
  await kinesis.send(new CreateStreamCommand({ StreamName: STREAM, ShardCount: 3 }));
  await settle();
  await kinesis.send(
    new SplitShardCommand({
      StreamName: STREAM,
      ShardToSplit: 'shardId-000000000001',
      NewStartingHashKey: '150000000000000000000000000000000000000',
    }),
  );
  await settle();
  await kinesis.send(new AddTagsToStreamCommand({ StreamName: STREAM, Tags: { team: 'ingest', env: 'test' } }));
  await kinesis.send(
    new StartStreamEncryptionCommand({ StreamName: STREAM, EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }),
  );
  await settle();
  const arn = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM }))).StreamDescriptionSummary!
    .StreamARN!;
  await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN: arn, ConsumerName: 'reader' }));
}

/** What a user sees of the stream besides its records. */
async function view(kinesis: KinesisClient) {
  const summary = (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: STREAM })))
    .StreamDescriptionSummary!;
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: STREAM }))).Shards!;
  const tags = (await kinesis.send(new ListTagsForStreamCommand({ StreamName: STREAM }))).Tags!;
  const consumers = (await kinesis.send(new ListStreamConsumersCommand({ StreamARN: summary.StreamARN! }))).Consumers!;
  return {
    encryption: [summary.EncryptionType, summary.KeyId],
    shards: shards.map((s) => [
      s.ShardId,
      s.ParentShardId,
      s.HashKeyRange,
      s.SequenceNumberRange?.StartingSequenceNumber,
    ]),
    tags,
    consumers: consumers.map((c) => [c.ConsumerName, c.ConsumerARN, c.ConsumerStatus]),
  };
}

interface Ack {
  readonly data: string;
  readonly shardId: string;
  readonly sequenceNumber: string;
}

/** 20 producers writing until the endpoint stops answering; answers what was acknowledged. */
function produce(kinesis: KinesisClient): { acks: Ack[]; done: Promise<void> } {
  const acks: Ack[] = [];
  const producer = async (p: number) => {
    for (let n = 0; ; n++) {
      const data = `p${p}-${n}`;
      try {
        const out = await kinesis.send(
          new PutRecordCommand({ StreamName: STREAM, PartitionKey: `key-${p}-${n % 7}`, Data: Buffer.from(data) }),
        );
        acks.push({ data, shardId: out.ShardId!, sequenceNumber: out.SequenceNumber! });
      } catch {
        return;
      }
    }
  };
  return { acks, done: Promise.all(Array.from({ length: PRODUCERS }, (_, p) => producer(p))).then(() => {}) };
}

async function readEverything(
  kinesis: KinesisClient,
): Promise<Map<string, { data: string; sequenceNumber: string }[]>> {
  const shards = (await kinesis.send(new ListShardsCommand({ StreamName: STREAM }))).Shards!;
  const out = new Map<string, { data: string; sequenceNumber: string }[]>();
  for (const shard of shards) {
    const records: { data: string; sequenceNumber: string }[] = [];
    let iterator = (
      await kinesis.send(
        new GetShardIteratorCommand({ StreamName: STREAM, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
      )
    ).ShardIterator;
    while (iterator) {
      const page = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }));
      for (const r of page.Records ?? [])
        records.push({ data: Buffer.from(r.Data!).toString(), sequenceNumber: r.SequenceNumber! });
      if ((page.Records ?? []).length === 0 && page.MillisBehindLatest === 0) break;
      iterator = page.NextShardIterator;
    }
    out.set(shard.ShardId!, records);
  }
  return out;
}

/** Every acknowledged record read back once, on its shard, at its sequence number, in order. */
function expectAllAcknowledged(acks: readonly Ack[], read: Map<string, { data: string; sequenceNumber: string }[]>) {
  const seen = new Map<string, { shardId: string; sequenceNumber: string; index: number }>();
  for (const [shardId, records] of read) {
    for (const [index, record] of records.entries()) {
      expect(seen.has(record.data), `${record.data} read twice`).toBe(false);
      seen.set(record.data, { shardId, sequenceNumber: record.sequenceNumber, index });
    }
    const numbers = records.map((r) => BigInt(r.sequenceNumber));
    expect(numbers).toEqual([...numbers].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  let missing = 0;
  for (const ack of acks) {
    const found = seen.get(ack.data);
    if (found === undefined) {
      missing++;
      continue;
    }
    expect(found.shardId).toBe(ack.shardId);
    expect(found.sequenceNumber).toBe(ack.sequenceNumber);
  }
  expect(missing, 'acknowledged records missing after the restart').toBe(0);
  // Each producer's records on one partition key keep their order on their shard.
  const byProducerKey = new Map<string, number[]>();
  for (const ack of acks) {
    const [p, n] = ack.data.slice(1).split('-').map(Number) as [number, number];
    const key = `${p}-${n % 7}`;
    const list = byProducerKey.get(key) ?? [];
    list.push(seen.get(ack.data)!.index);
    byProducerKey.set(key, list);
  }
  for (const indexes of byProducerKey.values()) expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
}

/** An endpoint on a fresh directory, its stream prepared, with producers running until `acks` writes were acknowledged. */
async function underLoad(prefix: string, acks: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  const first = await start(dir);
  const kinesis = client(first.url);
  await prepare(kinesis);
  const before = await view(kinesis);
  const load = produce(kinesis);
  while (load.acks.length < acks) await new Promise((resolve) => setTimeout(resolve, 20));
  return { dir, first, kinesis, before, load };
}

describe('a durable endpoint process', () => {
  it('should bring back every acknowledged record and the stream after kill -9 under load', async () => {
    const { dir, first, kinesis, before, load } = await underLoad('shardscope-crash-', 3000);
    first.child.kill('SIGKILL');
    await load.done;
    expect((await exited(first.child)).signal).toBe('SIGKILL');
    kinesis.destroy();

    const second = await start(dir);
    const again = client(second.url);
    expect(await view(again)).toEqual(before);
    expectAllAcknowledged(load.acks, await readEverything(again));
    again.destroy();
    second.child.kill('SIGTERM');
    expect((await exited(second.child)).code).toBe(0);
  }, 60_000);

  it('should finish the writes it acknowledged and exit cleanly on SIGTERM under load', async () => {
    const { dir, first, kinesis, before, load } = await underLoad('shardscope-term-', 1000);
    first.child.kill('SIGTERM');
    await load.done;
    expect((await exited(first.child)).code).toBe(0);
    kinesis.destroy();
    // A clean stop leaves a snapshot, so the next start replays nothing.
    expect(fs.readdirSync(dir).some((file) => file.endsWith('.snap'))).toBe(true);

    const second = await start(dir);
    for (let i = 0; i < 100 && !second.output().includes('Recovered'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second.output()).toContain('Recovered a snapshot and 0 journal entries');
    const again = client(second.url);
    expect(await view(again)).toEqual(before);
    expectAllAcknowledged(load.acks, await readEverything(again));
    again.destroy();
  }, 60_000);

  it('should refuse a directory another endpoint has open, naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shardscope-lock-'));
    dirs.push(dir);
    const first = await start(dir);
    const error = await start(dir).then(
      () => new Error('the second endpoint started'),
      (e: Error) => e,
    );
    expect(error.message).toContain(`${dir} is in use by another Shardscope endpoint (process ${first.child.pid}`);
  }, 30_000);
});
