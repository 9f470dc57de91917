/**
 * Frame figures for the UI benchmarks: the page records the timestamps of consecutive animation
 * frames (and, where asked, the virtual time moved); Node turns them into median frames per second
 * over one-second windows, the 95th-percentile and the worst frame interval.
 */
import type { Page } from 'playwright-core';

export interface FrameFigures {
  medianFps: number;
  p95FrameMs: number;
  worstFrameMs: number;
}

export function frameFigures(times: readonly number[]): FrameFigures {
  const gaps = times
    .slice(1)
    .map((x, i) => x - times[i]!)
    .sort((a, b) => a - b);
  const perSecond: number[] = [];
  let start = times[0] ?? 0;
  let count = 0;
  for (const x of times.slice(1)) {
    count++;
    if (x - start >= 1000) {
      perSecond.push((count * 1000) / (x - start));
      start = x;
      count = 0;
    }
  }
  perSecond.sort((a, b) => a - b);
  return {
    medianFps: perSecond[Math.floor(perSecond.length / 2)] ?? 0,
    p95FrameMs: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
    worstFrameMs: gaps[gaps.length - 1] ?? 0,
  };
}

/** Animation-frame timestamps for `ms` of wall time, and the speed virtual time moved at meanwhile. */
export async function playingFrames(page: Page, ms: number): Promise<FrameFigures & { reachedSpeed: number }> {
  const { times, reachedSpeed } = await page.evaluate(
    (duration) =>
      new Promise<{ times: number[]; reachedSpeed: number }>((resolve) => {
        const api = window.__shardscope!;
        const times: number[] = [];
        const v0 = api.now();
        const t0 = performance.now();
        const frame = (t: number) => {
          times.push(t);
          if (t - t0 < duration) requestAnimationFrame(frame);
          else resolve({ times, reachedSpeed: (api.now() - v0) / (performance.now() - t0) });
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
  return { ...frameFigures(times), reachedSpeed };
}
