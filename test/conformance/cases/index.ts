/** Every case, by operation. */
import type { ConformanceCase } from '../case';
import { getShardIteratorCases } from './getShardIterator';
import { putRecordCases, retentionCases } from './records';
import { mergeShardsCases, splitShardCases } from './resharding';
import { addTagsToStreamCases } from './tags';
import { getRecordsCases, updateShardCountCases } from './currentApi';
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
  DeleteStream: deleteStreamCases,
  DescribeStream: describeStreamCases,
  GetRecords: getRecordsCases,
  ListTagsForStream: listTagsForStreamCases,
  GetShardIterator: getShardIteratorCases,
  IncreaseStreamRetentionPeriod: retentionCases,
  MergeShards: mergeShardsCases,
  PutRecord: putRecordCases,
  SplitShard: splitShardCases,
  UpdateShardCount: updateShardCountCases,
};
