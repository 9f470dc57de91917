import type { MetricsName } from '@aws-sdk/client-kinesis';
import { MetricsNames } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import type { Profile } from '../options';
import type { Context } from '../context';
import type { StreamState } from '../state';
import { BOTH_PROFILES, defineOperation } from './types';

const ALL_METRICS = MetricsNames.filter((name) => name !== 'ALL') as MetricsName[];

const monitoringInput = (profile: Profile) =>
  structure({
    ...streamRef(profile),
    ShardLevelMetrics: required({
      type: 'list',
      min: 1,
      max: 7,
      member: { type: 'string', enum: MetricsNames },
      doc: 'Shard-level CloudWatch metrics (ALL means every one).',
    }),
  });

function change(ctx: Context, stream: StreamState, requested: readonly string[], enable: boolean) {
  const named = requested.includes('ALL') ? ALL_METRICS : requested;
  const current = [...stream.shardLevelMetrics];
  const next = enable
    ? ALL_METRICS.filter((m) => current.includes(m) || named.includes(m))
    : current.filter((m) => !named.includes(m));
  stream.shardLevelMetrics = next;
  return {
    StreamName: stream.name,
    CurrentShardLevelMetrics: current,
    DesiredShardLevelMetrics: next,
    ...(ctx.options.profile === 'current' ? { StreamARN: stream.arn } : {}),
  };
}

export const enableEnhancedMonitoring = defineOperation({
  name: 'EnableEnhancedMonitoring',
  group: 'monitoring',
  doc: 'Turns on shard-level CloudWatch metrics.',
  profiles: BOTH_PROFILES,
  input: monitoringInput,
  run: (ctx, input) => change(ctx, ctx.activeStream(input), input.ShardLevelMetrics!, true),
});

export const disableEnhancedMonitoring = defineOperation({
  name: 'DisableEnhancedMonitoring',
  group: 'monitoring',
  doc: 'Turns off shard-level CloudWatch metrics.',
  profiles: BOTH_PROFILES,
  input: monitoringInput,
  run: (ctx, input) => change(ctx, ctx.activeStream(input), input.ShardLevelMetrics!, false),
});
