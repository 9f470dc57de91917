import { describeShard, shardPage } from '../describe';
import { KinesisError, invalidArgument, resourceNotFound } from '../errors';
import { openToken, sealToken } from '../core/tokens';
import { streamNotFound } from '../messages';
import { ShardId, StreamARN, StreamName } from '../schema/common';
import { reportedIn, structure } from '../schema/shapes';
import type { ShardState, StreamState } from '../state';
import type { Context } from '../context';
import { CURRENT_ONLY, defineOperation } from './types';

/** A ListShards NextToken stops working this long after it was issued. */
export const NEXT_TOKEN_LIFETIME_MS = 300_000;

const FILTER_TYPES = [
  'AFTER_SHARD_ID',
  'AT_TRIM_HORIZON',
  'FROM_TRIM_HORIZON',
  'AT_LATEST',
  'AT_TIMESTAMP',
  'FROM_TIMESTAMP',
];

interface Filter {
  readonly type: string;
  readonly shardId?: string;
  readonly timestamp?: number;
}

export const listShards = defineOperation({
  name: 'ListShards',
  group: 'shards',
  doc: "Lists a stream's shards (parents and children), filtered and paged.",
  profiles: CURRENT_ONLY,
  input: () =>
    reportedIn(
      ['MaxResults', 'ExclusiveStartShardId', 'StreamName', 'NextToken'],
      structure({
        StreamName,
        StreamARN,
        NextToken: {
          type: 'string',
          min: 1,
          max: 1048576,
          doc: 'The token a previous page returned (without StreamName).',
        },
        ExclusiveStartShardId: { ...ShardId, doc: 'List shards after this one.' },
        MaxResults: { type: 'integer', min: 1, max: 10000, doc: 'Most shards to return (default 1000).' },
        StreamCreationTimestamp: { type: 'timestamp', doc: 'Tells apart streams that reused a name.' },
        ShardFilter: {
          type: 'structure',
          doc: 'Which shards: after an id, at or from the trim horizon, the latest, or at or from a time.',
          members: {
            Type: { type: 'string', required: true, enum: FILTER_TYPES },
            ShardId,
            Timestamp: { type: 'timestamp' },
          },
        },
      }),
    ),
  run(ctx, input) {
    let stream: StreamState;
    let after = -1;
    let filter: Filter | undefined;
    if (input.NextToken !== undefined) {
      if (input.StreamName !== undefined || input.StreamARN !== undefined) {
        throw invalidArgument('NextToken and StreamName cannot be provided together.');
      }
      ({ stream, after, filter } = openNextToken(ctx, input.NextToken));
    } else {
      if (input.StreamName === undefined && input.StreamARN === undefined) {
        throw invalidArgument('Either NextToken or StreamName should be provided.');
      }
      stream = ctx.stream(input);
      if (input.ShardFilter) filter = checkFilter(input.ShardFilter);
      if (input.ExclusiveStartShardId !== undefined) after = ctx.shardIndexOf(input.ExclusiveStartShardId) ?? -1;
    }
    if (filter?.type === 'AFTER_SHARD_ID') after = Math.max(after, ctx.shardIndexOf(filter.shardId!) ?? -1);
    const { page, more } =
      stream.status === 'CREATING'
        ? { page: [], more: false }
        : shardPage(
            stream,
            after,
            input.MaxResults ?? 1000,
            (shard) => !ctx.isExpired(stream, shard) && (!filter || matchesFilter(ctx, stream, shard, filter)),
          );
    return {
      Shards: page.map(describeShard),
      ...(more ? { NextToken: nextToken(ctx, stream, page[page.length - 1]!.index, filter) } : {}),
    };
  },
});

function checkFilter(given: {
  Type?: string | undefined;
  ShardId?: string | undefined;
  Timestamp?: Date | undefined;
}): Filter {
  const type = given.Type!;
  if (type === 'AFTER_SHARD_ID' && given.ShardId === undefined) {
    throw invalidArgument('Must specify ShardId in ShardFilter when ShardFilter type is AFTER_SHARD_ID.');
  }
  if ((type === 'AT_TIMESTAMP' || type === 'FROM_TIMESTAMP') && given.Timestamp === undefined) {
    throw invalidArgument(`Must specify Timestamp in ShardFilter when ShardFilter type is ${type}.`);
  }
  return {
    type,
    ...(given.ShardId !== undefined ? { shardId: given.ShardId } : {}),
    ...(given.Timestamp !== undefined ? { timestamp: given.Timestamp.getTime() } : {}),
  };
}

const openAt = (shard: ShardState, t: number) =>
  shard.createdAt <= t && (shard.closedAt === undefined || shard.closedAt > t);

function matchesFilter(ctx: Context, stream: StreamState, shard: ShardState, filter: Filter): boolean {
  switch (filter.type) {
    case 'AT_TRIM_HORIZON': {
      const horizon = Math.max(ctx.trimHorizonTime(stream), stream.shards[0]?.createdAt ?? 0);
      return openAt(shard, horizon);
    }
    case 'AT_LATEST':
      return shard.closedAt === undefined;
    case 'AT_TIMESTAMP': {
      const t = Math.max(filter.timestamp!, stream.shards[0]?.createdAt ?? 0);
      return shard.createdAt <= t && (shard.closedAt === undefined || shard.closedAt >= t);
    }
    case 'FROM_TIMESTAMP':
      return shard.closedAt === undefined || shard.closedAt >= filter.timestamp!;
    default: // AFTER_SHARD_ID (handled by position) and FROM_TRIM_HORIZON (every unexpired shard)
      return true;
  }
}

function nextToken(ctx: Context, stream: StreamState, lastIndex: number, filter: Filter | undefined): string {
  return sealToken(ctx.tokenSecret, 'shards', [
    stream.generation,
    lastIndex,
    ctx.now(),
    filter?.type ?? '',
    filter?.shardId ?? '',
    filter?.timestamp ?? '',
    stream.name,
  ]);
}

function openNextToken(
  ctx: Context,
  token: string,
): { stream: StreamState; after: number; filter: Filter | undefined } {
  const fields = openToken(ctx.tokenSecret, 'shards', token);
  if (!fields || fields.length < 7) throw invalidArgument('Invalid NextToken.');
  const [generation, lastIndex, issuedAt, type, shardId, timestamp, ...nameParts] = fields;
  const name = nameParts.join('/');
  if (ctx.now() - Number(issuedAt) > NEXT_TOKEN_LIFETIME_MS) {
    throw new KinesisError(
      'ExpiredNextTokenException',
      'The NextToken has expired. A NextToken is valid for 300 seconds.',
    );
  }
  const stream = ctx.state.streams.get(name);
  if (!stream || stream.generation !== Number(generation)) throw resourceNotFound(streamNotFound(name, ctx.account));
  const filter = type
    ? { type: type!, ...(shardId ? { shardId } : {}), ...(timestamp ? { timestamp: Number(timestamp) } : {}) }
    : undefined;
  return { stream, after: Number(lastIndex), filter };
}
