// The ceiling: a trivial HTTP/1.1 server that answers every Kinesis call the benchmark makes with
// a fixed, precomputed response of the right shape, so only the SDK client and HTTP cost time.
import http from 'node:http';

const shards = [0, 1, 2, 3].map((i) => `shardId-00000000000${i}`);
const now = Date.now() / 1000;
const seq = (i) => (49600000000000000000000000000000000000000000000000000000n + BigInt(i)).toString();
const data = Buffer.alloc(100, 7).toString('base64');

// GetRecords pages of up to 5,000 records (the benchmark's Limit), built once per Limit asked.
const PAGE = 5000;
const records = Array.from({ length: PAGE }, (_, i) => ({
  SequenceNumber: seq(i),
  ApproximateArrivalTimestamp: now,
  Data: data,
  PartitionKey: `key-${i}`,
  EncryptionType: 'NONE',
}));

const fixed = {
  CreateStream: {},
  DescribeStream: {
    StreamDescription: {
      StreamName: 'bench',
      StreamARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/bench',
      StreamStatus: 'ACTIVE',
      Shards: [],
      HasMoreShards: false,
      RetentionPeriodHours: 24,
      StreamCreationTimestamp: now,
      EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
      EncryptionType: 'NONE',
    },
  },
  PutRecords: {
    FailedRecordCount: 0,
    Records: Array.from({ length: 500 }, (_, i) => ({ SequenceNumber: seq(i), ShardId: shards[i % 4] })),
    EncryptionType: 'NONE',
  },
  GetShardIterator: { ShardIterator: 'AAAAAAAAAAH0aXRlcmF0b3ItZml4ZWQtZm9yLXRoZS1jZWlsaW5nLWJlbmNobWFyaw==' },
  GetRecords: {
    Records: records,
    NextShardIterator: 'AAAAAAAAAAH0aXRlcmF0b3ItZml4ZWQtZm9yLXRoZS1jZWlsaW5nLWJlbmNobWFyaw==',
    MillisBehindLatest: 0,
  },
};
const bodies = Object.fromEntries(Object.entries(fixed).map(([op, value]) => [op, Buffer.from(JSON.stringify(value))]));
const pages = new Map([[PAGE, bodies.GetRecords]]);
function page(body) {
  const asked = Number(/"Limit":(\d+)/.exec(body)?.[1] ?? PAGE);
  const limit = Math.min(Math.max(asked, 1), PAGE);
  if (!pages.has(limit))
    pages.set(limit, Buffer.from(JSON.stringify({ ...fixed.GetRecords, Records: records.slice(0, limit) })));
  return pages.get(limit);
}

const server = http.createServer((req, res) => {
  const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
  let request = '';
  // Only GetRecords bodies are read (they are tiny); the rest is drained unread.
  req.on('data', (chunk) => {
    if (op === 'GetRecords') request += chunk;
  });
  req.on('end', () => {
    const body =
      (op === 'GetRecords' ? page(request) : bodies[op]) ??
      Buffer.from(JSON.stringify({ __type: 'UnknownOperationException' }));
    res.writeHead(bodies[op] ? 200 : 400, {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': body.length,
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`listening at http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => process.exit(0));
