import { HASH_SPACE } from '../../engine/index';

/**
 * A range of the 128-bit hash-key space a view is zoomed to: keys `start` ≤ k < `end`. Kept in
 * exact bigint keys (a float holds 53 bits, so a window a few shards wide out of 10,000 would
 * blur), and turned into pixels only at the edge, by integer arithmetic that maps back exactly.
 */
export interface HashWindow {
  readonly start: bigint;
  readonly end: bigint;
}

export const WHOLE_SPACE: HashWindow = { start: 0n, end: HASH_SPACE };

/** The narrowest window a view zooms to: below this many keys, pixels stand for single keys anyway. */
export const MIN_WINDOW_KEYS = 1n << 16n;

export const isWhole = (w: HashWindow): boolean => w.start === 0n && w.end === HASH_SPACE;

const clampKey = (k: bigint): bigint => (k < 0n ? 0n : k > HASH_SPACE ? HASH_SPACE : k);

/** A valid window from any two keys: ordered, inside the space, at least MIN_WINDOW_KEYS wide. */
export function windowOf(a: bigint, b: bigint): HashWindow {
  let start = clampKey(a < b ? a : b);
  let end = clampKey(a < b ? b : a);
  if (end - start < MIN_WINDOW_KEYS) {
    const mid = (start + end) / 2n;
    start = clampKey(mid - MIN_WINDOW_KEYS / 2n);
    end = start + MIN_WINDOW_KEYS;
    if (end > HASH_SPACE) {
      end = HASH_SPACE;
      start = HASH_SPACE - MIN_WINDOW_KEYS;
    }
  }
  return { start, end };
}

/** The pixel column (0 … width-1) a key falls in; keys outside the window give columns outside. */
export function pixelOfKey(w: HashWindow, key: bigint, width: number): number {
  const offset = (key - w.start) * BigInt(width);
  const span = w.end - w.start;
  // Floor division for negatives too (BigInt division truncates toward zero).
  const q = offset / span;
  return Number(offset < 0n && q * span !== offset ? q - 1n : q);
}

/** The first key of pixel column `px`: pixelOfKey(keyAtPixel(px)) = px, and the key before is in px-1. */
export function keyAtPixel(w: HashWindow, px: number, width: number): bigint {
  const span = w.end - w.start;
  const num = BigInt(px) * span;
  const W = BigInt(width);
  const q = num / W;
  return w.start + (num > 0n && q * W !== num ? q + 1n : q);
}

/** The window dragged out between two pixel columns of `w` (a brush): it starts exactly at px0's first key. */
export function windowFromPixels(w: HashWindow, px0: number, px1: number, width: number): HashWindow {
  const a = Math.max(0, Math.min(px0, px1));
  const b = Math.min(width, Math.max(px0, px1));
  return windowOf(keyAtPixel(w, a, width), keyAtPixel(w, Math.max(b, a + 1), width));
}

/** Zooms by `factor` (> 1 in, < 1 out) keeping `center` where it is on screen. */
export function zoomWindow(w: HashWindow, center: bigint, factor: number): HashWindow {
  const span = w.end - w.start;
  // Factor in thousandths: exact bigint arithmetic, enough precision for buttons and wheels.
  const milli = BigInt(Math.max(1, Math.round(factor * 1000)));
  let next = (span * 1000n) / milli;
  if (next > HASH_SPACE) next = HASH_SPACE;
  if (next < MIN_WINDOW_KEYS) next = MIN_WINDOW_KEYS;
  const before = ((center - w.start) * next) / (span === 0n ? 1n : span);
  let start = center - before;
  if (start < 0n) start = 0n;
  if (start + next > HASH_SPACE) start = HASH_SPACE - next;
  return { start, end: start + next };
}

/**
 * A window showing the keys `start` … `end` (inclusive, a shard's range) with `pad` times their
 * width on each side, so the neighbours show too.
 */
export function windowAround(start: bigint, end: bigint, pad = 0): HashWindow {
  const span = end - start + 1n;
  const margin = (span * BigInt(Math.round(pad * 1000))) / 1000n;
  return windowOf(start - margin, end + 1n + margin);
}

/** Whether the inclusive key range [start, end] shares a key with the window. */
export const overlaps = (w: HashWindow, start: bigint, end: bigint): boolean => start < w.end && end >= w.start;

/** The window's edges as fractions of the space, for float scales (d3); exact keys stay in the window. */
export function windowFractions(w: HashWindow): [number, number] {
  return [fractionOf(w.start), fractionOf(w.end)];
}

/** A key as a fraction of the space, from its top 64 bits (plenty for drawing). */
export function fractionOf(key: bigint): number {
  return Number(key >> 64n) / 2 ** 64 + Number(key & 0xffff_ffff_ffff_ffffn) / 2 ** 128;
}

/** The window's width as a share of the space, written for people: "100%", "0.0125%". */
export function windowShareText(w: HashWindow): string {
  const share = fractionOf(w.end - w.start) * 100;
  if (share >= 99.9995) return '100%';
  const digits = Math.min(12, Math.max(1, Math.ceil(-Math.log10(share)) + 2));
  return `${share.toFixed(digits).replace(/\.?0+$/, '')}%`;
}
