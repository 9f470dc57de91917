/**
 * The one error type the engine throws. `name` is the AWS error type (`__type` on the wire),
 * `message` the AWS text, `httpStatus` what the real endpoint answers with.
 */
/** One failed constraint of a ValidationException: the member's lowerCamel path and the constraint's text. */
export interface ValidationProblem {
  /** As the message prints it: `streamName`, `records.1.member.partitionKey`, `tags`. */
  readonly path: string;
  readonly constraint: string;
}

export class KinesisError extends Error {
  override readonly name: string;
  readonly httpStatus: number;
  /** For ValidationException: each problem the message lists, so a form can point at the field. */
  readonly problems?: readonly ValidationProblem[];

  constructor(name: string, message: string, httpStatus = 400, problems?: readonly ValidationProblem[]) {
    // No stack trace: these are answers, not bugs, and capturing one costs more than the rest of a
    // throttled call (traffic hits them thousands of times a second).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = name;
    this.httpStatus = httpStatus;
    if (problems) this.problems = problems;
  }
}

export const isKinesisError = (value: unknown): value is KinesisError => value instanceof KinesisError;

export const serializationError = (message: string) => new KinesisError('SerializationException', message);
export const validationError = (message: string, problems?: readonly ValidationProblem[]) =>
  new KinesisError('ValidationException', message, 400, problems);
export const invalidArgument = (message: string) => new KinesisError('InvalidArgumentException', message);
export const resourceNotFound = (message: string) => new KinesisError('ResourceNotFoundException', message);
export const resourceInUse = (message: string) => new KinesisError('ResourceInUseException', message);
export const limitExceeded = (message: string) => new KinesisError('LimitExceededException', message);
export const throughputExceeded = (message: string) =>
  new KinesisError('ProvisionedThroughputExceededException', message);
export const unknownOperation = () => new KinesisError('UnknownOperationException', '');
export const internalFailure = (message = 'Internal Service Failure') =>
  new KinesisError('InternalFailure', message, 500);
