import { serializationError, validationError, type ValidationProblem } from '../errors';
import { dateOfMillis } from './dates';
import { base64Problem, decodeBase64 } from '../core/base64';
import { setOwn } from '../core/objects';
import { acceptsOf } from './accepts';
import { perShape } from './perShape';
import { INT_MAX, type Member, type Shape, type StructureShape } from './shapes';
import { codePointLength, patternOf } from './text';
import { FAIL, wireConverterOf } from './wireFast';

/**
 * Where a value comes from: `sdk` values are what `@aws-sdk/client-kinesis` commands take
 * (Uint8Array blobs, Date timestamps); `wire` values are JSON 1.1 (base64 blobs, epoch-second
 * timestamps) and are converted to SDK values on the way in.
 */
export type ValueMode = 'sdk' | 'wire';

export interface DecodeOptions {
  readonly mode: ValueMode;
  /**
   * The host's faster base64 decoder (Node's Buffer), for canonical text only: it answers
   * undefined for anything else, and the engine's own code then words the problem.
   */
  readonly decodeBase64?: (text: string) => Uint8Array | undefined;
}

const structureOrList = (value: object) =>
  Array.isArray(value)
    ? 'Start of list found where not expected'
    : 'Start of structure or map found where not expected.';

const isBlob = (value: unknown): value is Uint8Array => value instanceof Uint8Array;

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * A structure's members as arrays, computed once per shape: in declaration order for the type
 * pass, and in the order the service lists their problems (the shape's `reportOrder`, then the
 * others alphabetically) with the lowerCamel path segment for the constraint pass (Object.entries
 * and a sort per value showed in profiles).
 */
interface MemberTable {
  readonly declared: readonly (readonly [string, Member])[];
  readonly reported: readonly (readonly [string, Member, string])[];
}
const membersOf = perShape((shape: StructureShape): MemberTable => {
  const listed = (shape.reportOrder ?? []).filter((name) => name in shape.members);
  const rest = Object.keys(shape.members)
    .filter((name) => !listed.includes(name))
    .sort();
  return {
    declared: Object.entries(shape.members),
    reported: [...listed, ...rest].map((name) => [name, shape.members[name]!, lowerFirst(name)] as const),
  };
});

/**
 * The service's type pass: throws SerializationException with the Java texts for values of the
 * wrong JSON type and returns the value in SDK form. Wire values come back as a fresh object
 * holding the known members only (the service ignores the others); SDK values come back as the
 * caller's object unless a member had to change (a null dropped, an integer floored).
 */
export function checkTypes(shape: StructureShape, value: unknown, options: DecodeOptions): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (options.mode === 'wire') {
    const converted = wireConverterOf(shape)(value, options.decodeBase64);
    if (converted !== FAIL) return converted as Record<string, unknown>;
  }
  return generalTypePass(shape, value, options);
}

/** The type pass without the wire fast path: what the fast path must agree with (tests). */
export const generalTypePass = (
  shape: StructureShape,
  value: unknown,
  options: DecodeOptions,
): Record<string, unknown> => checkType(shape, value, options) as Record<string, unknown>;

