import type { MetricsName } from '@aws-sdk/client-kinesis';
import type { Clock } from './core/clock';
import type { RecordLog, RecordTally } from './core/records';
import type { Rng } from './core/rng';
import type { KmsState } from './kms/state';

export type StreamStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING';
export type EncryptionType = 'NONE' | 'KMS';
export type StreamMode = 'PROVISIONED' | 'ON_DEMAND';

/** Per-second counters for one shard's throughput limits (fixed one-second windows). */
export interface ThroughputWindow {
  second: number;
  count: number;
  bytes: number;
}

export interface ShardState {
  readonly index: number;
  readonly id: string;
  readonly parentShardId?: string;
  readonly adjacentParentShardId?: string;
  readonly startingHashKey: bigint;
  readonly endingHashKey: bigint;
  readonly createdAt: number;
  readonly startingSequenceNumber: string;
  closedAt?: number;
  endingSequenceNumber?: string;
  childShardIds: string[];
  /** Records before this position have been trimmed, by retention or the record budget (as last announced). */
  trimmedThrough: number;
  readonly records: RecordLog;
  write: ThroughputWindow;
  read: ThroughputWindow;
  /** After a read of more than 2 MiB, reads wait until this time. */
  readBlockedUntil: number;
  /** What this shard's new records are written with (0 = NONE, else 1 + KMS key slot). */
  encryption: number;
  /** Set once the shard's expiry (closed and older than retention) was announced. */
  expiredAnnounced: boolean;
}

/** An asynchronous change in progress, finished by a scheduled event. */
export type PendingUpdate =
  | { readonly kind: 'SplitShard'; readonly shardId: string; readonly newStartingHashKey: string }
  | { readonly kind: 'MergeShards'; readonly shardId: string; readonly adjacentShardId: string }
  | { readonly kind: 'UpdateShardCount'; readonly fromShardCount: number; readonly targetShardCount: number }
  | { readonly kind: 'StartStreamEncryption'; readonly keyId: string; readonly slot: number }
  | { readonly kind: 'StopStreamEncryption' }
  | { readonly kind: 'UpdateStreamMode'; readonly streamMode: StreamMode }
  | { readonly kind: 'UpdateStreamWarmThroughput'; readonly targetMiBps: number };

export interface StreamState {
  readonly name: string;
  readonly arn: string;
  /** Distinguishes this stream from an earlier one of the same name. */
  readonly generation: number;
  readonly createdAt: number;
  status: StreamStatus;
  shardCountAtCreation: number;
  shards: ShardState[];
  retentionHours: number;
  /** Records that arrived before this instant are trimmed for good: raising retention never revives them. */
  trimmedBefore?: number;
  encryptionType: EncryptionType;
  keyId?: string;
  /** What new shards write records with (0 = NONE, else 1 + KMS key slot). */
  encryptionSlot: number;
  /** Counts encryption changes, so a superseded change's per-shard switches are ignored. */
  encryptionEpoch: number;
  shardLevelMetrics: MetricsName[];
  tags: Map<string, string>;
  streamMode: StreamMode;
  maxRecordSizeKiB: number;
  pending?: PendingUpdate;
  /** When the next retention check is due (earlier scheduled checks are stale). */
  nextTrimCheckAt?: number;
  /** Virtual times of accepted UpdateShardCount calls (rolling 24 h budget). */
  shardCountUpdates: number[];
  /** Virtual times at which a key was applied / encryption was disabled (rolling 24 h budgets). */
  keyApplications: number[];
  encryptionDisables: number[];
  /** Enhanced fan-out consumers registered on this stream (current profile), in registration order. */
  consumers?: ConsumerState[];
  /** The resource policy (a JSON text) attached to the stream. */
  policy?: string;
  /** Warm throughput asked for with UpdateStreamWarmThroughput (on-demand streams), MiB/s. */
  warmThroughputMiBps?: number;
  /** Virtual times of accepted UpdateStreamMode calls (rolling 24 h budget). */
  streamModeUpdates?: number[];
}

