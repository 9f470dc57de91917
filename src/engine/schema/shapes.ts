/**
 * Declarative input shapes, modelled on the Kinesis API model. One description serves three
 * readers: the engine's validation (SerializationException / ValidationException texts), the
 * wire codec (JSON ↔ SDK values) and the console's generated forms (labels, bounds, help).
 */
interface Documented {
  /** One line of plain-words help, shown beside the form field. */
  readonly doc?: string;
}

export interface StringShape extends Documented {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  /** The pattern exactly as the API model spells it (quoted in error texts). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface IntegerShape extends Documented {
  readonly type: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape extends Documented {
  readonly type: 'boolean';
}
export interface BlobShape extends Documented {
  readonly type: 'blob';
  readonly max?: number;
}
export interface TimestampShape extends Documented {
  readonly type: 'timestamp';
}
export interface ListShape extends Documented {
  readonly type: 'list';
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
  /** How the Java service prints one member of this list inside a ValidationException. */
  readonly memberText?: string;
}
export interface MapShape extends Documented {
  readonly type: 'map';
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}
export interface StructureShape extends Documented {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, Member>>;
  /**
   * The order the service lists these members' problems in a ValidationException, where it is not
   * alphabetical (its own model's order, which neither the SDK nor the declaration here follows).
   * Members left out are listed after these, alphabetically.
   */
  readonly reportOrder?: readonly string[];
}

export type Shape =
  StringShape | IntegerShape | BooleanShape | BlobShape | TimestampShape | ListShape | MapShape | StructureShape;

/** Java's Integer.MAX_VALUE: the largest value an `integer` member holds. */
export const INT_MAX = 2147483647;

/** A structure member: a shape, plus whether the API model marks it required. */
export type Member = Shape & { readonly required?: boolean };

export const structure = (members: Record<string, Member>, doc?: string): StructureShape =>
  doc === undefined ? { type: 'structure', members } : { type: 'structure', members, doc };

/** A structure whose members' problems the service lists in `order` (see StructureShape.reportOrder). */
export const reportedIn = (order: readonly string[], shape: StructureShape): StructureShape => ({
  ...shape,
  reportOrder: order,
});

export const required = <S extends Shape>(shape: S): S & { required: true } => ({ ...shape, required: true });
