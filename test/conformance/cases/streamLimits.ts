/**
 * A stream's own limits in the current API: the largest record it takes (UpdateMaxRecordSize) and
 * the write throughput an on-demand stream keeps ready (UpdateStreamWarmThroughput). No recorded
 * test covers them: the API reference and the SDK's service model are the evidence.
 */
import type { ConformanceCase, Step } from '../case';
import { activeStream, reference, SETTLE_MS } from './steps';

const STREAM_ARN = 'arn:aws:kinesis:${region}:${account}:stream/s';
const summary = { operation: 'DescribeStreamSummary', input: { StreamName: 's' } };

/** 1.5 MiB of payload, in base64: more than the default 1 MiB record, less than 2 MiB. */
const ONE_AND_A_HALF_MIB = Buffer.alloc(1536 * 1024, 7).toString('base64');

const onDemandStream: Step[] = [
  { operation: 'CreateStream', input: { StreamName: 's', StreamModeDetails: { StreamMode: 'ON_DEMAND' } } },
  { advanceMs: SETTLE_MS },
];
const commitmentEnabled: Step = {
  operation: 'UpdateAccountSettings',
  input: { MinimumThroughputBillingCommitment: { Status: 'ENABLED' } },
};

export const updateMaxRecordSizeCases: ConformanceCase[] = [
  {
    name: 'to 2048 KiB, with an empty body',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 2048 },
    expect: { emptyBody: true },
    evidence: reference(
      'API_UpdateMaxRecordSize.html',
      'If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'the stream then reads its new MaxRecordSizeInKiB',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      { operation: 'UpdateMaxRecordSize', input: { StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 2048 } },
    ],
    ...summary,
    expect: { output: { StreamDescriptionSummary: { MaxRecordSizeInKiB: 2048 } } },
    evidence: {
      model:
        'StreamDescriptionSummary.MaxRecordSizeInKiB (@aws-sdk/client-kinesis): "The maximum record size of a single record in kibibyte (KiB) that you can write to, and read from a stream."',
    },
  },
  {
    name: 'a new stream takes records up to 1024 KiB',
    profile: 'current',
    steps: activeStream('s'),
    ...summary,
    expect: { output: { StreamDescriptionSummary: { MaxRecordSizeInKiB: 1024 } } },
    evidence: {
      reference: 'https://docs.aws.amazon.com/streams/latest/dev/large-records.html',
      says: 'The default maximum record size for existing, and newly created streams is set to 1 MiB.',
    },
  },
  {
    name: 'a record larger than 1 MiB is taken once the stream allows it',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      { operation: 'UpdateMaxRecordSize', input: { StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 2048 } },
    ],
    operation: 'PutRecord',
    input: { StreamName: 's', PartitionKey: 'a', Data: ONE_AND_A_HALF_MIB },
    expect: { output: { ShardId: 'shardId-000000000000' }, present: ['SequenceNumber'] },
    evidence: {
      reference: 'https://docs.aws.amazon.com/streams/latest/dev/large-records.html',
      says: "To start using large records in your stream, update your stream's maximum record size limit.",
    },
  },
  {
    name: 'below 1024 KiB',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 1023 },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024",
    },
    evidence: reference(
      'API_UpdateMaxRecordSize.html',
      'If you specify a value that is out of this range, UpdateMaxRecordSize sends back an ValidationException message. Valid Range: Minimum value of 1024. Maximum value of 10240.',
    ),
  },
  {
    name: 'above 10240 KiB',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: STREAM_ARN, MaxRecordSizeInKiB: 10241 },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240",
    },
    evidence: reference(
      'API_UpdateMaxRecordSize.html',
      'Specify a value between 1024 and 10240 KiB (1 to 10 MiB). Valid Range: Minimum value of 1024. Maximum value of 10240.',
    ),
  },
  {
    name: 'no MaxRecordSizeInKiB',
    profile: 'current',
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: STREAM_ARN },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference('API_UpdateMaxRecordSize.html', 'MaxRecordSizeInKiB: Type: Integer. Required: Yes'),
  },
  {
    name: 'a StreamARN that is not a stream ARN',
    profile: 'current',
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: 'arn:aws:sqs:${region}:${account}:queue/s', MaxRecordSizeInKiB: 2048 },
    expect: { error: 'ValidationException' },
    evidence: reference(
      'API_UpdateMaxRecordSize.html',
      'StreamARN: Length Constraints: Minimum length of 1. Maximum length of 2048. Pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+',
    ),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'UpdateMaxRecordSize',
    input: { StreamARN: 'arn:aws:kinesis:${region}:${account}:stream/nope', MaxRecordSizeInKiB: 2048 },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_UpdateMaxRecordSize.html',
      'ResourceNotFoundException: The requested resource could not be found. The stream might not be specified correctly.',
    ),
  },
];

