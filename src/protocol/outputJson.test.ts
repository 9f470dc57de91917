import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createEngine } from '../engine/index';
import { toWire } from './codec';
import { outputJson } from './outputJson';

describe('outputJson', () => {
  it('should write GetRecords answers exactly as JSON.stringify(toWire(output)) does, for any keys and payloads', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            key: fc.string({ minLength: 1, maxLength: 20, unit: 'binary' }),
            data: fc.uint8Array({ maxLength: 40 }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        fc.boolean(),
        fc.integer({ min: 0, max: 999 }),
        (records, split, ms) => {
          const engine = createEngine({ timings: 'fast', limits: { throughput: false, apiRates: false } });
          engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
          engine.advanceBy(1000 + ms); // arrival times with milliseconds, written as fractional seconds
          engine.call('PutRecords', {
            StreamName: 's',
            Records: records.map((r) => ({ PartitionKey: r.key, Data: r.data })),
          });
          // A split closes the shard: its last page has no next iterator but names the children.
          if (split) {
            engine.call('SplitShard', {
              StreamName: 's',
              ShardToSplit: 'shardId-000000000000',
              NewStartingHashKey: String(1n << 127n),
            });
            engine.advanceBy(1000);
          }
          const iterator = engine.call('GetShardIterator', {
            StreamName: 's',
            ShardId: 'shardId-000000000000',
            ShardIteratorType: 'TRIM_HORIZON',
          });
          const output = engine.call('GetRecords', { ShardIterator: iterator.ShardIterator! });
          expect(output.Records!.length).toBe(records.length);
          expect(outputJson('GetRecords', output)).toBe(JSON.stringify(toWire(output)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('should fall back to the general walk for a record of another shape, and for every other operation', () => {
    const odd = {
      Records: [{ PartitionKey: 'k', SequenceNumber: '1', Data: new Uint8Array([1]) }],
      MillisBehindLatest: 0,
    };
    expect(outputJson('GetRecords', odd)).toBe(JSON.stringify(toWire(odd)));
    const described = {
      StreamDescriptionSummary: {
        StreamName: 's',
        StreamCreationTimestamp: new Date(1500000000123),
        OpenShardCount: 1,
      },
    };
    expect(outputJson('DescribeStreamSummary', described)).toBe(
      '{"StreamDescriptionSummary":{"StreamName":"s","StreamCreationTimestamp":1500000000.123,"OpenShardCount":1}}',
    );
  });
});
