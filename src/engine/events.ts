import type { EncryptionType, IteratorType, StreamMode, StreamStatus } from './state';

/** A failure as the API reports it. */
export interface CallError {
  readonly name: string;
  readonly message: string;
  readonly httpStatus: number;
}

/**
 * One entry of the engine's log: every call and every change the engine makes on its own clock,
 * in order. `seq` numbers entries from 0; `t` is virtual epoch ms.
 */
export type EngineEvent =
  | {
      readonly type: 'call';
      readonly seq: number;
      readonly t: number;
      readonly operation: string;
      /** The caller's own objects, not copies: read them, never keep or change them. */
      readonly input: unknown;
      readonly output?: unknown;
      readonly error?: CallError;
      /** Who made the call, as the caller said (a producer's id, a client's user agent), if it did. */
      readonly origin?: string;
      /** The stream the call names (by name or ARN, or through its iterator or consumer), when it names one. */
      readonly stream?: string;
      /** PutRecords: how many of its records failed, by error code (absent when none failed). */
      readonly failedRecords?: Readonly<Record<string, number>>;
    }
  | {
      readonly type: 'streamStatus';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      /** DELETED once the stream is gone. */
      readonly status: StreamStatus | 'DELETED';
      readonly previous?: StreamStatus;
      /** What change the status belongs to, when it is an update. */
      readonly reason?: string;
    }
  | {
      readonly type: 'shardOpened';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly parentShardIds: readonly string[];
    }
  | {
      readonly type: 'shardClosed';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly endingSequenceNumber: string;
      readonly childShardIds: readonly string[];
    }
  | {
      readonly type: 'iteratorIssued';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly iteratorId: number;
      readonly iteratorType: IteratorType | 'NEXT';
      readonly position: number;
    }
  | {
      readonly type: 'iteratorExpired';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly iteratorId: number;
    }
  | {
      readonly type: 'recordsTrimmed';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      /** Records before this position are gone (and from `records.retainedFrom` on, still in memory). */
      readonly trimmedThrough: number;
      readonly count: number;
      /** Why: they aged past the retention period, or the engine's recordBudget needed the room. */
      readonly reason: 'retention' | 'budget';
    }
  | {
      readonly type: 'shardExpired';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
    }
  | {
      readonly type: 'throttled';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId?: string;
      readonly operation: string;
      readonly direction: 'write' | 'read' | 'api';
      readonly count: number;
    }
  | {
      readonly type: 'encryptionReachedShard';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly encryptionType: EncryptionType;
      readonly keyId?: string;
    }
  | {
      /** Records appended to one shard by one call: positions [from, from + count). */
      readonly type: 'recordsWritten';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly operation: 'PutRecord' | 'PutRecords';
      readonly from: number;
      readonly count: number;
      /** Data plus UTF-8 partition-key bytes, as the write limits count them. */
      readonly bytes: number;
    }
  | {
      /**
       * Records handed to a reader: a GetRecords call, or one event a SubscribeToShard
       * subscription pushed. Positions [from, from + count) of the shard; `next` is where the
       * reader goes on from (its next iterator's position, or the subscription's).
       */
      readonly type: 'recordsRead';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly via: 'GetRecords' | 'SubscribeToShard';
      readonly from: number;
      readonly count: number;
      readonly bytes: number;
      readonly next: number;
      readonly millisBehindLatest: number;
      /** GetRecords: the iterator read, and the one it returned (none at the end of a closed shard). */
      readonly iteratorId?: number;
      readonly nextIteratorId?: number;
      /** SubscribeToShard: the consumer and its subscription. */
      readonly consumerArn?: string;
      readonly subscriptionId?: number;
    }
  | {
      /**
       * A failure at a place other than throttling (which has its own event): records a KMS key
       * refused, a read with an expired iterator. `count` records (writes) or 1 call (reads).
       */
      readonly type: 'failed';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId?: string;
      readonly operation: string;
      readonly errorCode: string;
      readonly direction: 'write' | 'read';
      readonly count: number;
    }
  | {
      /** A setting of the stream took a new value (encryption when the stream's own state switches). */
      readonly type: 'streamChanged';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly retentionHours: number;
      readonly encryptionType: EncryptionType;
      readonly keyId?: string;
      readonly streamMode: StreamMode;
      readonly maxRecordSizeKiB: number;
    }
  | {
      /** A SubscribeToShard subscription stopped pushing (expired, taken over, shard read to its end, consumer gone). */
      readonly type: 'subscriptionEnded';
      readonly seq: number;
      readonly t: number;
      readonly stream: string;
      readonly shardId: string;
      readonly consumerArn: string;
      readonly subscriptionId: number;
    };

export type EngineEventType = EngineEvent['type'];

/** The events that say where records went; views and feeds count traffic from these alone. */
export type RecordsWritten = Extract<EngineEvent, { type: 'recordsWritten' }>;
export type RecordsRead = Extract<EngineEvent, { type: 'recordsRead' }>;

/** An event before the log numbers it. */
export type NewEngineEvent = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq'> : never) : never;

export type EngineListener = (event: EngineEvent) => void;
