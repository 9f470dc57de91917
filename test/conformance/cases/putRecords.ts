/** PutRecords: validation texts (entries reported per member), routing, and the 500-entry limit. */
import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, MAX_HASH, streamNotFound } from './steps';

const f = 'putRecords';
const LONG = 'a'.repeat(129);
const emptyName =
  "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
  "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1";
const emptyKey = (entry: number) =>
  `Value '' at 'records.${entry}.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1`;
const emptyHashKey = (entry: number) =>
  `Value '' at 'records.${entry}.member.explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})`;
const TWO_THIRDS_START = (((1n << 128n) / 3n) * 2n).toString();
const TWO_THIRDS_END = (((1n << 128n) / 3n) * 2n - 1n).toString();

export const putRecordsCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'PutRecords',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'records' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(f, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'empty name and no records',
    profile: 'both',
    operation: 'PutRecords',
    input: { StreamName: '', Records: [] },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        emptyName,
    },
    evidence: kinesalite(f, 'should return ValidationException for empty StreamName'),
  },
  {
    name: "an entry's problems are reported at records.<n>.member",
    profile: 'both',
    operation: 'PutRecords',
    input: { StreamName: '', Records: [{ PartitionKey: '', Data: '', ExplicitHashKey: '' }] },
    expect: {
      error: 'ValidationException',
      message: `4 validation errors detected: ${emptyKey(1)}; ${emptyHashKey(1)}; ${emptyName}`,
    },
    evidence: kinesalite(f, 'should return ValidationException for empty PartitionKey'),
  },
  {
    name: 'a long partition key, Data over 1 MiB and a long stream name in 2017',
    profile: '2017-07',
    operation: 'PutRecords',
    input: {
      StreamName: LONG,
      Records: [{ PartitionKey: 'k'.repeat(257), Data: Buffer.alloc(1048577).toString('base64'), ExplicitHashKey: '' }],
    },
    expect: {
      error: 'ValidationException',
      message:
        `4 validation errors detected: Value '${'k'.repeat(257)}' at 'records.1.member.partitionKey' failed to satisfy constraint: ` +
        `Member must have length less than or equal to 256; ${emptyHashKey(1)}; ` +
        "Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'records.1.member.data' failed to satisfy constraint: " +
        'Member must have length less than or equal to 1048576; ' +
        `Value '${LONG}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    },
    evidence: kinesalite(f, 'should return ValidationException for long StreamName'),
  },
  {
    name: '501 records: the list as the service prints it, then at most ten problems',
    profile: 'both',
    operation: 'PutRecords',
    input: { StreamName: '', Records: Array.from({ length: 501 }, () => ({ PartitionKey: '', Data: '' })) },
    expect: {
      error: 'ValidationException',
      message:
        `10 validation errors detected: Value '[${Array.from({ length: 501 }, () => 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310').join(', ')}]' ` +
        "at 'records' failed to satisfy constraint: Member must have length less than or equal to 500; " +
        Array.from({ length: 9 }, (_, i) => emptyKey(i + 1)).join('; '),
    },
    evidence: kinesalite(f, 'should return ValidationException for too many records'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'PutRecords',
    input: { StreamName: 'nope', Records: [{ PartitionKey: 'a', Data: '' }] },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(f, 'should return ResourceNotFoundException if stream does not exist'),
  },
  {
    name: 'an ExplicitHashKey out of range fails the whole call',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'PutRecords',
    input: {
      StreamName: 's',
      Records: [
        { PartitionKey: 'a', Data: '', ExplicitHashKey: (1n << 128n).toString() },
        { PartitionKey: 'a', Data: '' },
      ],
    },
    expect: {
      error: 'InvalidArgumentException',
      message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${(1n << 128n).toString()}`,
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException for out of bounds ExplicitHashKey'),
  },
  {
    name: 'each entry goes to the shard its key hashes to',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'PutRecords',
    input: {
      StreamName: 's',
      Records: [
        { PartitionKey: 'a', Data: '' },
        { PartitionKey: 'b', Data: '' },
        { PartitionKey: 'e', Data: '' },
        { PartitionKey: 'f', Data: '' },
        { PartitionKey: 'a', Data: '', ExplicitHashKey: MAX_HASH },
        { PartitionKey: 'a', Data: '', ExplicitHashKey: TWO_THIRDS_END },
        { PartitionKey: 'a', Data: '', ExplicitHashKey: TWO_THIRDS_START },
      ],
    },
    expect: {
      output: {
        FailedRecordCount: 0,
        Records: [
          { ShardId: 'shardId-000000000000' },
          { ShardId: 'shardId-000000000001' },
          { ShardId: 'shardId-000000000002' },
          { ShardId: 'shardId-000000000001' },
          { ShardId: 'shardId-000000000002' },
          { ShardId: 'shardId-000000000001' },
          { ShardId: 'shardId-000000000002' },
        ],
      },
      present: ['Records.0.SequenceNumber', 'Records.6.SequenceNumber'],
      absent: ['EncryptionType', 'Records.0.EncryptionType'],
    },
    evidence: kinesalite(f, 'should work with mixed values'),
  },
];
