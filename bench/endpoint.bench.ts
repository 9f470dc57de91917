/**
 * `npm run bench:endpoint`: the same AWS SDK client (@aws-sdk/client-kinesis over HTTP/1.1,
 * NodeHttpHandler) runs one workload against three servers, each in its own process on loopback:
 *
 *   ours        the Shardscope endpoint (src/server/main.ts, throttling off)
 *   kinesalite  from node_modules (no throttling)
 *   ceiling     a trivial server answering fixed, precomputed responses: the client's own cost
 *   ours-durable  ours with --path (a fresh directory; default --sync always: each answer waits
 *               for its journal entry's fsync, shared by the calls in flight)
 *
 * plus `ours-cbor`: ours called in CBOR 1.1 as the Java SDK calls it (a small client below posts
 * the same commands' inputs as CBOR over HTTP/1.1 keep-alive), against `ours` in JSON 1.1.
 *
 * Workload: create a 4-shard stream, 200 PutRecords calls of 500 records with 100-byte
 * payloads, then read everything back with GetRecords (per shard from TRIM_HORIZON, Limit 5000).
 * Ours also runs over HTTP/2 (the SDK's default Node handler), which kinesalite cannot speak.
 *
 * Two measures: records/s by the wall clock, and by CPU time (records over the CPU seconds the
 * client and the server process spent in the phase, from /proc). On a quiet machine with one call
 * in flight they agree; on a busy shared one the wall clock mostly measures waiting for a core.
 *
 * Environment: SHARDSCOPE_BENCH_PROFILE=<dir> writes a CPU profile of our server there;
 * SHARDSCOPE_BENCH_NODE_FLAGS="..." adds Node flags to our server's command line (GC experiments).
 *
 * Flags: --calls N (200) --records N (500) --concurrency N (1 = one call in flight) --runs N (3, best
 * run reported) --targets ours,ours-h2,ours-cbor,kinesalite,ceiling,ours-durable --json --put-only
 * --restart N: instead, write N records (default 1,000,000) to ours with --path, then time a
 * start after kill -9 (journal replay) and after SIGTERM (from the snapshot it leaves).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  PutRecordsCommand,
  type DescribeStreamSummaryCommandOutput,
  type GetRecordsCommandOutput,
  type GetShardIteratorCommandOutput,
  type PutRecordsCommandOutput,
  type PutRecordsRequestEntry,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { decode as decodeCbor } from 'cbor2';
import { encodeCbor } from '../src/protocol/cbor';

const root = fileURLToPath(new URL('..', import.meta.url));

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}
const CALLS = Number(flag('calls', '200'));
const RECORDS = Number(flag('records', '500'));
const CONCURRENCY = Number(flag('concurrency', '1'));
const RUNS = Number(flag('runs', '3'));
const PAGE = 5000;
const TARGETS = flag('targets', 'ours,ours-h2,ours-cbor,kinesalite,ceiling').split(',');
const JSON_OUT = process.argv.includes('--json');
/** Profiling aid: run the put half only. */
const PUT_ONLY = process.argv.includes('--put-only');

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
}

/** Starts a server process and waits for the "listening at <url>" line it prints. */
function startProcess(command: string, args: string[]): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening at (http:\/\/\S+)/.exec(out);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ url: match[1]!, child });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

