import type { SubscribeToShardEvent, _Record } from '@aws-sdk/client-kinesis';
import { encryptionMember } from '../operations/recordShapes';
import type { Context } from '../context';
import { childShardsOf } from '../describe';
import type { ConsumerState, StreamState, SubscriptionEventState, SubscriptionState } from '../state';

/**
 * Enhanced fan-out subscriptions (SubscribeToShard), server-push like the real service:
 *
 * - SubscribeToShard opens a subscription and returns its first event at once.
 * - After that the subscription pushes one event per virtual second on the engine's clock
 *   ('subscriptionTick'), each with the records that arrived since the previous one (up to 2 MiB,
 *   the per-consumer per-shard enhanced fan-out rate), until 5 minutes have passed, the consumer
 *   subscribes again to the same shard (takeover), the consumer is deregistered, or a closed shard
 *   has been read to its end (only that last event names the ChildShards).
 * - The pushed events live in the state as record ranges (`SubscriptionState.events`), so they are
 *   a pure function of the timed calls: replays and snapshots give the same events, and nothing
 *   has to be logged to pull them. Read them with `subscriptionEvents(engine.stream(name), ...)`.
 */
export const SUBSCRIPTION_LIFETIME_MS = 300_000;
export const SUBSCRIPTION_PUSH_INTERVAL_MS = 1_000;
/** A second SubscribeToShard for the same consumer and shard within this time is refused. */
export const SUBSCRIPTION_TAKEOVER_MS = 5_000;
/** Enhanced fan-out reads up to 2 MiB per second per consumer per shard. */
export const FAN_OUT_BYTES_PER_SECOND = 2 * 1048576;
const MAX_RECORDS_PER_EVENT = 10_000;

/** Reads the next event of a subscription at the current instant and records it. */
export function pushEvent(
  ctx: Context,
  stream: StreamState,
  consumer: ConsumerState,
  subscription: SubscriptionState,
): SubscriptionEventState {
  const shard = stream.shards[subscription.shardIndex]!;
  const records = shard.records;
  const from = Math.max(subscription.position, records.firstAtOrAfter(ctx.trimHorizonTime(stream)));
  const { next, bytes } = records.span(from, MAX_RECORDS_PER_EVENT, FAN_OUT_BYTES_PER_SECOND);
  const atEnd = next >= records.length;
  const final = atEnd && shard.closedAt !== undefined;
  // Where the reader has got to as of now, not the last record's number: it moves on while
  // nothing is written, and a subscription AFTER it starts with the first record not sent yet.
  const continuation = records.sequenceNumberBefore(next, ctx.now());
  const event: SubscriptionEventState = {
    at: ctx.now(),
    from,
    to: next,
    millisBehindLatest: atEnd ? 0 : Math.max(0, ctx.now() - records.arrival(next)),
    continuationSequenceNumber: continuation,
    final,
  };
  subscription.position = next;
  subscription.events.push(event);
  ctx.emit({
    type: 'recordsRead',
    t: event.at,
    stream: stream.name,
    shardId: shard.id,
    via: 'SubscribeToShard',
    from,
    count: next - from,
    bytes,
    next,
    millisBehindLatest: event.millisBehindLatest,
    consumerArn: consumer.arn,
    subscriptionId: subscription.id,
  });
  if (final) endSubscription(ctx, stream, consumer, subscription, ctx.now());
  return event;
}

/** Stops a subscription at `at` (if it still runs) and says so on the event feed. */
export function endSubscription(
  ctx: Context,
  stream: StreamState,
  consumer: ConsumerState,
  subscription: SubscriptionState,
  at: number,
): void {
  if (subscription.endedAt !== undefined) return;
  subscription.endedAt = at;
  ctx.emit({
    type: 'subscriptionEnded',
    t: ctx.now(),
    stream: stream.name,
    shardId: stream.shards[subscription.shardIndex]!.id,
    consumerArn: consumer.arn,
    subscriptionId: subscription.id,
  });
}

