import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HASH_SPACE } from '../../engine/index';
import {
  keyAtPixel,
  MIN_WINDOW_KEYS,
  pixelOfKey,
  WHOLE_SPACE,
  windowAround,
  windowFromPixels,
  windowOf,
  windowShareText,
  zoomWindow,
  type HashWindow,
} from './hashWindow';
import { binShards, lastStartingAtOrBefore } from './shardBins';
import { topAndRest } from './topShards';

const key = fc.bigInt({ min: 0n, max: HASH_SPACE - 1n });
const windowArb: fc.Arbitrary<HashWindow> = fc.tuple(key, key).map(([a, b]) => windowOf(a, b));
/** Sorted distinct starting keys beginning at 0: shards that tile the space, as open shards do. */
const tiling = fc
  .uniqueArray(fc.bigInt({ min: 1n, max: HASH_SPACE - 1n }), { maxLength: 300 })
  .map((xs) => [0n, ...xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]);

describe('hash window: pixelOfKey and keyAtPixel', () => {
  it('should map every key of a window to the column whose first key is at or before it and whose next column starts after it', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.integer({ min: 1, max: 4000 }),
        fc.bigInt({ min: 0n, max: HASH_SPACE }),
        (w, width, r) => {
          const k = w.start + (r % (w.end - w.start));
          const px = pixelOfKey(w, k, width);
          expect(px).toBeGreaterThanOrEqual(0);
          expect(px).toBeLessThan(width);
          expect(keyAtPixel(w, px, width) <= k).toBe(true);
          expect(k < keyAtPixel(w, px + 1, width)).toBe(true);
        },
      ),
    );
  });

  it('should give each column its own first key: the column of a column first key is that column', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: 1, max: 4000 }), fc.nat(), (w, width, p) => {
        const px = p % width;
        expect(pixelOfKey(w, keyAtPixel(w, px, width), width)).toBe(px);
        expect(keyAtPixel(w, 0, width)).toBe(w.start);
        expect(keyAtPixel(w, width, width)).toBe(w.end);
      }),
    );
  });

  it('should zoom a brushed pixel range to a window that starts exactly at the first key of the brushed column', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: 50, max: 2000 }), fc.nat(), fc.nat(), (w, width, a, b) => {
        const px0 = a % width;
        const px1 = b % (width + 1);
        const zoomed = windowFromPixels(w, px0, px1, width);
        expect(zoomed.end - zoomed.start >= MIN_WINDOW_KEYS).toBe(true);
        expect(zoomed.start >= 0n && zoomed.end <= HASH_SPACE).toBe(true);
        if (zoomed.end - zoomed.start > MIN_WINDOW_KEYS) {
          expect(zoomed.start).toBe(keyAtPixel(w, Math.min(px0, px1), width));
          expect(pixelOfKey(w, zoomed.start, width)).toBe(Math.min(px0, px1));
        }
      }),
    );
  });
});

describe('hash window: zoomWindow and windowAround', () => {
  it('should keep the zoom centre inside the window and the window inside the space', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.bigInt({ min: 0n, max: HASH_SPACE }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (w, r, factor) => {
          const center = w.start + (r % (w.end - w.start));
          const z = zoomWindow(w, center, factor);
          expect(z.start >= 0n && z.end <= HASH_SPACE && z.end - z.start >= MIN_WINDOW_KEYS).toBe(true);
          expect(z.start <= center && center <= z.end).toBe(true);
        },
      ),
    );
  });

  it('should zoom out from any window back to the whole space in 128 halvings at most', () => {
    let w: HashWindow = windowOf(123456789n, 123456789n);
    for (let i = 0; i < 128 && w.end - w.start < HASH_SPACE; i++) w = zoomWindow(w, w.start, 0.5);
    expect(w).toEqual(WHOLE_SPACE);
  });

  it('should hold a shard range and its padding around it', () => {
    const w = windowAround(1000n << 64n, (2000n << 64n) - 1n, 1);
    expect(w).toEqual({ start: 0n, end: 3000n << 64n });
  });

  it('should write the window share for people', () => {
    expect(windowShareText(WHOLE_SPACE)).toBe('100%');
    expect(windowShareText({ start: 0n, end: HASH_SPACE / 10_000n })).toBe('0.01%');
  });
});

describe('binShards', () => {
  it('should count every shard overlapping the window exactly once, in the column of its first visible key', () => {
    fc.assert(
      fc.property(tiling, windowArb, fc.integer({ min: 1, max: 600 }), (starts, w, bins) => {
        const values = starts.map((_, i) => (i * 7) % 13);
        const out = binShards(starts, values, w, bins);
        expect(out.bins).toHaveLength(bins);
        const seen: number[] = [];
        let total = 0;
        for (const [p, b] of out.bins.entries()) {
          for (let i = b.from; i < b.to; i++) {
            seen.push(i);
            const firstVisible = starts[i]! > w.start ? starts[i]! : w.start;
            expect(pixelOfKey(w, firstVisible, bins)).toBe(p);
          }
          total += b.total;
          if (b.to > b.from) expect(b.peak).toBe(Math.max(...values.slice(b.from, b.to)));
        }
        // The shards overlapping [start, end): each runs to the next one's start.
        const overlapping = starts
          .map((s, i) => ({ s, e: i + 1 < starts.length ? starts[i + 1]! : HASH_SPACE, i }))
          .filter(({ s, e }) => s < w.end && e > w.start)
          .map(({ i }) => i);
        expect(seen).toEqual(overlapping);
        expect(total).toBe(overlapping.reduce((a, i) => a + values[i]!, 0));
      }),
    );
  });

  it('should put 10,000 even shards about 20 to a column of 500 over the whole space, 10,000 in all', () => {
    const starts = Array.from({ length: 10_000 }, (_, i) => (HASH_SPACE * BigInt(i)) / 10_000n);
    const out = binShards(starts, new Float64Array(10_000).fill(1), WHOLE_SPACE, 500);
    // A column's first key is rounded up, a shard's start down: a boundary shard may fall either side.
    expect(out.bins.every((b) => b.to - b.from >= 19 && b.to - b.from <= 21 && b.total === b.to - b.from)).toBe(true);
    expect(out.bins.reduce((a, b) => a + b.total, 0)).toBe(10_000);
    expect(lastStartingAtOrBefore(starts, HASH_SPACE - 1n)).toBe(9_999);
  });
});

describe('topAndRest', () => {
  it('should split a range into the n best (plus kept ones) and a rest, every position once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 400 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        (scores, n, keep) => {
          const r = topAndRest(0, scores.length, (i) => scores[i]!, n, keep);
          const kept = keep.filter((k) => k < scores.length);
          expect(new Set(r.top).size).toBe(r.top.length);
          expect(r.top.length + r.restCount).toBe(scores.length);
          for (const k of kept) expect(r.top).toContain(k);
          const shown = r.top.reduce((a, i) => a + scores[i]!, 0);
          expect(shown + r.restTotal).toBe(scores.reduce((a, b) => a + b, 0));
          // No shard left in the rest scores above the n-th best shown.
          const best = [...scores].sort((a, b) => b - a);
          if (n > 0 && scores.length > n) {
            const rest = scores.filter((_, i) => !r.top.includes(i));
            expect(Math.max(...rest)).toBeLessThanOrEqual(best[n - 1]!);
          }
          expect([...r.top].sort((a, b) => a - b)).toEqual(r.top);
        },
      ),
    );
  });
});
