import type { PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import type { Context } from '../context';
import { invalidArgument, type KinesisError } from '../errors';
import type { ShardState } from '../state';
import { HashKey, PartitionKey } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, required, structure } from '../schema/shapes';
import { noteArrival } from '../retention';
import {
  appendRecord,
  fetchShards,
  groupByRoute,
  keyBytes,
  placeAll,
  writeAllowed,
  writeThrottledError,
  CallNumbers,
} from '../writes';
import { SEQUENCE_DIGITS } from '../core/decimalCursor';
import { checkRecordSize, dataShape, encryptionMember } from './recordShapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** A PutRecords request carries at most 500 records and 5 MiB (data plus partition keys). */
export const PUT_RECORDS_MAX_ENTRIES = 500;
export const PUT_RECORDS_MAX_BYTES = 5 * 1048576;

/** Per-record scratch of one call (calls run one at a time): reused, as typed arrays cost an allocation each. */
const scratch = {
  sizes: new Int32Array(PUT_RECORDS_MAX_ENTRIES),
  fractions: new Float64Array(PUT_RECORDS_MAX_ENTRIES),
  /** Each record's shard, as its place in the routing table's shards. */
  routes: new Int32Array(PUT_RECORDS_MAX_ENTRIES),
  /** The records grouped by shard: the order pass 2 takes them in. */
  order: new Int32Array(PUT_RECORDS_MAX_ENTRIES),
  numbers: new CallNumbers(),
  keyBytes: new Int32Array(PUT_RECORDS_MAX_ENTRIES),
  /** What fetchShards read (kept so that its reads happen). */
  fetched: 0,
};

export const putRecords = defineOperation({
  name: 'PutRecords',
  group: 'records',
  doc: 'Writes up to 500 records in one call; each succeeds or fails on its own.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    structure({
      ...streamRef(profile),
      Records: required({
        type: 'list',
        min: 1,
        max: PUT_RECORDS_MAX_ENTRIES,
        memberText: 'com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@c965e310',
        doc: 'The records: Data, PartitionKey and optionally ExplicitHashKey each.',
        member: reportedIn(
          ['PartitionKey', 'ExplicitHashKey', 'Data'],
          structure({
            Data: required(dataShape(profile)),
            ExplicitHashKey: { ...HashKey, doc: "Overrides the partition key's hash." },
            PartitionKey: required(PartitionKey),
          }),
        ),
      }),
    }),
  run(ctx, input) {
    const stream = ctx.readableStream(input);
    const entries = input.Records!;
    const count = entries.length;
    const now = ctx.now();
    // Pass 1: everything that fails the whole request, before any record is written.
    const { sizes, fractions, routes, order, keyBytes: keyByteCounts } = scratch;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const entry = entries[i]!;
      const keyByteCount = keyBytes(entry.PartitionKey!);
      keyByteCounts[i] = keyByteCount;
      const bytes = entry.Data!.length + keyByteCount;
      checkRecordSize(ctx, stream, bytes);
      sizes[i] = bytes;
      total += bytes;
    }
    if (total > PUT_RECORDS_MAX_BYTES) {
      throw invalidArgument(`Records size exceeds 5 MB limit. Records size: ${total} bytes.`);
    }
    const { shards } = placeAll(stream, entries, routes, fractions, keyByteCounts);

    // Pass 2: each record succeeds or fails on its own, shard by shard (each shard's in call order).
    let failed = 0;
    let throttled = false;
    let encryptionOfCall = 0;
    const results = new Array<PutRecordsResultEntry>(count);
    const numbers = scratch.numbers.start(count);
    groupByRoute(routes, count, shards.length, order);
    scratch.fetched = fetchShards(shards, routes, count);
    // A shard's records of this call are appended one after another: one event per shard.
    const feed = ctx.listening ? new WrittenFeed(ctx, stream.name, now) : undefined;
    let throttledShard: ShardState | undefined;
    let throttledError: KinesisError | undefined;
    for (let k = 0; k < count; k++) {
      const i = order[k]!;
      const shard = shards[routes[i]!]!;
      const bytes = sizes[i]!;
      let failure;
      if (writeAllowed(ctx, shard, bytes, now)) failure = ctx.kms.writeFailure(stream, shard);
      else {
        // A shard's records come one after another: one refusal made per shard, not per record.
        if (throttledShard !== shard) throttledError = writeThrottledError(ctx, stream, (throttledShard = shard));
        failure = throttledError;
      }
      if (failure) {
        failed++;
        if (failure.name === 'ProvisionedThroughputExceededException') throttled = true;
        else feed?.failed(shard.id, failure.name);
        results[i] = { ErrorCode: failure.name, ErrorMessage: failure.message };
        continue;
      }
      const entry = entries[i]!;
      const encryption = ctx.kms.encryptionForWrite(stream, shard);
      if (encryption > encryptionOfCall) encryptionOfCall = encryption;
      feed?.written(shard.id, shard.records.length, bytes);
      appendRecord(
        ctx,
        shard,
        now,
        fractions[i]!,
        entry.PartitionKey!,
        entry.Data!,
        bytes,
        encryption,
        undefined,
        numbers,
        i,
      );
    }
    feed?.flush();
    // The written records are those without a result yet.
    const text = numbers.text(count);
    for (let i = 0; i < count; i++) {
      if (results[i] === undefined)
        results[i] = {
          SequenceNumber: text.slice(i * SEQUENCE_DIGITS, (i + 1) * SEQUENCE_DIGITS),
          ShardId: shards[routes[i]!]!.id,
        };
    }
    if (failed < count) noteArrival(ctx, stream);
    // One event per throttled shard, in the order of their first throttled record.
    const throttledPerShard = new Map<string, number>();
    for (let i = 0; throttled && i < count; i++) {
      if (results[i]!.ErrorCode !== 'ProvisionedThroughputExceededException') continue;
      const shardId = shards[routes[i]!]!.id;
      throttledPerShard.set(shardId, (throttledPerShard.get(shardId) ?? 0) + 1);
    }
    for (const [shardId, throttledCount] of throttledPerShard) {
      ctx.noteFailedRecords('ProvisionedThroughputExceededException', throttledCount);
      ctx.emit({
        type: 'throttled',
        t: now,
        stream: stream.name,
        shardId,
        operation: 'PutRecords',
        direction: 'write',
        count: throttledCount,
      });
    }
    return { FailedRecordCount: failed, Records: results, ...encryptionMember(encryptionOfCall) };
  },
});

