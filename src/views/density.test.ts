import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blend, DensityGrid, SATURATED } from './density';

const BLACK = [0, 0, 0] as const;

describe('density layer', () => {
  it('leaves spots with few records alone and shades the busy ones, darker where busier', () => {
    const w = 40;
    const h = 8;
    const grid = new DensityGrid(w, h);
    const buf = new Uint32Array(w * h).fill(0xff_ff_ff_ff); // white dots everywhere
    for (let i = 0; i < SATURATED; i++) grid.add(1, 1); // as many as the dots can show
    for (let i = 0; i < 10 * SATURATED; i++) grid.add(9, 1); // a busy spot
    for (let i = 0; i < 100 * SATURATED; i++) grid.add(17, 1); // a hot one
    expect(grid.shade(buf, BLACK)).toBe(2);
    const red = (x: number) => buf[1 * w + x]! & 255;
    expect(red(1)).toBe(255);
    expect(red(9)).toBeLessThan(255);
    expect(red(17)).toBeLessThan(red(9));
  });

  it('blending keeps channels within a byte and moves every channel toward the ink', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.double({ min: 0, max: 1, noNaN: true }), (pixel, alpha) => {
        const out = blend(pixel, [10, 20, 30], alpha);
        expect(out).toBeGreaterThanOrEqual(0);
        expect(out).toBeLessThanOrEqual(0xffffffff);
        if (pixel >>> 24 === 0) return;
        for (const [shift, ink] of [
          [0, 10],
          [8, 20],
          [16, 30],
        ] as const) {
          const before = (pixel >>> shift) & 255;
          const after = (out >>> shift) & 255;
          expect(Math.abs(after - ink)).toBeLessThanOrEqual(Math.abs(before - ink) + 1);
        }
      }),
    );
  });
});
