import { announceSettings } from '../settingsEvents';
import { invalidArgument, limitExceeded, resourceInUse } from '../errors';
import { shardLimitExceeded, streamExists } from '../messages';
import { StreamName } from '../schema/common';
import { required, structure, type Member } from '../schema/shapes';
import type { Profile } from '../options';
import type { StreamMode, StreamState } from '../state';
import { BOTH_PROFILES, defineOperation } from './types';

/** The shard count of an on-demand stream when it is created. */
export const ON_DEMAND_INITIAL_SHARDS = 4;

/**
 * The capacity mode of a new stream: as asked; without a mode, PROVISIONED when a ShardCount is
 * given and ON_DEMAND when neither is (the current API's default; 2017-07 requires a ShardCount).
 */
function modeOf(profile: Profile, asked: string | undefined, shardCount: number | undefined): StreamMode {
  if (asked === 'ON_DEMAND' || asked === 'PROVISIONED') return asked;
  return profile === 'current' && shardCount === undefined ? 'ON_DEMAND' : 'PROVISIONED';
}

export const createStream = defineOperation({
  name: 'CreateStream',
  group: 'streams',
  doc: 'Creates a stream; it is CREATING for a while, then ACTIVE with its shards.',
  profiles: BOTH_PROFILES,
  input: (profile) => {
    const ShardCount: Member = {
      type: 'integer',
      min: 1,
      max: 100000,
      doc: 'How many shards the stream starts with (even hash ranges).',
    };
    if (profile === '2017-07') return structure({ StreamName: required(StreamName), ShardCount: required(ShardCount) });
    return structure({
      StreamName: required(StreamName),
      ShardCount,
      StreamModeDetails: {
        type: 'structure',
        doc: 'PROVISIONED (you choose the shards) or ON_DEMAND (the service scales).',
        members: { StreamMode: required({ type: 'string', enum: ['PROVISIONED', 'ON_DEMAND'] }) },
      },
      Tags: {
        type: 'map',
        min: 0,
        max: 50,
        doc: 'Tags to put on the new stream.',
        key: { type: 'string', min: 1, max: 128 },
        value: { type: 'string', min: 0, max: 256 },
      },
      MaxRecordSizeInKiB: { type: 'integer', min: 1024, max: 10240, doc: 'Largest record the stream accepts, in KiB.' },
    });
  },
  run(ctx, input) {
    const name = input.StreamName!;
    if (ctx.state.streams.has(name)) throw resourceInUse(streamExists(name, ctx.account));
    const mode = modeOf(ctx.options.profile, input.StreamModeDetails?.StreamMode, input.ShardCount);
    if (mode === 'ON_DEMAND' && input.ShardCount !== undefined) {
      throw invalidArgument('ShardCount is not expected when StreamMode=ON_DEMAND');
    }
    const shardCount = mode === 'ON_DEMAND' ? ON_DEMAND_INITIAL_SHARDS : (input.ShardCount ?? 1);
    const current = ctx.accountOpenShardCount();
    if (current + shardCount > ctx.options.limits.shardLimit) {
      throw limitExceeded(
        shardLimitExceeded(ctx.account, ctx.options.region, current, ctx.options.limits.shardLimit, shardCount),
      );
    }
    const now = ctx.now();
    const stream: StreamState = {
      name,
      arn: ctx.streamArn(name),
      generation: ctx.state.nextGeneration++,
      createdAt: now,
      status: 'CREATING',
      shardCountAtCreation: shardCount,
      shards: [],
      retentionHours: 24,
      encryptionType: 'NONE',
      encryptionSlot: 0,
      encryptionEpoch: 0,
      shardLevelMetrics: [],
      tags: new Map(Object.entries(input.Tags ?? {})),
      streamMode: mode,
      maxRecordSizeKiB: input.MaxRecordSizeInKiB ?? 1024,
      shardCountUpdates: [],
      keyApplications: [],
      encryptionDisables: [],
    };
    ctx.state.streams.set(name, stream);
    ctx.emit({ type: 'streamStatus', t: now, stream: name, status: 'CREATING' });
    announceSettings(ctx, stream);
    ctx.schedule(now + ctx.options.timings.createStreamMs, {
      kind: 'streamActive',
      stream: name,
      generation: stream.generation,
    });
    return {};
  },
});
