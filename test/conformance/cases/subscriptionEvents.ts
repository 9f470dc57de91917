/**
 * SubscribeToShard's first event (the answer of one call; every transport reads it and hangs up):
 * its members, and where its ContinuationSequenceNumber lets a reader go on. The service model is
 * the evidence: no recorded test reads an event.
 */
import type { ConformanceCase, Step } from '../case';
import { activeStream, SETTLE_MS } from './steps';

const STREAM_ARN = 'arn:aws:kinesis:${region}:${account}:stream/s';
/** More than the 5 seconds within which a second subscription to the same shard is refused. */
const AFTER_TAKEOVER_MS = 6_000;

const withConsumer: Step[] = [
  ...activeStream('s'),
  {
    operation: 'RegisterStreamConsumer',
    input: { StreamARN: STREAM_ARN, ConsumerName: 'c' },
    save: { consumer: 'Consumer.ConsumerARN' },
  },
  { advanceMs: SETTLE_MS },
];
const put = (key: string, save?: string): Step => ({
  operation: 'PutRecord',
  input: { StreamName: 's', PartitionKey: key, Data: 'aGk=' },
  ...(save ? { save: { [save]: 'SequenceNumber' } } : {}),
});
const subscribe = (StartingPosition: Record<string, unknown>) => ({
  operation: 'SubscribeToShard',
  input: { ConsumerARN: '${consumer}', ShardId: 'shardId-000000000000', StartingPosition },
});

const CONTINUATION_DOC =
  'SubscribeToShardEvent.ContinuationSequenceNumber (@aws-sdk/client-kinesis, botocore service-2.json): "Use this as SequenceNumber in the next call to SubscribeToShard, with StartingPosition set to AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER. Use ContinuationSequenceNumber for checkpointing because it captures your shard progress even when no data is written to the shard."';

export const subscribeToShardEventCases: ConformanceCase[] = [
  {
    name: 'the first event: the records, a ContinuationSequenceNumber and MillisBehindLatest, no ChildShards on an open shard',
    profile: 'current',
    steps: [...withConsumer, put('a')],
    ...subscribe({ Type: 'TRIM_HORIZON' }),
    expect: {
      output: { SubscribeToShardEvent: { Records: [{ PartitionKey: 'a', Data: 'aGk=' }], MillisBehindLatest: 0 } },
      present: ['SubscribeToShardEvent.ContinuationSequenceNumber', 'SubscribeToShardEvent.Records.0.SequenceNumber'],
      absent: ['SubscribeToShardEvent.ChildShards', 'SubscribeToShardEvent.Records.0.EncryptionType'],
    },
    evidence: {
      model:
        'SubscribeToShardEvent requires Records, ContinuationSequenceNumber and MillisBehindLatest; ChildShards: "The list of the child shards of the current shard, returned only at the end of the current shard." (botocore service-2.json)',
    },
  },
  {
    name: 'ContinuationSequenceNumber moves on past the last record while nothing is written',
    profile: 'current',
    steps: [...withConsumer, put('a', 'last'), { advanceMs: 5_000 }],
    ...subscribe({ Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: '${last}' }),
    expect: {
      output: { SubscribeToShardEvent: { Records: [] } },
      greaterThan: { 'SubscribeToShardEvent.ContinuationSequenceNumber': 'last' },
    },
    evidence: { model: CONTINUATION_DOC },
  },
  {
    name: 'a subscription AFTER a ContinuationSequenceNumber goes on with the records written since',
    profile: 'current',
    steps: [
      ...withConsumer,
      put('a'),
      {
        ...subscribe({ Type: 'TRIM_HORIZON' }),
        save: { continuation: 'SubscribeToShardEvent.ContinuationSequenceNumber' },
      },
      { advanceMs: AFTER_TAKEOVER_MS },
      put('b'),
    ],
    ...subscribe({ Type: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: '${continuation}' }),
    expect: { output: { SubscribeToShardEvent: { Records: [{ PartitionKey: 'b' }] } } },
    evidence: { model: CONTINUATION_DOC },
  },
];
