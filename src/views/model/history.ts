import { createEngine, type Engine, type EngineEvent } from '../../engine/index';

/**
 * What the views need to remember that the engine's state does not keep: when each status began,
 * when encryption and retention changed, which shard each call touched, and the throttling
 * events. Built incrementally from engine events (O(1) per event) so drawing never re-reads the
 * event log. One history per engine; `attachHistory` rebuilds it for an engine that already ran
 * (a loaded session) by replaying the engine's command log into a shadow engine.
 */

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
export interface ReshardOp {
  readonly t: number;
  readonly operation: string;
  readonly detail: string;
}
export interface ThrottleMark {
  readonly t: number;
  readonly shardId?: string;
  readonly operation: string;
  readonly direction: 'write' | 'read' | 'api';
  readonly count: number;
}
/** One GetRecords call that returned: what range it read and where its next iterator points. */
export interface ReadCall {
  readonly t: number;
  readonly shardId: string;
  readonly iteratorId?: number;
  readonly from: number;
  readonly count: number;
  readonly bytes: number;
  readonly next?: number;
  readonly nextIteratorId?: number;
  readonly millisBehindLatest: number;
}
/** Traffic of one shard in one virtual second. */
export interface SecondBucket {
  writeRecords: number;
  writeBytes: number;
  readCalls: number;
  readBytes: number;
  throttled: number;
}

export interface StreamHistory {
  readonly name: string;
  readonly status: StatusSpan[];
  readonly encryption: EncryptionChange[];
  readonly encryptionReached: ShardMoment[];
  readonly retention: RetentionChange[];
  readonly resharding: ReshardOp[];
  /** Accepted Start/StopStreamEncryption calls (the key asked for, before it takes effect). */
  readonly encryptionOps: ReshardOp[];
  readonly throttles: ThrottleMark[];
  readonly reads: ReadCall[];
  /** shardId → second (virtual epoch s) → traffic. */
  readonly traffic: Map<string, Map<number, SecondBucket>>;
}

interface TokenBinding {
  readonly stream: string;
  readonly shardId: string;
  readonly iteratorId: number;
  readonly position: number;
}

/** Keep memory bounded during long sessions: the views show recent reads and throttles only. */
const MAX_READS = 2000;
const MAX_THROTTLES = 5000;
/** Per-second traffic is kept this long (virtual seconds); the throughput view shows the last 60. */
export const TRAFFIC_SECONDS = 600;

export class ViewHistory {
  readonly streams = new Map<string, StreamHistory>();
  /** Bumped on every ingested event, so memoised drawings know when to recompute. */
  version = 0;
  private readonly tokens = new Map<string, TokenBinding>();
  private lastIssued: TokenBinding | undefined;

  stream(name: string): StreamHistory {
    let h = this.streams.get(name);
    if (!h) {
      h = {
        name,
        status: [],
        encryption: [],
        encryptionReached: [],
        retention: [],
        resharding: [],
        encryptionOps: [],
        throttles: [],
        reads: [],
        traffic: new Map(),
      };
      this.streams.set(name, h);
    }
    return h;
  }

