import type { Context } from '../context';
import { nextFloat } from '../core/rng';
import type { KinesisError } from '../errors';
import type { PendingUpdate, ShardState, StreamState } from '../state';
import { announceSettings } from '../settingsEvents';
import { keyFailure } from './resolve';

/** Records written while the change spreads may still carry the old encryption for this long. */
export const ENCRYPTION_SPREAD_MS = 5_000;

/**
 * KMS as the data calls meet it: which key a write uses, whether KMS lets a write or a read
 * through, and how a finished Start/StopStreamEncryption spreads to the shards.
 */
export class KmsGate {
  constructor(private readonly ctx: Context) {}

  /** The encryption a record written now to this shard carries (0 = NONE, else 1 + key slot). */
  encryptionForWrite(_stream: StreamState, shard: ShardState): number {
    return shard.encryption;
  }

  /** Why KMS refuses a write to this shard, or undefined. */
  writeFailure(_stream: StreamState, shard: ShardState): KinesisError | undefined {
    return this.failureOf(shard.encryption, 'encrypt');
  }

  /** Why KMS refuses to decrypt records [from, to) of this shard, or undefined. */
  readFailure(_stream: StreamState, shard: ShardState, from: number, to: number): KinesisError | undefined {
    const log = shard.records;
    let checked = 0;
    for (let i = from; i < to; i++) {
      const slot = log.encryption(i);
      if (slot === 0 || slot === checked) continue;
      const failure = this.failureOf(slot, 'decrypt');
      if (failure) return failure;
      checked = slot;
    }
    return undefined;
  }

  private failureOf(slot: number, action: 'encrypt' | 'decrypt'): KinesisError | undefined {
    if (slot === 0) return undefined;
    const kms = this.ctx.state.kms;
    const key = kms.keys[slot - 1];
    return key ? keyFailure(kms, key, action, this.ctx.account) : undefined;
  }

  /**
   * Applies a finished Start/StopStreamEncryption: the stream shows the new state at once, and
   * each open shard switches at its own moment within the next 5 seconds (seeded rng), so
   * records written just after ACTIVE can still carry the old encryption.
   */
  completeEncryptionChange(stream: StreamState, update: PendingUpdate): void {
    if (update.kind === 'StartStreamEncryption') {
      stream.encryptionType = 'KMS';
      stream.keyId = update.keyId;
      stream.encryptionSlot = update.slot + 1;
    } else if (update.kind === 'StopStreamEncryption') {
      stream.encryptionType = 'NONE';
      delete stream.keyId;
      stream.encryptionSlot = 0;
    } else {
      return;
    }
    stream.encryptionEpoch += 1;
    announceSettings(this.ctx, stream);
    const now = this.ctx.now();
    for (const shard of this.ctx.openShards(stream)) {
      const delay = 1 + Math.floor(nextFloat(this.ctx.state.rng) * ENCRYPTION_SPREAD_MS);
      this.ctx.schedule(now + delay, {
        kind: 'encryptionReachesShard',
        stream: stream.name,
        generation: stream.generation,
        epoch: stream.encryptionEpoch,
        shardIndex: shard.index,
      });
    }
  }

  /** One shard's switch moment: from now on its records carry the stream's encryption. */
  reachShard(stream: StreamState, epoch: number, shardIndex: number): void {
    const shard = stream.shards[shardIndex];
    if (epoch !== stream.encryptionEpoch || !shard) return;
    shard.encryption = stream.encryptionSlot;
    this.ctx.emit({
      type: 'encryptionReachedShard',
      t: this.ctx.now(),
      stream: stream.name,
      shardId: shard.id,
      encryptionType: stream.encryptionType,
      ...(stream.keyId !== undefined ? { keyId: stream.keyId } : {}),
    });
  }
}
