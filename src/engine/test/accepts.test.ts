import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OPERATIONS } from '../operations/index';
import { acceptsOf } from '../schema/accepts';
import { structureValueOf } from '../schema/shapeValues.testing';
import { checkTypes, constraintProblems } from '../schema/validate';

const shapes = [...OPERATIONS.values()].flatMap((def) =>
  def.profiles.map((profile) => ({ name: `${def.name} (${profile})`, shape: def.input(profile) })),
);

describe('acceptsOf (validation fast path)', () => {
  it('should accept only inputs that the general validation passes untouched, for every operation', () => {
    let accepted = 0;
    for (const { shape } of shapes) {
      fc.assert(
        fc.property(structureValueOf(shape, 'sdk'), (input) => {
          if (!acceptsOf(shape)(input)) return;
          accepted++;
          expect(checkTypes(shape, input, { mode: 'sdk' })).toBe(input);
          expect(constraintProblems(shape, input)).toEqual([]);
        }),
        { numRuns: 150 },
      );
    }
    // The fast path must actually be taken, or it is dead weight.
    expect(accepted).toBeGreaterThan(shapes.length * 10);
  });

  it('should accept a typical 500-record PutRecords input and refuse one bad entry in it', () => {
    const shape = OPERATIONS.get('PutRecords')!.input('current');
    const Records = Array.from({ length: 500 }, (_, i) => ({ Data: new Uint8Array(100), PartitionKey: `key-${i}` }));
    expect(acceptsOf(shape)({ StreamName: 'orders', Records })).toBe(true);
    Records[250] = { Data: new Uint8Array(100), PartitionKey: '' };
    expect(acceptsOf(shape)({ StreamName: 'orders', Records })).toBe(false);
  });
});