  /** Ingests one event; `engine` is the engine that emitted it (read for state after the event). */
  ingest(event: EngineEvent, engine: Engine): void {
    this.version++;
    switch (event.type) {
      case 'streamStatus': {
        const h = this.stream(event.stream);
        const last = h.status[h.status.length - 1];
        if (event.status === 'CREATING') {
          // A new stream of the same name starts a fresh history.
          for (const key of Object.keys(h) as (keyof StreamHistory)[]) {
            const v = h[key];
            if (Array.isArray(v)) v.length = 0;
          }
          h.traffic.clear();
        } else if (last && last.to === undefined) last.to = event.t;
        if (event.status !== 'DELETED') {
          h.status.push({ status: event.status, from: event.t, ...(event.reason ? { reason: event.reason } : {}) });
        }
        this.sampleState(h, event.t, engine);
        return;
      }
      case 'encryptionReachedShard': {
        const h = this.stream(event.stream);
        h.encryptionReached.push({
          t: event.t,
          shardId: event.shardId,
          label: event.encryptionType,
          ...(event.keyId ? { keyId: event.keyId } : {}),
        });
        this.sampleState(h, event.t, engine);
        return;
      }
      case 'iteratorIssued':
        this.lastIssued = {
          stream: event.stream,
          shardId: event.shardId,
          iteratorId: event.iteratorId,
          position: event.position,
        };
        return;
      case 'throttled': {
        const h = this.stream(event.stream);
        h.throttles.push({
          t: event.t,
          operation: event.operation,
          direction: event.direction,
          count: event.count,
          ...(event.shardId ? { shardId: event.shardId } : {}),
        });
        if (h.throttles.length > MAX_THROTTLES) h.throttles.splice(0, h.throttles.length - MAX_THROTTLES);
        if (event.shardId) this.bucket(h, event.shardId, event.t).throttled += event.count;
        return;
      }
      case 'call':
        this.ingestCall(event, engine);
        this.lastIssued = undefined;
        return;
      default:
        return;
    }
  }

  private ingestCall(event: Extract<EngineEvent, { type: 'call' }>, engine: Engine): void {
    const input = (event.input ?? {}) as Record<string, unknown>;
    const output = event.output as Record<string, unknown> | undefined;
    const issued = this.lastIssued;
    if (event.error || !output) return;
    const streamName = streamNameOf(input, engine);
    switch (event.operation) {
      case 'GetShardIterator':
        if (issued && typeof output.ShardIterator === 'string') this.tokens.set(output.ShardIterator, issued);
        return;
      case 'PutRecord': {
        if (!streamName || typeof output.ShardId !== 'string') return;
        const b = this.bucket(this.stream(streamName), output.ShardId, event.t);
        b.writeRecords += 1;
        b.writeBytes += sizeOf(input.Data) + String(input.PartitionKey ?? '').length;
        return;
      }
      case 'PutRecords': {
        if (!streamName) return;
        const h = this.stream(streamName);
        const ins = (input.Records ?? []) as Record<string, unknown>[];
        const outs = (output.Records ?? []) as Record<string, unknown>[];
        outs.forEach((r, i) => {
          if (typeof r.ShardId !== 'string') return;
          const b = this.bucket(h, r.ShardId, event.t);
          b.writeRecords += 1;
          b.writeBytes += sizeOf(ins[i]?.Data) + String(ins[i]?.PartitionKey ?? '').length;
        });
        return;
      }
      case 'GetRecords': {
        const bound = typeof input.ShardIterator === 'string' ? this.tokens.get(input.ShardIterator) : undefined;
        if (!bound) return;
        const h = this.stream(bound.stream);
        const records = (output.Records ?? []) as Record<string, unknown>[];
        let bytes = 0;
        for (const r of records) bytes += sizeOf(r.Data) + String(r.PartitionKey ?? '').length;
        const next = typeof output.NextShardIterator === 'string' && issued ? issued : undefined;
        if (next && typeof output.NextShardIterator === 'string') this.tokens.set(output.NextShardIterator, next);
        this.tokens.delete(input.ShardIterator as string);
        const from = next ? next.position - records.length : bound.position;
        h.reads.push({
          t: event.t,
          shardId: bound.shardId,
          iteratorId: bound.iteratorId,
          from: Math.max(0, from),
          count: records.length,
          bytes,
          millisBehindLatest: Number(output.MillisBehindLatest ?? 0),
          ...(next ? { next: next.position, nextIteratorId: next.iteratorId } : {}),
        });
        if (h.reads.length > MAX_READS) h.reads.splice(0, h.reads.length - MAX_READS);
        const b = this.bucket(h, bound.shardId, event.t);
        b.readCalls += 1;
        b.readBytes += bytes;
        return;
      }
      case 'SplitShard':
        if (streamName)
          this.stream(streamName).resharding.push({
            t: event.t,
            operation: 'SplitShard',
            detail: `${String(input.ShardToSplit)} at ${String(input.NewStartingHashKey)}`,
          });
        return;
      case 'MergeShards':
        if (streamName)
          this.stream(streamName).resharding.push({
            t: event.t,
            operation: 'MergeShards',
            detail: `${String(input.ShardToMerge)} + ${String(input.AdjacentShardToMerge)}`,
          });
        return;
      case 'UpdateShardCount':
        if (streamName)
          this.stream(streamName).resharding.push({
            t: event.t,
            operation: 'UpdateShardCount',
            detail: `${String(output.CurrentShardCount ?? '?')} → ${String(input.TargetShardCount)}`,
          });
        return;
      case 'StartStreamEncryption':
      case 'StopStreamEncryption':
        if (streamName) {
          const h = this.stream(streamName);
          h.encryptionOps.push({ t: event.t, operation: event.operation, detail: String(input.KeyId ?? '') });
          this.sampleState(h, event.t, engine);
        }
        return;
      default:
        if (streamName && /Retention/.test(event.operation)) this.sampleState(this.stream(streamName), event.t, engine);
        return;
    }
  }

