/**
 * Labels that never overprint: axis ticks with unique labels that fit inside the drawing, and
 * marker labels placed left to right, each shown only where it clears the one before.
 */
import { clockTime } from './format';

/** A tick: where it sits (in the scale's domain) and its text. */
export interface Tick {
  readonly value: number;
  readonly label: string;
}

interface LinearScale {
  (value: number): number;
  ticks(count: number): number[];
}

/** Roughly how wide a label of `chars` characters is at `charPx` per character, with a gap. */
const labelWidth = (chars: number, charPx: number) => chars * charPx + 14;

/**
 * Time ticks (milliseconds since the epoch) on a `width`-pixel axis: seconds where the ticks are
 * a second or more apart, milliseconds where they are closer, never two the same, and none whose
 * label would run past the axis ends by more than `overhang` pixels.
 */
export function timeTicks(scale: LinearScale, width: number, charPx: number, overhang = 0): Tick[] {
  const fine = (values: number[]) => values.length > 1 && values[1]! - values[0]! < 1000;
  let chars = 8;
  let values = scale.ticks(Math.max(2, Math.floor(width / labelWidth(chars, charPx))));
  if (fine(values)) {
    chars = 12;
    values = scale.ticks(Math.max(2, Math.floor(width / labelWidth(chars, charPx))));
  }
  const w = labelWidth(chars, charPx);
  const seen = new Set<string>();
  const ticks: Tick[] = [];
  let lastX = -Infinity;
  for (const value of values) {
    const label = clockTime(value).slice(0, chars);
    const x = scale(value);
    // d3 may give more ticks than asked for: keep only those a whole label apart.
    if (seen.has(label) || x - w / 2 < -overhang || x + w / 2 > width + overhang || x - lastX < w) continue;
    seen.add(label);
    lastX = x;
    ticks.push({ value, label });
  }
  return ticks;
}

/** Whole-number ticks (record positions, counts): no fractions and no repeats. */
export function integerTicks(scale: LinearScale, width: number, charPx: number, maxChars = 6): number[] {
  const w = labelWidth(maxChars, charPx);
  const values = scale.ticks(Math.max(2, Math.floor(width / w)));
  let lastX = -Infinity;
  return values.filter((v) => {
    if (!Number.isInteger(v) || scale(v) - lastX < w) return false;
    lastX = scale(v);
    return true;
  });
}

/** A marker's label: the short form always fits beside it; the long one where there is room. */
export interface MarkerLabel {
  readonly x: number;
  readonly short: string;
  readonly long?: string;
}

/**
 * Which text each marker (sorted by x) shows: the long label where it clears the next marker,
 * else the short one where that clears the label before it, else none. Shown labels never overlap.
 */
export function placeMarkerLabels(
  markers: readonly MarkerLabel[],
  charPx: number,
  offset = 7,
  /** Where the drawing ends: the last marker's long label must end before it too. */
  limit = Infinity,
): (string | null)[] {
  let freeFrom = -Infinity;
  return markers.map((m, i) => {
    const start = m.x + offset;
    if (start < freeFrom) return null;
    const nextX = markers[i + 1]?.x ?? limit;
    // A gap of about a character keeps two short labels from reading as one word ("NN").
    const gap = Math.max(4, charPx);
    for (const text of m.long === undefined ? [m.short] : [m.long, m.short]) {
      const end = start + text.length * charPx;
      if (end + gap <= nextX || text === m.short) {
        freeFrom = end + gap;
        return text;
      }
    }
    return null;
  });
}

/**
 * About how wide a character of the drawing's axis text is, in pixels (it grows with the theme's
 * text size, as in presenter mode); a guess until the drawing has its first axis label.
 */
export function axisCharPx(plot: HTMLElement | null, fallback = 8): number {
  const text = plot?.querySelector('.ss-axis text');
  const size = text ? parseFloat(getComputedStyle(text).fontSize) : NaN;
  return Number.isFinite(size) && size > 0 ? size * 0.62 : fallback;
}
