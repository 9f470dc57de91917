import { hashKeyOf, md5Hex, openShardOf, type ShardState, type StreamState } from '../../engine/index';
import { keyFraction } from './bands';

/** The steps from a partition key to the shard that owns it, as the "Which shard?" box shows them. */
export interface KeyExplanation {
  readonly partitionKey: string;
  readonly md5: string;
  readonly hashKey: bigint;
  readonly fraction: number;
  /** The open shard whose range holds the key, if the stream has one. */
  readonly shard?: ShardState;
}

/** The open shard holding a hash key (what PutRecord would pick now), by the engine's own routing. */
export const ownerOf = openShardOf;

export function explainKey(stream: StreamState | undefined, partitionKey: string): KeyExplanation {
  const md5 = md5Hex(partitionKey);
  const hashKey = hashKeyOf(partitionKey);
  const shard = stream ? ownerOf(stream, hashKey) : undefined;
  return { partitionKey, md5, hashKey, fraction: keyFraction(hashKey), ...(shard ? { shard } : {}) };
}

/** Parses a decimal ExplicitHashKey, or undefined when it is not a valid one. */
export function parseExplicitHashKey(text: string): bigint | undefined {
  if (!/^(0|[1-9]\d{0,38})$/.test(text)) return undefined;
  const v = BigInt(text);
  return v < 1n << 128n ? v : undefined;
}
