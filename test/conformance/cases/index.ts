/** Every case, by operation. */
import type { ConformanceCase } from '../case';
import { getShardIteratorCases } from './getShardIterator';
import { putRecordCases, retentionCases } from './records';
import { mergeShardsCases, splitShardCases } from './resharding';
import { addTagsToStreamCases, removeTagsFromStreamCases } from './tags';
import { getRecordsCases, updateShardCountCases } from './currentApi';
import {
  deregisterStreamConsumerCases,
  describeStreamConsumerCases,
  listStreamConsumersCases,
  registerStreamConsumerCases,
  subscribeToShardCases,
} from './consumers';
import { describeLimitsCases, describeStreamSummaryCases, listShardsCases, listStreamsCases } from './listing';
import { putRecordsCases } from './putRecords';
import { describeAccountSettingsMoreCases, updateAccountSettingsCases } from './accountSettings';
import { deleteResourcePolicyCases, getResourcePolicyCases, putResourcePolicyCases } from './resourcePolicies';
import { updateMaxRecordSizeCases, updateStreamWarmThroughputCases } from './streamLimits';
import { subscribeToShardEventCases } from './subscriptionEvents';
import {
  describeAccountSettingsCases,
  disableEnhancedMonitoringCases,
  enableEnhancedMonitoringCases,
  listTagsForResourceCases,
  startStreamEncryptionCases,
  stopStreamEncryptionCases,
  tagResourceCases,
  untagResourceCases,
  updateStreamModeCases,
} from './settings';
import {
  createStreamCases,
  decreaseRetentionCases,
  deleteStreamCases,
  describeStreamCases,
  listTagsForStreamCases,
} from './streams';

export const CASES: Readonly<Record<string, readonly ConformanceCase[]>> = {
  AddTagsToStream: addTagsToStreamCases,
  CreateStream: createStreamCases,
  DecreaseStreamRetentionPeriod: decreaseRetentionCases,
  DeleteResourcePolicy: deleteResourcePolicyCases,
  DeleteStream: deleteStreamCases,
  DeregisterStreamConsumer: deregisterStreamConsumerCases,
  DescribeAccountSettings: [...describeAccountSettingsCases, ...describeAccountSettingsMoreCases],
  DescribeLimits: describeLimitsCases,
  DescribeStream: describeStreamCases,
  DescribeStreamConsumer: describeStreamConsumerCases,
  DescribeStreamSummary: describeStreamSummaryCases,
  DisableEnhancedMonitoring: disableEnhancedMonitoringCases,
  EnableEnhancedMonitoring: enableEnhancedMonitoringCases,
  GetRecords: getRecordsCases,
  GetResourcePolicy: getResourcePolicyCases,
  GetShardIterator: getShardIteratorCases,
  IncreaseStreamRetentionPeriod: retentionCases,
  ListShards: listShardsCases,
  ListStreamConsumers: listStreamConsumersCases,
  ListStreams: listStreamsCases,
  ListTagsForResource: listTagsForResourceCases,
  ListTagsForStream: listTagsForStreamCases,
  MergeShards: mergeShardsCases,
  PutRecord: putRecordCases,
  PutRecords: putRecordsCases,
  PutResourcePolicy: putResourcePolicyCases,
  RegisterStreamConsumer: registerStreamConsumerCases,
  RemoveTagsFromStream: removeTagsFromStreamCases,
  SplitShard: splitShardCases,
  StartStreamEncryption: startStreamEncryptionCases,
  StopStreamEncryption: stopStreamEncryptionCases,
  SubscribeToShard: [...subscribeToShardCases, ...subscribeToShardEventCases],
  TagResource: tagResourceCases,
  UntagResource: untagResourceCases,
  UpdateAccountSettings: updateAccountSettingsCases,
  UpdateMaxRecordSize: updateMaxRecordSizeCases,
  UpdateShardCount: updateShardCountCases,
  UpdateStreamMode: updateStreamModeCases,
  UpdateStreamWarmThroughput: updateStreamWarmThroughputCases,
};
