/** ListStreams, ListShards, DescribeStreamSummary and DescribeLimits: validation texts and output shapes. */
import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, MAX_HASH, reference, streamNotFound, THIRD } from './steps';

const LONG = 'a'.repeat(129);
const emptyMember = (member: string) =>
  `Value '' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; ` +
  `Value '' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`;
const longMember = (member: string) =>
  `Value '${LONG}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to 128`;
const limitAtMost = (value: number) =>
  `Value '${value}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`;
const limitAtLeastOne =
  "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1";
const TWO_THIRDS = '226854911280625642308916404954512140969';

export const listStreamsCases: ConformanceCase[] = [
  {
    name: 'empty ExclusiveStartStreamName and a Limit of 0',
    profile: 'both',
    operation: 'ListStreams',
    input: { ExclusiveStartStreamName: '', Limit: 0 },
    expect: {
      error: 'ValidationException',
      message: `3 validation errors detected: ${limitAtLeastOne}; ${emptyMember('exclusiveStartStreamName')}`,
    },
    evidence: kinesalite('listStreams', 'should return ValidationException for empty ExclusiveStartStreamName'),
  },
  {
    name: 'a long ExclusiveStartStreamName and a Limit above 10000',
    profile: 'both',
    operation: 'ListStreams',
    input: { ExclusiveStartStreamName: LONG, Limit: 1000000 },
    expect: {
      error: 'ValidationException',
      message: `2 validation errors detected: ${limitAtMost(1000000)}; ${longMember('exclusiveStartStreamName')}`,
    },
    evidence: kinesalite('listStreams', 'should return ValidationException for long ExclusiveStartStreamName'),
  },
  {
    name: 'every stream, with HasMoreStreams and StreamNames only',
    profile: '2017-07',
    steps: [...activeStream('b'), ...activeStream('a')],
    operation: 'ListStreams',
    input: {},
    expect: {
      output: { HasMoreStreams: false, StreamNames: ['a', 'b'] },
      absent: ['StreamSummaries', 'NextToken'],
    },
    evidence: kinesalite('listStreams', 'should return all streams'),
  },
  {
    name: 'the stream after ExclusiveStartStreamName, one at a time',
    profile: 'both',
    steps: [...activeStream('a'), ...activeStream('b'), ...activeStream('c')],
    operation: 'ListStreams',
    input: { ExclusiveStartStreamName: 'a', Limit: 1 },
    expect: { output: { StreamNames: ['b'], HasMoreStreams: true } },
    evidence: kinesalite('listStreams', 'should return single stream'),
  },
];