/** Clock: the subscription pushes its next event, or ends. */
export function tickSubscription(ctx: Context, stream: StreamState, consumerArn: string, id: number): void {
  const consumer = stream.consumers?.find((c) => c.arn === consumerArn);
  const subscription = consumer?.subscriptions.find((s) => s.id === id);
  if (!consumer || !subscription || subscription.endedAt !== undefined) return;
  const now = ctx.now();
  if (consumer.status !== 'ACTIVE' || now >= subscription.expiresAt) {
    endSubscription(ctx, stream, consumer, subscription, Math.min(now, subscription.expiresAt));
    return;
  }
  pushEvent(ctx, stream, consumer, subscription);
  scheduleTick(ctx, stream, consumer, subscription);
}

export function scheduleTick(
  ctx: Context,
  stream: StreamState,
  consumer: ConsumerState,
  subscription: SubscriptionState,
): void {
  if (subscription.endedAt !== undefined) return;
  ctx.schedule(Math.min(ctx.now() + SUBSCRIPTION_PUSH_INTERVAL_MS, subscription.expiresAt), {
    kind: 'subscriptionTick',
    stream: stream.name,
    generation: stream.generation,
    consumerArn: consumer.arn,
    subscriptionId: subscription.id,
  });
}

const toRecord = (
  SequenceNumber: string,
  arrival: number,
  Data: Uint8Array,
  PartitionKey: string,
  encryption: number,
): _Record => ({
  SequenceNumber,
  ApproximateArrivalTimestamp: new Date(arrival),
  Data,
  PartitionKey,
  ...encryptionMember(encryption),
});

/** One recorded event in the SDK's shape (SubscribeToShardEventStream's SubscribeToShardEvent member). */
export function eventOf(
  stream: StreamState,
  subscription: SubscriptionState,
  event: SubscriptionEventState,
): SubscribeToShardEvent {
  const shard = stream.shards[subscription.shardIndex]!;
  const { records } = shard.records.readFrom(event.from, event.to - event.from, Number.MAX_SAFE_INTEGER, toRecord);
  if (event.final) {
    return {
      Records: records,
      MillisBehindLatest: event.millisBehindLatest,
      ChildShards: childShardsOf(stream, shard),
    } as SubscribeToShardEvent;
  }
  return {
    Records: records,
    ContinuationSequenceNumber: event.continuationSequenceNumber,
    MillisBehindLatest: event.millisBehindLatest,
  };
}

/** What a subscriber has received: a subscription's events in the SDK's shape. */
export interface SubscriptionView {
  readonly shardId: string;
  readonly startedAt: number;
  readonly expiresAt: number;
  readonly endedAt?: number;
  readonly events: readonly (SubscribeToShardEvent & { readonly at: number })[];
}

/**
 * The events pushed so far to a consumer's subscriptions (oldest subscription first), optionally
 * for one shard and only those at or after `since` (virtual ms). Read-only: call it on
 * `engine.stream(name)` after advancing the clock.
 */
export function subscriptionEvents(
  stream: StreamState | undefined,
  consumerArn: string,
  options: { shardId?: string; since?: number } = {},
): SubscriptionView[] {
  const consumer = stream?.consumers?.find((c) => c.arn === consumerArn);
  if (!stream || !consumer) return [];
  return consumer.subscriptions
    .filter((s) => options.shardId === undefined || stream.shards[s.shardIndex]?.id === options.shardId)
    .map((s) => ({
      shardId: stream.shards[s.shardIndex]!.id,
      startedAt: s.startedAt,
      expiresAt: s.expiresAt,
      ...(s.endedAt !== undefined ? { endedAt: s.endedAt } : {}),
      events: s.events
        .filter((e) => options.since === undefined || e.at >= options.since)
        .map((e) => ({ ...eventOf(stream, s, e), at: e.at })),
    }));
}
