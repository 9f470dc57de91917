import { describe, expect, it } from 'vitest';
import { activeStream, expectError, newEngine, settle } from './helpers';

describe('DescribeLimits', () => {
  describe('serialization', () => {
    it('should accept an empty input and ignore unknown members', () => {
      expect(newEngine({ profile: '2017-07' }).call('DescribeLimits', { Extra: 1 })).toEqual({
        ShardLimit: 500,
        OpenShardCount: 0,
      });
    });
    it('should accept null as an empty input', () => {
      expect(newEngine({ profile: '2017-07' }).call('DescribeLimits', null)).toEqual({
        ShardLimit: 500,
        OpenShardCount: 0,
      });
    });
  });

  describe('validation', () => {
    it('should return SerializationException when the input is a list', () => {
      expectError(
        () => newEngine().call('DescribeLimits', []),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
  });

  describe('functionality', () => {
    it('should count open shards of every stream, including CREATING ones', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine, 'a', 3);
      engine.call('CreateStream', { StreamName: 'b', ShardCount: 2 });
      expect(engine.call('DescribeLimits', {})).toEqual({ ShardLimit: 500, OpenShardCount: 5 });
    });

    it('should not count closed parents after a split', () => {
      const engine = newEngine();
      activeStream(engine, 'a', 1);
      engine.call('SplitShard', { StreamName: 'a', ShardToSplit: 'shardId-000000000000', NewStartingHashKey: '1000' });
      settle(engine);
      expect(engine.call('DescribeLimits', {}).OpenShardCount).toBe(2);
    });

    it('should add the on-demand stream counts in the current profile', () => {
      const engine = newEngine({ limits: { shardLimit: 77 } });
      engine.call('CreateStream', { StreamName: 'od', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      expect(engine.call('DescribeLimits', {})).toEqual({
        ShardLimit: 77,
        OpenShardCount: 4,
        OnDemandStreamCount: 1,
        OnDemandStreamCountLimit: 50,
      });
    });

    it('should throttle at 1 call per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      engine.call('DescribeLimits', {});
      expectError(
        () => engine.call('DescribeLimits', {}),
        'LimitExceededException',
        'Rate exceeded for account 123456789012.',
      );
      engine.advanceBy(1000);
      engine.call('DescribeLimits', {});
    });
  });
});
