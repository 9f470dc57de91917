/**
 * The keyspace map's density layer. Past a few records per spot the dots cover each other, so a
 * shard taking 1,000 records a second would look like one taking 50. Records are counted per
 * small cell as they are drawn; cells holding more than their dots can show are shaded, darker
 * the more they hold (on a log scale), so a hot shard stands out from an idle one at any speed.
 */

/** Device pixels per side of a counting cell. */
export const DENSITY_CELL = 4;
/** Records a cell shows as separate dots; beyond this it is saturated and shaded. */
export const SATURATED = 6;

export class DensityGrid {
  readonly cols: number;
  readonly rows: number;
  /** Records per cell; fractional where a drawing samples records at a stride. */
  private readonly counts: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.cols = Math.ceil(width / DENSITY_CELL);
    this.rows = Math.ceil(height / DENSITY_CELL);
    this.counts = new Float32Array(this.cols * this.rows);
  }

  /** Counts a record at (px, py), or `weight` records where one drawn stands for several. */
  add(px: number, py: number, weight = 1): void {
    this.counts[Math.floor(py / DENSITY_CELL) * this.cols + Math.floor(px / DENSITY_CELL)]! += weight;
  }

  count(px: number, py: number): number {
    return this.counts[Math.floor(py / DENSITY_CELL) * this.cols + Math.floor(px / DENSITY_CELL)]!;
  }

  /**
   * Shades the saturated cells of a packed RGBA (little-endian) pixel buffer toward `ink`
   * ([r, g, b]); returns how many cells were saturated.
   */
  shade(buf: Uint32Array, ink: readonly [number, number, number]): number {
    let max = 0;
    for (const c of this.counts) if (c > max) max = c;
    if (max <= SATURATED) return 0;
    const span = Math.log(max / SATURATED) || 1;
    let saturated = 0;
    for (let cy = 0; cy < this.rows; cy++) {
      for (let cx = 0; cx < this.cols; cx++) {
        const c = this.counts[cy * this.cols + cx]!;
        if (c <= SATURATED) continue;
        saturated++;
        // From a light veil just past saturation to a strong one at the busiest cell.
        const alpha = 0.25 + 0.5 * (Math.log(c / SATURATED) / span);
        const x1 = Math.min(this.width, (cx + 1) * DENSITY_CELL);
        const y1 = Math.min(this.height, (cy + 1) * DENSITY_CELL);
        for (let y = cy * DENSITY_CELL; y < y1; y++) {
          for (let x = cx * DENSITY_CELL; x < x1; x++) {
            const i = y * this.width + x;
            buf[i] = blend(buf[i]!, ink, alpha);
          }
        }
      }
    }
    return saturated;
  }
}

/** One packed pixel moved toward `ink` by `alpha` (an empty pixel becomes `ink` at that opacity). */
export function blend(pixel: number, ink: readonly [number, number, number], alpha: number): number {
  const a = pixel >>> 24;
  if (a === 0) return ((Math.round(alpha * 255) << 24) | (ink[2] << 16) | (ink[1] << 8) | ink[0]) >>> 0;
  const r = pixel & 255;
  const g = (pixel >>> 8) & 255;
  const b = (pixel >>> 16) & 255;
  const mix = (c: number, k: number) => Math.round(c * (1 - alpha) + k * alpha);
  return (
    ((Math.max(a, Math.round(alpha * 255)) << 24) | (mix(b, ink[2]) << 16) | (mix(g, ink[1]) << 8) | mix(r, ink[0])) >>>
    0
  );
}
