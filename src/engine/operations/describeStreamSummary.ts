import { describeStreamCommon } from '../describe';
import { streamRef } from '../schema/streamRef';
import { structure } from '../schema/shapes';
import { CURRENT_ONLY, defineOperation } from './types';

export const describeStreamSummary = defineOperation({
  name: 'DescribeStreamSummary',
  group: 'streams',
  doc: 'Describes a stream with counts instead of its shard list.',
  profiles: CURRENT_ONLY,
  input: (profile) => structure(streamRef(profile)),
  run(ctx, input) {
    const stream = ctx.stream(input);
    // While warm throughput is being scaled, the target is the new value and the current one the old.
    const current = stream.warmThroughputMiBps;
    const target = stream.pending?.kind === 'UpdateStreamWarmThroughput' ? stream.pending.targetMiBps : current;
    return {
      StreamDescriptionSummary: {
        ...describeStreamCommon(ctx, stream),
        OpenShardCount: stream.status === 'CREATING' ? 0 : ctx.openShards(stream).length,
        ConsumerCount: stream.consumers?.length ?? 0,
        MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
        ...(stream.streamMode === 'ON_DEMAND' && target !== undefined
          ? { WarmThroughput: { TargetMiBps: target, CurrentMiBps: current ?? 0 } }
          : {}),
      },
    };
  },
});
