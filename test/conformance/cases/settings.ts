/** Stream mode, encryption, enhanced monitoring, resource tagging and account settings. */
import type { ConformanceCase } from '../case';
import { activeStream, reference, SETTLE_MS, streamNotFound } from './steps';

const STREAM_ARN = 'arn:aws:kinesis:${region}:${account}:stream/s';
const summary = { operation: 'DescribeStreamSummary', input: { StreamName: 's' } };

export const updateStreamModeCases: ConformanceCase[] = [
  {
    name: 'to ON_DEMAND, with an empty body',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'UpdateStreamMode',
    input: { StreamARN: STREAM_ARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } },
    expect: { emptyBody: true },
    evidence: reference(
      'API_UpdateStreamMode.html',
      'If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'the stream then reads ON_DEMAND',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      {
        operation: 'UpdateStreamMode',
        input: { StreamARN: STREAM_ARN, StreamModeDetails: { StreamMode: 'ON_DEMAND' } },
      },
      { advanceMs: SETTLE_MS },
    ],
    ...summary,
    expect: { output: { StreamDescriptionSummary: { StreamModeDetails: { StreamMode: 'ON_DEMAND' } } } },
    evidence: reference('API_UpdateStreamMode.html', 'Updates the capacity mode of the data stream.'),
  },
  {
    name: 'no StreamModeDetails',
    profile: 'current',
    operation: 'UpdateStreamMode',
    input: { StreamARN: STREAM_ARN },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value null at 'streamModeDetails' failed to satisfy constraint: Member must not be null",
    },
    evidence: reference(
      'API_UpdateStreamMode.html',
      'StreamModeDetails: Type: StreamModeDetails object. Required: Yes',
    ),
  },
  {
    name: 'a mode that does not exist',
    profile: 'current',
    operation: 'UpdateStreamMode',
    input: { StreamARN: STREAM_ARN, StreamModeDetails: { StreamMode: 'FAST' } },
    expect: { error: 'ValidationException' },
    evidence: reference('API_StreamModeDetails.html', 'StreamMode: Valid Values: PROVISIONED | ON_DEMAND'),
  },
  {
    name: 'unknown stream',
    profile: 'current',
    operation: 'UpdateStreamMode',
    input: {
      StreamARN: 'arn:aws:kinesis:${region}:${account}:stream/nope',
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
    },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_UpdateStreamMode.html',
      'ResourceNotFoundException: The requested resource could not be found.',
    ),
  },
];

