// The ceiling: a trivial HTTP/1.1 server that answers every Kinesis call the benchmark makes with
// a fixed, precomputed response of the right shape, so only the SDK client and HTTP cost time.
import http from 'node:http';

const shards = [0, 1, 2, 3].map((i) => `shardId-00000000000${i}`);
const now = Date.now() / 1000;
const seq = (i) => (49600000000000000000000000000000000000000000000000000000n + BigInt(i)).toString();
const data = Buffer.alloc(100, 7).toString('base64');

// One GetRecords page: as many records as the benchmark client asks for (it asks for 5,000).
const PAGE = 5000;
const records = Array.from({ length: PAGE }, (_, i) => ({
  SequenceNumber: seq(i), ApproximateArrivalTimestamp: now, Data: data, PartitionKey: `key-${i}`, EncryptionType: 'NONE',
}));

const fixed = {
  CreateStream: {},
  DescribeStream: {
    StreamDescription: {
      StreamName: 'bench', StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/bench', StreamStatus: 'ACTIVE',
      Shards: [], HasMoreShards: false, RetentionPeriodHours: 24, StreamCreationTimestamp: now,
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }], EncryptionType: 'NONE',
    },
  },
  PutRecords: {
    FailedRecordCount: 0,
    Records: Array.from({ length: 500 }, (_, i) => ({ SequenceNumber: seq(i), ShardId: shards[i % 4] })),
    EncryptionType: 'NONE',
  },
  GetShardIterator: { ShardIterator: 'AAAAAAAAAAH0aXRlcmF0b3ItZml4ZWQtZm9yLXRoZS1jZWlsaW5nLWJlbmNobWFyaw==' },
  GetRecords: { Records: records, NextShardIterator: 'AAAAAAAAAAH0aXRlcmF0b3ItZml4ZWQtZm9yLXRoZS1jZWlsaW5nLWJlbmNobWFyaw==', MillisBehindLatest: 0 },
};
const bodies = Object.fromEntries(Object.entries(fixed).map(([op, value]) => [op, Buffer.from(JSON.stringify(value))]));

const server = http.createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const body = bodies[op] ?? Buffer.from(JSON.stringify({ __type: 'UnknownOperationException' }));
    res.writeHead(bodies[op] ? 200 : 400, { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening at http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
