import type { SubscribeToShardEvent } from '@aws-sdk/client-kinesis';
import { KinesisError, resourceInUse, resourceNotFound } from '../errors';
import { shardNotFoundIn } from '../messages';
import { consumerByArn } from '../consumers/consumers';
import {
  SUBSCRIPTION_LIFETIME_MS,
  SUBSCRIPTION_TAKEOVER_MS,
  endSubscription,
  eventOf,
  pushEvent,
  scheduleTick,
} from '../consumers/subscriptions';
import { SequenceNumber, ShardId } from '../schema/common';
import { required, structure } from '../schema/shapes';
import type { IteratorType, SubscriptionState } from '../state';
import { startPosition } from '../positions';
import { ConsumerARN } from './consumers';
import { ITERATOR_TYPES } from './getShardIterator';
import { CURRENT_ONLY, defineOperation } from './types';

/**
 * The engine's answer to SubscribeToShard: the subscription's first event, as the event stream's
 * `SubscribeToShardEvent` member. Later events are pushed on the clock (see consumers/subscriptions.ts).
 */
export interface SubscribeToShardEngineOutput {
  SubscribeToShardEvent: SubscribeToShardEvent;
}

export const subscribeToShard = defineOperation({
  name: 'SubscribeToShard',
  group: 'consumers',
  doc: 'Subscribes a consumer to a shard: records are pushed to it for 5 minutes.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      ConsumerARN: required(ConsumerARN),
      ShardId: required(ShardId),
      StartingPosition: required({
        type: 'structure',
        doc: 'Where to start reading, as for GetShardIterator.',
        members: {
          Type: required({
            type: 'string',
            enum: ITERATOR_TYPES,
            doc: 'TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER or AT_TIMESTAMP.',
          }),
          SequenceNumber: { ...SequenceNumber, doc: 'For AT_ / AFTER_SEQUENCE_NUMBER.' },
          Timestamp: { type: 'timestamp', doc: 'For AT_TIMESTAMP.' },
        },
      }),
      DryRun: { type: 'boolean', doc: 'Check the request without subscribing.' },
    }),
  run(ctx, input) {
    const { stream, consumer } = consumerByArn(ctx, input.ConsumerARN!);
    if (consumer.status !== 'ACTIVE') {
      throw resourceInUse(
        `Consumer ${consumer.arn} under account ${ctx.account} not ACTIVE, instead in state ${consumer.status}`,
      );
    }
    if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') {
      throw resourceNotFound(`Stream ${stream.name} under account ${ctx.account} not found.`);
    }
    const given = input.ShardId!;
    const index = ctx.shardIndexOf(given);
    const shard = index === undefined ? undefined : stream.shards[index];
    if (!shard || ctx.isExpired(stream, shard))
      throw resourceNotFound(shardNotFoundIn(given, stream.name, ctx.account));
    const now = ctx.now();
    const live = consumer.subscriptions.find(
      (s) => s.shardIndex === shard.index && s.endedAt === undefined && s.expiresAt > now,
    );
    if (live && now - live.startedAt < SUBSCRIPTION_TAKEOVER_MS) {
      throw resourceInUse(
        `Another active subscription exists for consumer ${consumer.arn} on shard ${shard.id} in stream ${stream.name} under account ${ctx.account}.`,
      );
    }
    const start = input.StartingPosition!;
    const position = startPosition(
      ctx,
      'SubscribeToShard',
      stream,
      shard,
      start.Type as IteratorType,
      start.SequenceNumber,
      start.Timestamp,
    );
    if (input.DryRun)
      throw new KinesisError('DryRunOperationException', 'Request would have succeeded, but DryRun flag is set.');

    // A later subscription takes over: the earlier one ends now.
    if (live) endSubscription(ctx, stream, consumer, live, now);
    // Forget subscriptions that ended more than a lifetime ago.
    consumer.subscriptions = consumer.subscriptions.filter(
      (s) => s.endedAt === undefined || s.endedAt > now - SUBSCRIPTION_LIFETIME_MS,
    );
    const subscription: SubscriptionState = {
      id: (ctx.state.nextSubscriptionId ??= 1),
      shardIndex: shard.index,
      startedAt: now,
      expiresAt: now + SUBSCRIPTION_LIFETIME_MS,
      position,
      events: [],
    };
    ctx.state.nextSubscriptionId = subscription.id + 1;
    consumer.subscriptions.push(subscription);
    const first = pushEvent(ctx, stream, consumer, subscription);
    scheduleTick(ctx, stream, consumer, subscription);
    return { SubscribeToShardEvent: eventOf(stream, subscription, first) };
  },
});
