/**
 * What happened to each stream over time, as the views draw it: when each status began, when
 * settings changed, every reshard and encryption request, traffic per shard and second, recent
 * reads and failures. Built from the engine's event feed alone (O(1) per event, no engine reads),
 * while the engine runs or replays, so nothing here re-derives a fact the engine already states.
 */
import type { EngineEvent } from '../engine';

export interface StatusSpan {
  readonly status: string;
  readonly from: number;
  to?: number;
  readonly reason?: string;
}
export interface EncryptionChange {
  readonly t: number;
  readonly type: string;
  readonly keyId?: string;
}
export interface ShardMoment {
  readonly t: number;
  readonly shardId: string;
  readonly label: string;
  readonly keyId?: string;
}
export interface RetentionChange {
  readonly t: number;
  readonly hours: number;
}
export interface StreamOperation {
  readonly t: number;
  readonly operation: string;
  readonly detail: string;
}
/** A failure drawn where it happened: throttling, a KMS refusal, an expired iterator. */
export interface FailureMark {
  readonly t: number;
  readonly shardId?: string;
  readonly operation: string;
  readonly errorCode: string;
  readonly direction: 'write' | 'read' | 'api';
  readonly count: number;
}
/** One read: a GetRecords call, or an event a SubscribeToShard subscription pushed. */
export interface ReadCall {
  readonly t: number;
  readonly shardId: string;
  readonly via: 'GetRecords' | 'SubscribeToShard';
  readonly from: number;
  readonly count: number;
  readonly bytes: number;
  readonly next: number;
  readonly millisBehindLatest: number;
  readonly iteratorId?: number;
  readonly nextIteratorId?: number;
  readonly consumerArn?: string;
}
/** Traffic of one shard in one virtual second. */
export interface SecondBucket {
  writeRecords: number;
  writeBytes: number;
  readCalls: number;
  readBytes: number;
  /** Records (writes) and calls (reads) refused by throttling. */
  throttled: number;
  /** Records and calls that failed otherwise (KMS, expired iterators). */
  failed: number;
}

export interface StreamHistory {
  readonly name: string;
  readonly status: StatusSpan[];
  readonly encryption: EncryptionChange[];
  readonly encryptionReached: ShardMoment[];
  readonly retention: RetentionChange[];
  readonly resharding: StreamOperation[];
  /** Accepted Start/StopStreamEncryption calls (the key asked for, before it takes effect). */
  readonly encryptionOps: StreamOperation[];
  /** Recent failures at a place, newest last (bounded). */
  readonly failures: FailureMark[];
  /** Every failure since the stream was created, by error code (records for writes, calls otherwise). */
  readonly failureCounts: Map<string, number>;
  /** Failed calls naming this stream (any operation), by error name. */
  readonly failedCalls: Map<string, number>;
  readonly reads: ReadCall[];
  /** shardId → second (virtual epoch s) → traffic. */
  readonly traffic: Map<string, Map<number, SecondBucket>>;
  /**
   * shardId → its two newest seconds of traffic: what "now" means for one shard, found by one
   * lookup, so a view can rank thousands of shards by their current rate each redraw.
   */
  readonly newest: Map<string, NewestSeconds>;
  /** second (virtual epoch s) → records written to the whole stream, the last TRAFFIC_SECONDS. */
  readonly writesPerSecond: Map<number, number>;
}

export interface NewestSeconds {
  readonly second: number;
  readonly bucket: SecondBucket;
  readonly previous?: { readonly second: number; readonly bucket: SecondBucket };
}

/** Memory stays bounded in long sessions: the views show recent reads and failures only. */
export const MAX_READS = 2000;
export const MAX_FAILURES = 5000;
/** Per-second traffic is kept this long (virtual seconds); the throughput view shows the last 60. */
export const TRAFFIC_SECONDS = 600;

const THROTTLING = 'ProvisionedThroughputExceededException';

function freshStream(name: string): StreamHistory {
  return {
    name,
    status: [],
    encryption: [],
    encryptionReached: [],
    retention: [],
    resharding: [],
    encryptionOps: [],
    failures: [],
    failureCounts: new Map(),
    failedCalls: new Map(),
    reads: [],
    traffic: new Map(),
    newest: new Map(),
    writesPerSecond: new Map(),
  };
}

/** Drops the oldest items of a list once it holds a quarter more than `max` (amortised O(1)). */
function trim<T>(list: T[], max: number): void {
  if (list.length > max + (max >> 2)) list.splice(0, list.length - max);
}

const bump = (counts: Map<string, number>, key: string, by: number) => counts.set(key, (counts.get(key) ?? 0) + by);

export class StreamsHistory {
  readonly streams = new Map<string, StreamHistory>();
  /** Moves on every event that changed something here. */
  version = 0;

  stream(name: string): StreamHistory {
    let h = this.streams.get(name);
    if (!h) this.streams.set(name, (h = freshStream(name)));
    return h;
  }

