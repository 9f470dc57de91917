import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, reference, SETTLE_MS, streamNotFound } from './steps';

const LONG = 'a'.repeat(129);
const emptyName =
  "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
  "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const longName = `Value '${LONG}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`;

export const createStreamCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'CreateStream',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'shardCount' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite('createStream', 'should return ValidationException for no StreamName'),
  },
  {
    name: 'empty name and no shards',
    profile: 'both',
    operation: 'CreateStream',
    input: { StreamName: '', ShardCount: 0 },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        emptyName,
    },
    evidence: kinesalite('createStream', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'a created stream answers an empty body',
    profile: 'both',
    operation: 'CreateStream',
    input: { StreamName: 's', ShardCount: 3 },
    expect: { emptyBody: true },
    evidence: kinesalite('createStream', 'should create a basic 3-shard stream'),
  },
  {
    name: 'a new stream is CREATING with no shards',
    profile: 'both',
    steps: [{ operation: 'CreateStream', input: { StreamName: 's', ShardCount: 3 } }],
    operation: 'DescribeStream',
    input: { StreamName: 's' },
    expect: {
      output: {
        StreamDescription: {
          StreamStatus: 'CREATING',
          StreamName: 's',
          StreamARN: 'arn:aws:kinesis:${region}:${account}:stream/s',
          Shards: [],
          HasMoreShards: false,
        },
      },
    },
    evidence: kinesalite('createStream', 'should create a basic 3-shard stream'),
  },
  {
    name: 'without ShardCount or mode the stream is ON_DEMAND with 4 shards',
    profile: 'current',
    steps: [{ operation: 'CreateStream', input: { StreamName: 's' } }, { advanceMs: SETTLE_MS }],
    operation: 'DescribeStreamSummary',
    input: { StreamName: 's' },
    expect: {
      output: { StreamDescriptionSummary: { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, OpenShardCount: 4 } },
    },
    evidence: reference(
      'API_CreateStream.html',
      'For the data streams with a provisioned mode, you must specify the number of shards for the data stream.',
    ),
  },
];

