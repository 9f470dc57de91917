/**
 * The attached scenario of `npm run bench:ui`: a page following an endpoint while applications
 * write to it. The endpoint (`npm run serve`, in a child process, serving the test build) has a
 * 32-shard stream; four AWS SDK producers in Node write PutRecords of 500 records of 100 bytes
 * at 5,000 records/s each (20,000 records/s in all); the page opened at the endpoint's URL
 * (1280×720) follows it. Measured over BENCH_UI_ATTACHED_SECONDS (default 30): the records/s the
 * endpoint acknowledged, the page's median fps and p95 frame time, and its lag behind the
 * endpoint's clock (sampled four times a second from the toolbar's status) as median, p95 and
 * worst; finally whether the page holds every record the producers wrote. The same page with no
 * traffic is measured for 3 s just before, so a busy machine's own frame rate shows beside it.
 * Targets: within 1 s of the endpoint; ≥ 50 fps median and p95 frame ≤ 33 ms.
 */
import { spawnEndpoint, type EndpointProcess } from '../test/support/endpointProcess';
import {
  KinesisClient,
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import type { Page } from 'playwright-core';
import { frameFigures, type FrameFigures } from './frames';

export interface AttachedFigures {
  seconds: number;
  producers: number;
  askedRecordsPerSecond: number;
  ackedRecordsPerSecond: number;
  medianFps: number;
  p95FrameMs: number;
  worstFrameMs: number;
  lagMs: { median: number; p95: number; worst: number };
  pageHoldsEveryRecord: boolean;
  /** The same page with no traffic, measured just before (the machine's own frame rate in that run). */
  idle: { medianFps: number; p95FrameMs: number };
}

const PRODUCERS = 4;
const PER_PRODUCER = 5000;
const BATCH = 500;
const SHARDS = 32;

function startEndpoint(appDir: string): Promise<EndpointProcess> {
  return spawnEndpoint(['--port', '0', '--app', appDir, '--createStreamMs', '0', '--throttling', 'off']);
}

/** One producer: a PutRecords of BATCH records every BATCH / rate seconds, on a wall-clock schedule. */
async function produce(client: KinesisClient, id: number, until: number, acked: { records: number }): Promise<void> {
  const every = (BATCH / PER_PRODUCER) * 1000;
  const data = new Uint8Array(100).fill(id);
  let next = performance.now();
  let n = 0;
  while (performance.now() < until) {
    const Records = Array.from({ length: BATCH }, (_, i) => ({ PartitionKey: `p${id}-${n}-${i}`, Data: data }));
    n++;
    const answer = await client.send(new PutRecordsCommand({ StreamName: 'attached', Records }));
    acked.records += BATCH - (answer.FailedRecordCount ?? 0);
    next += every;
    const wait = next - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Frame times and the toolbar's lag for `ms` of wall time. */
async function measure(page: Page, ms: number): Promise<FrameFigures & { lags: number[] }> {
  const { times, lags } = await page.evaluate(
    (duration) =>
      new Promise<{ times: number[]; lags: number[] }>((resolve) => {
        const status = document.querySelector<HTMLElement>('[data-testid="attach-status"]')!;
        const lags: number[] = [];
        const sampler = setInterval(() => lags.push(Number(status.dataset.lagMs)), 250);
        const times: number[] = [];
        const t0 = performance.now();
        const frame = (t: number) => {
          times.push(t);
          if (t - t0 < duration) requestAnimationFrame(frame);
          else {
            clearInterval(sampler);
            resolve({ times, lags });
          }
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
  return { ...frameFigures(times), lags };
}

export async function runAttached(
  openPage: (url: string) => Promise<Page>,
  appDir: string,
  seconds: number,
): Promise<AttachedFigures> {
  const { url, child } = await startEndpoint(appDir);
  const client = new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
  });
  try {
    await client.send(new CreateStreamCommand({ StreamName: 'attached', ShardCount: SHARDS }));
    for (;;) {
      const { StreamDescriptionSummary } = await client.send(
        new DescribeStreamSummaryCommand({ StreamName: 'attached' }),
      );
      if (StreamDescriptionSummary?.StreamStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const page = await openPage(url);
    await page.waitForSelector('[data-testid="attach-status"][data-state="connected"]');
    const idle = await measure(page, 3000);
    const acked = { records: 0 };
    const started = performance.now();
    const until = started + seconds * 1000;
    const producers = Array.from({ length: PRODUCERS }, (_, id) => produce(client, id, until, acked));
    // The first second warms up (connections, the first batches); then measure.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const figures = await measure(page, (seconds - 1.5) * 1000);
    await Promise.all(producers);
    const elapsed = (performance.now() - started) / 1000;
    const total = acked.records;
    const held = () =>
      page.evaluate(() =>
        window.__shardscope!.streams().reduce((n, s) => n + s.shards.reduce((m, shard) => m + shard.records, 0), 0),
      );
    let holds = false;
    for (let i = 0; i < 50 && !holds; i++) {
      holds = (await held()) === total;
      if (!holds) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const lags = [...figures.lags].sort((a, b) => a - b);
    await page.close();
    return {
      seconds,
      producers: PRODUCERS,
      askedRecordsPerSecond: PRODUCERS * PER_PRODUCER,
      ackedRecordsPerSecond: Math.round(total / elapsed),
      medianFps: Number(figures.medianFps.toFixed(1)),
      p95FrameMs: Number(figures.p95FrameMs.toFixed(1)),
      worstFrameMs: Number(figures.worstFrameMs.toFixed(1)),
      lagMs: {
        median: lags[Math.floor(lags.length / 2)] ?? 0,
        p95: lags[Math.floor(lags.length * 0.95)] ?? 0,
        worst: lags[lags.length - 1] ?? 0,
      },
      pageHoldsEveryRecord: holds,
      idle: { medianFps: Number(idle.medianFps.toFixed(1)), p95FrameMs: Number(idle.p95FrameMs.toFixed(1)) },
    };
  } finally {
    client.destroy();
    child.kill('SIGTERM');
  }
}