  ingest(event: EngineEvent): void {
    switch (event.type) {
      case 'streamStatus': {
        if (event.status === 'CREATING') this.streams.set(event.stream, freshStream(event.stream));
        const h = this.stream(event.stream);
        const last = h.status[h.status.length - 1];
        if (last && last.to === undefined) last.to = event.t;
        if (event.status !== 'DELETED') {
          h.status.push({ status: event.status, from: event.t, ...(event.reason ? { reason: event.reason } : {}) });
        }
        break;
      }
      case 'streamChanged': {
        const h = this.stream(event.stream);
        const lastRetention = h.retention[h.retention.length - 1];
        if (lastRetention?.hours !== event.retentionHours)
          h.retention.push({ t: event.t, hours: event.retentionHours });
        const lastEncryption = h.encryption[h.encryption.length - 1];
        if (lastEncryption?.type !== event.encryptionType || lastEncryption.keyId !== event.keyId) {
          h.encryption.push({
            t: event.t,
            type: event.encryptionType,
            ...(event.keyId !== undefined ? { keyId: event.keyId } : {}),
          });
        }
        break;
      }
      case 'encryptionReachedShard':
        this.stream(event.stream).encryptionReached.push({
          t: event.t,
          shardId: event.shardId,
          label: event.encryptionType,
          ...(event.keyId ? { keyId: event.keyId } : {}),
        });
        break;
      case 'recordsWritten': {
        const h = this.stream(event.stream);
        const b = this.bucket(h, event.shardId, event.t);
        b.writeRecords += event.count;
        b.writeBytes += event.bytes;
        const second = Math.floor(event.t / 1000);
        const written = h.writesPerSecond.get(second);
        h.writesPerSecond.set(second, (written ?? 0) + event.count);
        // A new second: let the oldest go, as the per-shard buckets do.
        if (written === undefined)
          for (const old of h.writesPerSecond.keys()) {
            if (old > second - TRAFFIC_SECONDS) break;
            h.writesPerSecond.delete(old);
          }
        break;
      }
      case 'recordsRead': {
        const h = this.stream(event.stream);
        h.reads.push({
          t: event.t,
          shardId: event.shardId,
          via: event.via,
          from: event.from,
          count: event.count,
          bytes: event.bytes,
          next: event.next,
          millisBehindLatest: event.millisBehindLatest,
          ...(event.iteratorId !== undefined ? { iteratorId: event.iteratorId } : {}),
          ...(event.nextIteratorId !== undefined ? { nextIteratorId: event.nextIteratorId } : {}),
          ...(event.consumerArn !== undefined ? { consumerArn: event.consumerArn } : {}),
        });
        trim(h.reads, MAX_READS);
        const b = this.bucket(h, event.shardId, event.t);
        if (event.via === 'GetRecords') b.readCalls += 1;
        b.readBytes += event.bytes;
        break;
      }
      case 'throttled':
        this.fail(event.stream, {
          t: event.t,
          operation: event.operation,
          errorCode: event.direction === 'api' ? 'LimitExceededException' : THROTTLING,
          direction: event.direction,
          count: event.count,
          ...(event.shardId ? { shardId: event.shardId } : {}),
        });
        break;
      case 'failed':
        this.fail(event.stream, {
          t: event.t,
          operation: event.operation,
          errorCode: event.errorCode,
          direction: event.direction,
          count: event.count,
          ...(event.shardId ? { shardId: event.shardId } : {}),
        });
        break;
      case 'call':
        if (!this.ingestCall(event)) return;
        break;
      default:
        return;
    }
    this.version++;
  }

  private fail(stream: string, mark: FailureMark): void {
    if (!stream) return;
    const h = this.stream(stream);
    h.failures.push(mark);
    trim(h.failures, MAX_FAILURES);
    bump(h.failureCounts, mark.errorCode, mark.count);
    if (mark.shardId === undefined) return;
    const b = this.bucket(h, mark.shardId, mark.t);
    if (mark.errorCode === THROTTLING) b.throttled += mark.count;
    else b.failed += mark.count;
  }

  /** The stream-level facts only a call states: what was asked (a reshard, a key), and failed calls. */
  private ingestCall(event: Extract<EngineEvent, { type: 'call' }>): boolean {
    const stream = event.stream;
    if (stream === undefined) return false;
    if (event.error) {
      // A stream that does not exist has no history to add a failure to.
      if (!this.streams.has(stream)) return false;
      bump(this.stream(stream).failedCalls, event.error.name, 1);
      return true;
    }
    const input = (event.input ?? {}) as Record<string, unknown>;
    const output = (event.output ?? {}) as Record<string, unknown>;
    const note = (list: keyof Pick<StreamHistory, 'resharding' | 'encryptionOps'>, detail: string) =>
      this.stream(stream)[list].push({ t: event.t, operation: event.operation, detail });
    switch (event.operation) {
      case 'SplitShard':
        note('resharding', `${String(input.ShardToSplit)} at ${String(input.NewStartingHashKey)}`);
        return true;
      case 'MergeShards':
        note('resharding', `${String(input.ShardToMerge)} + ${String(input.AdjacentShardToMerge)}`);
        return true;
      case 'UpdateShardCount':
        note('resharding', `${String(output.CurrentShardCount ?? '?')} → ${String(input.TargetShardCount)}`);
        return true;
      case 'StartStreamEncryption':
      case 'StopStreamEncryption':
        note('encryptionOps', String(input.KeyId ?? ''));
        return true;
      default:
        return false;
    }
  }

  private bucket(h: StreamHistory, shardId: string, t: number): SecondBucket {
    let perShard = h.traffic.get(shardId);
    if (!perShard) h.traffic.set(shardId, (perShard = new Map()));
    const second = Math.floor(t / 1000);
    let b = perShard.get(second);
    if (!b) {
      perShard.set(
        second,
        (b = { writeRecords: 0, writeBytes: 0, readCalls: 0, readBytes: 0, throttled: 0, failed: 0 }),
      );
      const newest = h.newest.get(shardId);
      h.newest.set(shardId, {
        second,
        bucket: b,
        ...(newest ? { previous: { second: newest.second, bucket: newest.bucket } } : {}),
      });
      // Seconds arrive in order, so the oldest buckets come first: keep the last TRAFFIC_SECONDS.
      for (const old of perShard.keys()) {
        if (old > second - TRAFFIC_SECONDS) break;
        perShard.delete(old);
      }
    }
    return b;
  }
}
