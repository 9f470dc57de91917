import { consumerArnOf, parseConsumerArn } from '../arn';
import type { Context } from '../context';
import { invalidArgument, resourceInUse, resourceNotFound } from '../errors';
import { streamNotFound } from '../messages';
import type { ConsumerState, StreamState } from '../state';
import { endSubscription } from './subscriptions';

/** Consumers a stream may have registered at once, and how many of them may be CREATING. */
export const MAX_CONSUMERS_PER_STREAM = 20;
export const MAX_CONSUMERS_CREATING = 5;

export const consumerArn = (stream: StreamState, name: string, createdAt: number): string =>
  consumerArnOf(stream.arn, name, createdAt);

export const consumersOf = (stream: StreamState): ConsumerState[] => (stream.consumers ??= []);

export const consumerNotFound = (ctx: Context, what: string) =>
  resourceNotFound(`Consumer ${what} under account ${ctx.account} not found.`);

export const consumerNotActive = (ctx: Context, consumer: ConsumerState) =>
  resourceInUse(
    `Consumer ${consumer.arn} under account ${ctx.account} not ACTIVE, instead in state ${consumer.status}`,
  );

/** The consumer with this exact ARN (a consumer registered again under the same name has a new one). */
export function consumerByArn(ctx: Context, arn: string): { stream: StreamState; consumer: ConsumerState } {
  const parts = parseConsumerArn(arn);
  if (!parts || parts.region !== ctx.options.region || parts.account !== ctx.account) throw consumerNotFound(ctx, arn);
  const stream = ctx.state.streams.get(parts.stream);
  if (stream) ctx.callStream = parts.stream;
  const consumer = stream?.consumers?.find((c) => c.arn === arn);
  if (!stream || !consumer) throw consumerNotFound(ctx, arn);
  return { stream, consumer };
}

export interface ConsumerRef {
  readonly StreamARN?: string | undefined;
  readonly ConsumerName?: string | undefined;
  readonly ConsumerARN?: string | undefined;
}

/**
 * DescribeStreamConsumer and DeregisterStreamConsumer name a consumer by its ARN, or by the stream's
 * ARN and the consumer's name. The ARN wins when both are given.
 */
export function consumerByRef(ctx: Context, ref: ConsumerRef): { stream: StreamState; consumer: ConsumerState } {
  if (ref.ConsumerARN !== undefined) return consumerByArn(ctx, ref.ConsumerARN);
  if (ref.StreamARN === undefined || ref.ConsumerName === undefined) {
    throw invalidArgument('Either ConsumerARN or both ConsumerName and StreamARN must be provided.');
  }
  const stream = streamByArn(ctx, ref.StreamARN);
  const consumer = stream.consumers?.find((c) => c.name === ref.ConsumerName);
  if (!consumer) throw consumerNotFound(ctx, `${ref.ConsumerName} under stream ${stream.name}`);
  return { stream, consumer };
}

/** A stream addressed by ARN only (the consumer and resource APIs). */
export function streamByArn(ctx: Context, arn: string): StreamState {
  const name = ctx.streamNameOf({ StreamARN: arn });
  const stream = ctx.state.streams.get(name);
  if (!stream) throw resourceNotFound(streamNotFound(name, ctx.account));
  ctx.callStream = name;
  return stream;
}

/** Starts a consumer's deregistration: DELETING now, gone after the delete delay; its subscriptions end. */
export function beginDeregistration(ctx: Context, stream: StreamState, consumer: ConsumerState): void {
  const now = ctx.now();
  consumer.status = 'DELETING';
  for (const subscription of consumer.subscriptions) endSubscription(ctx, stream, consumer, subscription, now);
  ctx.schedule(now + ctx.options.timings.deleteStreamMs, {
    kind: 'consumerGone',
    stream: stream.name,
    generation: stream.generation,
    consumerArn: consumer.arn,
  });
}

/** Clock: a CREATING consumer becomes ACTIVE. */
export function activateConsumer(stream: StreamState, arn: string): void {
  const consumer = stream.consumers?.find((c) => c.arn === arn);
  if (consumer?.status === 'CREATING') consumer.status = 'ACTIVE';
}

/** Clock: a DELETING consumer is gone. */
export function removeConsumer(stream: StreamState, arn: string): void {
  if (!stream.consumers) return;
  stream.consumers = stream.consumers.filter((c) => c.arn !== arn || c.status !== 'DELETING');
}
