import { hashKeyOf, md5Hex, openShardOf, type ShardState, type StreamState } from '../../engine/index';
import { findShard } from './openShards';

/** What a search in the scale bar found: a shard by its id, or the shard a partition key goes to. */
export type Found =
  | { readonly kind: 'shard'; readonly shard: ShardState }
  | {
      readonly kind: 'key';
      readonly shard: ShardState;
      readonly partitionKey: string;
      readonly md5: string;
      readonly hashKey: bigint;
    }
  | { readonly kind: 'none'; readonly message: string };

/** Partition keys are 1 to 256 characters; the search takes the same. */
export const MAX_SEARCH = 256;

/**
 * A shard id ("shardId-000000004242", or just "4242") finds that shard, open or closed; anything
 * else is a partition key, routed as PutRecord would route it now.
 */
export function findTarget(stream: StreamState, text: string): Found {
  if (text.length === 0) return { kind: 'none', message: 'Type a shard id or a partition key.' };
  if (text.length > MAX_SEARCH)
    return { kind: 'none', message: `A partition key is at most ${MAX_SEARCH} characters.` };
  if (/^\s*shardId-/i.test(text) || /^\s*\d{1,12}\s*$/.test(text)) {
    const shard = findShard(stream, text);
    if (shard) return { kind: 'shard', shard };
    if (/^\s*shardId-/i.test(text))
      return { kind: 'none', message: `Stream ${stream.name} has no shard ${text.trim()}.` };
  }
  const hashKey = hashKeyOf(text);
  const shard = openShardOf(stream, hashKey);
  if (!shard) return { kind: 'none', message: `Stream ${stream.name} has no open shard to take the key.` };
  return { kind: 'key', shard, partitionKey: text, md5: md5Hex(text), hashKey };
}
