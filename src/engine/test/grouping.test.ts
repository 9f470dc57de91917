import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupByRoute } from '../writes';

describe('groupByRoute', () => {
  it('should order a call’s records by shard, each shard’s in call order, however many shards there are', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12_000 })
          .chain((routeCount) =>
            fc.tuple(
              fc.constant(routeCount),
              fc.array(fc.nat(routeCount - 1), { minLength: 1, maxLength: 500 }),
              fc.array(fc.nat(routeCount - 1), { minLength: 1, maxLength: 500 }),
            ),
          ),
        ([routeCount, first, second]) => {
          // Two calls in a row: what the first call left behind must not leak into the second.
          for (const call of [first, second]) {
            const routes = Int32Array.from(call);
            const order = new Int32Array(call.length);
            groupByRoute(routes, call.length, routeCount, order);
            const expected = call.map((_, i) => i).sort((a, b) => call[a]! - call[b]! || a - b);
            expect(Array.from(order)).toEqual(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
