import { structure } from '../schema/shapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** The default limit of on-demand streams per account. */
export const ON_DEMAND_STREAM_LIMIT = 50;

export const describeLimits = defineOperation({
  name: 'DescribeLimits',
  group: 'limits',
  doc: "Shows the account's shard limit and how many shards are open.",
  profiles: BOTH_PROFILES,
  input: () => structure({}),
  run(ctx) {
    const base = { ShardLimit: ctx.options.limits.shardLimit, OpenShardCount: ctx.accountOpenShardCount() };
    if (ctx.options.profile === '2017-07')
      return base as typeof base & { OnDemandStreamCount: undefined; OnDemandStreamCountLimit: undefined };
    let onDemand = 0;
    for (const stream of ctx.state.streams.values()) if (stream.streamMode === 'ON_DEMAND') onDemand++;
    return { ...base, OnDemandStreamCount: onDemand, OnDemandStreamCountLimit: ON_DEMAND_STREAM_LIMIT };
  },
});