export const deleteStreamCases: ConformanceCase[] = [
  {
    name: 'empty name',
    profile: 'both',
    operation: 'DeleteStream',
    input: { StreamName: '' },
    expect: { error: 'ValidationException', message: `2 validation errors detected: ${emptyName}` },
    evidence: kinesalite('deleteStream', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'long name',
    profile: 'both',
    operation: 'DeleteStream',
    input: { StreamName: LONG },
    expect: { error: 'ValidationException', message: `1 validation error detected: ${longName}` },
    evidence: kinesalite('deleteStream', 'should return ValidationException for long StreamName'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'DeleteStream',
    input: { StreamName: 'nope' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite('deleteStream', 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'a stream still CREATING is deleted, with an empty body',
    profile: 'both',
    steps: [{ operation: 'CreateStream', input: { StreamName: 's', ShardCount: 1 } }],
    operation: 'DeleteStream',
    input: { StreamName: 's' },
    expect: { emptyBody: true },
    evidence: kinesalite('deleteStream', 'should allow stream to be deleted while it is being created'),
  },
  {
    name: 'a stream deleted while CREATING is DELETING with no shards',
    profile: 'both',
    steps: [
      { operation: 'CreateStream', input: { StreamName: 's', ShardCount: 1 } },
      { operation: 'DeleteStream', input: { StreamName: 's' } },
    ],
    operation: 'DescribeStream',
    input: { StreamName: 's' },
    expect: { output: { StreamDescription: { StreamStatus: 'DELETING', Shards: [], HasMoreShards: false } } },
    evidence: kinesalite('deleteStream', 'should allow stream to be deleted while it is being created'),
  },
  {
    name: 'a stream deleted while CREATING is gone afterwards',
    profile: 'both',
    steps: [
      { operation: 'CreateStream', input: { StreamName: 's', ShardCount: 1 } },
      { operation: 'DeleteStream', input: { StreamName: 's' } },
      { advanceMs: SETTLE_MS },
    ],
    operation: 'DescribeStream',
    input: { StreamName: 's' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('s') },
    evidence: kinesalite('deleteStream', 'should allow stream to be deleted while it is being created'),
  },
];

export const describeStreamCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'DescribeStream',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite('describeStream', 'should return ValidationException for no StreamName'),
  },
  {
    name: 'empty name, Limit 0 and an empty ExclusiveStartShardId, limit first',
    profile: 'both',
    operation: 'DescribeStream',
    input: { StreamName: '', Limit: 0, ExclusiveStartShardId: '' },
    expect: {
      error: 'ValidationException',
      message:
        "5 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        emptyName,
    },
    evidence: kinesalite('describeStream', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'long name, Limit and ExclusiveStartShardId',
    profile: 'both',
    operation: 'DescribeStream',
    input: { StreamName: LONG, Limit: 100000, ExclusiveStartShardId: LONG },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; " +
        `Value '${LONG}' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 128; ` +
        longName,
    },
    evidence: kinesalite('describeStream', 'should return ValidationException for long StreamName'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'DescribeStream',
    input: { StreamName: 'nope' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite('describeStream', 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'a three-shard stream splits the hash-key space evenly',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'DescribeStream',
    input: { StreamName: 's' },
    expect: {
      output: {
        StreamDescription: {
          StreamStatus: 'ACTIVE',
          StreamName: 's',
          HasMoreShards: false,
          Shards: [
            {
              ShardId: 'shardId-000000000000',
              HashKeyRange: { StartingHashKey: '0', EndingHashKey: '113427455640312821154458202477256070484' },
            },
            {
              ShardId: 'shardId-000000000001',
              HashKeyRange: {
                StartingHashKey: '113427455640312821154458202477256070485',
                EndingHashKey: '226854911280625642308916404954512140969',
              },
            },
            {
              ShardId: 'shardId-000000000002',
              HashKeyRange: {
                StartingHashKey: '226854911280625642308916404954512140970',
                EndingHashKey: '340282366920938463463374607431768211455',
              },
            },
          ],
        },
      },
    },
    evidence: kinesalite('describeStream', 'should return stream description'),
  },
];

export const listTagsForStreamCases: ConformanceCase[] = [
  {
    name: 'empty name and key, Limit 0, limit first',
    profile: 'both',
    operation: 'ListTagsForStream',
    input: { StreamName: '', ExclusiveStartTagKey: '', Limit: 0 },
    expect: {
      error: 'ValidationException',
      message:
        "4 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        emptyName,
    },
    evidence: kinesalite('listTagsForStream', 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'Limit above 10 in 2017',
    profile: '2017-07',
    operation: 'ListTagsForStream',
    input: { StreamName: LONG, ExclusiveStartTagKey: LONG, Limit: 100 },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '100' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10; " +
        `Value '${LONG}' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length less than or equal to 128; ` +
        longName,
    },
    evidence: kinesalite('listTagsForStream', 'should return ValidationException for long StreamName'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'ListTagsForStream',
    input: { StreamName: 'nope', ExclusiveStartTagKey: 'a', Limit: 1 },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite('listTagsForStream', 'should return ResourceNotFoundException if stream does not exist'),
  },
];

const d = 'decreaseStreamRetentionPeriod';
export const decreaseRetentionCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'DecreaseStreamRetentionPeriod',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'retentionPeriodHours' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(d, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'below 24 hours',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'DecreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 23 },
    expect: {
      error: 'InvalidArgumentException',
      message: 'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
    },
    evidence: kinesalite(d, 'should return InvalidArgumentException for retention period less than 24'),
  },
  {
    name: 'above 168 hours in 2017',
    profile: '2017-07',
    steps: activeStream('s'),
    operation: 'DecreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 169 },
    expect: {
      error: 'InvalidArgumentException',
      message: 'Maximum allowed retention period is 168 hours. Requested retention period (169 hours) is too long.',
    },
    evidence: kinesalite(d, 'should return InvalidArgumentException for retention period greater than 168'),
  },
  {
    name: 'above the current period',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'DecreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 25 },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Requested retention period (25 hours) for stream s can not be longer than existing retention period (24 hours). Use IncreaseRetentionPeriod API.',
    },
    evidence: kinesalite(d, 'should return InvalidArgumentException for retention period greater than current'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'DecreaseStreamRetentionPeriod',
    input: { StreamName: 'nope', RetentionPeriodHours: 25 },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(d, 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'a decrease answers an empty body',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      { operation: 'IncreaseStreamRetentionPeriod', input: { StreamName: 's', RetentionPeriodHours: 25 } },
    ],
    operation: 'DecreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 24 },
    expect: { emptyBody: true },
    evidence: kinesalite(d, 'should decrease stream retention period'),
  },
];
