import { parseStreamArn, streamArnOf } from './arn';
import { schedule } from './core/clock';
import { trimHorizonTimeAt } from './facts';
import { KmsGate } from './kms/gate';
import { invalidArgument, resourceInUse, resourceNotFound } from './errors';
import type { EngineListener, NewEngineEvent } from './events';
import { shardNotFoundIn, streamNotActive, streamNotFound } from './messages';
import { shardIdOf } from './shards';
import type { EngineOptions } from './options';
import type { ClockEvent, EngineState, ShardState, StreamState } from './state';

/** What an operation may address its stream by. */
export interface StreamRef {
  readonly StreamName?: string | undefined;
  readonly StreamARN?: string | undefined;
}

/**
 * The engine's inside, as operations see it: options, state, the clock, the event log, and the
 * lookups and checks every operation words the same way.
 */
export class Context {
  private nextSeq = 0;
  readonly kms: KmsGate = new KmsGate(this);

  constructor(
    readonly options: EngineOptions,
    public state: EngineState,
    private readonly listeners: Set<EngineListener>,
  ) {}

  /** Keys the MACs of iterators and page tokens: tokens from another engine do not open here. */
  get tokenSecret(): string {
    return `shardscope:${this.options.seed}:${this.options.accountId}:${this.options.region}`;
  }

  get account(): string {
    return this.options.accountId;
  }

  now(): number {
    return this.state.clock.now;
  }

  /**
   * Whether anyone listens to the event feed. Events that would cost an object per shard of a
   * call (records written, per-shard failures) are built only when someone does.
   */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  emit(event: NewEngineEvent): void {
    const seq = this.nextSeq++;
    if (this.listeners.size === 0) return;
    const full = { ...event, seq } as Parameters<EngineListener>[0];
    for (const listener of this.listeners) listener(full);
  }

  /** The stream the running call resolved to, for its call event (set by the lookups below). */
  callStream: string | undefined;
  /** The running call's failed records by error code (PutRecords), for its call event. */
  callFailures: Record<string, number> | undefined;

  /** Clears what the previous call noted. */
  beginCall(): void {
    this.callStream = undefined;
    this.callFailures = undefined;
  }

  noteFailedRecords(errorCode: string, count: number): void {
    const failures = (this.callFailures ??= {});
    failures[errorCode] = (failures[errorCode] ?? 0) + count;
  }

  schedule(at: number, event: ClockEvent): void {
    schedule(this.state.clock, at, event);
  }

  streamArn(name: string): string {
    return streamArnOf(this.options.region, this.account, name);
  }

  /** The stream named by StreamName or StreamARN, or ResourceNotFoundException. */
  stream(ref: StreamRef): StreamState {
    const name = this.streamNameOf(ref);
    const stream = this.state.streams.get(name);
    if (!stream) throw resourceNotFound(streamNotFound(name, this.account));
    this.callStream = name;
    return stream;
  }

  streamNameOf(ref: StreamRef): string {
    if (ref.StreamName !== undefined) {
      if (ref.StreamARN !== undefined && ref.StreamARN !== this.streamArn(ref.StreamName)) {
        throw invalidArgument('StreamARN and StreamName do not match.');
      }
      return ref.StreamName;
    }
    if (ref.StreamARN !== undefined) {
      const parts = parseStreamArn(ref.StreamARN);
      if (!parts || parts.region !== this.options.region || parts.account !== this.account) {
        throw resourceNotFound(streamNotFound(ref.StreamARN, this.account));
      }
      return parts.stream;
    }
    throw invalidArgument('Either StreamName or StreamARN should be provided.');
  }

  /** Data calls (reads and writes) see a stream only once it is ACTIVE or UPDATING. */
  readableStream(ref: StreamRef): StreamState {
    const stream = this.stream(ref);
    if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') {
      throw resourceNotFound(streamNotFound(stream.name, this.account));
    }
    return stream;
  }

  /** Control calls that need the stream ACTIVE. */
  activeStream(ref: StreamRef): StreamState {
    const stream = this.stream(ref);
    if (stream.status !== 'ACTIVE') throw resourceInUse(streamNotActive(stream.name, this.account, stream.status));
    return stream;
  }

  /** Shard lookups parse leniently: everything after the first '-' is a decimal index. */
  shardIndexOf(given: string): number | undefined {
    const dash = given.indexOf('-');
    const digits = dash === -1 ? given : given.slice(dash + 1);
    if (!/^\d+$/.test(digits)) return undefined;
    const index = Number(digits);
    return index <= 2147483647 ? index : undefined;
  }

  /**
   * A shard id's index, read before the stream is looked up: an unreadable id is "Could not find
   * shard <id as given>" even when the stream does not exist.
   */
  shardIndexIn(ref: StreamRef, given: string): number {
    const index = this.shardIndexOf(given);
    if (index === undefined) throw resourceNotFound(shardNotFoundIn(given, this.streamNameOf(ref), this.account));
    return index;
  }

  /** The shard, or ResourceNotFoundException "Could not find shard ..." naming a readable id in full. */
  shard(stream: StreamState, given: string): ShardState {
    const index = this.shardIndexOf(given);
    if (index === undefined) throw resourceNotFound(shardNotFoundIn(given, stream.name, this.account));
    const shard = stream.shards[index];
    if (!shard || this.isExpired(stream, shard))
      throw resourceNotFound(shardNotFoundIn(shardIdOf(index), stream.name, this.account));
    return shard;
  }

  openShards(stream: StreamState): ShardState[] {
    return stream.shards.filter((shard) => shard.closedAt === undefined);
  }

  /** Records older than this instant are gone. */
  trimHorizonTime(stream: StreamState): number {
    return trimHorizonTimeAt(stream, this.now());
  }

  /** A closed shard expires once its close is older than the retention period. */
  isExpired(stream: StreamState, shard: ShardState): boolean {
    return shard.closedAt !== undefined && shard.closedAt < this.trimHorizonTime(stream);
  }

  /** Shards the API still lists (not expired), in index order. */
  visibleShards(stream: StreamState): ShardState[] {
    return stream.shards.filter((shard) => !this.isExpired(stream, shard));
  }

  /** Open shards across every stream of the account, as the shard limit counts them. */
  accountOpenShardCount(): number {
    let count = 0;
    for (const stream of this.state.streams.values()) {
      count += stream.status === 'CREATING' ? stream.shardCountAtCreation : this.openShards(stream).length;
    }
    return count;
  }
}
