import type * as K from '@aws-sdk/client-kinesis';
import type { Context } from '../context';
import type { Profile } from '../options';
import type { StructureShape } from '../schema/shapes';
import type { SubscribeToShardEngineOutput } from './subscribeToShard';

type Empty = Record<string, never>;

/** Input and output shapes of every operation, as `@aws-sdk/client-kinesis` defines them. */
export interface OperationTypes {
  AddTagsToStream: [K.AddTagsToStreamInput, Empty];
  CreateStream: [K.CreateStreamInput, Empty];
  DecreaseStreamRetentionPeriod: [K.DecreaseStreamRetentionPeriodInput, Empty];
  DeleteStream: [K.DeleteStreamInput, Empty];
  DescribeLimits: [K.DescribeLimitsInput, K.DescribeLimitsOutput];
  DescribeStream: [K.DescribeStreamInput, K.DescribeStreamOutput];
  DescribeStreamSummary: [K.DescribeStreamSummaryInput, K.DescribeStreamSummaryOutput];
  DisableEnhancedMonitoring: [K.DisableEnhancedMonitoringInput, K.EnhancedMonitoringOutput];
  EnableEnhancedMonitoring: [K.EnableEnhancedMonitoringInput, K.EnhancedMonitoringOutput];
  GetRecords: [K.GetRecordsInput, K.GetRecordsOutput];
  GetShardIterator: [K.GetShardIteratorInput, K.GetShardIteratorOutput];
  IncreaseStreamRetentionPeriod: [K.IncreaseStreamRetentionPeriodInput, Empty];
  ListShards: [K.ListShardsInput, K.ListShardsOutput];
  ListStreams: [K.ListStreamsInput, K.ListStreamsOutput];
  ListTagsForStream: [K.ListTagsForStreamInput, K.ListTagsForStreamOutput];
  MergeShards: [K.MergeShardsInput, Empty];
  PutRecord: [K.PutRecordInput, K.PutRecordOutput];
  PutRecords: [K.PutRecordsInput, K.PutRecordsOutput];
  RemoveTagsFromStream: [K.RemoveTagsFromStreamInput, Empty];
  SplitShard: [K.SplitShardInput, Empty];
  StartStreamEncryption: [K.StartStreamEncryptionInput, Empty];
  StopStreamEncryption: [K.StopStreamEncryptionInput, Empty];
  UpdateShardCount: [K.UpdateShardCountInput, K.UpdateShardCountOutput];
  // Current profile only.
  RegisterStreamConsumer: [K.RegisterStreamConsumerInput, K.RegisterStreamConsumerOutput];
  DeregisterStreamConsumer: [K.DeregisterStreamConsumerInput, Empty];
  DescribeStreamConsumer: [K.DescribeStreamConsumerInput, K.DescribeStreamConsumerOutput];
  ListStreamConsumers: [K.ListStreamConsumersInput, K.ListStreamConsumersOutput];
  /** The engine answers with the first event; later ones are pushed on the clock (consumers/subscriptions.ts). */
  SubscribeToShard: [K.SubscribeToShardInput, SubscribeToShardEngineOutput];
  UpdateStreamMode: [K.UpdateStreamModeInput, Empty];
  UpdateMaxRecordSize: [K.UpdateMaxRecordSizeInput, Empty];
  UpdateStreamWarmThroughput: [K.UpdateStreamWarmThroughputInput, K.UpdateStreamWarmThroughputOutput];
  PutResourcePolicy: [K.PutResourcePolicyInput, Empty];
  GetResourcePolicy: [K.GetResourcePolicyInput, K.GetResourcePolicyOutput];
  DeleteResourcePolicy: [K.DeleteResourcePolicyInput, Empty];
  TagResource: [K.TagResourceInput, Empty];
  UntagResource: [K.UntagResourceInput, Empty];
  ListTagsForResource: [K.ListTagsForResourceInput, K.ListTagsForResourceOutput];
  DescribeAccountSettings: [K.DescribeAccountSettingsInput, K.DescribeAccountSettingsOutput];
  UpdateAccountSettings: [K.UpdateAccountSettingsInput, K.UpdateAccountSettingsOutput];
}

export type OperationName = keyof OperationTypes;
export type InputOf<O extends OperationName> = OperationTypes[O][0];
export type OutputOf<O extends OperationName> = OperationTypes[O][1];

export type OperationGroup =
  | 'streams'
  | 'shards'
  | 'records'
  | 'encryption'
  | 'tags'
  | 'monitoring'
  | 'limits'
  | 'consumers'
  | 'policies'
  | 'account';

/** One operation: its declarative input schema beside the code that runs it. */
export interface OperationDef<O extends OperationName = OperationName> {
  readonly name: O;
  readonly group: OperationGroup;
  /** One line of plain words, shown in the console's operation picker. */
  readonly doc: string;
  readonly profiles: readonly Profile[];
  /** The input shape under a profile (the current API added members such as StreamARN). */
  readonly input: (profile: Profile) => StructureShape;
  readonly run: (ctx: Context, input: InputOf<O>) => OutputOf<O>;
}

export const BOTH_PROFILES: readonly Profile[] = ['current', '2017-07'];
export const CURRENT_ONLY: readonly Profile[] = ['current'];

/**
 * Builds each operation's input shape once per profile. Validation keeps per-shape tables in a
 * WeakMap (member lists, precompiled checks); a fresh shape per call rebuilt them on every call,
 * and the engine and the endpoint ask for the shape on every call.
 */
export const defineOperation = <O extends OperationName>(def: OperationDef<O>): OperationDef<O> => {
  const build = def.input;
  const shapes = new Map<Profile, StructureShape>();
  const input = (profile: Profile): StructureShape => {
    let shape = shapes.get(profile);
    if (!shape) {
      shape = build(profile);
      shapes.set(profile, shape);
    }
    return shape;
  };
  return { ...def, input };
};
