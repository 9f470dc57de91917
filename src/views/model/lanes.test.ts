import { describe, expect, it } from 'vitest';
import { ITERATOR_LIFETIME_MS } from '../../engine/index';
import { FADE_MS, iteratorMarkers, lanesOf, stepRecord, trimHorizon, type Lane } from './lanes';
import { bytesOf, engineWithStream } from './testing';

describe('lanesOf', () => {
  it('should give closed shards their EndingSequenceNumber and children', () => {
    const engine = engineWithStream(1);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '12345' });
    engine.advanceBy(1000);
    const [parent, a, b] = lanesOf(engine.stream('s')!, engine.now());
    expect(parent!.open).toBe(false);
    expect(parent!.length).toBe(1);
    expect(parent!.endingSequenceNumber).toMatch(/^\d{56}$/);
    expect(parent!.children).toEqual([a!.shardId, b!.shardId]);
    expect(a!.open && b!.open).toBe(true);
  });
});

describe('trimHorizon', () => {
  it('should move past records older than the retention period', () => {
    const engine = engineWithStream(1);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    engine.advanceBy(3_600_000);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('y') });
    const stream = engine.stream('s')!;
    expect(trimHorizon(stream, 0, engine.now())).toBe(0);
    expect(trimHorizon(stream, 0, engine.now() + 23.5 * 3_600_000)).toBe(1);
    expect(trimHorizon(stream, 0, engine.now() + 25 * 3_600_000)).toBe(2);
  });
});

describe('iteratorMarkers', () => {
  it('should show live iterators with age and time left, then fade them out after five minutes', () => {
    const engine = engineWithStream(1);
    engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    engine.call('GetShardIterator', { StreamName: 's', ShardId: 'shardId-000000000000', ShardIteratorType: 'LATEST' });
    engine.advanceBy(60_000);
    let marks = iteratorMarkers(engine.iterators(), engine.stream('s')!, engine.now());
    expect(marks.map((m) => [m.type, m.position, m.age, m.remaining, m.expired])).toEqual([
      ['TRIM_HORIZON', 0, 60_000, ITERATOR_LIFETIME_MS - 60_000, false],
      ['LATEST', 1, 60_000, ITERATOR_LIFETIME_MS - 60_000, false],
    ]);
    engine.advanceBy(ITERATOR_LIFETIME_MS - 60_000 + FADE_MS / 2);
    marks = iteratorMarkers(engine.iterators(), engine.stream('s')!, engine.now());
    expect(marks.every((m) => m.expired && m.opacity < 1 && m.opacity > 0)).toBe(true);
    engine.advanceBy(FADE_MS);
    expect(iteratorMarkers(engine.iterators(), engine.stream('s')!, engine.now())).toEqual([]);
  });
});

const lane = (shardId: string, length: number, trimmed = 0): Lane => ({
  shardId,
  index: 0,
  length,
  trimmed,
  open: true,
  startingSequenceNumber: '1',
  children: [],
});
// Shard 0 has records 0–4 with 0–1 trimmed; shard 1 has none; shard 2 has records 0–1.
const lanes = [lane('s0', 5, 2), lane('s1', 0), lane('s2', 2)];

describe('stepRecord', () => {
  it('should move along a lane and stop at its readable ends', () => {
    expect(stepRecord(lanes, { shardId: 's0', index: 3 }, 's0', 'ArrowRight')).toEqual({ shardId: 's0', index: 4 });
    expect(stepRecord(lanes, { shardId: 's0', index: 4 }, 's0', 'ArrowRight')).toEqual({ shardId: 's0', index: 4 });
    expect(stepRecord(lanes, { shardId: 's0', index: 2 }, 's0', 'ArrowLeft')).toEqual({ shardId: 's0', index: 2 }); // 1 is trimmed
    expect(stepRecord(lanes, { shardId: 's0', index: 4 }, 's0', 'Home')).toEqual({ shardId: 's0', index: 2 });
    expect(stepRecord(lanes, { shardId: 's0', index: 2 }, 's0', 'End')).toEqual({ shardId: 's0', index: 4 });
  });

  it('should move to the next lane with records, at the nearest position', () => {
    expect(stepRecord(lanes, { shardId: 's0', index: 4 }, 's0', 'ArrowDown')).toEqual({ shardId: 's2', index: 1 }); // s1 is empty
    expect(stepRecord(lanes, { shardId: 's2', index: 0 }, 's2', 'ArrowUp')).toEqual({ shardId: 's0', index: 2 });
    expect(stepRecord(lanes, { shardId: 's2', index: 1 }, 's2', 'ArrowDown')).toBeUndefined();
  });

  it('should start from a selected shard, or from the first record when nothing is selected', () => {
    expect(stepRecord(lanes, undefined, 's0', 'ArrowRight')).toEqual({ shardId: 's0', index: 2 });
    expect(stepRecord(lanes, undefined, 's0', 'End')).toEqual({ shardId: 's0', index: 4 });
    expect(stepRecord(lanes, undefined, 's1', 'ArrowRight')).toBeUndefined();
    expect(stepRecord(lanes, undefined, 's1', 'ArrowDown')).toEqual({ shardId: 's2', index: 0 });
    expect(stepRecord(lanes, undefined, undefined, 'ArrowLeft')).toEqual({ shardId: 's0', index: 2 });
    expect(stepRecord([lane('a', 0)], undefined, undefined, 'ArrowRight')).toBeUndefined();
  });

  it('should leave other keys alone', () => {
    expect(stepRecord(lanes, { shardId: 's0', index: 3 }, 's0', 'Enter')).toBeUndefined();
  });
});
