import { base64Problem, decodeBase64 } from '../core/base64';
import { dateOfMillis } from './dates';
import { perShape } from './perShape';
import { INT_MAX, type Shape, type StructureShape } from './shapes';

/**
 * The wire-mode type pass's fast path: a converter compiled once per shape that turns a JSON 1.1
 * value into SDK form (a fresh object of the known members, base64 decoded, epoch seconds to
 * Dates, integers floored) when every value already has its right JSON type. For anything else it
 * answers FAIL and the general pass (validate.ts) runs, which decides and words the
 * SerializationException. The endpoint converts 500 records a PutRecords this way; a property test
 * holds the two to the same results.
 */
export const FAIL: unique symbol = Symbol('not the simple case');
export type WireDecoder = ((text: string) => Uint8Array | undefined) | undefined;
type Convert = (value: unknown, decode: WireDecoder) => unknown;

/** The compiled converter of an input shape. */
export const wireConverterOf: (shape: StructureShape) => Convert = perShape((shape: StructureShape) => compile(shape));

/** A converter for a present value (neither undefined nor null) of this shape. */
function compile(shape: Shape): Convert {
  switch (shape.type) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : FAIL);
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : FAIL);
    case 'integer':
      return (v) => (typeof v === 'number' ? Math.min(Math.floor(v), INT_MAX) : FAIL);
    case 'long':
      return (v) => (typeof v === 'number' ? Math.floor(v) : FAIL);
    case 'timestamp':
      return (v) => (typeof v === 'number' ? dateOfMillis(Math.round(v * 1000)) : FAIL);
    case 'blob':
      return (v, decode) => {
        if (typeof v !== 'string') return FAIL;
        const decoded = decode?.(v);
        if (decoded) return decoded;
        return base64Problem(v) === undefined ? decodeBase64(v) : FAIL;
      };
    case 'list': {
      const member = compile(shape.member);
      return (v, decode) => {
        if (!Array.isArray(v)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          // A null element is kept as a hole by the general pass: leave that case to it.
          const converted = item === undefined || item === null ? FAIL : member(item, decode);
          if (converted === FAIL) return FAIL;
          out[i] = converted;
        }
        return out;
      };
    }
    case 'map':
      // Maps (tags) never sit on a hot path: the general pass converts them.
      return () => FAIL;
    case 'structure': {
      const members = Object.entries(shape.members).map(([name, member]) => ({ name, convert: compile(member) }));
      return (v, decode) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array || v instanceof Date)
          return FAIL;
        const given = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (let i = 0; i < members.length; i++) {
          const member = members[i]!;
          const value = given[member.name];
          if (value === undefined || value === null) continue;
          const converted = member.convert(value, decode);
          if (converted === FAIL) return FAIL;
          out[member.name] = converted;
        }
        return out;
      };
    }
  }
}
