import type { IntegerShape, StringShape } from './shapes';

// Member shapes shared by many operations, as the Kinesis API model defines them.
export const StreamName: StringShape = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[a-zA-Z0-9_.-]+',
  doc: 'The name of the stream (letters, digits, _ . -).',
};
export const StreamARN: StringShape = {
  type: 'string',
  min: 1,
  max: 2048,
  pattern: 'arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+',
  doc: "The stream's ARN; use it instead of StreamName.",
};
export const ShardId: StringShape = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[a-zA-Z0-9_.-]+',
  doc: 'A shard id such as shardId-000000000000.',
};
export const HashKey: StringShape = {
  type: 'string',
  pattern: '0|([1-9]\\d{0,38})',
  doc: 'A decimal position in the 128-bit hash-key space, 0 … 2^128−1.',
};
export const SequenceNumber: StringShape = {
  type: 'string',
  pattern: '0|([1-9]\\d{0,128})',
  doc: "A record's sequence number (a decimal string).",
};
export const PartitionKey: StringShape = {
  type: 'string',
  min: 1,
  max: 256,
  doc: 'Decides the shard: its MD5 hash is a point in the hash-key space.',
};
export const ShardIterator: StringShape = {
  type: 'string',
  min: 1,
  max: 512,
  doc: 'An iterator from GetShardIterator or a previous GetRecords.',
};
export const RetentionPeriodHours: IntegerShape = {
  type: 'integer',
  min: 1,
  max: 2147483647,
  doc: 'How long records stay readable, in hours.',
};
export const TagKey: StringShape = { type: 'string', min: 1, max: 128, doc: 'A tag key.' };
export const TagValue: StringShape = { type: 'string', min: 0, max: 256, doc: 'A tag value.' };
export const KeyId: StringShape = {
  type: 'string',
  min: 1,
  max: 2048,
  doc: 'The KMS key: a key id, key ARN, alias name (alias/...) or alias ARN.',
};
export const EncryptionType: StringShape = {
  type: 'string',
  enum: ['NONE', 'KMS'],
  doc: 'KMS to encrypt with a KMS key (NONE is not accepted here).',
};
export const MetricsNames: readonly string[] = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
  'ALL',
];