/** Our server's command line, with `extra` flags. */
const oursArgs = (...extra: string[]) => [
  // SHARDSCOPE_BENCH_PROFILE=<dir> writes a V8 CPU profile of our server there, to find hot spots.
  ...(process.env.SHARDSCOPE_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.SHARDSCOPE_BENCH_PROFILE}`]
    : []),
  ...(process.env.SHARDSCOPE_BENCH_NODE_FLAGS ? process.env.SHARDSCOPE_BENCH_NODE_FLAGS.split(' ') : []),
  '--import',
  'tsx',
  'src/server/main.ts',
  '--port',
  '0',
  '--throttling',
  'off',
  '--events',
  'off',
  '--createStreamMs',
  '10',
  '--shardLimit',
  '1000',
  ...extra,
];

/** Directories made for durable runs, removed at exit. */
const benchDirs: string[] = [];
const benchDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shardscope-bench-'));
  benchDirs.push(dir);
  return dir;
};
process.on('exit', () => {
  for (const dir of benchDirs) rmSync(dir, { recursive: true, force: true });
});

const servers: Record<string, () => Promise<Server>> = {
  ours: () => startProcess(process.execPath, oursArgs()),
  'ours-durable': () => startProcess(process.execPath, oursArgs('--path', benchDir())),
  kinesalite: () => startProcess(process.execPath, ['bench/endpoint/kinesalite-server.mjs']),
  ceiling: () => startProcess(process.execPath, ['bench/endpoint/ceiling-server.mjs']),
};

/** What the workload needs of a client: the SDK's, or the CBOR one below. */
interface BenchClient {
  send<T>(command: { readonly input: unknown }): Promise<T>;
  destroy(): void;
}

const COMMAND_OPERATIONS = new Map<unknown, string>([
  [CreateStreamCommand, 'CreateStream'],
  [DescribeStreamSummaryCommand, 'DescribeStreamSummary'],
  [PutRecordsCommand, 'PutRecords'],
  [GetShardIteratorCommand, 'GetShardIterator'],
  [GetRecordsCommand, 'GetRecords'],
]);

/**
 * The SDK commands' inputs sent in CBOR, as the Java SDK sends them (byte-string blobs), answers
 * decoded from CBOR (byte strings as bytes), so both columns do the same work per record.
 */
function cborClientFor(url: string): BenchClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(CONCURRENCY, 1) });
  const { hostname, port } = new URL(url);
  return {
    send<T>(command: { readonly input: unknown }): Promise<T> {
      const operation = COMMAND_OPERATIONS.get(command.constructor)!;
      const body = encodeCbor(command.input);
      return new Promise<T>((resolve, reject) => {
        const request = http.request(
          {
            host: hostname,
            port,
            method: 'POST',
            agent,
            headers: {
              'Content-Type': 'application/x-amz-cbor-1.1',
              'Content-Length': String(body.length),
              'X-Amz-Target': `Kinesis_20131202.${operation}`,
              'X-Amz-Date': '20200913T121000Z',
              Authorization:
                'AWS4-HMAC-SHA256 Credential=AKIDBENCHMARK/20200913/us-east-1/kinesis/aws4_request, ' +
                'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000',
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              const answer = Buffer.concat(chunks);
              const value = (answer.length === 0 ? {} : decodeCbor(answer)) as T & { __type?: string };
              if (response.statusCode !== 200) reject(new Error(`${operation}: ${String(value.__type)}`));
              else resolve(value);
            });
            response.on('error', reject);
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    },
    destroy: () => agent.destroy(),
  };
}

function clientFor(url: string, protocol: 'http1' | 'http2'): KinesisClient {
  return new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCHMARK', secretAccessKey: 'benchmark' },
    maxAttempts: 1,
    ...(protocol === 'http1'
      ? {
          requestHandler: new NodeHttpHandler({
            httpAgent: new http.Agent({ keepAlive: true, maxSockets: Math.max(CONCURRENCY, 1) }),
          }),
        }
      : {}),
  });
}

// The same payloads for every target, built before any clock starts.
const batches: PutRecordsRequestEntry[][] = Array.from({ length: CALLS }, (_, call) =>
  Array.from({ length: RECORDS }, (_, i) => {
    const data = new Uint8Array(100);
    for (let b = 0; b < 100; b++) data[b] = (call * 31 + i * 7 + b) & 0xff;
    return { Data: data, PartitionKey: `partition-${call}-${i}` };
  }),
);

async function inParallel<T>(count: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

async function createActiveStream(client: BenchClient, name: string, shards: number): Promise<void> {
  await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  for (;;) {
    const summary = await client
      .send<DescribeStreamSummaryCommandOutput>(new DescribeStreamSummaryCommand({ StreamName: name }))
      .catch(() => undefined);
    const status = summary?.StreamDescriptionSummary?.StreamStatus;
    // The ceiling answers DescribeStream only; it has no CREATING phase anyway.
    if (status === 'ACTIVE' || summary === undefined) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Figures {
  putSeconds: number;
  getSeconds: number;
  /** Records/s by the wall clock. */
  put: number;
  get: number;
  /**
   * Records/s by CPU time: records / (client CPU + server CPU) for the phase. On a quiet machine
   * with one call in flight the wall clock converges to this; on a shared one it is the stable
   * figure, as it does not count time spent waiting for a core.
   */
  putCpu: number;
  getCpu: number;
  records: number;
  read: number;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

/** CPU seconds (user + system) a process has used, from /proc; NaN where there is no /proc. */
function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

const clientCpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** CPU seconds of this client and the server process together. */
const cpuNow = (server: Server) => clientCpuSeconds() + processCpuSeconds(server.child.pid);

/** One run of the workload on a fresh stream; returns records/s of each half. */
async function workload(client: BenchClient, server: Server, stream: string, calls: number): Promise<Figures> {
  await createActiveStream(client, stream, 4);
  const perShard = new Map<string, number>();
  const putCpuStart = cpuNow(server);
  const putStart = performance.now();
  const results = await inParallel(calls, CONCURRENCY, (i) =>
    client.send<PutRecordsCommandOutput>(new PutRecordsCommand({ StreamName: stream, Records: batches[i]! })),
  );
  const putSeconds = (performance.now() - putStart) / 1000;
  const putCpuSeconds = cpuNow(server) - putCpuStart;
  let written = 0;
  for (const result of results) {
    if (result.FailedRecordCount) throw new Error(`${result.FailedRecordCount} records failed`);
    for (const entry of result.Records ?? []) {
      perShard.set(entry.ShardId!, (perShard.get(entry.ShardId!) ?? 0) + 1);
      written++;
    }
  }

  if (PUT_ONLY) {
    return {
      putSeconds,
      getSeconds: 0,
      put: written / putSeconds,
      get: 0,
      putCpu: written / putCpuSeconds,
      getCpu: 0,
      records: written,
      read: 0,
    };
  }
  const getCpuStart = cpuNow(server);
  const getStart = performance.now();
  const shards = [...perShard.entries()];
  const counts = await inParallel(shards.length, CONCURRENCY, async (s) => {
    const [shardId, expected] = shards[s]!;
    const { ShardIterator } = await client.send<GetShardIteratorCommandOutput>(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    let iterator = ShardIterator;
    let read = 0;
    while (iterator && read < expected) {
      // Never more than is left, so the ceiling's fixed pages hold exactly the records a server would return.
      const page = await client.send<GetRecordsCommandOutput>(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: Math.min(PAGE, expected - read) }),
      );
      const got = page.Records?.length ?? 0;
      if (got === 0) break;
      read += Math.min(got, expected - read);
      iterator = page.NextShardIterator;
    }
    return read;
  });
  const getSeconds = (performance.now() - getStart) / 1000;
  const getCpuSeconds = cpuNow(server) - getCpuStart;
  const read = counts.reduce((a, b) => a + b, 0);
  if (read !== written) throw new Error(`read back ${read} of ${written} records`);
  return {
    putSeconds,
    getSeconds,
    put: written / putSeconds,
    get: read / getSeconds,
    putCpu: written / putCpuSeconds,
    getCpu: read / getCpuSeconds,
    records: written,
    read,
  };
}

interface Target {
  readonly name: string;
  readonly server: Server;
  readonly client: BenchClient;
  readonly runs: Figures[];
}

async function startTarget(name: string): Promise<Target> {
  const server = await servers[name === 'ours-h2' || name === 'ours-cbor' ? 'ours' : name]!();
  const client: BenchClient =
    name === 'ours-cbor'
      ? cborClientFor(server.url)
      : (clientFor(server.url, name === 'ours-h2' ? 'http2' : 'http1') as unknown as BenchClient);
  // Warm-up (JIT, connections), on its own stream, not measured.
  await workload(client, server, 'warmup', Math.min(20, CALLS));
  return { name, server, client, runs: [] };
}

/** Best of the runs, each half on its own: the run least disturbed by other work on the machine. */
const best = (runs: readonly Figures[]): Figures => ({
  ...runs[0]!,
  put: Math.max(...runs.map((r) => r.put)),
  get: Math.max(...runs.map((r) => r.get)),
  putCpu: Math.max(...runs.map((r) => r.putCpu)),
  getCpu: Math.max(...runs.map((r) => r.getCpu)),
  putSeconds: Math.min(...runs.map((r) => r.putSeconds)),
  getSeconds: Math.min(...runs.map((r) => r.getSeconds)),
});

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');

const RESTART = process.argv.includes('--restart') ? Number(flag('restart', '1000000')) || 1_000_000 : undefined;

/** Starts ours on `dir` and answers how long until it listens (its recovery included). */
async function timedStart(dir: string): Promise<{ server: Server; seconds: number }> {
  const started = performance.now();
  const server = await startProcess(process.execPath, oursArgs('--path', dir));
  return { server, seconds: (performance.now() - started) / 1000 };
}

const stopped = (server: Server, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    server.child.removeAllListeners('exit');
    server.child.once('exit', () => resolve());
    server.child.kill(signal);
  });

/** Restart time with `records` retained: after kill -9 (journal replay) and after SIGTERM (snapshot). */
async function restartBench(records: number): Promise<void> {
  const dir = benchDir();
  const empty = await timedStart(dir);
  const client = clientFor(empty.server.url, 'http1');
  await createActiveStream(client, 'retained', 4);
  const calls = Math.ceil(records / RECORDS);
  const writeStart = performance.now();
  await inParallel(calls, Math.max(CONCURRENCY, 8), (i) =>
    client.send(new PutRecordsCommand({ StreamName: 'retained', Records: batches[i % batches.length]! })),
  );
  const writeSeconds = (performance.now() - writeStart) / 1000;
  client.destroy();
  await stopped(empty.server, 'SIGKILL');
  const afterKill = await timedStart(dir);
  await stopped(afterKill.server, 'SIGTERM');
  const afterTerm = await timedStart(dir);
  await stopped(afterTerm.server, 'SIGTERM');
  const total = calls * RECORDS;
  process.stdout.write(
    `\nRestart with ${total.toLocaleString('en-US')} records (100 B) retained, written in ${writeSeconds.toFixed(1)} s:\n` +
      `  after kill -9 (replaying the journal since the last snapshot): ${afterKill.seconds.toFixed(2)} s\n` +
      `  after SIGTERM (from the snapshot it wrote):                      ${afterTerm.seconds.toFixed(2)} s  (target ≤ 5 s)\n` +
      `  (times from spawning the process to its "listening" line; Node and tsx start-up included: ` +
      `${empty.seconds.toFixed(2)} s for an empty directory)\n`,
  );
}

async function main(): Promise<void> {
  if (RESTART !== undefined) return restartBench(RESTART);
  const targets: Target[] = [];
  try {
    for (const name of TARGETS) targets.push(await startTarget(name));
    // Rounds interleave the targets, so a burst of load on a shared machine hits them alike.
    for (let run = 0; run < RUNS; run++) {
      for (const target of targets) {
        if (!JSON_OUT) process.stdout.write(`run ${run + 1}/${RUNS}: ${target.name}...\n`);
        target.runs.push(await workload(target.client, target.server, `bench-${run}`, CALLS));
      }
    }
  } finally {
    for (const target of targets) {
      target.client.destroy();
      // Waited for: a durable one writes its last snapshot before its directory is removed.
      await stopped(target.server, 'SIGTERM');
    }
  }
  const results: Record<string, Figures> = Object.fromEntries(targets.map((t) => [t.name, best(t.runs)]));
  if (JSON_OUT) {
    process.stdout.write(
      `${JSON.stringify({ calls: CALLS, records: RECORDS, concurrency: CONCURRENCY, runs: RUNS, results }, null, 2)}\n`,
    );
    return;
  }
  const total = CALLS * RECORDS;
  process.stdout.write(
    `\nWorkload: 4 shards, ${CALLS} PutRecords × ${RECORDS} records (100 B), read back with GetRecords (Limit ${PAGE}); ` +
      `${total.toLocaleString('en-US')} records, ${CONCURRENCY} call(s) in flight, best of ${RUNS} runs.\n\n`,
  );
  process.stdout.write('                 wall clock (records/s)       CPU time (records/s)\n');
  process.stdout.write('target              put          get            put          get\n');
  for (const [target, f] of Object.entries(results)) {
    process.stdout.write(
      `${target.padEnd(12)} ${fmt(f.put).padStart(9)} ${fmt(f.get).padStart(12)}    ${fmt(f.putCpu).padStart(11)} ${fmt(f.getCpu).padStart(12)}\n`,
    );
  }
  const ours = results.ours;
  const kin = results.kinesalite;
  const ceiling = results.ceiling;
  const line = (label: string, a: Figures, b: Figures, target: string) =>
    process.stdout.write(
      `${label.padEnd(24)} wall: put ${ratio(a.put, b.put)}, get ${ratio(a.get, b.get)};  ` +
        `CPU: put ${ratio(a.putCpu, b.putCpu)}, get ${ratio(a.getCpu, b.getCpu)}  (target ${target})\n`,
    );
  process.stdout.write('\n');
  if (ours && kin) line('ours / kinesalite', ours, kin, '≥ 5×');
  if (ours && ceiling) line('ours / ceiling', ours, ceiling, '≥ 0.5×');
  const durable = results['ours-durable'];
  if (ours && durable) line('durable / in-memory', durable, ours, '≥ 0.7× put, 8 in flight');
  const h2 = results['ours-h2'];
  if (ours && h2) line('ours HTTP/2 / HTTP/1.1', h2, ours, 'none');
  const cbor = results['ours-cbor'];
  if (ours && cbor) line('ours CBOR / JSON 1.1', cbor, ours, 'none');
  const load = readLoad();
  if (load) process.stdout.write(`\nload average during the run: ${load}\n`);
}

function readLoad(): string | undefined {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return undefined;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
