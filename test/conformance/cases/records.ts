import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, streamNotFound } from './steps';

const f = 'putRecord';
const seq = (hex: string) => BigInt(`0x${hex}`).toString();
const invalidOrdering = (value: string) =>
  `ExclusiveMinimumSequenceNumber ${value} used in PutRecord on stream s under account \${account} is invalid.`;

const accepted = (what: string, hex: string, test: string): ConformanceCase => ({
  name: `SequenceNumberForOrdering ${what} is accepted`,
  profile: 'both',
  steps: activeStream('s', 3),
  operation: 'PutRecord',
  input: { StreamName: 's', PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq(hex) },
  expect: { output: { ShardId: 'shardId-000000000000' }, present: ['SequenceNumber'] },
  evidence: kinesalite(f, test),
});

const refused = (what: string, hex: string, test: string): ConformanceCase => ({
  name: `SequenceNumberForOrdering ${what} is refused`,
  profile: 'both',
  steps: activeStream('s', 3),
  operation: 'PutRecord',
  input: { StreamName: 's', PartitionKey: 'a', Data: '', SequenceNumberForOrdering: seq(hex) },
  expect: { error: 'InvalidArgumentException', message: invalidOrdering(seq(hex)) },
  evidence: kinesalite(f, test),
});

export const putRecordCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'PutRecord',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'data' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(f, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'a Data member that is not a blob',
    profile: 'both',
    operation: 'PutRecord',
    input: { StreamName: 's', PartitionKey: 'a', Data: true },
    expect: { error: 'SerializationException', message: 'class java.lang.Boolean can not be converted to a Blob' },
    evidence: kinesalite(f, 'should return SerializationException when Data is not a Blob'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'PutRecord',
    input: { StreamName: 'nope', PartitionKey: 'a', Data: '' },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(f, 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'ExplicitHashKey out of range',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'PutRecord',
    input: { StreamName: 's', PartitionKey: 'a', Data: '', ExplicitHashKey: (1n << 128n).toString() },
    expect: {
      error: 'InvalidArgumentException',
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${(1n << 128n).toString()}`,
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException for out of bounds ExplicitHashKey'),
  },
  {
    name: 'an unencrypted stream leaves EncryptionType out of the result',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'PutRecord',
    input: { StreamName: 's', PartitionKey: 'a', Data: '' },
    expect: { output: { ShardId: 'shardId-000000000000' }, present: ['SequenceNumber'], absent: ['EncryptionType'] },
    evidence: kinesalite(f, 'should work with empty Data'),
  },
  accepted(
    'all 0',
    '20000000000000000000000000000000000000000000002',
    'should work with SequenceNumberForOrdering all 0',
  ),
  accepted(
    'all 0 with version 1',
    '20000000000000000000000000000000000000000000001',
    'should work with SequenceNumberForOrdering all 0 with version 1',
  ),
  accepted(
    'with an 8 near the end',
    '20000000000000000000000000000000000000800000002',
    'should work with SequenceNumberForOrdering if 8 near end',
  ),
  refused(
    'of version 4',
    '20000000000000000000000000000000000000000000004',
    'should return InvalidArgumentException for version 4 in SequenceNumberForOrdering',
  ),
  refused(
    'starting with 3',
    '30000000000000000000000000000000000000000000001',
    'should return InvalidArgumentException for initial 3 in SequenceNumberForOrdering',
  ),
  refused(
    'with an 8 in its index',
    '20000000000800000000000000000000000000000000002',
    'should return InvalidArgumentException for 8 in index in SequenceNumberForOrdering',
  ),
  refused(
    'with a large date',
    '13bb2cc3d80000000000000000000000',
    'should return InvalidArgumentException if using sequence number with large date',
  ),
];

export const retentionCases: ConformanceCase[] = [
  {
    name: 'below 24 hours',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'IncreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 23 },
    expect: {
      error: 'InvalidArgumentException',
      message: 'Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.',
    },
    evidence: kinesalite(
      'increaseStreamRetentionPeriod',
      'should return InvalidArgumentException for retention period less than 24',
    ),
  },
  {
    name: 'above 168 hours in 2017',
    profile: '2017-07',
    steps: activeStream('s'),
    operation: 'IncreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 169 },
    expect: {
      error: 'InvalidArgumentException',
      message: 'Maximum allowed retention period is 168 hours. Requested retention period (169 hours) is too long.',
    },
    evidence: kinesalite(
      'increaseStreamRetentionPeriod',
      'should return InvalidArgumentException for retention period greater than 168',
    ),
  },
  {
    name: 'below the current period',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      { operation: 'IncreaseStreamRetentionPeriod', input: { StreamName: 's', RetentionPeriodHours: 25 } },
    ],
    operation: 'IncreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 24 },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Requested retention period (24 hours) for stream s can not be shorter than existing retention period (25 hours). Use DecreaseRetentionPeriod API.',
    },
    evidence: kinesalite(
      'increaseStreamRetentionPeriod',
      'should return InvalidArgumentException for retention period less than current',
    ),
  },
  {
    name: 'an increase answers 200 with an empty body',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'IncreaseStreamRetentionPeriod',
    input: { StreamName: 's', RetentionPeriodHours: 25 },
    expect: { emptyBody: true },
    evidence: kinesalite('increaseStreamRetentionPeriod', 'should increase stream retention period'),
  },
  {
    name: 'empty name and a negative period',
    profile: 'both',
    operation: 'IncreaseStreamRetentionPeriod',
    input: { StreamName: '', RetentionPeriodHours: -1 },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '-1' at 'retentionPeriodHours' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: kinesalite('increaseStreamRetentionPeriod', 'should return ValidationException for empty StreamName'),
  },
];
