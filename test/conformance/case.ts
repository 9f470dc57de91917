/**
 * A conformance case: one request (after a few setup calls) and what the real service answers to
 * it, with the evidence for that answer. Cases are data: the same case runs against the engine in
 * process, the endpoint over raw HTTP and the endpoint through the AWS SDK v3 client.
 */
import type { Profile } from '../../src/engine/index';

/** Where the expected answer comes from. Every case names one. */
export type Evidence =
  /** A test in kinesalite's suite (mhart/kinesalite), whose expectations were recorded from AWS. */
  | { readonly kinesalite: `test/${string}.js`; readonly test: string }
  /** A page of the AWS API reference or developer guide, and what it says. */
  | { readonly reference: `https://docs.aws.amazon.com/${string}`; readonly says: string }
  /** A constraint of the service model (the SDK's and botocore's kinesis model agree). */
  | { readonly model: string }
  /** No recorded evidence: the answer was decided, and why. */
  | { readonly decided: string };

/** A value in a later step's input or expectation: a string naming a value saved earlier. */
export type Template = string;

/** A call made before the case's own call; it must succeed. */
export interface CallStep {
  readonly operation: string;
  /** JSON 1.1 input (base64 blobs, epoch-second timestamps); `${name}` inside strings is replaced. */
  readonly input: Record<string, unknown>;
  /** Values of the output to remember, by name: a dotted path into the output in wire form. */
  readonly save?: Readonly<Record<string, string>>;
}

/** Moves the service's clock forward (the stream leaving CREATING, an iterator expiring...). */
export interface AdvanceStep {
  readonly advanceMs: number;
}

export type Step = CallStep | AdvanceStep;

export type ProfileScope = Profile | 'both';

export interface ErrorAnswer {
  readonly error: string;
  /** The exact message; `${name}` is replaced by saved values, `${account}` and `${region}` too. */
  readonly message?: string;
  /** HTTP status; 400 unless said. */
  readonly status?: number;
}

export interface SuccessAnswer {
  /** The output must contain these members with these values (a deep partial match, wire form). */
  readonly output?: Readonly<Record<string, unknown>>;
  /** Dotted paths that must be present (an opaque iterator, a sequence number: values no case can know). */
  readonly present?: readonly string[];
  /** Dotted paths that must be absent from the output (`Records.0.EncryptionType`). */
  readonly absent?: readonly string[];
  /**
   * Dotted paths whose value, a decimal number (a sequence number), must be larger than a value
   * saved earlier, by name: `{ 'SubscribeToShardEvent.ContinuationSequenceNumber': 'last' }`.
   */
  readonly greaterThan?: Readonly<Record<string, string>>;
  /** The operation has no output: the endpoint answers 200 with an empty body. */
  readonly emptyBody?: true;
}

export interface ConformanceCase {
  /** What the case shows, in the words of a test name. */
  readonly name: string;
  readonly profile: ProfileScope;
  readonly steps?: readonly Step[];
  readonly operation: string;
  readonly input: unknown;
  readonly expect: ErrorAnswer | SuccessAnswer;
  readonly evidence: Evidence;
  /**
   * Set when Shardscope is known to answer otherwise and why it is left so: the case then runs as an
   * expected failure, and starts failing the suite the day the engine answers as the service does.
   */
  readonly divergence?: string;
}

export const isError = (answer: ErrorAnswer | SuccessAnswer): answer is ErrorAnswer => 'error' in answer;
export const isAdvance = (step: Step): step is AdvanceStep => 'advanceMs' in step;
