import type { Consumer } from '@aws-sdk/client-kinesis';
import type { Context } from '../context';
import { openToken, sealToken } from '../core/tokens';
import { KinesisError, invalidArgument, limitExceeded, resourceInUse, resourceNotFound } from '../errors';
import { streamNotActive, streamNotFound } from '../messages';
import {
  MAX_CONSUMERS_CREATING,
  MAX_CONSUMERS_PER_STREAM,
  beginDeregistration,
  consumerArn,
  consumerByRef,
  consumersOf,
  streamByArn,
} from '../consumers/consumers';
import { StreamARN, TagKey, TagValue } from '../schema/common';
import { required, structure, type StringShape } from '../schema/shapes';
import type { ConsumerState, StreamState } from '../state';
import { CURRENT_ONLY, defineOperation } from './types';

export const ConsumerName: StringShape = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[a-zA-Z0-9_.-]+',
  doc: "The consumer's name, unique within its stream (letters, digits, _ . -).",
};
export const ConsumerARN: StringShape = {
  type: 'string',
  min: 1,
  max: 2048,
  pattern: '^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+',
  doc: "The consumer's ARN, as RegisterStreamConsumer returned it.",
};

/** A ListStreamConsumers NextToken stops working this long after it was issued. */
export const CONSUMER_TOKEN_LIFETIME_MS = 300_000;
const DEFAULT_MAX_RESULTS = 100;

const describeConsumer = (consumer: ConsumerState): Consumer => ({
  ConsumerName: consumer.name,
  ConsumerARN: consumer.arn,
  ConsumerStatus: consumer.status,
  ConsumerCreationTimestamp: new Date(consumer.createdAt),
});

const VALID_TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;

export const registerStreamConsumer = defineOperation({
  name: 'RegisterStreamConsumer',
  group: 'consumers',
  doc: 'Registers an enhanced fan-out consumer (CREATING, then ACTIVE); up to 20 per stream.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      StreamARN: required(StreamARN),
      ConsumerName: required(ConsumerName),
      Tags: { type: 'map', min: 1, max: 50, key: TagKey, value: TagValue, doc: 'Tags to put on the new consumer.' },
    }),
  run(ctx, input) {
    const stream = streamByArn(ctx, input.StreamARN!);
    if (stream.status !== 'ACTIVE' && stream.status !== 'UPDATING') {
      throw resourceInUse(streamNotActive(stream.name, ctx.account, stream.status));
    }
    const consumers = stream.consumers ?? [];
    const name = input.ConsumerName!;
    if (consumers.some((c) => c.name === name)) {
      throw resourceInUse(`Consumer ${name} under stream ${stream.name} under account ${ctx.account} already exists.`);
    }
    if (consumers.length >= MAX_CONSUMERS_PER_STREAM) {
      throw limitExceeded(
        `Stream ${stream.name} under account ${ctx.account} already has ${MAX_CONSUMERS_PER_STREAM} registered consumers, the maximum allowed.`,
      );
    }
    if (consumers.filter((c) => c.status === 'CREATING').length >= MAX_CONSUMERS_CREATING) {
      throw limitExceeded(
        `Stream ${stream.name} under account ${ctx.account} already has ${MAX_CONSUMERS_CREATING} consumers in CREATING state, the maximum allowed at once.`,
      );
    }
    const tags = Object.entries(input.Tags ?? {});
    if (tags.some(([key, value]) => !VALID_TAG.test(key) || !VALID_TAG.test(value))) {
      throw invalidArgument(
        'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
      );
    }
    const now = ctx.now();
    const consumer: ConsumerState = {
      name,
      arn: consumerArn(stream, name, now),
      createdAt: now,
      status: 'CREATING',
      tags: new Map(tags),
      subscriptions: [],
    };
    consumersOf(stream).push(consumer);
    ctx.schedule(now + ctx.options.timings.createStreamMs, {
      kind: 'consumerActive',
      stream: stream.name,
      generation: stream.generation,
      consumerArn: consumer.arn,
    });
    return { Consumer: describeConsumer(consumer) };
  },
});