  /** Records retention and encryption as they stand after an event, when they changed. */
  private sampleState(h: StreamHistory, t: number, engine: Engine): void {
    const s = engine.stream(h.name);
    if (!s) return;
    const lastRet = h.retention[h.retention.length - 1];
    if (!lastRet || lastRet.hours !== s.retentionHours) h.retention.push({ t, hours: s.retentionHours });
    const lastEnc = h.encryption[h.encryption.length - 1];
    if (!lastEnc || lastEnc.type !== s.encryptionType || lastEnc.keyId !== s.keyId) {
      h.encryption.push({ t, type: s.encryptionType, ...(s.keyId !== undefined ? { keyId: s.keyId } : {}) });
    }
  }

  private bucket(h: StreamHistory, shardId: string, t: number): SecondBucket {
    let perShard = h.traffic.get(shardId);
    if (!perShard) h.traffic.set(shardId, (perShard = new Map()));
    const second = Math.floor(t / 1000);
    let b = perShard.get(second);
    if (!b) {
      perShard.set(second, (b = { writeRecords: 0, writeBytes: 0, readCalls: 0, readBytes: 0, throttled: 0 }));
      // Seconds arrive in order, so the oldest buckets are first: keep the last TRAFFIC_SECONDS.
      for (const old of perShard.keys()) {
        if (old > second - TRAFFIC_SECONDS) break;
        perShard.delete(old);
      }
    }
    return b;
  }
}

function sizeOf(data: unknown): number {
  if (data instanceof Uint8Array) return data.byteLength;
  if (typeof data === 'string') return data.length;
  return 0;
}

function streamNameOf(input: Record<string, unknown>, engine: Engine): string | undefined {
  if (typeof input.StreamName === 'string') return input.StreamName;
  if (typeof input.StreamARN === 'string') {
    const name = input.StreamARN.slice(input.StreamARN.indexOf(':stream/') + 8);
    return engine.stream(name) ? name : name || undefined;
  }
  return undefined;
}

/**
 * A history that follows `engine` from now on. If the engine already has commands (a restored or
 * replayed session), they are replayed first into a shadow engine so the past is drawn too.
 */
export function attachHistory(engine: Engine, onEvent?: () => void): { history: ViewHistory; detach: () => void } {
  const history = new ViewHistory();
  const past = engine.commands();
  if (past.length > 0) {
    const shadow = createEngine(engine.options);
    const off = shadow.subscribe((e) => history.ingest(e, shadow));
    for (const c of past) {
      if (c.t > shadow.now()) shadow.advanceTo(c.t);
      try {
        shadow.call(c.operation, c.input);
      } catch {
        /* failed calls are part of the log */
      }
    }
    if (engine.now() > shadow.now()) shadow.advanceTo(engine.now());
    off();
  }
  const detach = engine.subscribe((e) => {
    history.ingest(e, engine);
    onEvent?.();
  });
  return { history, detach };
}
