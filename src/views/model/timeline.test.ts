import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index';
import { attachHistory } from './history';
import { encryptionSpans, keyBudget, statusSpans } from './timeline';
import { bytesOf } from './testing';

describe('encryptionSpans', () => {
  it('should switch from NONE to KMS with the key when StartStreamEncryption completes, and note each shard it reached', () => {
    const engine = createEngine({ timings: 'fast', seed: 5 });
    const { history } = attachHistory(engine);
    engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
    engine.advanceBy(1000);
    engine.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
    engine.advanceBy(10_000);
    const h = history.stream('s');
    const spans = encryptionSpans(h, engine.now());
    expect(spans.map((s) => s.label)).toEqual(['NONE', 'KMS alias/aws/kinesis']);
    const active = statusSpans(h, engine.now()).filter((s) => s.label === 'ACTIVE');
    // The stream turns KMS when it is ACTIVE again; each shard follows within 5 seconds.
    expect(spans[1]!.from).toBe(active[1]!.from);
    expect(h.encryptionReached.map((m) => m.shardId).sort()).toEqual(['shardId-000000000000', 'shardId-000000000001']);
    for (const m of h.encryptionReached) expect(m.t - spans[1]!.from).toBeLessThanOrEqual(5000);
    expect(h.encryptionOps.map((o) => o.operation)).toEqual(['StartStreamEncryption']);
    expect(keyBudget(engine.stream('s')!, engine.now()).applied).toBe(1);
    expect(keyBudget(engine.stream('s')!, engine.now() + 24 * 3_600_000 + 1).applied).toBe(0);
    const put = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: bytesOf('x') });
    expect(put.EncryptionType).toBe('KMS');
  });
});