export const startStreamEncryptionCases: ConformanceCase[] = [
  {
    name: 'with the Kinesis-owned key, with an empty body',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'StartStreamEncryption',
    input: { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    expect: { emptyBody: true },
    evidence: reference(
      'API_StartStreamEncryption.html',
      'You can also use a master key owned by Kinesis Data Streams by specifying the alias aws/kinesis. If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'the stream is UPDATING, then ACTIVE with KMS and the key',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      {
        operation: 'StartStreamEncryption',
        input: { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      },
      { advanceMs: SETTLE_MS },
    ],
    operation: 'DescribeStream',
    input: { StreamName: 's' },
    expect: {
      output: { StreamDescription: { StreamStatus: 'ACTIVE', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } },
    },
    evidence: reference(
      'API_StartStreamEncryption.html',
      'Kinesis Data Streams returns immediately and sets the status of the stream to UPDATING. After the update is complete, Kinesis Data Streams sets the status of the stream back to ACTIVE.',
    ),
  },
  {
    name: 'no KeyId or EncryptionType',
    profile: 'both',
    operation: 'StartStreamEncryption',
    input: { StreamName: 's' },
    expect: { error: 'ValidationException' },
    evidence: reference('API_StartStreamEncryption.html', 'EncryptionType: Required: Yes. KeyId: Required: Yes'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'StartStreamEncryption',
    input: { StreamName: 'nope', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: reference(
      'API_StartStreamEncryption.html',
      'ResourceNotFoundException: The requested resource could not be found.',
    ),
  },
];

export const stopStreamEncryptionCases: ConformanceCase[] = [
  {
    name: 'stopping leaves the stream unencrypted, with an empty body',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      {
        operation: 'StartStreamEncryption',
        input: { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      },
      { advanceMs: SETTLE_MS },
    ],
    operation: 'StopStreamEncryption',
    input: { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    expect: { emptyBody: true },
    evidence: reference(
      'API_StopStreamEncryption.html',
      'Disables server-side encryption for a specified stream. If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
];

const monitoring = (name: string, metrics: unknown) => ({ StreamName: name, ShardLevelMetrics: metrics });

export const enableEnhancedMonitoringCases: ConformanceCase[] = [
  {
    name: 'the metrics before and after',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'EnableEnhancedMonitoring',
    input: monitoring('s', ['IncomingBytes']),
    expect: {
      output: { StreamName: 's', CurrentShardLevelMetrics: [], DesiredShardLevelMetrics: ['IncomingBytes'] },
    },
    evidence: reference(
      'API_EnableEnhancedMonitoring.html',
      'CurrentShardLevelMetrics: Represents the current state of the metrics that are in the enhanced state before the operation. DesiredShardLevelMetrics: Represents the list of all the metrics that would be in the enhanced state after the operation.',
    ),
  },
  {
    name: 'no metrics',
    profile: 'both',
    operation: 'EnableEnhancedMonitoring',
    input: monitoring('s', []),
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '[]' at 'shardLevelMetrics' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: reference(
      'API_EnableEnhancedMonitoring.html',
      'ShardLevelMetrics: Array Members: Minimum number of 1 item. Maximum number of 7 items.',
    ),
  },
  {
    name: 'a metric that does not exist',
    profile: 'both',
    operation: 'EnableEnhancedMonitoring',
    input: monitoring('s', ['IncomingCats']),
    expect: { error: 'ValidationException' },
    evidence: reference(
      'API_EnableEnhancedMonitoring.html',
      'ShardLevelMetrics: Valid Values: IncomingBytes | IncomingRecords | OutgoingBytes | OutgoingRecords | WriteProvisionedThroughputExceeded | ReadProvisionedThroughputExceeded | IteratorAgeMilliseconds | ALL',
    ),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'EnableEnhancedMonitoring',
    input: monitoring('nope', ['ALL']),
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: reference(
      'API_EnableEnhancedMonitoring.html',
      'ResourceNotFoundException: The requested resource could not be found.',
    ),
  },
];

export const disableEnhancedMonitoringCases: ConformanceCase[] = [
  {
    name: 'ALL turns every enabled metric off',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      { operation: 'EnableEnhancedMonitoring', input: monitoring('s', ['IncomingBytes', 'OutgoingBytes']) },
    ],
    operation: 'DisableEnhancedMonitoring',
    input: monitoring('s', ['ALL']),
    expect: {
      output: {
        StreamName: 's',
        CurrentShardLevelMetrics: ['IncomingBytes', 'OutgoingBytes'],
        DesiredShardLevelMetrics: [],
      },
    },
    evidence: reference(
      'API_DisableEnhancedMonitoring.html',
      'ShardLevelMetrics: List of shard-level metrics to disable. The value "ALL" disables every metric.',
    ),
  },
];

export const tagResourceCases: ConformanceCase[] = [
  {
    name: 'tags a stream by its ARN, with an empty body',
    profile: 'current',
    steps: activeStream('s'),
    operation: 'TagResource',
    input: { ResourceARN: STREAM_ARN, Tags: { team: 'data' } },
    expect: { emptyBody: true },
    evidence: reference(
      'API_TagResource.html',
      'Adds or updates tags for the specified Kinesis resource. If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body.',
    ),
  },
  {
    name: 'an unknown stream ARN',
    profile: 'current',
    operation: 'TagResource',
    input: { ResourceARN: 'arn:aws:kinesis:${region}:${account}:stream/nope', Tags: { team: 'data' } },
    expect: { error: 'ResourceNotFoundException' },
    evidence: reference(
      'API_TagResource.html',
      'ResourceNotFoundException: The requested resource could not be found.',
    ),
  },
  {
    name: 'no tags',
    profile: 'current',
    operation: 'TagResource',
    input: { ResourceARN: STREAM_ARN, Tags: {} },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: reference(
      'API_TagResource.html',
      'Tags: Map Entries: Minimum number of 1 item. Maximum number of 200 items.',
    ),
  },
];

export const listTagsForResourceCases: ConformanceCase[] = [
  {
    name: "a stream's tags, whichever operation put them",
    profile: 'current',
    steps: [
      ...activeStream('s'),
      { operation: 'TagResource', input: { ResourceARN: STREAM_ARN, Tags: { b: '2' } } },
      { operation: 'AddTagsToStream', input: { StreamName: 's', Tags: { a: '1' } } },
    ],
    operation: 'ListTagsForResource',
    input: { ResourceARN: STREAM_ARN },
    expect: {
      output: {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '2' },
        ],
      },
    },
    evidence: reference('API_ListTagsForResource.html', 'List all tags added to the specified Kinesis resource.'),
  },
];

export const untagResourceCases: ConformanceCase[] = [
  {
    name: 'the removed key is gone',
    profile: 'current',
    steps: [
      ...activeStream('s'),
      { operation: 'TagResource', input: { ResourceARN: STREAM_ARN, Tags: { a: '1', b: '2' } } },
      { operation: 'UntagResource', input: { ResourceARN: STREAM_ARN, TagKeys: ['a'] } },
    ],
    operation: 'ListTagsForResource',
    input: { ResourceARN: STREAM_ARN },
    expect: { output: { Tags: [{ Key: 'b', Value: '2' }] } },
    evidence: reference(
      'API_UntagResource.html',
      "Removes tags from the specified Kinesis resource. Removed tags are deleted and can't be recovered after this operation completes successfully.",
    ),
  },
];

export const describeAccountSettingsCases: ConformanceCase[] = [
  {
    name: 'the minimum throughput billing commitment of the account',
    profile: 'current',
    operation: 'DescribeAccountSettings',
    input: {},
    expect: { output: { MinimumThroughputBillingCommitment: { Status: 'DISABLED' } } },
    evidence: {
      decided:
        'No recorded answer: a new account is taken to have no commitment (Status DISABLED), the only state it can start in.',
    },
  },
];
