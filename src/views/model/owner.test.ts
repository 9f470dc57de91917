import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_HASH_KEY, hashKeyOf } from '../../engine/index';
import { explainKey, ownerOf, parseExplicitHashKey } from './owner';
import { bytesOf, engineWithStream } from './testing';

describe('explainKey', () => {
  it('should give the MD5, the 128-bit value and the shard PutRecord picks', () => {
    const engine = engineWithStream(3);
    const stream = engine.stream('s')!;
    const e = explainKey(stream, 'alice');
    expect(e.md5).toBe('6384e2b2184bcbf58eccf10ca7a6563c');
    expect(e.hashKey).toBe(BigInt('0x6384e2b2184bcbf58eccf10ca7a6563c'));
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'alice', Data: bytesOf('x') });
    expect(e.shard?.id).toBe(put.ShardId);
  });

  it('should agree with PutRecord for any partition key', () => {
    const engine = engineWithStream(5);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (key) => {
        const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: key, Data: bytesOf('x') });
        expect(explainKey(engine.stream('s')!, key).shard?.id).toBe(put.ShardId);
      }),
      { numRuns: 60 },
    );
  });
});

describe('ownerOf', () => {
  it('should route an ExplicitHashKey to the shard holding that point', () => {
    const engine = engineWithStream(4);
    const stream = engine.stream('s')!;
    const key = MAX_HASH_KEY - 5n;
    const put = engine.call('PutRecord', {
      StreamName: 's',
      PartitionKey: 'a',
      ExplicitHashKey: key.toString(),
      Data: bytesOf('x'),
    });
    expect(ownerOf(stream, key)?.id).toBe(put.ShardId);
    expect(put.ShardId).toBe('shardId-000000000003');
    // Without the override, key "a" lands elsewhere: its MD5 puts it in shard 0.
    expect(ownerOf(stream, hashKeyOf('a'))?.id).toBe('shardId-000000000000');
  });
});

describe('parseExplicitHashKey', () => {
  it('should accept decimal keys in [0, 2^128-1] only', () => {
    expect(parseExplicitHashKey('0')).toBe(0n);
    expect(parseExplicitHashKey(MAX_HASH_KEY.toString())).toBe(MAX_HASH_KEY);
    expect(parseExplicitHashKey((MAX_HASH_KEY + 1n).toString())).toBeUndefined();
    expect(parseExplicitHashKey('012')).toBeUndefined();
    expect(parseExplicitHashKey('-1')).toBeUndefined();
  });
});
