import type { StreamStatus } from './state';

// The service's error texts, in one place so every operation words them the same way.
export const streamNotFound = (stream: string, account: string) =>
  `Stream ${stream} under account ${account} not found.`;
export const streamExists = (stream: string, account: string) =>
  `Stream ${stream} under account ${account} already exists.`;
export const streamNotActive = (stream: string, account: string, status: StreamStatus) =>
  `Stream ${stream} under account ${account} not ACTIVE, instead in state ${status}`;
export const shardNotFoundIn = (shard: string, stream: string, account: string) =>
  `Could not find shard ${shard} in stream ${stream} under account ${account}.`;
export const shardDoesNotExist = (shard: string, stream: string, account: string) =>
  `Shard ${shard} in stream ${stream} under account ${account} does not exist`;
export const shardRateExceeded = (shard: string, stream: string, account: string) =>
  `Rate exceeded for shard ${shard} in stream ${stream} under account ${account}.`;
export const shardLimitExceeded = (account: string, region: string, current: number, limit: number, extra: number) =>
  `This request would exceed the shard limit for the account ${account} in ${region}. ` +
  `Current shard count for the account: ${current}. Limit: ${limit}. ` +
  `Number of additional shards that would have resulted from this request: ${extra}. ` +
  'Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) ' +
  'for current limits and how to request higher limits.';
export const alreadyReshardedShard = (shard: string, stream: string, account: string) =>
  `Shard ${shard} in stream ${stream} under account ${account} has already been merged or split, and thus is not eligible for merging or splitting.`;
