import { describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import {
  ACCOUNT,
  activeStream,
  arnOf,
  expectError,
  expectFailureChangesNothing,
  newEngine,
  notActive,
} from '../test/helpers';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kinesis:GetRecords',
      Resource: arnOf('s'),
    },
  ],
});

function withConsumer(): { engine: Engine; consumer: string } {
  const engine = newEngine();
  activeStream(engine);
  const consumer = engine.call('RegisterStreamConsumer', { StreamARN: arnOf('s'), ConsumerName: 'c' }).Consumer!
    .ConsumerARN!;
  engine.advanceBy(engine.options.timings.createStreamMs);
  return { engine, consumer };
}

describe('resource policies', () => {
  describe('validation', () => {
    it('should require ResourceARN and Policy, and a Kinesis ARN', () => {
      expectError(() => newEngine().call('PutResourcePolicy', {}), 'ValidationException');
      expectError(
        () => newEngine().call('GetResourcePolicy', { ResourceARN: 'arn:aws:s3:::bucket' }),
        'ValidationException',
        "1 validation error detected: Value 'arn:aws:s3:::bucket' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
          'arn:aws.*:kinesis:.*:\\d{12}:.*stream\\/\\S+',
      );
    });
  });

  describe('functionality', () => {
    it('should attach, read and delete a stream policy', () => {
      const engine = newEngine();
      activeStream(engine);
      expect(engine.call('GetResourcePolicy', { ResourceARN: arnOf('s') })).toEqual({ Policy: '{}' });
      engine.call('PutResourcePolicy', { ResourceARN: arnOf('s'), Policy: POLICY });
      expect(engine.call('GetResourcePolicy', { ResourceARN: arnOf('s') })).toEqual({ Policy: POLICY });
      engine.call('DeleteResourcePolicy', { ResourceARN: arnOf('s') });
      expect(engine.call('GetResourcePolicy', { ResourceARN: arnOf('s') })).toEqual({ Policy: '{}' });
      expectFailureChangesNothing(
        engine,
        () => engine.call('DeleteResourcePolicy', { ResourceARN: arnOf('s') }),
        'ResourceNotFoundException',
        `No resource policy found for resource ${arnOf('s')} under account ${ACCOUNT}.`,
      );
    });

    it("should keep a consumer's policy apart from its stream's", () => {
      const { engine, consumer } = withConsumer();
      engine.call('PutResourcePolicy', { ResourceARN: consumer, Policy: POLICY });
      expect(engine.call('GetResourcePolicy', { ResourceARN: consumer }).Policy).toBe(POLICY);
      expect(engine.call('GetResourcePolicy', { ResourceARN: arnOf('s') }).Policy).toBe('{}');
    });

    it('should refuse a policy that is not a JSON policy document (decision: InvalidArgumentException)', () => {
      const engine = newEngine();
      activeStream(engine);
      expectFailureChangesNothing(
        engine,
        () => engine.call('PutResourcePolicy', { ResourceARN: arnOf('s'), Policy: 'allow all' }),
        'InvalidArgumentException',
        'Policy is not a valid JSON policy document: it must be a JSON object with a Statement.',
      );
    });

    it('should not find the policy of a stream that does not exist', () => {
      expectError(
        () => newEngine().call('GetResourcePolicy', { ResourceARN: arnOf('nope') }),
        'ResourceNotFoundException',
        `Stream nope under account ${ACCOUNT} not found.`,
      );
    });
  });
});

describe('TagResource, UntagResource and ListTagsForResource', () => {
  describe('validation', () => {
    it('should require Tags (1 or more) and ResourceARN', () => {
      expectError(
        () => newEngine().call('TagResource', { ResourceARN: arnOf('s'), Tags: {} }),
        'ValidationException',
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });
  });

  describe('functionality', () => {
    it("should share the stream's tags with AddTagsToStream and ListTagsForStream", () => {
      const engine = newEngine();
      activeStream(engine);
      engine.call('AddTagsToStream', { StreamName: 's', Tags: { a: '1' } });
      engine.call('TagResource', { ResourceARN: arnOf('s'), Tags: { b: '2' } });
      expect(engine.call('ListTagsForResource', { ResourceARN: arnOf('s') }).Tags).toEqual([
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ]);
      engine.call('UntagResource', { ResourceARN: arnOf('s'), TagKeys: ['a'] });
      expect(engine.call('ListTagsForStream', { StreamName: 's' }).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    });

    it('should tag a consumer apart from its stream, starting from its registration tags', () => {
      const engine = newEngine();
      activeStream(engine);
      const consumer = engine.call('RegisterStreamConsumer', {
        StreamARN: arnOf('s'),
        ConsumerName: 'c',
        Tags: { team: 'x' },
      }).Consumer!.ConsumerARN!;
      engine.call('TagResource', { ResourceARN: consumer, Tags: { env: 'dev' } });
      expect(engine.call('ListTagsForResource', { ResourceARN: consumer }).Tags).toEqual([
        { Key: 'env', Value: 'dev' },
        { Key: 'team', Value: 'x' },
      ]);
      expect(engine.call('ListTagsForResource', { ResourceARN: arnOf('s') }).Tags).toEqual([]);
    });

    it('should allow 50 tags per resource', () => {
      const engine = newEngine();
      activeStream(engine);
      engine.call('TagResource', {
        ResourceARN: arnOf('s'),
        Tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])),
      });
      expectFailureChangesNothing(
        engine,
        () => engine.call('TagResource', { ResourceARN: arnOf('s'), Tags: { extra: 'v' } }),
        'InvalidArgumentException',
        `Failed to add tags to resource ${arnOf('s')} under account ${ACCOUNT} because a given resource cannot have more than 50 tags associated with it.`,
      );
    });

    it('should refuse tags with invalid characters, and tagging a stream that is not ACTIVE', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectFailureChangesNothing(
        engine,
        () => engine.call('TagResource', { ResourceARN: arnOf('s'), Tags: { a: 'b' } }),
        'ResourceInUseException',
        notActive('s', 'CREATING'),
      );
      engine.advanceBy(engine.options.timings.createStreamMs);
      expectFailureChangesNothing(
        engine,
        () => engine.call('TagResource', { ResourceARN: arnOf('s'), Tags: { 'a#': 'b' } }),
        'InvalidArgumentException',
        'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
      );
    });
  });
});
