/**
 * Kinesis ARNs, made and read in one place:
 * - stream: `arn:aws:kinesis:<region>:<account>:stream/<name>`
 * - consumer: `<stream ARN>/consumer/<name>:<creation epoch seconds>`
 * Reading is linear-time (the names' character sets exclude the separators) and never throws.
 */

export interface StreamArnParts {
  readonly region: string;
  readonly account: string;
  readonly stream: string;
}

export interface ConsumerArnParts extends StreamArnParts {
  readonly consumer: string;
  readonly createdSeconds: number;
}

/** ARNs longer than this are not read (the service's own limit on any ARN member). */
const MAX_ARN_LENGTH = 2048;

const STREAM_ARN = /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/(.+)$/;
const CONSUMER_ARN =
  /^arn:aws[^:]*:kinesis:([^:]*):(\d{12}):stream\/([a-zA-Z0-9_.-]+)\/consumer\/([a-zA-Z0-9_.-]+):(\d+)$/;

export const streamArnOf = (region: string, account: string, stream: string): string =>
  `arn:aws:kinesis:${region}:${account}:stream/${stream}`;

export const consumerArnOf = (streamArn: string, consumer: string, createdAt: number): string =>
  `${streamArn}/consumer/${consumer}:${Math.floor(createdAt / 1000)}`;

/** A stream ARN's parts, or undefined when the text is not one. */
export function parseStreamArn(arn: string): StreamArnParts | undefined {
  if (arn.length > MAX_ARN_LENGTH) return undefined;
  const match = STREAM_ARN.exec(arn);
  return match ? { region: match[1]!, account: match[2]!, stream: match[3]! } : undefined;
}

/** A consumer ARN's parts, or undefined when the text is not one. */
export function parseConsumerArn(arn: string): ConsumerArnParts | undefined {
  if (arn.length > MAX_ARN_LENGTH) return undefined;
  const match = CONSUMER_ARN.exec(arn);
  if (!match) return undefined;
  return {
    region: match[1]!,
    account: match[2]!,
    stream: match[3]!,
    consumer: match[4]!,
    createdSeconds: Number(match[5]),
  };
}

/** The stream a stream or consumer ARN names, or undefined. */
export const streamOfArn = (arn: string): string | undefined => (parseConsumerArn(arn) ?? parseStreamArn(arn))?.stream;
