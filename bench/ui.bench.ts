/**
 * `npm run bench:ui`: the views under load. Builds the app in test mode, serves it with
 * `vite preview`, opens it in headless Chromium (playwright-core), loads 100,000 records across
 * 16 shards with splits and merges through the test API, then measures:
 *   - frames per second while playing at 100×,
 *   - frames per second while panning the (zoomed-in) keyspace map,
 *   - the delay from a PutRecords call to its dots being painted on the keyspace map.
 * Targets: ≥ 30 fps for both, < 100 ms for the delay. Then the live scenario (bench/uiLive.ts) in
 * a fresh page at 1280×720: real traffic at 1×, 10×, 100× and 1000× (BENCH_UI_LIVE_SECONDS of
 * each, default 60; then BENCH_UI_SOAK_SECONDS at 100×, default 300). Then the attached scenario
 * (bench/uiAttached.ts): a page following the endpoint while SDK producers in Node write
 * 20,000 records/s (BENCH_UI_ATTACHED_SECONDS, default 30). Then the scale scenario
 * (bench/uiScale.ts): a 10,000-shard stream with 1,000,000 records, played with traffic
 * (BENCH_UI_SCALE_SECONDS of each speed, default 20). BENCH_UI_ONLY=records, =live, =attached or
 * =scale runs one of them (or a comma-separated few). Prints the figures and writes them to
 * test-results/bench-ui.json.
 * Chromium: SHARDSCOPE_CHROMIUM or /usr/bin/chromium.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { runLive, type LiveFigures } from './uiLive';
import { runAttached, type AttachedFigures } from './uiAttached';
import { runScale, type ScaleFigures } from './uiScale';

const PORT = Number(process.env.BENCH_UI_PORT ?? 4794);
/** BENCH_UI_APP_DIR serves an already-built app (in test mode) instead of building one. */
const OUT = process.env.BENCH_UI_APP_DIR ?? 'test-results/bench-ui-app';
const RECORDS = 100_000;
const SHARDS = 16;
const MEASURE_MS = 4000;
const executablePath = process.env.SHARDSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const LIVE_SECONDS = Number(process.env.BENCH_UI_LIVE_SECONDS ?? 60);
const SOAK_SECONDS = Number(process.env.BENCH_UI_SOAK_SECONDS ?? 300);
const ATTACHED_SECONDS = Number(process.env.BENCH_UI_ATTACHED_SECONDS ?? 30);
const SCALE_SECONDS = Number(process.env.BENCH_UI_SCALE_SECONDS ?? 20);
/** BENCH_UI_ONLY: a scenario's name, or several separated by commas ("live,scale"). */
const ONLY = process.env.BENCH_UI_ONLY?.split(',');
const runs = (scenario: string) => ONLY === undefined || ONLY.includes(scenario);