function checkType(shape: Shape, value: unknown, options: DecodeOptions): unknown {
  if (value === null || value === undefined) return undefined;
  switch (shape.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') {
        throw serializationError(
          'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean',
        );
      }
      if (typeof value === 'string')
        throw serializationError(`'${value.toUpperCase()}' can not be converted to an Boolean`);
      throw serializationError(structureOrList(value as object));
    case 'integer':
    case 'long': {
      const javaType = shape.type === 'integer' ? 'Integer' : 'Long';
      if (typeof value === 'number') {
        const whole = Math.floor(value);
        return shape.type === 'integer' ? Math.min(whole, INT_MAX) : whole;
      }
      if (typeof value === 'boolean')
        throw serializationError(`class java.lang.Boolean can not be converted to an ${javaType}`);
      if (typeof value === 'string')
        throw serializationError(`class java.lang.String can not be converted to an ${javaType}`);
      throw serializationError(structureOrList(value as object));
    }
    case 'string':
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean')
        throw serializationError('class java.lang.Boolean can not be converted to an String');
      if (typeof value === 'number') {
        throw serializationError(
          'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
        );
      }
      throw serializationError(structureOrList(value as object));
    case 'blob':
      if (isBlob(value)) return value;
      if (typeof value === 'boolean')
        throw serializationError('class java.lang.Boolean can not be converted to a Blob');
      if (typeof value === 'number') {
        throw serializationError(
          'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob',
        );
      }
      if (typeof value === 'string') {
        const decoded = options.decodeBase64?.(value);
        if (decoded) return decoded;
        const problem = base64Problem(value);
        if (problem) throw serializationError(`'${value}' can not be converted to a Blob: ${problem}`);
        return decodeBase64(value);
      }
      throw serializationError(structureOrList(value as object));
    case 'timestamp':
      if (value instanceof Date) return value;
      if (typeof value === 'number') return dateOfMillis(Math.round(value * 1000));
      if (typeof value === 'boolean')
        throw serializationError('class java.lang.Boolean can not be converted to milliseconds since epoch');
      if (typeof value === 'string')
        throw serializationError('class java.lang.String can not be converted to milliseconds since epoch');
      throw serializationError(structureOrList(value as object));
    case 'list':
      if (!Array.isArray(value)) {
        if (typeof value === 'object') throw serializationError('Start of structure or map found where not expected.');
        throw serializationError('Expected list or null');
      }
      return sameOrCopy(
        options,
        value,
        value.map((item) => checkType(shape.member, item, options)),
      );
    case 'map': {
      if (typeof value !== 'object' || isBlob(value) || value instanceof Date)
        throw serializationError('Expected map or null');
      if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) setOwn(out, key, checkType(shape.value, item, options));
      return sameOrCopy(options, value, out);
    }
    case 'structure': {
      if (typeof value !== 'object' || isBlob(value) || value instanceof Date)
        throw serializationError('Expected null');
      if (Array.isArray(value)) throw serializationError('Start of list found where not expected');
      const given = value as Record<string, unknown>;
      // SDK values are already in SDK form: keep the caller's object unless a member changed
      // (an integer floored, say). This is the write path: 500 entries per PutRecords.
      let out: Record<string, unknown> | undefined = options.mode === 'wire' ? {} : undefined;
      for (const [name, member] of membersOf(shape).declared) {
        const original = given[name];
        const converted = checkType(member, original, options);
        if (!out && converted !== original) out = copyKnown(shape, given);
        if (out) {
          if (converted !== undefined) out[name] = converted;
          else delete out[name];
        }
      }
      return out ?? given;
    }
  }
}

/** The known members of a structure, as a fresh object. */
function copyKnown(shape: StructureShape, given: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name] of membersOf(shape).declared)
    if (given[name] !== undefined && given[name] !== null) out[name] = given[name];
  return out;
}

/** In SDK mode, the original container when every element came back unchanged. */
function sameOrCopy<T extends object>(options: DecodeOptions, original: T, converted: T): T {
  if (options.mode === 'wire') return converted;
  const a = Object.values(original);
  const b = Object.values(converted);
  return a.length === b.length && a.every((item, i) => item === b[i]) ? original : converted;
}

const MAX_REPORTED = 10;

/** How the Java service prints a value inside a ValidationException. */
function printValue(shape: Shape, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (shape.type) {
    case 'blob': {
      const length = (value as Uint8Array).length;
      return `'java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]'`;
    }
    case 'list':
      return `'[${(value as unknown[]).map((item) => shape.memberText ?? printPlain(item)).join(', ')}]'`;
    case 'map':
      return `'{${Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}=${printPlain(v)}`)
        .join(', ')}}'`;
    default:
      return `'${printPlain(value)}'`;
  }
}

const printPlain = (value: unknown): string =>
  typeof value === 'object' && value !== null && !(value instanceof Date) ? JSON.stringify(value) : String(value);

function lengthOf(shape: Shape, value: unknown): number {
  if (shape.type === 'map') return Object.keys(value as object).length;
  if (shape.type === 'string') return codePointLength(value as string);
  return (value as { length: number }).length;
}

/** Constraint problems of one value, in the order the service checks them. */
const NO_PROBLEMS: readonly string[] = [];
const NOT_NULL: readonly string[] = ['Member must not be null'];

function problemsOf(shape: Member, value: unknown): readonly string[] {
  if (value === undefined || value === null) return shape.required ? NOT_NULL : NO_PROBLEMS;
  // No closures here: this runs per member per record, and inner functions cost (esbuild's
  // keepNames wraps each one in a defineProperty call).
  let problems: string[] | undefined;
  if (shape.type === 'string' && shape.pattern !== undefined && !patternOf(shape.pattern).test(value as string)) {
    (problems ??= []).push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  }
  if (shape.type === 'string' && shape.enum && !shape.enum.includes(value as string)) {
    (problems ??= []).push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  }
  if ('min' in shape || 'max' in shape) {
    const isNumber = shape.type === 'integer' || shape.type === 'long';
    const measured = isNumber ? (value as number) : lengthOf(shape, value);
    const what = isNumber ? 'value' : 'length';
    if (shape.type !== 'blob' && shape.min !== undefined && measured < shape.min) {
      (problems ??= []).push(`Member must have ${what} greater than or equal to ${shape.min}`);
    }
    if (shape.max !== undefined && measured > shape.max) {
      (problems ??= []).push(`Member must have ${what} less than or equal to ${shape.max}`);
    }
  }
  return problems ?? NO_PROBLEMS;
}

