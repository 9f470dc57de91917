import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Problem, decodeBase64 } from '../core/base64';
import { OPERATIONS } from '../operations/index';
import type { Member, Shape, StructureShape } from './shapes';
import { generalTypePass } from './validate';
import { FAIL, wireConverterOf } from './wireFast';

/** JSON 1.1 values for a shape: mostly of the right JSON type, sometimes not, sometimes null. */
function wireValueOf(shape: Shape, depth = 0): fc.Arbitrary<unknown> {
  const wrong = fc.constantFrom<unknown>(null, 7, 2.5, -1e12, 'text', true, [], {}, 'aGk=', 'abc', 'a*b=');
  const good = ((): fc.Arbitrary<unknown> => {
    switch (shape.type) {
      case 'string':
        return fc.string({ maxLength: 12 });
      case 'blob':
        return fc.oneof(fc.uint8Array({ maxLength: 9 }).map((b) => btoa(String.fromCharCode(...b))), fc.constantFrom('YR==', 'YQ=a', 'Y', '===='));
      case 'integer':
      case 'long':
        return fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(2 ** 40 + 0.5));
      case 'boolean':
        return fc.boolean();
      case 'timestamp':
        return fc.oneof(fc.integer({ min: 0, max: 2e9 }), fc.double({ min: 0, max: 2e9, noNaN: true }));
      case 'list':
        return depth > 2 ? fc.constant([]) : fc.array(fc.oneof({ arbitrary: wireValueOf(shape.member, depth + 1), weight: 9 }, { arbitrary: fc.constant(null), weight: 1 }), { maxLength: 4 });
      case 'map':
        return fc.dictionary(fc.string({ maxLength: 4 }), wireValueOf(shape.value, depth + 1), { maxKeys: 2 });
      case 'structure':
        return wireStructureOf(shape, depth);
    }
  })();
  return fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: wrong, weight: 1 });
}

function wireStructureOf(shape: StructureShape, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(shape.members).map(([name, member]: [string, Member]) => [name, fc.option(wireValueOf(member, depth + 1), { nil: undefined, freq: 3 })] as const);
  return fc
    .tuple(fc.record(Object.fromEntries(entries)), fc.option(fc.constant({ Unknown: 1 }), { nil: undefined }))
    .map(([value, extra]) => ({ ...Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)), ...extra }));
}

const shapes = [...OPERATIONS.values()].flatMap((def) => def.profiles.map((profile) => def.input(profile)));
// A host decoder like Node's: decodes canonical base64 only (here through the engine's own pass).
const decoders = [undefined, (text: string) => (base64Problem(text) === undefined ? decodeBase64(text) : undefined)];

describe('wireConverterOf (wire type pass fast path)', () => {
  it('should give what the general pass gives whenever it answers, for every operation', () => {
    let answered = 0;
    for (const shape of shapes) {
      for (const decode of decoders) {
        fc.assert(
          fc.property(wireStructureOf(shape, 0), (input) => {
            const fast = wireConverterOf(shape)(input, decode);
            if (fast === FAIL) return;
            answered++;
            expect(generalTypePass(shape, input, { mode: 'wire', ...(decode ? { decodeBase64: decode } : {}) })).toEqual(fast);
          }),
          { numRuns: 100 },
        );
      }
    }
    expect(answered).toBeGreaterThan(shapes.length * 20);
  });

  it('should convert a PutRecords body of 500 records in one pass', () => {
    const shape = OPERATIONS.get('PutRecords')!.input('current');
    const Records = Array.from({ length: 500 }, (_, i) => ({ Data: 'aGk=', PartitionKey: `k${i}`, Extra: true }));
    const out = wireConverterOf(shape)({ StreamName: 's', Records }, undefined) as { Records: { Data: Uint8Array; PartitionKey: string }[] };
    expect(out.Records).toHaveLength(500);
    expect(out.Records[7]).toEqual({ Data: new Uint8Array([104, 105]), PartitionKey: 'k7' });
  });
});
