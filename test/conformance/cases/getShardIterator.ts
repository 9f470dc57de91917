import type { ConformanceCase } from '../case';
import { activeStream, kinesalite } from './steps';

const f = 'getShardIterator';
const mustSpecify = (type: string, and: string) =>
  'Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or ' +
  `(2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified ${type} ${and}.`;
const long = 'a'.repeat(129);

/** Unknown stream: the shard id is read first, and only a readable one reaches the stream lookup. */
const unknownStream = (shardId: string, message: string, test: string): ConformanceCase => ({
  name: `unknown stream, shard id ${shardId}`,
  profile: 'both',
  operation: 'GetShardIterator',
  input: { StreamName: 'nope', ShardId: shardId, ShardIteratorType: 'LATEST' },
  expect: { error: 'ResourceNotFoundException', message },
  evidence: kinesalite(f, test),
});
const noShard = (id: string) => `Shard ${id} in stream nope under account \${account} does not exist`;
const cannotFind = (id: string) => `Could not find shard ${id} in stream nope under account \${account}.`;

export const getShardIteratorCases: ConformanceCase[] = [
  {
    name: 'no members',
    // The current API names a stream by StreamName or StreamARN, so neither is required.
    profile: '2017-07',
    operation: 'GetShardIterator',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        '3 validation errors detected: ' +
        "Value null at 'shardId' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(f, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'long names',
    profile: 'both',
    operation: 'GetShardIterator',
    input: { StreamName: long, ShardId: long, ShardIteratorType: 'LATEST' },
    expect: {
      error: 'ValidationException',
      message:
        '2 validation errors detected: ' +
        `Value '${long}' at 'shardId' failed to satisfy constraint: Member must have length less than or equal to 128; ` +
        `Value '${long}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    },
    evidence: kinesalite(f, 'should return ValidationException for long StreamName'),
  },
  {
    name: 'a string where the shard id goes',
    profile: 'both',
    operation: 'GetShardIterator',
    input: { StreamName: 's', ShardId: 1, ShardIteratorType: 'LATEST' },
    expect: {
      error: 'SerializationException',
      message: 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
    },
    evidence: kinesalite(f, 'should return SerializationException when ShardId is not an String'),
  },
  unknownStream(
    '2147483647',
    noShard('shardId-002147483647'),
    'should return ResourceNotFoundException if unknown stream and shard ID just small enough',
  ),
  unknownStream(
    'abc-2147483647',
    noShard('shardId-002147483647'),
    'should return ResourceNotFoundException if unknown stream and random shard name',
  ),
  unknownStream(
    'a-00002147483647',
    noShard('shardId-002147483647'),
    'should return ResourceNotFoundException if unknown stream and short prefix',
  ),
  unknownStream(
    '-00002147483647',
    noShard('shardId-002147483647'),
    'should return ResourceNotFoundException if unknown stream and no prefix',
  ),
  unknownStream(
    '2147483648',
    cannotFind('2147483648'),
    'should return ResourceNotFoundException if unknown stream and shard ID too big',
  ),
  unknownStream(
    'shardId-002147483648',
    cannotFind('shardId-002147483648'),
    'should return ResourceNotFoundException if unknown stream and raw shard ID too big',
  ),
  unknownStream(
    'ABKLFD8',
    cannotFind('ABKLFD8'),
    'should return ResourceNotFoundException if unknown stream and string shard ID',
  ),
  unknownStream(
    '2.14E4',
    cannotFind('2.14E4'),
    'should return ResourceNotFoundException if unknown stream and exponent shard ID',
  ),
  {
    name: 'known stream, raw shard id that does not exist',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-5',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: '5',
    },
    expect: {
      error: 'ResourceNotFoundException',
      message: 'Shard shardId-000000000005 in stream s under account ${account} does not exist',
    },
    evidence: kinesalite(f, 'should return ResourceNotFoundException if known stream and raw shard ID does not exist'),
  },
  ...(
    [
      ['AT_SEQUENCE_NUMBER', undefined, 'and no StartingSequenceNumber'],
      ['AFTER_SEQUENCE_NUMBER', undefined, 'and no StartingSequenceNumber'],
      ['LATEST', '5', 'and also a StartingSequenceNumber'],
      ['TRIM_HORIZON', '5', 'and also a StartingSequenceNumber'],
    ] as const
  ).map(([type, sequence, and]): ConformanceCase => ({
    name: `${type} ${sequence ? 'with' : 'without'} a StartingSequenceNumber`,
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-0',
      ShardIteratorType: type,
      ...(sequence ? { StartingSequenceNumber: sequence } : {}),
    },
    expect: { error: 'InvalidArgumentException', message: mustSpecify(type, and) },
    evidence: kinesalite(
      f,
      `should return InvalidArgumentException if ${type} and ${sequence ? '' : 'no '}StartingSequenceNumber`,
    ),
  })),
  {
    name: 'a simple sequence number encodes another shard',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-0',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: '5',
    },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Invalid StartingSequenceNumber. It encodes shardId-000000000005, while it was used in a call to a shard with shardId-000000000000',
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException if shard mismatches simple sequence'),
  },
  {
    name: 'a small old-format sequence number',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-0',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: '0',
    },
    expect: { error: 'InternalFailure', status: 500 },
    evidence: kinesalite(f, 'should return InternalFailure if using small (old?) sequence number'),
  },
  {
    name: 'a sequence number with a large date',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-0',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: '26227199374822427428162556223570313216',
    },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'StartingSequenceNumber 26227199374822427428162556223570313216 used in GetShardIterator on shard ' +
        'shardId-000000000000 in stream s under account ${account} is invalid.',
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException if using sequence number with large date'),
  },
  {
    name: 'an 8 near the end of the sequence number',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: {
      StreamName: 's',
      ShardId: 'shardId-0',
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      StartingSequenceNumber: BigInt('0x20000000000000000000000000000000000000800000002').toString(),
    },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Invalid StartingSequenceNumber. It encodes shardId--02147483648, while it was used in a call to a shard with shardId-000000000000',
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException for 8 near end of StartingSequenceNumber'),
  },
  {
    name: 'AT_TIMESTAMP without a Timestamp',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: { StreamName: 's', ShardId: 'shardId-0', ShardIteratorType: 'AT_TIMESTAMP' },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
    },
    evidence: kinesalite(f, 'should return InvalidArgumentException if AT_TIMESTAMP and no Timestamp'),
  },
  {
    name: 'a shard id with any prefix before the hyphen',
    profile: 'both',
    steps: activeStream('s', 3),
    operation: 'GetShardIterator',
    input: { StreamName: 's', ShardId: 'anything-0', ShardIteratorType: 'TRIM_HORIZON' },
    expect: { present: ['ShardIterator'] },
    evidence: kinesalite(f, 'should work with random shard ID with hyphen'),
  },
  {
    name: 'unknown stream with a well-formed shard',
    profile: 'both',
    operation: 'GetShardIterator',
    input: { StreamName: 'nope', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' },
    expect: {
      error: 'ResourceNotFoundException',
      message: 'Shard shardId-000000000000 in stream nope under account ${account} does not exist',
    },
    evidence: kinesalite(f, 'should return ResourceNotFoundException if unknown stream and shard ID just small enough'),
  },
];
