import { announceSettings } from '../settingsEvents';
import type { Context } from '../context';
import { invalidArgument, limitExceeded } from '../errors';
import { StreamARN, StreamName } from '../schema/common';
import { required, structure } from '../schema/shapes';
import type { StreamMode, StreamState } from '../state';
import { beginUpdate } from '../updates';
import { commitmentActive } from './accountSettings';
import { ON_DEMAND_STREAM_LIMIT } from './describeLimits';
import { CURRENT_ONLY, defineOperation } from './types';

const DAY_MS = 86_400_000;
/** A stream may switch capacity mode twice in a rolling 24 hours. */
export const STREAM_MODE_SWITCHES_PER_DAY = 2;
export const MIN_RECORD_SIZE_KIB = 1024;
export const MAX_RECORD_SIZE_KIB = 10240;
/** The most warm throughput an on-demand stream can ask for, MiB/s. */
export const MAX_WARM_THROUGHPUT_MIBPS = 10240;

const StreamModeDetails = {
  type: 'structure' as const,
  doc: 'PROVISIONED (you choose the shards) or ON_DEMAND (the service scales).',
  members: { StreamMode: required({ type: 'string' as const, enum: ['PROVISIONED', 'ON_DEMAND'] }) },
};

function checkWarmThroughput(ctx: Context, stream: StreamState, mode: StreamMode, mibps: number): void {
  if (mode !== 'ON_DEMAND') {
    throw invalidArgument(
      `Warm throughput can only be set for streams in ON_DEMAND mode. Stream ${stream.name} under account ${ctx.account} is in PROVISIONED mode.`,
    );
  }
  if (!commitmentActive(ctx)) {
    throw invalidArgument(
      `Warm throughput can only be set in accounts that have MinimumThroughputBillingCommitment enabled. Account ${ctx.account} does not.`,
    );
  }
  if (mibps > MAX_WARM_THROUGHPUT_MIBPS) {
    throw invalidArgument(
      `WarmThroughputMiBps ${mibps} is more than the maximum of ${MAX_WARM_THROUGHPUT_MIBPS} MiBps.`,
    );
  }
}

export const updateStreamMode = defineOperation({
  name: 'UpdateStreamMode',
  group: 'streams',
  doc: 'Switches between PROVISIONED and ON_DEMAND capacity (twice per 24 hours); UPDATING meanwhile.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      StreamARN: required(StreamARN),
      StreamModeDetails: required(StreamModeDetails),
      WarmThroughputMiBps: { type: 'integer', min: 0, doc: 'Warm throughput for the on-demand stream, MiB/s.' },
    }),
  run(ctx, input) {
    const stream = ctx.activeStream({ StreamARN: input.StreamARN });
    const mode = input.StreamModeDetails!.StreamMode as StreamMode;
    if (mode === stream.streamMode) {
      throw invalidArgument(`Stream ${stream.name} under account ${ctx.account} is already in ${mode} mode.`);
    }
    const now = ctx.now();
    const recent = (stream.streamModeUpdates ?? []).filter((t) => t > now - DAY_MS);
    if (recent.length >= STREAM_MODE_SWITCHES_PER_DAY) {
      throw limitExceeded(
        `Stream ${stream.name} under account ${ctx.account} can switch capacity mode at most ${STREAM_MODE_SWITCHES_PER_DAY} times in a rolling 24-hour period.`,
      );
    }
    if (mode === 'ON_DEMAND') {
      let onDemand = 0;
      for (const other of ctx.state.streams.values()) if (other.streamMode === 'ON_DEMAND') onDemand++;
      if (onDemand >= ON_DEMAND_STREAM_LIMIT) {
        throw limitExceeded(
          `This request would exceed the limit of ${ON_DEMAND_STREAM_LIMIT} on-demand streams for the account ${ctx.account} in ${ctx.options.region}.`,
        );
      }
    }
    if (input.WarmThroughputMiBps !== undefined) checkWarmThroughput(ctx, stream, mode, input.WarmThroughputMiBps);
    stream.streamModeUpdates = [...recent, now];
    if (input.WarmThroughputMiBps !== undefined) stream.warmThroughputMiBps = input.WarmThroughputMiBps;
    else if (mode === 'PROVISIONED') delete stream.warmThroughputMiBps;
    beginUpdate(ctx, stream, { kind: 'UpdateStreamMode', streamMode: mode }, ctx.options.timings.streamModeMs);
    return {};
  },
});

export const updateMaxRecordSize = defineOperation({
  name: 'UpdateMaxRecordSize',
  group: 'streams',
  doc: 'Sets the largest record the stream accepts (1024 to 10240 KiB); applies at once.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      StreamARN,
      MaxRecordSizeInKiB: required({
        type: 'integer',
        min: MIN_RECORD_SIZE_KIB,
        max: MAX_RECORD_SIZE_KIB,
        doc: 'Largest record, in KiB.',
      }),
    }),
  run(ctx, input) {
    const stream = ctx.activeStream({ StreamARN: input.StreamARN });
    stream.maxRecordSizeKiB = input.MaxRecordSizeInKiB!;
    announceSettings(ctx, stream);
    return {};
  },
});

export const updateStreamWarmThroughput = defineOperation({
  name: 'UpdateStreamWarmThroughput',
  group: 'streams',
  doc: 'Asks an on-demand stream to be ready for this much write throughput (MiB/s); UPDATING meanwhile.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      StreamARN,
      StreamName,
      WarmThroughputMiBps: required({ type: 'integer', min: 0, doc: 'The write throughput to keep ready, MiB/s.' }),
    }),
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    const target = input.WarmThroughputMiBps!;
    checkWarmThroughput(ctx, stream, stream.streamMode, target);
    const previous = stream.warmThroughputMiBps ?? 0;
    // A scaling action, as UpdateShardCount: the stream is UPDATING until it has the throughput.
    beginUpdate(
      ctx,
      stream,
      { kind: 'UpdateStreamWarmThroughput', targetMiBps: target },
      ctx.options.timings.updateShardCountMs,
    );
    return {
      StreamARN: stream.arn,
      StreamName: stream.name,
      WarmThroughput: { TargetMiBps: target, CurrentMiBps: previous },
    };
  },
});
