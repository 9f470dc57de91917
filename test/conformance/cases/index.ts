/** Every case, by operation. */
import type { ConformanceCase } from '../case';
import { getShardIteratorCases } from './getShardIterator';
import { putRecordCases, retentionCases } from './records';
import { mergeShardsCases, splitShardCases } from './resharding';
import { addTagsToStreamCases } from './tags';

export const CASES: Readonly<Record<string, readonly ConformanceCase[]>> = {
  AddTagsToStream: addTagsToStreamCases,
  GetShardIterator: getShardIteratorCases,
  IncreaseStreamRetentionPeriod: retentionCases,
  MergeShards: mergeShardsCases,
  PutRecord: putRecordCases,
  SplitShard: splitShardCases,
};
