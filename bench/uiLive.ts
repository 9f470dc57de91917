/**
 * The live scenario of `npm run bench:ui`: what a person sees with real traffic running. A 4-shard
 * stream made from the console form, a hot-key producer at 1,500 records/s, a uniform producer at
 * 500 records/s and a consumer, all started from the Workshop's Traffic tab, then played at 1×,
 * 10×, 100× and 1000× through the toolbar. Per speed: median fps and p95 frame time while
 * playing, the speed virtual time actually reached, the heap after the run, the time from a real
 * Pause click to the clock standing still on screen, and whether the autosave kept up. Then the
 * heap over a longer run at 100× and the share link's size.
 */
import { writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { playingFrames } from './frames';

export const SPEEDS = [1, 10, 100, 1000] as const;

export interface SpeedFigures {
  speed: number;
  medianFps: number;
  p95FrameMs: number;
  worstFrameMs: number;
  reachedSpeed: number;
  heapMB: number;
  pauseToStillMs: number;
  autosaveKeptUp: boolean;
}

export interface LiveFigures {
  speeds: SpeedFigures[];
  soak: { seconds: number; heapStartMB: number; heapEndMB: number; change: number };
  shareLinkChars: number;
  calls: number;
}

/** Sets up the stream and the traffic through the page's own forms, as a person would. */
async function setUp(page: Page): Promise<void> {
  await page.getByLabel('Operation', { exact: true }).selectOption('CreateStream');
  await page.getByLabel('StreamName').fill('live');
  await page.getByLabel('ShardCount').fill('4');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('button', { name: 'Next event' }).click();
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  const producer = page.getByRole('form', { name: 'New producer' });
  await producer.getByLabel('Records/s').fill('1500');
  await producer.getByLabel('Key distribution').selectOption('hot');
  await producer.getByRole('button', { name: 'Start producer' }).click();
  await producer.getByLabel('Records/s').fill('500');
  await producer.getByLabel('Key distribution').selectOption('uniform');
  await producer.getByRole('button', { name: 'Start producer' }).click();
  await page.getByRole('form', { name: 'New consumer' }).getByRole('button', { name: 'Start consumer' }).click();
  // Back to the stage: the workshop panel folds away.
  await page.getByRole('button', { name: /Workshop/ }).click();
}

/**
 * A real click on Pause; answered when the store has stopped and the next frame is painted. Measured
 * from the input event's own timestamp, so the time the click waited behind a long frame counts.
 */
async function pauseToStill(page: Page): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __pauseAt?: number; __stillAt?: number };
    delete w.__pauseAt;
    delete w.__stillAt;
    addEventListener('pointerdown', (e) => (w.__pauseAt = e.timeStamp), { capture: true, once: true });
    const store = window.__shardscope!.store;
    const stop = store.subscribe((s) => {
      if (s.playing) return;
      stop();
      requestAnimationFrame(() => requestAnimationFrame(() => (w.__stillAt = performance.now())));
    });
  });
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  await page.waitForFunction(() => (window as unknown as { __stillAt?: number }).__stillAt !== undefined);
  return page.evaluate(() => {
    const w = window as unknown as { __pauseAt: number; __stillAt: number };
    return w.__stillAt - w.__pauseAt;
  });
}

async function heapMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1048576;
}

/** Whether the autosave holds a time at least as late as the page's time `wallMs` ago. */
async function autosaveKeepsUp(page: Page, wallMs: number): Promise<boolean> {
  const before = await page.evaluate(() => window.__shardscope!.now());
  await page.waitForTimeout(wallMs);
  const saved = await page.evaluate(
    () => (JSON.parse(localStorage.getItem('shardscope.session.v1') ?? '{}') as { now?: number }).now ?? 0,
  );
  return saved >= before;
}

export async function runLive(page: Page, seconds: number, soakSeconds: number): Promise<LiveFigures> {
  const cdp = await page.context().newCDPSession(page);
  await setUp(page);
  const speeds: SpeedFigures[] = [];
  for (const speed of SPEEDS) {
    await page.evaluate((s) => window.__shardscope!.setSpeed(s), speed);
    await page.getByRole('button', { name: '▶ Play' }).click();
    // The first seconds warm up; the rest is measured, then the autosave is checked while playing.
    await page.waitForTimeout(Math.min(5000, seconds * 100));
    // BENCH_UI_PROFILE_SPEED=100 writes a CPU profile of that speed's measured stretch.
    const profiling = process.env.BENCH_UI_PROFILE_SPEED === String(speed);
    if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const measured = await playingFrames(page, Math.max(3000, seconds * 1000 - 8000));
    if (profiling) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: unknown };
      writeFileSync(`test-results/bench-ui-${speed}x.cpuprofile`, JSON.stringify(profile));
    }
    const autosaveKeptUp = await autosaveKeepsUp(page, 2500);
    const pauseMs = await pauseToStill(page);
    speeds.push({
      speed,
      ...measured,
      heapMB: await heapMB(cdp),
      pauseToStillMs: pauseMs,
      autosaveKeptUp,
    });
  }
  await page.evaluate(() => window.__shardscope!.setSpeed(100));
  await page.getByRole('button', { name: '▶ Play' }).click();
  const heapStartMB = await heapMB(cdp);
  await page.waitForTimeout(soakSeconds * 1000);
  const heapEndMB = await heapMB(cdp);
  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  const shareLinkChars = await page.evaluate(() => window.__shardscope!.workshop.shareToken().length);
  const calls = await page.evaluate(() => window.__shardscope!.commandCount());
  return {
    speeds,
    soak: { seconds: soakSeconds, heapStartMB, heapEndMB, change: (heapEndMB - heapStartMB) / heapStartMB },
    shareLinkChars,
    calls,
  };
}
