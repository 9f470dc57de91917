/**
 * The scale scenario of `npm run bench:ui` (BENCH_UI_ONLY=scale): a 10,000-shard stream holding
 * 1,000,000 records, drawn while traffic plays. The stream is made through the test API; the
 * records come from a 10,000 records/s producer started from the Workshop's Traffic tab, run
 * for 100 s of virtual time in one go (so the page draws nothing meanwhile); then the time to the
 * first frame where every view has drawn the loaded stream; then the loader stops and a hot-key
 * producer (1,500 records/s) and a uniform one (500 records/s) keep playing at 1× and 100×, with
 * median fps, p95 frame and the speed reached at each. No consumer: one polling 10,000 shards makes
 * 10,000 GetRecords calls a second of virtual time, which measures the traffic and the call log
 * rather than the views (BENCH_UI_SCALE_CONSUMER=1 adds one).
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { playingFrames } from './frames';

export const SCALE_SHARDS = 10_000;
export const SCALE_RECORDS = 1_000_000;
const SPEEDS = [1, 100] as const;

export interface ScaleFigures {
  shards: number;
  records: number;
  loadMs: number;
  firstPaintMs: number;
  keyspacePaintMs: number;
  speeds: { speed: number; medianFps: number; p95FrameMs: number; worstFrameMs: number; reachedSpeed: number }[];
  heapMB: number;
}

async function producer(page: Page, id: string, rate: number, keys: 'hot' | 'uniform'): Promise<void> {
  const form = page.getByRole('form', { name: 'New producer' });
  await form.getByLabel('Id').fill(id);
  await form.getByLabel('Records/s').fill(String(rate));
  await form.getByLabel('Key distribution').selectOption(keys);
  await form.getByRole('button', { name: 'Start producer' }).click();
}

export async function runScale(page: Page, seconds: number): Promise<ScaleFigures> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await page.evaluate((shards) => {
    const api = window.__shardscope!;
    const r = api.call('CreateStream', { StreamName: 'big', ShardCount: shards });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    api.advanceBy(60_000);
  }, SCALE_SHARDS);
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await producer(page, 'loader', 10_000, 'uniform');
  await producer(page, 'hot', 1_500, 'hot');
  await producer(page, 'uniform', 500, 'uniform');
  if (process.env.BENCH_UI_SCALE_CONSUMER === '1')
    await page.getByRole('form', { name: 'New consumer' }).getByRole('button', { name: 'Start consumer' }).click();
  await page.getByRole('button', { name: /Workshop/ }).click();
  // At 1280×720 the stage keeps Throughput behind a tab next to the Timeline: bring it forward,
  // so the four views this scenario measures are all on the stage.
  await page.getByRole('tab', { name: 'Throughput', exact: true }).click();

  // Virtual time moves in one synchronous run, so nothing is drawn until it ends.
  const loaded = await page.evaluate((target) => {
    const api = window.__shardscope!;
    const started = performance.now();
    const held = () =>
      api.store
        .getState()
        .engine.stream('big')!
        .shards.reduce((a, s) => a + s.records.length, 0);
    let records = held();
    while (records < target) {
      api.advanceBy(Math.max(100, Math.min(10_000, ((target - records) / 12_000) * 1000)));
      records = held();
    }
    (window as unknown as { __loadedAt: number }).__loadedAt = performance.now();
    return { records, ms: performance.now() - started };
  }, SCALE_RECORDS);

  // First paint: the first frame after which every view has drawn the loaded stream.
  const firstPaintMs = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const w = window as unknown as {
          __loadedAt: number;
          __shardscopeViews: { lastPaint?: { at: number } };
        };
        const drawn = () =>
          (w.__shardscopeViews.lastPaint?.at ?? 0) > w.__loadedAt &&
          document.querySelector('[data-testid="hash-bar-scale"]') !== null &&
          document.querySelector('.ss-lane') !== null &&
          document.querySelector('.ss-tp-row') !== null;
        const poll = () => {
          if (drawn()) resolve(performance.now() - w.__loadedAt);
          else if (performance.now() - w.__loadedAt > 30_000) reject(new Error('the views never drew the stream'));
          else requestAnimationFrame(poll);
        };
        poll();
      }),
  );
  const keyspacePaintMs = await page.evaluate(
    () =>
      (window as unknown as { __shardscopeViews: { keyspace: () => { paintMs: number } } }).__shardscopeViews.keyspace()
        .paintMs,
  );

  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('button', { name: 'Stop producer loader' }).click();
  await page.getByRole('button', { name: /Workshop/ }).click();

  const speeds: ScaleFigures['speeds'] = [];
  for (const speed of SPEEDS) {
    await page.evaluate((s) => window.__shardscope!.setSpeed(s), speed);
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.waitForTimeout(3000);
    // BENCH_UI_PROFILE_SPEED=1 writes a CPU profile of that speed's measured stretch.
    const profiling = process.env.BENCH_UI_PROFILE_SPEED === String(speed);
    if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    speeds.push({ speed, ...(await playingFrames(page, seconds * 1000)) });
    if (profiling) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(`test-results/bench-ui-scale-${speed}x.cpuprofile`, JSON.stringify(profile));
    }
    await page.getByRole('button', { name: '❚❚ Pause' }).click();
  }
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return {
    shards: SCALE_SHARDS,
    records: loaded.records,
    loadMs: loaded.ms,
    firstPaintMs,
    keyspacePaintMs,
    speeds,
    heapMB: usedSize / 1048576,
  };
}
