import { perShape } from './perShape';
import { INT_MAX, type Member, type Shape, type StructureShape } from './shapes';
import { codePointLength, patternOf } from './text';

/**
 * Validation's fast path. `acceptsOf(shape)` is a yes/no compiled once per shape: yes only when
 * an SDK-form value would pass both passes of validation untouched (no type conversion, no
 * constraint problem). Then the engine skips the general walk, which words errors and costs far
 * more: PutRecords checks 500 entries a call. Whenever it says no, the general code runs and
 * decides, so this only has to be right when it says yes (a property test holds it to that).
 */
export type Accepts = (value: unknown) => boolean;

/** The compiled check of an input shape. */
export const acceptsOf: (shape: StructureShape) => Accepts = perShape((shape: StructureShape) => compile(shape));

/** A check for a present value (neither undefined nor null) of this shape. */
function compile(shape: Shape): Accepts {
  switch (shape.type) {
    case 'string': {
      const { min, max } = shape;
      const pattern = shape.pattern === undefined ? undefined : patternOf(shape.pattern);
      const allowed = shape.enum;
      return (v) => {
        if (typeof v !== 'string') return false;
        // UTF-16 length bounds the code-point length from above (and from below, halved).
        if (max !== undefined && v.length > max) return false;
        if (min !== undefined && v.length < 2 * min && codePointLength(v) < min) return false;
        if (pattern !== undefined && !pattern.test(v)) return false;
        return allowed === undefined || allowed.includes(v);
      };
    }
    case 'blob': {
      const { max } = shape;
      return (v) => v instanceof Uint8Array && (max === undefined || v.length <= max);
    }
    case 'integer':
    case 'long': {
      const { min, max } = shape;
      const top = shape.type === 'integer' ? INT_MAX : Number.MAX_SAFE_INTEGER;
      return (v) =>
        typeof v === 'number' &&
        Number.isInteger(v) &&
        v <= top &&
        (min === undefined || v >= min) &&
        (max === undefined || v <= max);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'timestamp':
      return (v) => v instanceof Date;
    case 'list': {
      const { min, max } = shape;
      const member = compile(shape.member);
      return (v) => {
        if (!Array.isArray(v)) return false;
        if ((min !== undefined && v.length < min) || (max !== undefined && v.length > max)) return false;
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === undefined || item === null || !member(item)) return false;
        }
        return true;
      };
    }
    case 'map':
      // Maps (tags) never sit on a hot path: the general code checks them.
      return () => false;
    case 'structure':
      return compileStructure(shape);
  }
}

function compileStructure(shape: StructureShape): Accepts {
  const members = Object.entries(shape.members).map(([name, member]: [string, Member]) => ({
    name,
    required: member.required === true,
    accepts: compile(member),
  }));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Uint8Array || v instanceof Date)
      return false;
    const given = v as Record<string, unknown>;
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      const value = given[member.name];
      if (value === undefined) {
        if (member.required) return false;
        continue;
      }
      if (value === null || !member.accepts(value)) return false;
    }
    return true;
  };
}