export type ConsumerStatus = 'CREATING' | 'ACTIVE' | 'DELETING';

/** One event a SubscribeToShard subscription pushed: the records [from, to) of its shard's log. */
export interface SubscriptionEventState {
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly millisBehindLatest: number;
  readonly continuationSequenceNumber: string;
  /** The shard is closed and fully read: this event names the child shards and ends the subscription. */
  readonly final: boolean;
}

/** An enhanced fan-out subscription of one consumer to one shard (5 minutes of pushed events). */
export interface SubscriptionState {
  readonly id: number;
  readonly shardIndex: number;
  readonly startedAt: number;
  readonly expiresAt: number;
  /** The record position the next event starts from. */
  position: number;
  /** When the subscription stopped (expired, taken over, closed shard read, consumer gone). */
  endedAt?: number;
  events: SubscriptionEventState[];
}

export interface ConsumerState {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: number;
  status: ConsumerStatus;
  tags: Map<string, string>;
  policy?: string;
  subscriptions: SubscriptionState[];
}

/** The account's minimum throughput billing commitment (UpdateAccountSettings). */
export interface AccountSettingsState {
  status: 'DISABLED' | 'ENABLED' | 'ENABLED_UNTIL_EARLIEST_ALLOWED_END';
  startedAt?: number;
  endedAt?: number;
  earliestAllowedEndAt?: number;
}

export type IteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER' | 'AT_TIMESTAMP';

/** What the engine remembers of an issued iterator, so views can draw it. */
export interface IteratorState {
  readonly id: number;
  readonly streamName: string;
  readonly generation: number;
  readonly shardId: string;
  readonly type: IteratorType | 'NEXT';
  /** The record position its next GetRecords starts from. */
  readonly position: number;
  readonly issuedAt: number;
  readonly expiresAt: number;
  expired: boolean;
  /** Set once a GetRecords call used it. */
  usedAt?: number;
}

/** Events on the engine's own clock. */
export type ClockEvent =
  | { readonly kind: 'streamActive'; readonly stream: string; readonly generation: number }
  | { readonly kind: 'streamGone'; readonly stream: string; readonly generation: number }
  | {
      readonly kind: 'updateDone';
      readonly stream: string;
      readonly generation: number;
      readonly phase?: 'splits' | 'merges';
    }
  | { readonly kind: 'iteratorExpiry'; readonly iteratorId: number }
  | { readonly kind: 'trimCheck'; readonly stream: string; readonly generation: number }
  | {
      readonly kind: 'encryptionReachesShard';
      readonly stream: string;
      readonly generation: number;
      readonly epoch: number;
      readonly shardIndex: number;
    }
  | { readonly kind: 'kmsKeyDeleted'; readonly slot: number }
  | {
      readonly kind: 'consumerActive';
      readonly stream: string;
      readonly generation: number;
      readonly consumerArn: string;
    }
  | {
      readonly kind: 'consumerGone';
      readonly stream: string;
      readonly generation: number;
      readonly consumerArn: string;
    }
  | {
      readonly kind: 'subscriptionTick';
      readonly stream: string;
      readonly generation: number;
      readonly consumerArn: string;
      readonly subscriptionId: number;
    };

export interface RateWindow {
  second: number;
  count: number;
}

export interface EngineState {
  clock: Clock<ClockEvent>;
  rng: Rng;
  streams: Map<string, StreamState>;
  nextGeneration: number;
  iterators: Map<number, IteratorState>;
  nextIteratorId: number;
  apiRates: Map<string, RateWindow>;
  kms: KmsState;
  /** Account settings (current profile); absent means the defaults. */
  accountSettings?: AccountSettingsState;
  nextSubscriptionId?: number;
  /** Records held by the logs of every stream (appended, not yet released), for the record budget. */
  tally: RecordTally;
}