const consumerRefInput = () =>
  structure({
    StreamARN: { ...StreamARN, doc: "The stream's ARN (with ConsumerName, instead of ConsumerARN)." },
    ConsumerName: { ...ConsumerName, doc: "The consumer's name (with StreamARN, instead of ConsumerARN)." },
    ConsumerARN,
  });

export const deregisterStreamConsumer = defineOperation({
  name: 'DeregisterStreamConsumer',
  group: 'consumers',
  doc: 'Deregisters a consumer: DELETING for a while, then gone; its subscriptions end.',
  profiles: CURRENT_ONLY,
  input: consumerRefInput,
  run(ctx, input) {
    const { stream, consumer } = consumerByRef(ctx, input);
    if (consumer.status !== 'ACTIVE') {
      throw resourceInUse(
        `Consumer ${consumer.arn} under account ${ctx.account} not ACTIVE, instead in state ${consumer.status}`,
      );
    }
    beginDeregistration(ctx, stream, consumer);
    return {};
  },
});

export const describeStreamConsumer = defineOperation({
  name: 'DescribeStreamConsumer',
  group: 'consumers',
  doc: 'Describes one consumer, named by its ARN or by stream ARN and name.',
  profiles: CURRENT_ONLY,
  input: consumerRefInput,
  run(ctx, input) {
    const { stream, consumer } = consumerByRef(ctx, input);
    return { ConsumerDescription: { ...describeConsumer(consumer), StreamARN: stream.arn } };
  },
});

export const listStreamConsumers = defineOperation({
  name: 'ListStreamConsumers',
  group: 'consumers',
  doc: "Lists a stream's consumers in registration order, a page at a time.",
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      StreamARN: required(StreamARN),
      NextToken: { type: 'string', min: 1, max: 1048576, doc: 'The token a previous page returned.' },
      MaxResults: { type: 'integer', min: 1, max: 10000, doc: 'Most consumers to return (default and at most 100).' },
      StreamCreationTimestamp: { type: 'timestamp', doc: 'Tells apart streams that had the same name.' },
    }),
  run(ctx, input) {
    const stream = streamByArn(ctx, input.StreamARN!);
    if (input.StreamCreationTimestamp !== undefined && input.StreamCreationTimestamp.getTime() !== stream.createdAt) {
      throw resourceNotFound(streamNotFound(stream.name, ctx.account));
    }
    const consumers = stream.consumers ?? [];
    let start = 0;
    if (input.NextToken !== undefined) start = openNextToken(ctx, stream, input.NextToken);
    const size = Math.min(input.MaxResults ?? DEFAULT_MAX_RESULTS, DEFAULT_MAX_RESULTS);
    const page = consumers.slice(start, start + size);
    const more = start + page.length < consumers.length;
    return {
      Consumers: page.map(describeConsumer),
      ...(more
        ? {
            NextToken: sealToken(ctx.tokenSecret, 'consumers', [
              stream.generation,
              start + page.length,
              ctx.now(),
              stream.name,
            ]),
          }
        : {}),
    };
  },
});

function openNextToken(ctx: Context, stream: StreamState, token: string): number {
  const fields = openToken(ctx.tokenSecret, 'consumers', token);
  if (!fields || fields.length < 4) throw invalidArgument('Invalid NextToken.');
  const [generation, next, issuedAt, ...nameParts] = fields;
  if (nameParts.join('/') !== stream.name || Number(generation) !== stream.generation)
    throw invalidArgument('Invalid NextToken.');
  if (ctx.now() - Number(issuedAt) > CONSUMER_TOKEN_LIFETIME_MS) {
    throw new KinesisError(
      'ExpiredNextTokenException',
      'The NextToken has expired. A NextToken is valid for 300 seconds.',
    );
  }
  return Number(next);
}
