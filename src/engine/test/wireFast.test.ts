import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base64Problem, decodeBase64 } from '../core/base64';
import { OPERATIONS } from '../operations/index';
import { structureValueOf } from '../schema/shapeValues.testing';
import { generalTypePass } from '../schema/validate';
import { FAIL, wireConverterOf } from '../schema/wireFast';

const shapes = [...OPERATIONS.values()].flatMap((def) => def.profiles.map((profile) => def.input(profile)));
// A host decoder like Node's: decodes canonical base64 only (here through the engine's own pass).
const decoders = [undefined, (text: string) => (base64Problem(text) === undefined ? decodeBase64(text) : undefined)];

describe('wireConverterOf (wire type pass fast path)', () => {
  it('should give what the general pass gives whenever it answers, for every operation', () => {
    let answered = 0;
    for (const shape of shapes) {
      for (const decode of decoders) {
        fc.assert(
          fc.property(structureValueOf(shape, 'wire'), (input) => {
            const fast = wireConverterOf(shape)(input, decode);
            if (fast === FAIL) return;
            answered++;
            expect(
              generalTypePass(shape, input, { mode: 'wire', ...(decode ? { decodeBase64: decode } : {}) }),
            ).toEqual(fast);
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
    const out = wireConverterOf(shape)({ StreamName: 's', Records }, undefined) as {
      Records: { Data: Uint8Array; PartitionKey: string }[];
    };
    expect(out.Records).toHaveLength(500);
    expect(out.Records[7]).toEqual({ Data: new Uint8Array([104, 105]), PartitionKey: 'k7' });
  });
});
