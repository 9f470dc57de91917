import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index';
import { ratesOf } from './rates';
import { encryptionSpans, keyBudget, statusSpans } from './timeline';
import { StreamsHistory } from '../../store/history';

const bytesOf = (text: string) => new TextEncoder().encode(text);

function freshEngine() {
  const engine = createEngine({ timings: 'fast', seed: 3 });
  const history = new StreamsHistory();
  engine.subscribe((e) => history.ingest(e));
  engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
  engine.advanceBy(1000);
  return { engine, history };
}

describe('StreamsHistory', () => {
  it('should turn streamStatus events into spans that end where the next begins', () => {
    const { engine, history } = freshEngine();
    engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
    engine.advanceBy(2000);
    const spans = statusSpans(history.stream('s'), engine.now());
    expect(spans.map((s) => s.label)).toEqual(['CREATING', 'ACTIVE', 'UPDATING', 'ACTIVE']);
    expect(spans[0]!.to - spans[0]!.from).toBe(500);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.from).toBe(spans[i - 1]!.to);
    expect(spans[3]!.to).toBe(engine.now());
    expect(history.stream('s').resharding.map((r) => r.operation)).toEqual(['SplitShard']);
  });

  it('should count writes per shard and second in the bytes the limits count (UTF-8 keys included)', () => {
    const { engine, history } = freshEngine();
    const one = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('12345') });
    const many = engine.call('PutRecords', {
      StreamName: 's',
      Records: [
        { PartitionKey: 'k', Data: bytesOf('ab') },
        { PartitionKey: 'k', Data: bytesOf('cd') },
      ],
    }) as { Records: { ShardId?: string }[] };
    expect(many.Records.every((r) => r.ShardId === (one as { ShardId: string }).ShardId)).toBe(true);
    const shardId = (one as { ShardId: string }).ShardId;
    const [rates] = ratesOf(history.stream('s'), [shardId], engine.now());
    expect(rates!.current.writeRecords).toBe(3);
    expect(rates!.current.writeBytes).toBe(5 + 1 + 2 + 1 + 2 + 1);
    // "é" is one character and two bytes: the service and the view count two.
    engine.advanceBy(1000);
    const accented = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'é', Data: bytesOf('x') }) as {
      ShardId: string;
    };
    const [after] = ratesOf(history.stream('s'), [accented.ShardId], engine.now());
    expect(after!.current.writeBytes).toBe(1 + 2);
  });

  it('should note each read: its shard, the range it read and where the next iterator points', () => {
    const { engine, history } = freshEngine();
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') }) as {
      ShardId: string;
    };
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('y') });
    const it0 = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: put.ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }) as { ShardIterator: string };
    const got = engine.call('GetRecords', { ShardIterator: it0.ShardIterator, Limit: 1 }) as {
      NextShardIterator: string;
    };
    engine.call('GetRecords', { ShardIterator: got.NextShardIterator });
    const reads = history.stream('s').reads;
    expect(reads.map((r) => [r.shardId, r.from, r.count, r.next])).toEqual([
      [put.ShardId, 0, 1, 1],
      [put.ShardId, 1, 1, 2],
    ]);
    const [rates] = ratesOf(history.stream('s'), [put.ShardId], engine.now());
    expect(rates!.current.readCalls).toBe(2);
  });

  it('should mark throttling where it happened', () => {
    const { engine, history } = freshEngine();
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') }) as {
      ShardId: string;
    };
    let token = (
      engine.call('GetShardIterator', { StreamName: 's', ShardId: put.ShardId, ShardIteratorType: 'LATEST' }) as {
        ShardIterator: string;
      }
    ).ShardIterator;
    let throttled = 0;
    for (let i = 0; i < 8; i++) {
      try {
        token = (engine.call('GetRecords', { ShardIterator: token }) as { NextShardIterator: string })
          .NextShardIterator;
      } catch {
        throttled++;
      }
    }
    expect(throttled).toBeGreaterThan(0);
    const marks = history.stream('s').failures;
    expect(marks).toHaveLength(throttled);
    expect(marks.every((m) => m.shardId === put.ShardId && m.direction === 'read')).toBe(true);
    expect(history.stream('s').failureCounts.get('ProvisionedThroughputExceededException')).toBe(throttled);
  });

  it('should count every record a disabled KMS key refused, on its shard', () => {
    const { engine, history } = freshEngine();
    engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/orders-stream' });
    engine.advanceBy(10_000);
    engine.call('kms:DisableKey', { KeyId: 'alias/orders-stream' });
    const answer = engine.call('PutRecords', {
      StreamName: 's',
      Records: Array.from({ length: 100 }, (_, i) => ({ PartitionKey: `k${i}`, Data: bytesOf('x') })),
    }) as { FailedRecordCount: number };
    expect(answer.FailedRecordCount).toBe(100);
    const h = history.stream('s');
    expect([...h.failureCounts.values()].reduce((a, b) => a + b, 0)).toBe(100);
    expect(h.failures.every((m) => m.shardId !== undefined && m.direction === 'write')).toBe(true);
  });

  it('should note settings as they change: retention, encryption with its key and each shard it reached', () => {
    const { engine, history } = freshEngine();
    engine.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 });
    engine.advanceBy(1000);
    engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    engine.advanceBy(10_000);
    const h = history.stream('s');
    expect(h.retention.map((r) => r.hours)).toEqual([24, 48]);
    const spans = encryptionSpans(h, engine.now());
    expect(spans.map((s) => s.label)).toEqual(['NONE', 'KMS alias/aws/kinesis']);
    const active = statusSpans(h, engine.now()).filter((s) => s.label === 'ACTIVE');
    // The stream turns KMS when it is ACTIVE again; each shard follows within 5 seconds.
    expect(spans[1]!.from).toBe(active[active.length - 1]!.from);
    expect(h.encryptionReached.map((m) => m.shardId).sort()).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    for (const m of h.encryptionReached) expect(m.t - spans[1]!.from).toBeLessThanOrEqual(5000);
    expect(h.encryptionOps.map((o) => o.operation)).toEqual(['StartStreamEncryption']);
    expect(keyBudget(engine.stream('s')!, engine.now()).applied).toBe(1);
    expect(keyBudget(engine.stream('s')!, engine.now() + 24 * 3_600_000 + 1).applied).toBe(0);
  });
});
