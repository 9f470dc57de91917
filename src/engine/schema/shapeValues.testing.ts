/**
 * fast-check arbitraries of input values for any shape, for the tests that hold validation's fast
 * paths to its general code. `sdk` values are what SDK commands take (Uint8Array, Date); `wire`
 * values are JSON 1.1 (base64 text, epoch seconds). Mostly well-formed, sometimes at or past a
 * bound, of the wrong type, or null.
 */
import fc from 'fast-check';
import type { Member, Shape, StructureShape } from './shapes';

export type ValueForm = 'sdk' | 'wire';

function valueOf(shape: Shape, form: ValueForm, depth: number): fc.Arbitrary<unknown> {
  const wrong =
    form === 'sdk'
      ? fc.constantFrom<unknown>(null, 7, 2.5, 'text', true, [], {}, new Uint8Array(1), new Date(0))
      : fc.constantFrom<unknown>(null, 7, 2.5, -1e12, 'text', true, [], {}, 'aGk=', 'abc', 'a*b=');
  const good = ((): fc.Arbitrary<unknown> => {
    switch (shape.type) {
      case 'string': {
        if (shape.enum) return fc.constantFrom(...shape.enum);
        const max = Math.min(shape.max ?? 40, 300);
        return fc.oneof(
          fc.string({ minLength: 0, maxLength: max + 2 }),
          fc.stringMatching(/^[a-zA-Z0-9_.-]{1,20}$/),
          // Around the bounds, in UTF-16 units and in code points.
          fc.constantFrom(
            '',
            'a'.repeat(Math.max(0, (shape.min ?? 1) - 1)),
            'a'.repeat(shape.max ?? 3),
            'a'.repeat((shape.max ?? 3) + 1),
          ),
          fc.constantFrom('🙂'.repeat(shape.max ?? 2), '🙂'.repeat((shape.max ?? 2) + 1)),
        );
      }
      case 'blob':
        return form === 'sdk'
          ? fc.integer({ min: 0, max: 12 }).map((n) => new Uint8Array(n))
          : fc.oneof(
              fc.uint8Array({ maxLength: 9 }).map((b) => btoa(String.fromCharCode(...b))),
              fc.constantFrom('YR==', 'YQ=a', 'Y', '===='),
            );
      case 'integer':
      case 'long':
        return fc.oneof(
          fc.integer({ min: (shape.min ?? 0) - 2, max: (shape.max ?? 100_000) + 2 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constant(2 ** 40 + 0.5),
        );
      case 'boolean':
        return fc.boolean();
      case 'timestamp':
        return form === 'sdk'
          ? fc.date({ noInvalidDate: true })
          : fc.oneof(fc.integer({ min: 0, max: 2e9 }), fc.double({ min: 0, max: 2e9, noNaN: true }));
      case 'list': {
        if (depth > 2) return fc.constant([]);
        const item =
          form === 'sdk'
            ? valueOf(shape.member, form, depth + 1)
            : fc.oneof(
                { arbitrary: valueOf(shape.member, form, depth + 1), weight: 9 },
                { arbitrary: fc.constant(null), weight: 1 },
              );
        return fc.array(item, { maxLength: Math.min((shape.max ?? 5) + 1, 12) });
      }
      case 'map':
        return fc.dictionary(fc.string({ maxLength: 5 }), valueOf(shape.value, form, depth + 1), { maxKeys: 3 });
      case 'structure':
        return structureValueOf(shape, form, depth);
    }
  })();
  return fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

/** Inputs for a structure shape: required members usually there, optional ones often left out, now and then a member the model does not know. */
export function structureValueOf(
  shape: StructureShape,
  form: ValueForm,
  depth = 0,
): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(shape.members).map(([name, member]: [string, Member]) => {
    return [
      name,
      fc.option(valueOf(member, form, depth + 1), { nil: undefined, freq: member.required ? 12 : 2 }),
    ] as const;
  });
  return fc
    .tuple(fc.record(Object.fromEntries(entries)), fc.option(fc.constant({ Unknown: 1 }), { nil: undefined, freq: 4 }))
    .map(([value, extra]) => ({
      ...Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)),
      ...extra,
    }));
}