function build(): void {
  if ((process.env.BENCH_UI_SKIP_BUILD === '1' || process.env.BENCH_UI_APP_DIR) && existsSync(OUT)) return;
  const r = spawnSync('npx', ['vite', 'build', '--mode', 'test', '--outDir', OUT, '--emptyOutDir'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) throw new Error('vite build failed');
}

async function up(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Serves the build with `vite preview` (vite itself, not through npx, so killing it stops the server). */
async function serve(): Promise<ChildProcess> {
  const url = `http://127.0.0.1:${PORT}/`;
  if (await up(url)) throw new Error(`Something already listens on ${url}; set BENCH_UI_PORT to a free port.`);
  const child = spawn(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'preview',
      '--outDir',
      OUT,
      '--host',
      '127.0.0.1',
      '--port',
      String(PORT),
      '--strictPort',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    if (await up(url)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`vite preview did not start on ${url}`);
}

/** Loads the stream: 16 shards, PutRecords batches of 500 random keys, two splits and a merge on the way. */
async function load(page: Page): Promise<{ records: number; shards: number; openShards: number; ms: number }> {
  return page.evaluate(
    async ([total, shardCount]) => {
      const started = performance.now();
      const api = window.__shardscope!;
      const must = (op: string, input: unknown) => {
        const r = api.call(op, input);
        if (!r.ok) throw new Error(`${op}: ${JSON.stringify(r.error)}`);
        return r;
      };
      must('CreateStream', { StreamName: 'bench', ShardCount: shardCount });
      api.advanceBy(60_000);
      let seed = 12345;
      const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
      const data = new TextEncoder().encode('x'.repeat(100));
      let loaded = 0;
      let batch = 0;
      while (loaded < total) {
        const n = Math.min(500, total - loaded);
        const records = Array.from({ length: n }, () => ({
          PartitionKey: `key-${Math.floor(rand() * 1e9)}`,
          Data: data,
        }));
        const r = api.call('PutRecords', { StreamName: 'bench', Records: records });
        if (r.ok) loaded += n - ((r.output as { FailedRecordCount?: number }).FailedRecordCount ?? 0);
        api.advanceBy(60);
        batch++;
        if (batch === 60)
          must('SplitShard', {
            StreamName: 'bench',
            ShardToSplit: 'shardId-000000000000',
            NewStartingHashKey: (1n << 123n).toString(),
          });
        if (batch === 90) api.advanceBy(30_000);
        if (batch === 100)
          must('SplitShard', {
            StreamName: 'bench',
            ShardToSplit: 'shardId-000000000005',
            NewStartingHashKey: ((5n << 124n) + (1n << 123n)).toString(),
          });
        if (batch === 130) api.advanceBy(30_000);
        if (batch === 140)
          must('MergeShards', {
            StreamName: 'bench',
            ShardToMerge: 'shardId-000000000016',
            AdjacentShardToMerge: 'shardId-000000000017',
          });
        if (batch === 170) api.advanceBy(30_000);
      }
      api.advanceBy(1000);
      const stream = api.streams()[0]!;
      return {
        records: stream.shards.reduce((a, s) => a + s.records, 0),
        shards: stream.shards.length,
        openShards: stream.shards.filter((s) => s.open).length,
        ms: performance.now() - started,
      };
    },
    [RECORDS, SHARDS] as const,
  );
}

/** Counts animation frames for `ms` of wall time: frames per second and the 95th-percentile frame time. */
function measureFrames(page: Page, ms: number): Promise<{ fps: number; p95FrameMs: number; worstFrameMs: number }> {
  return page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        const times: number[] = [];
        const t0 = performance.now();
        const frame = (t: number) => {
          times.push(t);
          if (t - t0 < duration) requestAnimationFrame(frame);
          else {
            const gaps = times
              .slice(1)
              .map((x, i) => x - times[i]!)
              .sort((a, b) => a - b);
            resolve({
              fps: ((times.length - 1) * 1000) / (times[times.length - 1]! - times[0]!),
              p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
              worstFrameMs: gaps[gaps.length - 1] ?? 0,
            });
          }
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
}

/**
 * Wall ms from a PutRecords call to the keyspace map's next paint that includes its records, and
 * how much of that the call itself took (the engine plus the app's synchronous work on each call).
 */
function putToPaintDelay(page: Page): Promise<{ total: number; call: number }> {
  return page.evaluate(
    () =>
      new Promise<{ total: number; call: number }>((resolve, reject) => {
        const api = window.__shardscope!;
        const views = (
          window as unknown as { __shardscopeViews: { lastPaint?: { at: number; newestArrival: number } } }
        ).__shardscopeViews;
        api.advanceBy(50);
        const t0 = performance.now();
        const r = api.call('PutRecords', {
          StreamName: 'bench',
          Records: Array.from({ length: 20 }, (_, i) => ({
            PartitionKey: `late-${t0}-${i}`,
            Data: new Uint8Array([1, 2, 3]),
          })),
        });
        const returned = performance.now();
        if (!r.ok) {
          reject(new Error(JSON.stringify(r.error)));
          return;
        }
        const callTime = r.t;
        const poll = () => {
          const p = views.lastPaint;
          if (p && p.at >= t0 && p.newestArrival >= callTime) resolve({ total: p.at - t0, call: returned - t0 });
          else if (performance.now() - t0 > 5000) reject(new Error('dots never appeared'));
          else requestAnimationFrame(poll);
        };
        poll();
      }),
  );
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // tsx keeps function names with a `__name` helper that the page does not have.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => window.__shardscope !== undefined);
  return page;
}

/** The live scenario at 1280×720, printed per speed against the targets. */
async function liveScenario(browser: Browser): Promise<LiveFigures> {
  const page = await openPage(browser, { width: 1280, height: 720 });
  const live = await runLive(page, LIVE_SECONDS, SOAK_SECONDS);
  const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
  console.log(`live traffic (1,500 + 500 records/s, 1 consumer, 4 shards), ${LIVE_SECONDS} s per speed:`);
  for (const f of live.speeds) {
    const fpsTarget = f.speed >= 1000 ? 30 : 50;
    const pass = f.medianFps >= fpsTarget && (f.speed >= 1000 || f.p95FrameMs <= 33);
    console.log(
      `  ${String(f.speed).padStart(4)}×: median ${f.medianFps.toFixed(1)} fps, p95 frame ${f.p95FrameMs.toFixed(1)} ms (worst ${f.worstFrameMs.toFixed(0)}), reached ${f.reachedSpeed.toFixed(0)}×, heap ${f.heapMB.toFixed(0)} MB, Pause → still ${f.pauseToStillMs.toFixed(0)} ms ${ok(f.pauseToStillMs <= 100)}, autosave ${f.autosaveKeptUp ? 'kept up' : 'FELL BEHIND'}  fps ${ok(pass)}`,
    );
  }
  console.log(
    `  heap over ${live.soak.seconds} s at 100×: ${live.soak.heapStartMB.toFixed(0)} → ${live.soak.heapEndMB.toFixed(0)} MB (${(live.soak.change * 100).toFixed(1)} %) ${ok(Math.abs(live.soak.change) <= 0.1)}`,
  );
  console.log(
    `  share link: ${live.shareLinkChars} characters after ${live.calls} calls ${ok(live.shareLinkChars <= 2048)}`,
  );
  await page.close();
  return live;
}

/** The attached scenario at 1280×720, printed against the targets. */
async function attachedScenario(browser: Browser): Promise<AttachedFigures> {
  const open = async (url: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await page.goto(url);
    await page.waitForFunction(() => window.__shardscope !== undefined);
    return page;
  };
  const f = await runAttached(open, OUT, ATTACHED_SECONDS);
  const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
  console.log(
    `attached page (${f.producers} SDK producers asking ${f.askedRecordsPerSecond} records/s, ${f.seconds} s): endpoint acknowledged ${f.ackedRecordsPerSecond} records/s`,
  );
  console.log(
    `  page: median ${f.medianFps} fps, p95 frame ${f.p95FrameMs} ms (worst ${f.worstFrameMs.toFixed(0)}) ${ok(f.medianFps >= 50 && f.p95FrameMs <= 33)}; idle just before: median ${f.idle.medianFps} fps, p95 frame ${f.idle.p95FrameMs} ms`,
  );
  console.log(
    `  lag behind the endpoint: median ${f.lagMs.median} ms, p95 ${f.lagMs.p95} ms, worst ${f.lagMs.worst} ms ${ok(f.lagMs.worst <= 1000)}; page holds every record: ${f.pageHoldsEveryRecord ? 'yes' : 'NO'}`,
  );
  return f;
}

/** The scale scenario at 1280×720, printed against the live-traffic targets. */
async function scaleScenario(browser: Browser): Promise<ScaleFigures> {
  const page = await openPage(browser, { width: 1280, height: 720 });
  const f = await runScale(page, SCALE_SECONDS);
  const ok = (pass: boolean) => (pass ? 'OK' : 'MISSED');
  console.log(
    `scale: ${f.records.toLocaleString('en-US')} records in ${f.shards.toLocaleString('en-US')} shards (loaded in ${(f.loadMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  first paint of every view after the load: ${f.firstPaintMs.toFixed(0)} ms (keyspace map's paint ${f.keyspacePaintMs.toFixed(1)} ms)`,
  );
  for (const s of f.speeds) {
    const pass = s.medianFps >= (s.speed === 1 ? 59 : 50) && s.p95FrameMs <= 33;
    console.log(
      `  ${String(s.speed).padStart(3)}×: median ${s.medianFps.toFixed(1)} fps, p95 frame ${s.p95FrameMs.toFixed(1)} ms (worst ${s.worstFrameMs.toFixed(0)}), reached ${s.reachedSpeed.toFixed(0)}×  ${ok(pass)}`,
    );
  }
  console.log(`  heap after: ${f.heapMB.toFixed(0)} MB`);
  await page.close();
  return f;
}

/** The 100,000-record scenario. */
async function recordsScenario(browser: Browser) {
  const page = await openPage(browser, { width: 1400, height: 1000 });
  const loaded = await load(page);
  console.log(
    `loaded ${loaded.records} records into ${loaded.shards} shards (${loaded.openShards} open) in ${(loaded.ms / 1000).toFixed(1)} s`,
  );
  const overlay = page.getByTestId('keyspace-overlay');
  await overlay.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  const dots = await page.evaluate(() =>
    (
      window as unknown as { __shardscopeViews: { keyspace: () => { drawnDots: number; paintMs: number } } }
    ).__shardscopeViews.keyspace(),
  );

  // Playing at 100×.
  await page.evaluate(() => {
    window.__shardscope!.setSpeed(100);
    window.__shardscope!.play();
  });
  const playing = await measureFrames(page, MEASURE_MS);
  await page.evaluate(() => window.__shardscope!.pause());

  // Panning the keyspace map, zoomed in 4× so there is room to pan (still playing at 100×).
  const box = (await overlay.boundingBox())!;
  await page.getByRole('button', { name: 'Zoom in on time' }).click();
  await page.getByRole('button', { name: 'Zoom in on time' }).click();
  await page.evaluate(() => window.__shardscope!.play());
  const cy = box.y + box.height / 2;
  const panning = measureFrames(page, MEASURE_MS);
  const started = Date.now();
  await page.mouse.move(box.x + box.width * 0.2, cy);
  await page.mouse.down();
  let dir = 1;
  while (Date.now() - started < MEASURE_MS) {
    await page.mouse.move(box.x + box.width * (dir > 0 ? 0.8 : 0.2), cy, { steps: 30 });
    dir = -dir;
  }
  await page.mouse.up();
  const pan = await panning;
  await page.evaluate(() => window.__shardscope!.pause());
  await page.getByRole('button', { name: 'Show the whole history' }).click();
  await page.waitForTimeout(300);

  const samples: { total: number; call: number }[] = [];
  for (let i = 0; i < 15; i++) samples.push(await putToPaintDelay(page));
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const delays = sorted(samples.map((d) => d.total));
  const afterCall = sorted(samples.map((d) => d.total - d.call));
  const calls = sorted(samples.map((d) => d.call));
  const median = delays[Math.floor(delays.length / 2)]!;
  const worst = delays[delays.length - 1]!;

  const result = {
    records: loaded.records,
    shards: loaded.shards,
    openShards: loaded.openShards,
    dotsPainted: dots.drawnDots,
    keyspacePaintMs: Number(dots.paintMs.toFixed(2)),
    playing100x: {
      fps: Number(playing.fps.toFixed(1)),
      p95FrameMs: Number(playing.p95FrameMs.toFixed(1)),
      worstFrameMs: Number(playing.worstFrameMs.toFixed(1)),
    },
    panning: {
      fps: Number(pan.fps.toFixed(1)),
      p95FrameMs: Number(pan.p95FrameMs.toFixed(1)),
      worstFrameMs: Number(pan.worstFrameMs.toFixed(1)),
    },
    putToDotsMs: { median: Number(median.toFixed(1)), worst: Number(worst.toFixed(1)) },
    callItselfMs: {
      median: Number(calls[Math.floor(calls.length / 2)]!.toFixed(1)),
      worst: Number(calls[calls.length - 1]!.toFixed(1)),
    },
    callReturnToDotsMs: {
      median: Number(afterCall[Math.floor(afterCall.length / 2)]!.toFixed(1)),
      worst: Number(afterCall[afterCall.length - 1]!.toFixed(1)),
    },
  };
  console.log(`keyspace map: ${result.dotsPainted} dot pixels painted in ${result.keyspacePaintMs} ms`);
  console.log(
    `playing at 100×: ${result.playing100x.fps} fps (p95 frame ${result.playing100x.p95FrameMs} ms)  target ≥ 30  ${result.playing100x.fps >= 30 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `panning keyspace map: ${result.panning.fps} fps (p95 frame ${result.panning.p95FrameMs} ms)  target ≥ 30  ${result.panning.fps >= 30 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `PutRecords → dots: median ${result.putToDotsMs.median} ms, worst ${result.putToDotsMs.worst} ms  target < 100  ${result.putToDotsMs.worst < 100 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `  of which the call itself (engine + the app's synchronous work per call): median ${result.callItselfMs.median} ms, worst ${result.callItselfMs.worst} ms`,
  );
  console.log(`  every sample (ms, in order): ${samples.map((d) => d.total.toFixed(0)).join(' ')}`);
  console.log(
    `  call returned → dots painted: median ${result.callReturnToDotsMs.median} ms, worst ${result.callReturnToDotsMs.worst} ms`,
  );
  await page.close();
  return result;
}

async function main(): Promise<void> {
  if (!existsSync(executablePath))
    throw new Error(`No Chromium at ${executablePath}; install Debian's chromium or set SHARDSCOPE_CHROMIUM.`);
  build();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const output: { records?: unknown; live?: LiveFigures; attached?: AttachedFigures; scale?: ScaleFigures } = {};
    if (runs('records')) output.records = await recordsScenario(browser);
    if (runs('live')) output.live = await liveScenario(browser);
    if (runs('attached')) output.attached = await attachedScenario(browser);
    if (runs('scale')) output.scale = await scaleScenario(browser);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/bench-ui.json', `${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await browser.close();
    server.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
