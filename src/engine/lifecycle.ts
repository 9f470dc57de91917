import { forgetRecords } from './budget';
import { announceSettings } from './settingsEvents';
import type { Context } from './context';
import { activateConsumer, removeConsumer } from './consumers/consumers';
import { tickSubscription } from './consumers/subscriptions';
import { mergeTowards, merge, split, splitTowards } from './resharding';
import { runTrimCheck } from './retention';
import { evenRanges, openShard } from './shards';
import type { ClockEvent, StreamState } from './state';
import { finishUpdate } from './updates';

/** Keeps expired iterators this long after expiry, so views can fade them out. */
const EXPIRED_ITERATOR_MEMORY_MS = 60_000;

/** Fires one event of the engine's clock. `at` is its scheduled time (the clock already shows it). */
export function fire(ctx: Context, event: ClockEvent, at: number): void {
  if (event.kind === 'iteratorExpiry') return expireIterator(ctx, event.iteratorId);
  if (event.kind === 'kmsKeyDeleted') return deleteKey(ctx, event.slot);
  const stream = ctx.state.streams.get(event.stream);
  if (!stream || stream.generation !== event.generation) return; // the stream it was for is gone
  switch (event.kind) {
    case 'streamActive':
      return activate(ctx, stream);
    case 'streamGone':
      forgetRecords(ctx, stream);
      ctx.state.streams.delete(stream.name);
      ctx.emit({ type: 'streamStatus', t: at, stream: stream.name, status: 'DELETED', previous: 'DELETING' });
      return;
    case 'updateDone':
      return completeUpdate(ctx, stream, event.phase);
    case 'trimCheck':
      return runTrimCheck(ctx, stream, at);
    case 'encryptionReachesShard':
      return ctx.kms.reachShard(stream, event.epoch, event.shardIndex);
    case 'consumerActive':
      return activateConsumer(stream, event.consumerArn);
    case 'consumerGone':
      return removeConsumer(stream, event.consumerArn);
    case 'subscriptionTick':
      return tickSubscription(ctx, stream, event.consumerArn, event.subscriptionId);
  }
}

function activate(ctx: Context, stream: StreamState): void {
  // A stream deleted while it was being created never becomes ACTIVE.
  if (stream.status !== 'CREATING') return;
  for (const [start, end] of evenRanges(stream.shardCountAtCreation)) {
    openShard(ctx, stream, { startingHashKey: start, endingHashKey: end });
  }
  stream.status = 'ACTIVE';
  ctx.emit({ type: 'streamStatus', t: ctx.now(), stream: stream.name, status: 'ACTIVE', previous: 'CREATING' });
}

function completeUpdate(ctx: Context, stream: StreamState, phase: 'splits' | 'merges' | undefined): void {
  const update = stream.pending;
  if (!update) return;
  switch (update.kind) {
    case 'SplitShard':
      split(ctx, stream, ctx.shard(stream, update.shardId), BigInt(update.newStartingHashKey));
      break;
    case 'MergeShards':
      merge(ctx, stream, ctx.shard(stream, update.shardId), ctx.shard(stream, update.adjacentShardId));
      break;
    case 'UpdateShardCount':
      if (phase === 'splits') return splitTowards(ctx, stream, update.fromShardCount, update.targetShardCount);
      mergeTowards(ctx, stream, update.fromShardCount, update.targetShardCount);
      break;
    case 'UpdateStreamMode':
      stream.streamMode = update.streamMode;
      announceSettings(ctx, stream);
      break;
    case 'UpdateStreamWarmThroughput':
      stream.warmThroughputMiBps = update.targetMiBps;
      announceSettings(ctx, stream);
      break;
    case 'StartStreamEncryption':
    case 'StopStreamEncryption':
      ctx.kms.completeEncryptionChange(stream, update);
      break;
  }
  finishUpdate(ctx, stream);
}

function deleteKey(ctx: Context, slot: number): void {
  const key = ctx.state.kms.keys[slot];
  if (key?.state === 'PendingDeletion' && key.deletionAt === ctx.now()) key.state = 'Deleted';
}

function expireIterator(ctx: Context, id: number): void {
  const iterator = ctx.state.iterators.get(id);
  if (!iterator) return;
  iterator.expired = true;
  ctx.emit({
    type: 'iteratorExpired',
    t: ctx.now(),
    stream: iterator.streamName,
    shardId: iterator.shardId,
    iteratorId: id,
  });
  // Forget iterators that expired long enough ago (the map is ordered by id, so by issue time).
  for (const [otherId, other] of ctx.state.iterators) {
    if (!other.expired || other.expiresAt > ctx.now() - EXPIRED_ITERATOR_MEMORY_MS) break;
    ctx.state.iterators.delete(otherId);
  }
}
