import type { Profile } from '../options';
import { describeAccountSettings, updateAccountSettings } from './accountSettings';
import {
  deregisterStreamConsumer,
  describeStreamConsumer,
  listStreamConsumers,
  registerStreamConsumer,
} from './consumers';
import { createStream } from './createStream';
import { deleteStream } from './deleteStream';
import { describeLimits } from './describeLimits';
import { startStreamEncryption, stopStreamEncryption } from './encryption';
import { describeStream } from './describeStream';
import { describeStreamSummary } from './describeStreamSummary';
import { getRecords } from './getRecords';
import { getShardIterator } from './getShardIterator';
import { listShards } from './listShards';
import { listStreams } from './listStreams';
import { mergeShards } from './mergeShards';
import { disableEnhancedMonitoring, enableEnhancedMonitoring } from './monitoring';
import { putRecord } from './putRecord';
import { putRecords } from './putRecords';
import { decreaseStreamRetentionPeriod, increaseStreamRetentionPeriod } from './retention';
import {
  deleteResourcePolicy,
  getResourcePolicy,
  listTagsForResource,
  putResourcePolicy,
  tagResource,
  untagResource,
} from './resources';
import { splitShard } from './splitShard';
import { updateMaxRecordSize, updateStreamMode, updateStreamWarmThroughput } from './streamSettings';
import { subscribeToShard } from './subscribeToShard';
import { addTagsToStream, listTagsForStream, removeTagsFromStream } from './tags';
import type { OperationDef, OperationName } from './types';
import { updateShardCount } from './updateShardCount';

/** Every operation the engine implements, by name. */
export const OPERATIONS: ReadonlyMap<string, OperationDef> = new Map(
  (
    [
      addTagsToStream,
      createStream,
      decreaseStreamRetentionPeriod,
      deleteStream,
      describeLimits,
      describeStream,
      describeStreamSummary,
      disableEnhancedMonitoring,
      enableEnhancedMonitoring,
      getRecords,
      getShardIterator,
      increaseStreamRetentionPeriod,
      listShards,
      listStreams,
      listTagsForStream,
      mergeShards,
      putRecord,
      putRecords,
      removeTagsFromStream,
      splitShard,
      startStreamEncryption,
      stopStreamEncryption,
      updateShardCount,
      // Current profile only.
      registerStreamConsumer,
      deregisterStreamConsumer,
      describeStreamConsumer,
      listStreamConsumers,
      subscribeToShard,
      updateStreamMode,
      updateMaxRecordSize,
      updateStreamWarmThroughput,
      putResourcePolicy,
      getResourcePolicy,
      deleteResourcePolicy,
      tagResource,
      untagResource,
      listTagsForResource,
      describeAccountSettings,
      updateAccountSettings,
    ] as unknown as OperationDef[]
  ).map((op) => [op.name, op]),
);

/** The operations a profile answers, in name order. */
export const operationsFor = (profile: Profile): OperationDef[] =>
  [...OPERATIONS.values()].filter((op) => op.profiles.includes(profile)).sort((a, b) => a.name.localeCompare(b.name));

export const isOperationName = (name: string): name is OperationName => OPERATIONS.has(name);

/** Operations whose output has no members: the service answers them with an empty body. */
export const OPERATIONS_WITHOUT_OUTPUT: ReadonlySet<string> = new Set([
  'AddTagsToStream',
  'CreateStream',
  'DecreaseStreamRetentionPeriod',
  'DeleteStream',
  'IncreaseStreamRetentionPeriod',
  'MergeShards',
  'RemoveTagsFromStream',
  'SplitShard',
  'StartStreamEncryption',
  'StopStreamEncryption',
  'DeregisterStreamConsumer',
  'UpdateStreamMode',
  'UpdateMaxRecordSize',
  'PutResourcePolicy',
  'DeleteResourcePolicy',
  'TagResource',
  'UntagResource',
]);