/** A problem as the message lists it: the value as the service prints it, where, and what failed. */
interface Listed extends ValidationProblem {
  readonly printed: string;
}

const textOf = (problem: Listed) =>
  `Value ${problem.printed} at '${problem.path}' failed to satisfy constraint: ${problem.constraint}`;

/**
 * Walks a value collecting constraint problems. The path is a stack of segments joined only when
 * a problem is found: on the write path (500 records a call) nothing is allocated per record.
 */
function collect(shape: Member, value: unknown, path: (string | number)[], errors: Listed[]): void {
  const problems = problemsOf(shape, value);
  for (const constraint of problems) {
    if (errors.length >= MAX_REPORTED) return;
    errors.push({ printed: printValue(shape, value), path: path.join('.'), constraint });
  }
  if (value === undefined || value === null) return;
  if (shape.type === 'structure') collectMembers(shape, value as Record<string, unknown>, path, errors);
  else if (shape.type === 'list') {
    const items = value as unknown[];
    if (shape.member.type !== 'structure') {
      // A list of plain values is reported as a whole, once, listing every constraint of its
      // members; only structures' members are reported at their own path.
      if (errors.length < MAX_REPORTED && items.some((item) => problemsOf(shape.member, item).length > 0))
        errors.push({
          printed: printValue(shape, value),
          path: path.join('.'),
          constraint: `Member must satisfy constraint: [${constraintsOf(shape.member).join(', ')}]`,
        });
      return;
    }
    for (let i = 0; i < items.length; i++) {
      path.push(i + 1, 'member');
      collect(shape.member, items[i], path, errors);
      path.pop();
      path.pop();
    }
  } else if (shape.type === 'map') {
    // The service reports a map's keys and values on the map as a whole, listing every constraint
    // of the member kind that failed.
    const entries = Object.entries(value as Record<string, unknown>);
    const where = { printed: printValue(shape, value), path: path.join('.') };
    if (errors.length < MAX_REPORTED && entries.some(([key]) => problemsOf(shape.key, key).length > 0))
      errors.push({
        ...where,
        constraint: `Map keys must satisfy constraint: [${constraintsOf(shape.key).join(', ')}]`,
      });
    if (errors.length < MAX_REPORTED && entries.some(([, item]) => problemsOf(shape.value, item).length > 0))
      errors.push({
        ...where,
        constraint: `Map value must satisfy constraint: [${constraintsOf(shape.value).join(', ')}]`,
      });
  }
}

/** Every constraint of a shape, in the order the service lists them inside a map's message. */
function constraintsOf(shape: Member): string[] {
  const out: string[] = [];
  const what = shape.type === 'integer' || shape.type === 'long' ? 'value' : 'length';
  if ('max' in shape && shape.max !== undefined)
    out.push(`Member must have ${what} less than or equal to ${shape.max}`);
  if ('min' in shape && shape.min !== undefined)
    out.push(`Member must have ${what} greater than or equal to ${shape.min}`);
  if (shape.type === 'string' && shape.pattern !== undefined)
    out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
  if (shape.type === 'string' && shape.enum) out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return out;
}

function collectMembers(
  shape: StructureShape,
  value: Record<string, unknown>,
  path: (string | number)[],
  errors: Listed[],
): void {
  for (const [name, member, segment] of membersOf(shape).reported) {
    path.push(segment);
    collect(member, value[name], path, errors);
    path.pop();
  }
}

function listed(shape: StructureShape, value: Record<string, unknown>): Listed[] {
  const errors: Listed[] = [];
  collectMembers(shape, value, [], errors);
  return errors;
}

/** Every constraint problem (at most ten, as the service lists them): field path and constraint. */
export const validationProblems = (shape: StructureShape, value: Record<string, unknown>): ValidationProblem[] =>
  listed(shape, value).map(({ path, constraint }) => ({ path, constraint }));

/** Every constraint problem, as the messages the service would list. */
export const constraintProblems = (shape: StructureShape, value: Record<string, unknown>): string[] =>
  listed(shape, value).map(textOf);

/** Throws the service's ValidationException when any constraint fails. */
export function checkConstraints(shape: StructureShape, value: Record<string, unknown>): void {
  const errors = listed(shape, value);
  if (errors.length === 0) return;
  const count = `${errors.length} validation error${errors.length > 1 ? 's' : ''} detected: `;
  throw validationError(
    count + errors.map(textOf).join('; '),
    errors.map(({ path, constraint }) => ({ path, constraint })),
  );
}

/** Both passes: the value in SDK form, or the service's SerializationException / ValidationException. */
export function validateInput(shape: StructureShape, value: unknown, options: DecodeOptions): Record<string, unknown> {
  if (options.mode === 'sdk' && acceptsOf(shape)(value)) return value as Record<string, unknown>;
  const typed = checkTypes(shape, value, options);
  checkConstraints(shape, typed);
  return typed;
}
