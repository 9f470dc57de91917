import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OPERATIONS } from '../operations/index';
import { acceptsOf } from './accepts';
import type { Member, Shape, StructureShape } from './shapes';
import { checkTypes, constraintProblems } from './validate';

/** Values for a shape: mostly well-formed, sometimes at or past a bound, of the wrong type, or null. */
function valueOf(shape: Shape, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom<unknown>(null, 7, 2.5, 'text', true, [], {}, new Uint8Array(1), new Date(0));
  const good = ((): fc.Arbitrary<unknown> => {
    switch (shape.type) {
      case 'string': {
        const max = Math.min(shape.max ?? 40, 300);
        const base = shape.enum
          ? fc.constantFrom(...shape.enum)
          : fc.oneof(
            fc.string({ minLength: 0, maxLength: max + 2 }),
            fc.stringMatching(/^[a-zA-Z0-9_.-]{1,20}$/),
            // Around the bounds, in UTF-16 units and in code points.
            fc.constantFrom('', 'a'.repeat(Math.max(0, (shape.min ?? 1) - 1)), 'a'.repeat(shape.max ?? 3), 'a'.repeat((shape.max ?? 3) + 1)),
            fc.constantFrom('🙂'.repeat(shape.max ?? 2), '🙂'.repeat((shape.max ?? 2) + 1)),
          );
        return base;
      }
      case 'blob':
        return fc.integer({ min: 0, max: 12 }).map((n) => new Uint8Array(n));
      case 'integer':
      case 'long':
        return fc.oneof(fc.integer({ min: (shape.min ?? 0) - 2, max: (shape.max ?? 100_000) + 2 }), fc.double({ noNaN: true }));
      case 'boolean':
        return fc.boolean();
      case 'timestamp':
        return fc.date({ noInvalidDate: true });
      case 'list':
        return depth > 2 ? fc.constant([]) : fc.array(valueOf(shape.member, depth + 1), { maxLength: Math.min((shape.max ?? 5) + 1, 12) });
      case 'map':
        return fc.dictionary(fc.string({ maxLength: 5 }), valueOf(shape.value, depth + 1), { maxKeys: 3 });
      case 'structure':
        return structureOf(shape, depth);
    }
  })();
  return fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

function structureOf(shape: StructureShape, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(shape.members).map(([name, member]: [string, Member]) => {
    const present = valueOf(member, depth + 1);
    // Required members are usually there; optional ones often left out.
    return [name, fc.option(present, { nil: undefined, freq: member.required ? 12 : 2 })] as const;
  });
  return fc.record(Object.fromEntries(entries)).map((value) =>
    Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)),
  );
}

const shapes = [...OPERATIONS.values()].flatMap((def) => def.profiles.map((profile) => ({ name: `${def.name} (${profile})`, shape: def.input(profile) })));

describe('acceptsOf (validation fast path)', () => {
  it('should accept only inputs that the general validation passes untouched, for every operation', () => {
    let accepted = 0;
    for (const { shape } of shapes) {
      fc.assert(
        fc.property(structureOf(shape, 0), (input) => {
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
