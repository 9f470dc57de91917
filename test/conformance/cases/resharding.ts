import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, streamNotFound, THIRD } from './steps';

const cannotFind = (id: string, stream = 'nope') =>
  `Could not find shard ${id} in stream ${stream} under account \${account}.`;

const splitUnknownStream = (shardId: string, message: string, test: string): ConformanceCase => ({
  name: `unknown stream, shard id ${shardId}`,
  profile: 'both',
  operation: 'SplitShard',
  input: { StreamName: 'nope', ShardToSplit: shardId, NewStartingHashKey: '0' },
  expect: { error: 'ResourceNotFoundException', message },
  evidence: kinesalite('splitShard', test),
});

export const splitShardCases: ConformanceCase[] = [
  splitUnknownStream(
    '2147483647',
    streamNotFound('nope'),
    'should return ResourceNotFoundException if unknown stream and shard ID just small enough',
  ),
  splitUnknownStream(
    'a-00002147483647',
    streamNotFound('nope'),
    'should return ResourceNotFoundException if unknown stream and short prefix',
  ),
  splitUnknownStream(
    '2147483648',
    cannotFind('2147483648'),
    'should return ResourceNotFoundException if unknown stream and shard ID too big',
  ),
  splitUnknownStream(
    'ABKLFD8',
    cannotFind('ABKLFD8'),
    'should return ResourceNotFoundException if unknown stream and string shard ID',
  ),
  splitUnknownStream(
    '2.14E4',
    cannotFind('2.14E4'),
    'should return ResourceNotFoundException if unknown stream and exponent shard ID',
  ),
  {
    name: 'known stream, raw shard id that does not exist',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'SplitShard',
    input: { StreamName: 's', ShardToSplit: 'shardId-5', NewStartingHashKey: '0' },
    expect: { error: 'ResourceNotFoundException', message: cannotFind('shardId-000000000005', 's') },
    evidence: kinesalite(
      'splitShard',
      'should return ResourceNotFoundException if known stream and raw shard ID does not exist',
    ),
  },
  {
    name: 'hash key too small',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'SplitShard',
    input: { StreamName: 's', ShardToSplit: 'shard-0', NewStartingHashKey: '1' },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account ${account} ' +
        `is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey ${THIRD}.`,
    },
    evidence: kinesalite('splitShard', 'should return InvalidArgumentException for hash too small'),
  },
  {
    name: 'a split answers 200 with an empty body and leaves the stream UPDATING',
    profile: 'both',
    steps: activeStream('s', 1),
    operation: 'SplitShard',
    input: { StreamName: 's', ShardToSplit: 'anything-0', NewStartingHashKey: '2' },
    expect: { emptyBody: true },
    evidence: kinesalite('splitShard', 'should work with minimum hash'),
  },
  {
    name: 'a second split while UPDATING',
    profile: 'both',
    steps: [
      ...activeStream('s', 1),
      { operation: 'SplitShard', input: { StreamName: 's', ShardToSplit: 'shard-0', NewStartingHashKey: '2' } },
    ],
    operation: 'SplitShard',
    input: { StreamName: 's', ShardToSplit: 'shard-0', NewStartingHashKey: '2' },
    expect: {
      error: 'ResourceInUseException',
      message: 'Stream s under account ${account} not ACTIVE, instead in state UPDATING',
    },
    evidence: kinesalite('splitShard', 'should work with minimum hash'),
  },
];

export const mergeShardsCases: ConformanceCase[] = [
  {
    name: 'unknown stream, readable shard ids',
    profile: 'both',
    operation: 'MergeShards',
    input: { StreamName: 'nope', ShardToMerge: 'shardId-0', AdjacentShardToMerge: 'shardId-1' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(
      'mergeShards',
      'should return ResourceNotFoundException if unknown stream and shard ID just small enough',
    ),
  },
  {
    name: 'unknown stream, shard id too big',
    profile: 'both',
    operation: 'MergeShards',
    input: { StreamName: 'nope', ShardToMerge: '2147483648', AdjacentShardToMerge: 'shardId-1' },
    expect: { error: 'ResourceNotFoundException', message: cannotFind('2147483648') },
    evidence: kinesalite(
      'mergeShards',
      'should return ResourceNotFoundException if unknown stream and shard ID too big',
    ),
  },
  {
    name: 'shards that are not adjacent',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'MergeShards',
    input: { StreamName: 's', ShardToMerge: 'shardId-0', AdjacentShardToMerge: 'shardId-2' },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Shards shardId-000000000000 and shardId-000000000002 in stream s under account ${account} are not an adjacent pair of shards eligible for merging',
    },
    evidence: kinesalite('mergeShards', 'should return InvalidArgumentException if shards not adjacent'),
  },
  {
    name: 'a merge answers 200 with an empty body',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'MergeShards',
    input: { StreamName: 's', ShardToMerge: 'shardId-0', AdjacentShardToMerge: 'shardId-1' },
    expect: { emptyBody: true },
    evidence: kinesalite('mergeShards', 'should work with standard merge'),
  },
];