export const listShardsCases: ConformanceCase[] = [
  {
    name: 'neither StreamName nor NextToken',
    profile: 'current',
    operation: 'ListShards',
    input: {},
    expect: { error: 'InvalidArgumentException', message: 'Either NextToken or StreamName should be provided.' },
    evidence: kinesalite('listShards', 'should return InvalidArgumentException for no StreamName or NextToken'),
  },
  {
    name: 'empty StreamName, NextToken and ExclusiveStartShardId and MaxResults of 0',
    profile: 'current',
    operation: 'ListShards',
    input: { StreamName: '', NextToken: '', MaxResults: 0, ExclusiveStartShardId: '' },
    expect: {
      error: 'ValidationException',
      message:
        "6 validation errors detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        `${emptyMember('exclusiveStartShardId')}; ${emptyMember('streamName')}; ` +
        "Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: kinesalite('listShards', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'long StreamName and ExclusiveStartShardId and MaxResults above 10000',
    profile: 'current',
    operation: 'ListShards',
    input: { StreamName: LONG, MaxResults: 100000, ExclusiveStartShardId: LONG },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '100000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
        `${longMember('exclusiveStartShardId')}; ${longMember('streamName')}`,
    },
    evidence: kinesalite('listShards', 'should return ValidationException for long StreamName'),
  },
  {
    name: 'both StreamName and NextToken',
    profile: 'current',
    operation: 'ListShards',
    input: { StreamName: 's', NextToken: 's' },
    expect: { error: 'InvalidArgumentException', message: 'NextToken and StreamName cannot be provided together.' },
    evidence: kinesalite('listShards', 'should return InvalidArgumentException if both StreamName and NextToken'),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'ListShards',
    input: { StreamName: 'nope' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite('listShards', 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'the shards of a 3-shard stream, with no NextToken',
    profile: 'current',
    steps: activeStream('s', 3),
    operation: 'ListShards',
    input: { StreamName: 's' },
    expect: {
      output: {
        Shards: [
          { ShardId: 'shardId-000000000000', HashKeyRange: { StartingHashKey: '0', EndingHashKey: THIRD } },
          {
            ShardId: 'shardId-000000000001',
            HashKeyRange: { StartingHashKey: (BigInt(THIRD) + 1n).toString(), EndingHashKey: TWO_THIRDS },
          },
          {
            ShardId: 'shardId-000000000002',
            HashKeyRange: { StartingHashKey: (BigInt(TWO_THIRDS) + 1n).toString(), EndingHashKey: MAX_HASH },
          },
        ],
      },
      present: ['Shards.0.SequenceNumberRange.StartingSequenceNumber'],
      absent: ['NextToken', 'Shards.0.ParentShardId', 'Shards.0.SequenceNumberRange.EndingSequenceNumber'],
    },
    evidence: kinesalite('listShards', 'should return stream shards'),
  },
];

export const describeStreamSummaryCases: ConformanceCase[] = [
  {
    name: 'empty StreamName',
    profile: 'current',
    operation: 'DescribeStreamSummary',
    input: { StreamName: '' },
    expect: { error: 'ValidationException', message: `2 validation errors detected: ${emptyMember('streamName')}` },
    evidence: kinesalite('describeStreamSummary', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'long StreamName',
    profile: 'current',
    operation: 'DescribeStreamSummary',
    input: { StreamName: LONG },
    expect: { error: 'ValidationException', message: `1 validation error detected: ${longMember('streamName')}` },
    evidence: kinesalite('describeStreamSummary', 'should return ValidationException for long StreamName'),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'DescribeStreamSummary',
    input: { StreamName: 'nope' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite('describeStreamSummary', 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'the summary of a 3-shard stream',
    profile: 'current',
    steps: activeStream('s', 3),
    operation: 'DescribeStreamSummary',
    input: { StreamName: 's' },
    expect: {
      output: {
        StreamDescriptionSummary: {
          StreamStatus: 'ACTIVE',
          StreamName: 's',
          StreamARN: 'arn:aws:kinesis:${region}:${account}:stream/s',
          RetentionPeriodHours: 24,
          EncryptionType: 'NONE',
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          OpenShardCount: 3,
        },
      },
      present: ['StreamDescriptionSummary.StreamCreationTimestamp'],
      absent: ['StreamDescriptionSummary.KeyId'],
    },
    evidence: kinesalite('describeStreamSummary', 'should return stream description summary'),
  },
  {
    name: 'the summary of a provisioned stream names its mode and consumer count',
    profile: 'current',
    steps: activeStream('s', 3),
    operation: 'DescribeStreamSummary',
    input: { StreamName: 's' },
    expect: {
      output: {
        StreamDescriptionSummary: {
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          OpenShardCount: 3,
          ConsumerCount: 0,
          EncryptionType: 'NONE',
        },
      },
    },
    evidence: reference(
      'API_StreamDescriptionSummary.html',
      'StreamModeDetails: Specifies the capacity mode to which you want to set your data stream. ConsumerCount: The number of enhanced fan-out consumers registered with the stream.',
    ),
  },
];

export const describeLimitsCases: ConformanceCase[] = [
  {
    name: 'the open shards of the account and its shard limit, nothing else',
    profile: '2017-07',
    steps: activeStream('s', 3),
    operation: 'DescribeLimits',
    input: {},
    expect: {
      output: { OpenShardCount: 3 },
      present: ['ShardLimit'],
      absent: ['OnDemandStreamCount', 'OnDemandStreamCountLimit'],
    },
    evidence: kinesalite('describeLimits', 'should return current account limits'),
  },
  {
    name: 'on-demand streams are counted against their own limit',
    profile: 'current',
    steps: [
      ...activeStream('s', 3),
      { operation: 'CreateStream', input: { StreamName: 'o', StreamModeDetails: { StreamMode: 'ON_DEMAND' } } },
    ],
    operation: 'DescribeLimits',
    input: {},
    expect: {
      output: { OnDemandStreamCount: 1 },
      present: ['ShardLimit', 'OpenShardCount', 'OnDemandStreamCountLimit'],
    },
    evidence: reference(
      'API_DescribeLimits.html',
      'OnDemandStreamCount: Indicates the number of data streams with the on-demand capacity mode.',
    ),
  },
];