export const updateStreamWarmThroughputCases: ConformanceCase[] = [
  {
    name: 'on an on-demand stream: the stream, the target and the throughput before',
    profile: 'current',
    steps: [commitmentEnabled, ...onDemandStream],
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamARN: STREAM_ARN, WarmThroughputMiBps: 100 },
    expect: {
      output: {
        StreamARN: STREAM_ARN,
        StreamName: 's',
        WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 },
      },
    },
    evidence: reference(
      'API_UpdateStreamWarmThroughput.html',
      'Response Syntax: { "StreamARN": "string", "StreamName": "string", "WarmThroughput": { "CurrentMiBps": number, "TargetMiBps": number } }',
    ),
  },
  {
    name: 'the stream is UPDATING, then ACTIVE with the throughput it asked for',
    profile: 'current',
    steps: [
      commitmentEnabled,
      ...onDemandStream,
      { operation: 'UpdateStreamWarmThroughput', input: { StreamARN: STREAM_ARN, WarmThroughputMiBps: 100 } },
      { advanceMs: SETTLE_MS },
    ],
    ...summary,
    expect: {
      output: {
        StreamDescriptionSummary: { StreamStatus: 'ACTIVE', WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 100 } },
      },
    },
    evidence: reference(
      'API_UpdateStreamWarmThroughput.html',
      'Updating the warm throughput is an asynchronous operation. Upon receiving the request, Kinesis Data Streams returns immediately and sets the status of the stream to UPDATING. After the update is complete, Kinesis Data Streams sets the status of the stream back to ACTIVE.',
    ),
  },
  {
    name: 'while UPDATING, the stream reads the new target and the throughput it has',
    profile: 'current',
    steps: [
      commitmentEnabled,
      ...onDemandStream,
      { operation: 'UpdateStreamWarmThroughput', input: { StreamARN: STREAM_ARN, WarmThroughputMiBps: 100 } },
    ],
    ...summary,
    expect: {
      output: {
        StreamDescriptionSummary: { StreamStatus: 'UPDATING', WarmThroughput: { TargetMiBps: 100, CurrentMiBps: 0 } },
      },
    },
    evidence: {
      model:
        'WarmThroughputObject (@aws-sdk/client-kinesis): TargetMiBps "indicates that the stream is currently scaling towards this target value"; CurrentMiBps "is the write throughput in MiBps that the stream is currently scaled to handle".',
    },
  },
  {
    name: 'in an account without the minimum throughput billing commitment',
    profile: 'current',
    steps: onDemandStream,
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamARN: STREAM_ARN, WarmThroughputMiBps: 100 },
    expect: { error: 'InvalidArgumentException' },
    evidence: {
      decided:
        'The reference says the operation is "only supported for data streams with the on-demand capacity mode in accounts that have MinimumThroughputBillingCommitment enabled" but names no error for it; InvalidArgumentException is its error for a parameter that "can\'t be used".',
    },
  },
  {
    name: 'no WarmThroughputMiBps',
    profile: 'current',
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamName: 's' },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'warmThroughputMiBps' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference('API_UpdateStreamWarmThroughput.html', 'WarmThroughputMiBps: Type: Integer. Required: Yes'),
  },
  {
    name: 'a negative WarmThroughputMiBps',
    profile: 'current',
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamName: 's', WarmThroughputMiBps: -1 },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '-1' at 'warmThroughputMiBps' failed to satisfy constraint: Member must have value greater than or equal to 0",
    },
    evidence: reference('API_UpdateStreamWarmThroughput.html', 'WarmThroughputMiBps: Valid Range: Minimum value of 0.'),
  },
  {
    name: 'on a provisioned stream',
    profile: 'current',
    steps: [commitmentEnabled, ...activeStream('s')],
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamARN: STREAM_ARN, WarmThroughputMiBps: 100 },
    expect: { error: 'InvalidArgumentException' },
    evidence: {
      decided:
        'The reference says provisioned streams do not support warm throughput but names no error for it; InvalidArgumentException is its error for a parameter that "is not supported, or can\'t be used".',
    },
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'UpdateStreamWarmThroughput',
    input: { StreamName: 'nope', WarmThroughputMiBps: 100 },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_UpdateStreamWarmThroughput.html',
      'ResourceNotFoundException: The requested resource could not be found. The stream might not be specified correctly.',
    ),
  },
];
