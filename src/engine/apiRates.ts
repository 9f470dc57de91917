import type { Context } from './context';
import { limitExceeded } from './errors';

/**
 * Per-account API call rates, in calls per second. `scope` says what one budget
 * covers: the whole account, one stream, or one shard.
 */
interface RateRule {
  readonly perSecond: number;
  readonly scope: 'account' | 'stream' | 'shard' | 'consumerShard';
}

const RULES: Readonly<Record<string, RateRule>> = {
  CreateStream: { perSecond: 5, scope: 'account' },
  DeleteStream: { perSecond: 5, scope: 'account' },
  DescribeStream: { perSecond: 10, scope: 'account' },
  DescribeStreamSummary: { perSecond: 20, scope: 'account' },
  ListStreams: { perSecond: 5, scope: 'account' },
  ListShards: { perSecond: 1000, scope: 'stream' },
  GetShardIterator: { perSecond: 5, scope: 'shard' },
  SplitShard: { perSecond: 5, scope: 'account' },
  MergeShards: { perSecond: 5, scope: 'account' },
  UpdateShardCount: { perSecond: 10, scope: 'account' },
  DescribeLimits: { perSecond: 1, scope: 'account' },
  AddTagsToStream: { perSecond: 5, scope: 'account' },
  RemoveTagsFromStream: { perSecond: 5, scope: 'account' },
  ListTagsForStream: { perSecond: 5, scope: 'account' },
  RegisterStreamConsumer: { perSecond: 5, scope: 'account' },
  DeregisterStreamConsumer: { perSecond: 5, scope: 'account' },
  DescribeStreamConsumer: { perSecond: 20, scope: 'stream' },
  ListStreamConsumers: { perSecond: 5, scope: 'stream' },
  SubscribeToShard: { perSecond: 1, scope: 'consumerShard' },
  TagResource: { perSecond: 5, scope: 'account' },
  UntagResource: { perSecond: 5, scope: 'account' },
  ListTagsForResource: { perSecond: 5, scope: 'account' },
};

interface Addressed {
  readonly StreamName?: string | undefined;
  readonly StreamARN?: string | undefined;
  readonly ShardId?: string | undefined;
  readonly ConsumerARN?: string | undefined;
}

function budgetKey(operation: string, rule: RateRule, input: Addressed): string {
  // A consumer ARN starts with its stream's ARN.
  const stream = input.StreamName ?? input.StreamARN ?? input.ConsumerARN?.split('/consumer/')[0] ?? '';
  if (rule.scope === 'account') return operation;
  if (rule.scope === 'consumerShard') {
    const digits = /-(\d+)$/.exec(input.ShardId ?? '')?.[1];
    return `${operation}|${input.ConsumerARN ?? ''}|${digits === undefined ? (input.ShardId ?? '') : String(Number(digits))}`;
  }
  if (rule.scope === 'stream') return `${operation}|${stream}`;
  // shardId-0 and shardId-000000000000 are the same shard: key the budget by its index.
  const digits = /-(\d+)$/.exec(input.ShardId ?? '')?.[1];
  return `${operation}|${stream}|${digits === undefined ? (input.ShardId ?? '') : String(Number(digits))}`;
}

/** Throws LimitExceededException when this call would exceed its rate; returns a commit function. */
export function checkApiRate(ctx: Context, operation: string, input: Addressed): () => void {
  const rule = RULES[operation];
  if (!ctx.options.limits.apiRates || !rule) return () => {};
  const key = budgetKey(operation, rule, input);
  const second = Math.floor(ctx.now() / 1000);
  const window = ctx.state.apiRates.get(key);
  const used = window && window.second === second ? window.count : 0;
  if (used >= rule.perSecond) {
    const stream = input.StreamName ?? input.StreamARN;
    ctx.emit({ type: 'throttled', t: ctx.now(), stream: stream ?? '', operation, direction: 'api', count: 1 });
    throw limitExceeded(
      stream !== undefined
        ? `Rate exceeded for stream ${stream} under account ${ctx.account}.`
        : `Rate exceeded for account ${ctx.account}.`,
    );
  }
  return () => ctx.state.apiRates.set(key, { second, count: used + 1 });
}
