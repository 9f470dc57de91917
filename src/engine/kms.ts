import type { Context } from './context';
import type { KinesisError } from './errors';
import type { PendingUpdate, ShardState, StreamState } from './state';

/**
 * The engine's view of KMS for data calls: which key a write uses and whether the key lets a call
 * through. Server-side encryption (StartStreamEncryption and the simulated key states) builds on
 * these three questions.
 */
export class KmsGate {
  constructor(private readonly ctx: Context) {}

  /** The encryption a record written now to this shard carries (0 = NONE, else 1 + key slot). */
  encryptionForWrite(_stream: StreamState, shard: ShardState): number {
    return shard.encryption;
  }

  /** Why a write to this shard fails at KMS, or undefined. */
  writeFailure(_stream: StreamState, _shard: ShardState): KinesisError | undefined {
    void this.ctx;
    return undefined;
  }

  /** Applies a finished Start/StopStreamEncryption to the stream. */
  completeEncryptionChange(_stream: StreamState, _update: PendingUpdate): void {}

  /** Why reading records [from, to) of this shard fails at KMS, or undefined. */
  readFailure(_stream: StreamState, _shard: ShardState, _from: number, _to: number): KinesisError | undefined {
    return undefined;
  }
}