/**
 * Gathers one PutRecords call's feed events as its records are taken shard by shard: a
 * recordsWritten per shard (its records are contiguous positions), and a failed event per shard
 * and error code for records refused other than by throttling (throttling has its own event).
 */
class WrittenFeed {
  private shardId: string | undefined;
  private from = 0;
  private count = 0;
  private bytes = 0;
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly ctx: Context,
    private readonly stream: string,
    private readonly now: number,
  ) {}

  written(shardId: string, position: number, bytes: number): void {
    if (shardId !== this.shardId) {
      this.flushWritten();
      this.shardId = shardId;
      this.from = position;
    }
    this.count++;
    this.bytes += bytes;
  }

  failed(shardId: string, errorCode: string): void {
    const key = `${shardId}\u0000${errorCode}`;
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }

  flush(): void {
    this.flushWritten();
    for (const [key, count] of this.failures) {
      const [shardId, errorCode] = key.split('\u0000') as [string, string];
      this.ctx.noteFailedRecords(errorCode, count);
      this.ctx.emit({
        type: 'failed',
        t: this.now,
        stream: this.stream,
        shardId,
        operation: 'PutRecords',
        errorCode,
        direction: 'write',
        count,
      });
    }
  }

  private flushWritten(): void {
    if (this.shardId === undefined || this.count === 0) return;
    this.ctx.emit({
      type: 'recordsWritten',
      t: this.now,
      stream: this.stream,
      shardId: this.shardId,
      operation: 'PutRecords',
      from: this.from,
      count: this.count,
      bytes: this.bytes,
    });
    this.count = 0;
    this.bytes = 0;
  }
}
