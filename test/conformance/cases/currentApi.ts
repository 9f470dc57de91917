/** Facts of the current API that no recorded test covers: the API reference is the evidence. */
import type { ConformanceCase } from '../case';
import { activeStream, reference, SETTLE_MS } from './steps';

const readFromStart = (stream: string) => ({
  operation: 'GetShardIterator',
  input: { StreamName: stream, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' },
  save: { iterator: 'ShardIterator' },
});

export const updateShardCountCases: ConformanceCase[] = [
  {
    name: 'refused on an ON_DEMAND stream',
    profile: 'current',
    steps: [
      { operation: 'CreateStream', input: { StreamName: 's', StreamModeDetails: { StreamMode: 'ON_DEMAND' } } },
      { advanceMs: SETTLE_MS },
    ],
    operation: 'UpdateShardCount',
    input: { StreamName: 's', TargetShardCount: 5, ScalingType: 'UNIFORM_SCALING' },
    expect: { error: 'ValidationException' },
    evidence: reference(
      'API_UpdateShardCount.html',
      'This API is only supported for the data streams with the provisioned capacity mode.',
    ),
  },
];

export const getRecordsCases: ConformanceCase[] = [
  {
    name: 'an unencrypted record has no EncryptionType, and an open shard no ChildShards',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      { operation: 'PutRecord', input: { StreamName: 's', PartitionKey: 'a', Data: 'aGk=' } },
      readFromStart('s'),
    ],
    operation: 'GetRecords',
    input: { ShardIterator: '${iterator}' },
    expect: {
      output: { Records: [{ PartitionKey: 'a', Data: 'aGk=' }] },
      present: ['NextShardIterator'],
      absent: ['Records.0.EncryptionType', 'ChildShards'],
    },
    evidence: reference(
      'API_GetRecords.html',
      "ChildShards: The list of the current shard's child shards, returned in the GetRecords API's response only when the end of the current shard is reached.",
    ),
  },
  {
    name: 'an iterator wrapped in double quotes is accepted',
    profile: 'both',
    steps: [...activeStream('s'), readFromStart('s')],
    operation: 'GetRecords',
    input: { ShardIterator: '"${iterator}"' },
    expect: { output: { Records: [] }, present: ['NextShardIterator'] },
    evidence: { decided: 'The CLI and the service accept a quoted iterator (reported by users); no recorded test.' },
  },
];
