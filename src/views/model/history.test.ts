import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../../engine/index';
import { attachHistory } from './history';
import { ratesOf } from './rates';
import { encryptionSpans, keyBudget, statusSpans } from './timeline';
import { bytesOf } from './testing';

function freshEngine() {
  const engine = createEngine({ timings: 'fast', seed: 3 });
  const { history } = attachHistory(engine);
  engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
  engine.advanceBy(1000);
  return { engine, history };
}

describe('ViewHistory', () => {
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

  it('should count writes per shard and second from PutRecord and PutRecords outputs', () => {
    const { engine, history } = freshEngine();
    const one = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('12345') });
    const many = engine.call('PutRecords', {
      StreamName: 's',
      Records: [
        { PartitionKey: 'k', Data: bytesOf('ab') },
        { PartitionKey: 'k', Data: bytesOf('cd') },
      ],
    });
    expect(many.Records!.every((r) => r.ShardId === one.ShardId)).toBe(true);
    const [rates] = ratesOf(history.stream('s'), [one.ShardId!], engine.now());
    expect(rates!.current.writeRecords).toBe(3);
    // bytes = data + partition key, as the service counts them
    expect(rates!.current.writeBytes).toBe(5 + 1 + 2 + 1 + 2 + 1);
  });

  it('should attribute a GetRecords call to its shard and record the range and next position', () => {
    const { engine, history } = freshEngine();
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('y') });
    const it0 = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: put.ShardId!,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const got = engine.call('GetRecords', { ShardIterator: it0.ShardIterator!, Limit: 1 });
    engine.call('GetRecords', { ShardIterator: got.NextShardIterator! });
    const reads = history.stream('s').reads;
    expect(reads.map((r) => [r.shardId, r.from, r.count, r.next])).toEqual([
      [put.ShardId, 0, 1, 1],
      [put.ShardId, 1, 1, 2],
    ]);
    const [rates] = ratesOf(history.stream('s'), [put.ShardId!], engine.now());
    expect(rates!.current.readCalls).toBe(2);
  });

  it('should record throttling where it happened', () => {
    const { engine, history } = freshEngine();
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    const it0 = engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: put.ShardId!,
      ShardIteratorType: 'LATEST',
    });
    let token = it0.ShardIterator!;
    let throttled = 0;
    for (let i = 0; i < 8; i++) {
      try {
        token = engine.call('GetRecords', { ShardIterator: token }).NextShardIterator!;
      } catch {
        throttled++;
      }
    }
    expect(throttled).toBeGreaterThan(0);
    const marks = history.stream('s').throttles;
    expect(marks).toHaveLength(throttled);
    expect(marks.every((m) => m.shardId === put.ShardId && m.direction === 'read')).toBe(true);
  });

  it('should rebuild the past of a restored engine by replaying its commands', () => {
    const { engine } = freshEngine();
    engine.call('IncreaseStreamRetentionPeriod', { StreamName: 's', RetentionPeriodHours: 48 });
    engine.advanceBy(500);
    const restored = restoreEngine(engine.snapshot());
    const { history } = attachHistory(restored);
    const h = history.stream('s');
    expect(statusSpans(h, restored.now()).map((s) => s.label)).toEqual(['CREATING', 'ACTIVE']);
    expect(h.retention.map((r) => r.hours)).toEqual([24, 48]);
    expect(encryptionSpans(h, restored.now()).map((s) => s.label)).toEqual(['NONE']);
    expect(keyBudget(restored.stream('s')!, restored.now())).toEqual({ applied: 0, disabled: 0, limit: 25 });
  });
});
