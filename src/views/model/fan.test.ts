import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAN_WIDTH, fanOffsets } from './fan';

const R = 4.5;
/** Where each ring's centre ends up: x from the instant's line, y as given. */
const placed = (ys: number[]) => fanOffsets(ys, R).map((x, i) => ({ x, y: ys[i]! }));

describe('fanOffsets', () => {
  it('should leave rings that overlap nothing on the line', () => {
    expect(fanOffsets([10, 30, 50], R)).toEqual([0, 0, 0]);
  });

  it('should spread five records of one key left of the line, newest on it, in sequence order', () => {
    expect(fanOffsets([40, 40, 40, 40, 40], R)).toEqual([-44, -33, -22, -11, 0]);
  });

  it('should keep every ring within the fan, apart from every other it would overlap, ordered by sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 48 }), (ys) => {
        const rings = placed(ys);
        for (const r of rings) expect(r.x <= 0 && r.x >= -FAN_WIDTH).toBe(true);
        for (let a = 0; a < rings.length; a++)
          for (let b = a + 1; b < rings.length; b++)
            // Two records at one spot: the earlier one is left of the later one.
            if (rings[a]!.y === rings[b]!.y) expect(rings[a]!.x).toBeLessThan(rings[b]!.x);
        // The newest of each overlapping group stays on the line: at least one ring is on it.
        if (rings.length > 0) expect(rings.some((r) => r.x === 0)).toBe(true);
      }),
    );
  });
});
