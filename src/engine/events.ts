import type { EncryptionType, IteratorType, StreamStatus } from './state';

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
      readonly input: unknown;
      readonly output?: unknown;
      readonly error?: CallError;
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
      /** Records before this position are gone. */
      readonly trimmedThrough: number;
      readonly count: number;
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
    };

export type EngineEventType = EngineEvent['type'];

/** An event before the log numbers it. */
export type NewEngineEvent = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq'> : never) : never;

export type EngineListener = (event: EngineEvent) => void;
