/** Building blocks the case files share. */
import type { Evidence, Step } from '../case';

/** Longer than every transition the sessions use (CREATING, UPDATING, DELETING last 500 ms). */
export const SETTLE_MS = 1_000;

/** A stream created with `shards` shards and left to become ACTIVE. */
export const activeStream = (name: string, shards = 1): Step[] => [
  { operation: 'CreateStream', input: { StreamName: name, ShardCount: shards } },
  { advanceMs: SETTLE_MS },
];

export const kinesalite = (file: string, test: string): Evidence => ({
  kinesalite: `test/${file}.js`,
  test,
});

export const reference = (page: string, says: string): Evidence => ({
  reference: `https://docs.aws.amazon.com/kinesis/latest/APIReference/${page}`,
  says,
});

export const streamNotFound = (name: string) => `Stream ${name} under account \${account} not found.`;

/** 2^128 − 1 and the boundaries of a three-shard stream, as kinesalite's tests use them. */
export const MAX_HASH = '340282366920938463463374607431768211455';
export const THIRD = '113427455640312821154458202477256070484';
