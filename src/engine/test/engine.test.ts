// Engine-level behaviour shared by every operation: profiles, the event log, virtual time,
// determinism, snapshots and replay.
import { describe, expect, it } from 'vitest';
import { createEngine, operationsFor, replay, restoreEngine } from '../index';
import {
  activeStream,
  bytes,
  digest,
  expectError,
  failure,
  newEngine,
  put,
  recordEvents,
  settle,
  shardIterator,
  text,
} from './helpers';

const PROFILE_2017 = [
  'AddTagsToStream',
  'CreateStream',
  'DecreaseStreamRetentionPeriod',
  'DeleteStream',
  'DescribeLimits',
  'DescribeStream',
  'DisableEnhancedMonitoring',
  'EnableEnhancedMonitoring',
  'GetRecords',
  'GetShardIterator',
  'IncreaseStreamRetentionPeriod',
  'ListStreams',
  'ListTagsForStream',
  'MergeShards',
  'PutRecord',
  'PutRecords',
  'RemoveTagsFromStream',
  'SplitShard',
  'StartStreamEncryption',
  'StopStreamEncryption',
  'UpdateShardCount',
];

describe('Engine', () => {
  describe('profiles', () => {
    it('should answer exactly the 21 operations of the 2017-07 API in that profile', () => {
      expect(operationsFor('2017-07').map((op) => op.name)).toEqual(PROFILE_2017);
    });

    it('should answer the newer operations in the current profile only', () => {
      const current = operationsFor('current').map((op) => op.name);
      expect(current).toEqual(expect.arrayContaining([...PROFILE_2017, 'DescribeStreamSummary', 'ListShards']));
      for (const name of ['DescribeStreamSummary', 'ListShards']) {
        const error = failure(() => newEngine({ profile: '2017-07' }).call(name, { StreamName: 's' }));
        expect(error).toEqual({ name: 'UnknownOperationException', message: '', httpStatus: 400 });
      }
    });

    it('should answer UnknownOperationException for an operation no profile knows', () => {
      expectError(() => newEngine().call('DescribeStreams', {}), 'UnknownOperationException', '');
    });

    it('should describe each operation with a group, a doc line and an input shape', () => {
      for (const op of operationsFor('current')) {
        expect(op.doc.length).toBeGreaterThan(10);
        expect(op.input('current').type).toBe('structure');
      }
    });
  });

  describe('virtual time', () => {
    it('should start at the fixed default instant and move only when told', () => {
      const engine = createEngine();
      expect(engine.now()).toBe(1_500_000_000_000);
      engine.advanceBy(1234);
      expect(engine.now()).toBe(1_500_000_001_234);
      engine.advanceTo(1_500_000_002_000);
      expect(engine.now()).toBe(1_500_000_002_000);
    });

    it('should refuse to move backwards or to a non-finite time', () => {
      const engine = createEngine();
      expect(() => engine.advanceTo(engine.now() - 1)).toThrow(RangeError);
      expect(() => engine.advanceTo(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    });

    it('should report the next scheduled event and fire it on the way', () => {
      const engine = createEngine();
      expect(engine.nextEventTime()).toBeUndefined();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expect(engine.nextEventTime()).toBe(engine.now() + 15_000);
      engine.advanceTo(engine.nextEventTime()!);
      expect(engine.stream('s')!.status).toBe('ACTIVE');
    });

    it('should fire an event due at the instant of the call that scheduled it before the next call', () => {
      const engine = newEngine({ timings: { createStreamMs: 0 } });
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expect(put(engine, 's', 'a').ShardId).toBe('shardId-000000000000');
    });
  });

  describe('event log', () => {
    it('should number entries from 0 and log failed calls with their error', () => {
      const engine = newEngine();
      const events = recordEvents(engine);
      expectError(() => engine.call('DescribeStream', { StreamName: 'x' }), 'ResourceNotFoundException');
      engine.call('ListStreams', {});
      expect(events).toEqual([
        {
          type: 'call',
          seq: 0,
          t: engine.now(),
          operation: 'DescribeStream',
          input: { StreamName: 'x' },
          error: {
            name: 'ResourceNotFoundException',
            message: 'Stream x under account 123456789012 not found.',
            httpStatus: 400,
          },
          stream: 'x',
        },
        expect.objectContaining({ type: 'call', seq: 1, operation: 'ListStreams' }),
      ]);
    });

    it('should stop delivering to a listener once unsubscribed', () => {
      const engine = newEngine();
      const seen: string[] = [];
      const stop = engine.subscribe((event) => seen.push(event.type));
      engine.call('ListStreams', {});
      stop();
      engine.call('ListStreams', {});
      expect(seen).toEqual(['call']);
    });

    it('should log clock events: status changes, shard opening and closing, iterator expiry, trimming and shard expiry', () => {
      const engine = newEngine();
      const events = recordEvents(engine);
      activeStream(engine, 's', 1);
      put(engine, 's', 'a');
      shardIterator(engine, 's', 'shardId-0');
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '1000' });
      settle(engine);
      engine.advanceBy(25 * 3600_000);
      const kinds = new Set(events.map((e) => e.type));
      for (const kind of [
        'streamStatus',
        'shardOpened',
        'shardClosed',
        'iteratorIssued',
        'iteratorExpired',
        'recordsTrimmed',
        'shardExpired',
      ]) {
        expect(kinds.has(kind as never), kind).toBe(true);
      }
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
      const times = events.map((e) => e.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(events.find((e) => e.type === 'shardExpired')).toMatchObject({ shardId: 'shardId-000000000000' });
    });

    it('should log API throttling as a throttled event', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      const events = recordEvents(engine);
      for (let i = 0; i < 6; i++) {
        try {
          engine.call('ListStreams', {});
        } catch {
          // the sixth call is throttled
        }
      }
      expect(events.filter((e) => e.type === 'throttled')).toEqual([
        expect.objectContaining({ direction: 'api', operation: 'ListStreams', count: 1 }),
      ]);
    });
  });

  describe('determinism, snapshots and replay', () => {
    it('should give the same outputs for the same options and timed commands', () => {
      const run = () => {
        const engine = newEngine({ seed: 7 });
        activeStream(engine, 's', 3);
        const outputs: unknown[] = [
          put(engine, 's', 'a'),
          put(engine, 's', 'b'),
          shardIterator(engine, 's', 'shardId-1'),
        ];
        engine.advanceBy(1500);
        outputs.push(
          engine.call('UpdateShardCount', { StreamName: 's', TargetShardCount: 4, ScalingType: 'UNIFORM_SCALING' }),
        );
        settle(engine);
        return { outputs, digest: digest(engine) };
      };
      expect(run()).toEqual(run());
    });

    it('should seal iterators with the seed, so another seed does not open them', () => {
      const a = newEngine({ seed: 1 });
      const b = newEngine({ seed: 2 });
      activeStream(a, 's', 1);
      activeStream(b, 's', 1);
      expect(put(a, 's', 'k').SequenceNumber).toBe(put(b, 's', 'k').SequenceNumber);
      const iterator = shardIterator(a, 's', 'shardId-0');
      expect(iterator).not.toBe(shardIterator(b, 's', 'shardId-0'));
      expectError(
        () => b.call('GetRecords', { ShardIterator: iterator }),
        'InvalidArgumentException',
        'Invalid ShardIterator.',
      );
    });

    it('should restore a snapshot that shares nothing with the original and continues identically', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      put(engine, 's', 'a', 'one');
      const snapshot = engine.snapshot();
      const second = put(engine, 's', 'a', 'two');
      const restored = restoreEngine(snapshot);
      expect(restored.stream('s')!.shards.reduce((n, s) => n + s.records.length, 0)).toBe(1);
      expect(digest(restored)).toBe(digest(restoreEngine(snapshot)));
      const fromRestored = put(restored, 's', 'a', 'two');
      expect(fromRestored).toEqual(second);
      expect(digest(restored)).toBe(digest(engine));
      expect(restored.commands()).toHaveLength(engine.commands().length);
    });

    it('should rebuild the same state by replaying the command log, failed calls included, to any time', () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      put(engine, 's', 'a');
      expectError(
        () => engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '0' }),
        'InvalidArgumentException',
      );
      const middle = engine.now();
      const middleDigest = digest(engine);
      engine.advanceBy(2000);
      engine.call('SplitShard', { StreamName: 's', ShardToSplit: 'shardId-0', NewStartingHashKey: '99' });
      settle(engine);
      expect(digest(replay(engine.options, engine.commands(), engine.now()))).toBe(digest(engine));
      expect(digest(replay(engine.options, engine.commands(), middle))).toBe(middleDigest);
    });

    it('should keep its own copy of each input in the command log, so a caller reusing its Data buffer cannot change the replay', () => {
      const engine = newEngine();
      activeStream(engine, 's', 1);
      const data = bytes('abc');
      engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: data });
      data[0] = 0x7a;
      const replayed = replay(engine.options, engine.commands(), engine.now());
      expect(text(replayed.stream('s')!.shards[0]!.records.data(0))).toBe('abc');
    });
  });
});
