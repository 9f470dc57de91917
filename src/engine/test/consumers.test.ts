import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DescribeStreamConsumerInput } from '@aws-sdk/client-kinesis';
import { isKinesisError, type Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  digest,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notActive,
} from '../test/helpers';

const register = (engine: Engine, name = 'c', stream = 's') =>
  engine.call('RegisterStreamConsumer', { StreamARN: arnOf(stream), ConsumerName: name }).Consumer!;
const describeConsumer = (engine: Engine, input: DescribeStreamConsumerInput) =>
  engine.call('DescribeStreamConsumer', input).ConsumerDescription!;
const summary = (engine: Engine) => engine.call('DescribeStreamSummary', { StreamName: 's' }).StreamDescriptionSummary!;

/** An engine with stream 's' ACTIVE and consumer 'c' registered and ACTIVE. */
function withConsumer(): { engine: Engine; arn: string } {
  const engine = newEngine();
  activeStream(engine);
  const arn = register(engine).ConsumerARN!;
  engine.advanceBy(engine.options.timings.createStreamMs);
  return { engine, arn };
}

describe('enhanced fan-out consumers', () => {
  describe('serialization', () => {
    it('should return SerializationException when ConsumerName is a number', () => {
      expectError(
        () => newEngine().call('RegisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 5 }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
    it('should return SerializationException when MaxResults is a string', () => {
      expectError(
        () => newEngine().call('ListStreamConsumers', { StreamARN: arnOf('s'), MaxResults: 'ten' }),
        'SerializationException',
        'class java.lang.String can not be converted to an Integer',
      );
    });
  });

  describe('validation', () => {
    it('should require StreamARN and ConsumerName to register', () => {
      expectError(
        () => newEngine().call('RegisterStreamConsumer', {}),
        'ValidationException',
        "2 validation errors detected: Value null at 'consumerName' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamARN' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should check the consumer name pattern and the consumer ARN pattern', () => {
      expectError(
        () => newEngine().call('RegisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 'a b' }),
        'ValidationException',
        "1 validation error detected: Value 'a b' at 'consumerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      );
      expectError(
        () => newEngine().call('DescribeStreamConsumer', { ConsumerARN: arnOf('s') }),
        'ValidationException',
        `1 validation error detected: Value '${arnOf('s')}' at 'consumerARN' failed to satisfy constraint: Member must satisfy regular expression pattern: ` +
          '^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+',
      );
    });
    it('should bound ListStreamConsumers MaxResults to 1..10000', () => {
      expectError(
        () => newEngine().call('ListStreamConsumers', { StreamARN: arnOf('s'), MaxResults: 0 }),
        'ValidationException',
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
    it('should answer UnknownOperationException in the 2017-07 profile', () => {
      expectError(
        () =>
          newEngine({ profile: '2017-07' }).call('RegisterStreamConsumer', {
            StreamARN: arnOf('s'),
            ConsumerName: 'c',
          }),
        'UnknownOperationException',
      );
    });
  });

  describe('functionality', () => {
    it('should register a consumer CREATING with an ARN ending in its creation epoch seconds, ACTIVE later', () => {
      const engine = newEngine({ startTime: 1_700_000_000_250 });
      activeStream(engine);
      const consumer = register(engine);
      const seconds = Math.floor(engine.now() / 1000);
      expect(consumer).toEqual({
        ConsumerName: 'c',
        ConsumerARN: `${arnOf('s')}/consumer/c:${seconds}`,
        ConsumerStatus: 'CREATING',
        ConsumerCreationTimestamp: new Date(engine.now()),
      });
      engine.advanceBy(engine.options.timings.createStreamMs);
      expect(describeConsumer(engine, { ConsumerARN: consumer.ConsumerARN! })).toEqual({
        ...consumer,
        ConsumerStatus: 'ACTIVE',
        StreamARN: arnOf('s'),
      });
    });

    it('should describe a consumer by stream ARN and name as well as by its ARN', () => {
      const { engine, arn } = withConsumer();
      expect(describeConsumer(engine, { StreamARN: arnOf('s'), ConsumerName: 'c' }).ConsumerARN).toBe(arn);
    });

    it('should refuse to describe without ConsumerARN or both StreamARN and ConsumerName (decision: InvalidArgumentException)', () => {
      const { engine } = withConsumer();
      expectError(
        () => describeConsumer(engine, { ConsumerName: 'c' }),
        'InvalidArgumentException',
        'Either ConsumerARN or both ConsumerName and StreamARN must be provided.',
      );
    });

    it('should not find an unknown consumer, or an old ARN of a name registered again', () => {
      const { engine, arn } = withConsumer();
      expectError(
        () => describeConsumer(engine, { StreamARN: arnOf('s'), ConsumerName: 'x' }),
        'ResourceNotFoundException',
        `Consumer x under stream s under account ${ACCOUNT} not found.`,
      );
      engine.call('DeregisterStreamConsumer', { ConsumerARN: arn });
      engine.advanceBy(2000);
      const again = register(engine).ConsumerARN!;
      expect(again).not.toBe(arn);
      expectError(
        () => describeConsumer(engine, { ConsumerARN: arn }),
        'ResourceNotFoundException',
        `Consumer ${arn} under account ${ACCOUNT} not found.`,
      );
    });

    it('should refuse a second consumer of the same name and change nothing', () => {
      const { engine } = withConsumer();
      expectFailureChangesNothing(
        engine,
        () => register(engine),
        'ResourceInUseException',
        `Consumer c under stream s under account ${ACCOUNT} already exists.`,
      );
    });

    it('should refuse registration while the stream is CREATING', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectFailureChangesNothing(engine, () => register(engine), 'ResourceInUseException', notActive('s', 'CREATING'));
    });

    it('should allow 20 consumers per stream, and at most 5 CREATING at once', () => {
      const engine = newEngine();
      activeStream(engine);
      for (let i = 0; i < 5; i++) register(engine, `c${i}`);
      expectFailureChangesNothing(
        engine,
        () => register(engine, 'c5'),
        'LimitExceededException',
        `Stream s under account ${ACCOUNT} already has 5 consumers in CREATING state, the maximum allowed at once.`,
      );
      for (let i = 5; i < 20; i++) {
        if (i % 5 === 0) engine.advanceBy(engine.options.timings.createStreamMs);
        register(engine, `c${i}`);
      }
      engine.advanceBy(engine.options.timings.createStreamMs);
      expectFailureChangesNothing(
        engine,
        () => register(engine, 'c20'),
        'LimitExceededException',
        `Stream s under account ${ACCOUNT} already has 20 registered consumers, the maximum allowed.`,
      );
      expect(summary(engine).ConsumerCount).toBe(20);
    });

    it('should deregister: DELETING, then gone, and counted until gone', () => {
      const { engine, arn } = withConsumer();
      expect(summary(engine).ConsumerCount).toBe(1);
      engine.call('DeregisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 'c' });
      expect(describeConsumer(engine, { ConsumerARN: arn }).ConsumerStatus).toBe('DELETING');
      expectFailureChangesNothing(
        engine,
        () => engine.call('DeregisterStreamConsumer', { ConsumerARN: arn }),
        'ResourceInUseException',
        `Consumer ${arn} under account ${ACCOUNT} not ACTIVE, instead in state DELETING`,
      );
      engine.advanceBy(engine.options.timings.deleteStreamMs);
      expect(summary(engine).ConsumerCount).toBe(0);
      expect(engine.call('ListStreamConsumers', { StreamARN: arnOf('s') }).Consumers).toEqual([]);
    });

    it('should list consumers in registration order, 100 at most per page, with a NextToken', () => {
      const engine = newEngine();
      activeStream(engine);
      for (let i = 0; i < 5; i++) register(engine, `c${i}`);
      const first = engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), MaxResults: 2 });
      expect(first.Consumers!.map((c) => c.ConsumerName)).toEqual(['c0', 'c1']);
      const second = engine.call('ListStreamConsumers', {
        StreamARN: arnOf('s'),
        MaxResults: 2,
        NextToken: first.NextToken!,
      });
      expect(second.Consumers!.map((c) => c.ConsumerName)).toEqual(['c2', 'c3']);
      const last = engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), NextToken: second.NextToken! });
      expect(last.Consumers!.map((c) => c.ConsumerName)).toEqual(['c4']);
      expect(last.NextToken).toBeUndefined();
    });

    it('should refuse a tampered NextToken and an expired one (300 s)', () => {
      const engine = newEngine();
      activeStream(engine);
      register(engine, 'a');
      register(engine, 'b');
      const token = engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), MaxResults: 1 }).NextToken!;
      expectError(
        () => engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), NextToken: `A${token.slice(1)}` }),
        'InvalidArgumentException',
        'Invalid NextToken.',
      );
      engine.advanceBy(300_001);
      expectError(
        () => engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), NextToken: token }),
        'ExpiredNextTokenException',
        'The NextToken has expired. A NextToken is valid for 300 seconds.',
      );
    });

    it('should not list the consumers of an earlier stream of the same name (StreamCreationTimestamp)', () => {
      const { engine } = withConsumer();
      expectError(
        () => engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), StreamCreationTimestamp: new Date(0) }),
        'ResourceNotFoundException',
        `Stream s under account ${ACCOUNT} not found.`,
      );
    });

    it('should refuse DeleteStream while consumers exist unless EnforceConsumerDeletion is set', () => {
      const { engine, arn } = withConsumer();
      expectFailureChangesNothing(
        engine,
        () => engine.call('DeleteStream', { StreamName: 's' }),
        'ResourceInUseException',
        `Stream s under account ${ACCOUNT} has registered consumers. Set EnforceConsumerDeletion to true to delete them with the stream.`,
      );
      engine.call('DeleteStream', { StreamName: 's', EnforceConsumerDeletion: true });
      expect(describeConsumer(engine, { ConsumerARN: arn }).ConsumerStatus).toBe('DELETING');
      engine.advanceBy(engine.options.timings.deleteStreamMs);
      expect(engine.streams()).toEqual([]);
    });

    it('should keep ListStreamConsumers, DescribeStreamConsumer and ConsumerCount in agreement, and failed calls harmless (property)', () => {
      const step = fc.oneof(
        fc.record({ op: fc.constant('register' as const), name: fc.integer({ min: 0, max: 24 }) }),
        fc.record({ op: fc.constant('deregister' as const), name: fc.integer({ min: 0, max: 24 }) }),
        fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 1500 }) }),
      );
      fc.assert(
        fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
          const engine = newEngine();
          activeStream(engine);
          for (const s of steps) {
            if (s.op === 'advance') {
              engine.advanceBy(s.ms);
              continue;
            }
            const before = digest(engine);
            try {
              if (s.op === 'register') register(engine, `c${s.name}`);
              else engine.call('DeregisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: `c${s.name}` });
            } catch (error) {
              if (!isKinesisError(error)) throw error;
              expect(digest(engine)).toBe(before);
            }
            const listed = [];
            let page = engine.call('ListStreamConsumers', { StreamARN: arnOf('s'), MaxResults: 7 });
            listed.push(...page.Consumers!);
            while (page.NextToken) {
              page = engine.call('ListStreamConsumers', {
                StreamARN: arnOf('s'),
                NextToken: page.NextToken,
                MaxResults: 7,
              });
              listed.push(...page.Consumers!);
            }
            expect(listed.length).toBeLessThanOrEqual(20);
            expect(listed.filter((c) => c.ConsumerStatus === 'CREATING').length).toBeLessThanOrEqual(5);
            expect(new Set(listed.map((c) => c.ConsumerName)).size).toBe(listed.length);
            expect(summary(engine).ConsumerCount).toBe(listed.length);
            for (const c of listed) {
              expect(describeConsumer(engine, { ConsumerARN: c.ConsumerARN! })).toEqual({
                ...c,
                StreamARN: arnOf('s'),
              });
            }
          }
        }),
        { numRuns: 40 },
      );
    });

    it('should throttle RegisterStreamConsumer at 5 calls per second per account', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine);
      engine.advanceBy(1000);
      for (let i = 0; i < 5; i++) register(engine, `c${i}`);
      expectError(
        () => register(engine, 'c5'),
        'LimitExceededException',
        `Rate exceeded for stream ${arnOf('s')} under account ${ACCOUNT}.`,
      );
    });
  });
});
