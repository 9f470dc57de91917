// The schema layer on its own: the wire (JSON 1.1) and SDK value forms, and the service's texts.
import { describe, expect, it } from 'vitest';
import { base64Problem, checkTypes, constraintProblems, OPERATIONS } from '../index';
import { activeStream, expectError, newEngine, text } from './helpers';

const shapeOf = (operation: string, profile: 'current' | '2017-07' = 'current') =>
  OPERATIONS.get(operation)!.input(profile);

describe('Input validation (checkTypes and constraintProblems)', () => {
  describe('serialization', () => {
    it('should convert wire values: base64 blobs to bytes and epoch seconds to dates', () => {
      const record = checkTypes(
        shapeOf('PutRecord'),
        { StreamName: 's', PartitionKey: 'k', Data: 'aGk=' },
        { mode: 'wire' },
      );
      expect(text(record.Data as Uint8Array)).toBe('hi');
      const iterator = checkTypes(
        shapeOf('GetShardIterator'),
        { StreamName: 's', ShardId: 'x', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 1500000000.123 },
        { mode: 'wire' },
      );
      expect(iterator.Timestamp).toEqual(new Date(1500000000123));
    });

    it('should keep SDK values as they are', () => {
      const data = new Uint8Array([1, 2]);
      const date = new Date(5);
      const record = checkTypes(
        shapeOf('PutRecord'),
        { StreamName: 's', PartitionKey: 'k', Data: data },
        { mode: 'sdk' },
      );
      expect(record.Data).toBe(data);
      expect(checkTypes(shapeOf('GetShardIterator'), { Timestamp: date }, { mode: 'sdk' }).Timestamp).toBe(date);
    });

    it('should drop wire members the model does not know and floor fractional integers', () => {
      expect(
        checkTypes(shapeOf('CreateStream'), { StreamName: 's', ShardCount: 2.9, Foo: 1 }, { mode: 'wire' }),
      ).toEqual({ StreamName: 's', ShardCount: 2 });
    });

    it("should explain non-canonical base64 in the Java library's words", () => {
      expect(base64Problem('abc')).toBe('Base64 encoded length is expected a multiple of 4 bytes but found: 3');
      expect(base64Problem('ab=c')).toBe("Invalid Base64 character: '='");
      expect(base64Problem('ab*c')).toBe("Invalid Base64 character: '*'");
      expect(base64Problem('aGl=')).toBe('Invalid last non-pad Base64 character dectected');
      expect(base64Problem('aGk=')).toBeUndefined();
      expect(base64Problem('')).toBeUndefined();
      expectError(
        () => checkTypes(shapeOf('PutRecord'), { Data: 'aGl=' }, { mode: 'wire' }),
        'SerializationException',
        "'aGl=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected",
      );
    });

    it('should refuse a structure where a list is expected and a scalar where a structure is expected', () => {
      expectError(
        () => checkTypes(shapeOf('PutRecords'), { Records: [1] }, { mode: 'wire' }),
        'SerializationException',
        'Expected null',
      );
      expectError(
        () => checkTypes(shapeOf('EnableEnhancedMonitoring'), { ShardLevelMetrics: { a: 1 } }, { mode: 'wire' }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
  });

  describe('validation', () => {
    it('should list every problem without the count prefix, in alphabetical member order', () => {
      expect(constraintProblems(shapeOf('GetShardIterator', '2017-07'), { ShardIteratorType: 'NOPE' })).toEqual([
        "Value null at 'shardId' failed to satisfy constraint: Member must not be null",
        "Value 'NOPE' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]',
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      ]);
    });

    it('should stop at 10 problems', () => {
      const records = Array.from({ length: 20 }, () => ({}));
      const problems = constraintProblems(shapeOf('PutRecords'), { StreamName: 's', Records: records });
      expect(problems).toHaveLength(10);
      expect(problems[0]).toBe(
        "Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null",
      );
      expect(problems[1]).toBe(
        "Value null at 'records.1.member.data' failed to satisfy constraint: Member must not be null",
      );
    });

    it('should accept the largest hash key pattern (39 digits) and refuse leading zeros', () => {
      const shape = shapeOf('SplitShard');
      const base = { StreamName: 's', ShardToSplit: 'shardId-0' };
      expect(constraintProblems(shape, { ...base, NewStartingHashKey: '9'.repeat(39) })).toEqual([]);
      expect(constraintProblems(shape, { ...base, NewStartingHashKey: '0' })).toEqual([]);
      expect(constraintProblems(shape, { ...base, NewStartingHashKey: '00' })).toHaveLength(1);
    });
  });

  describe('functionality', () => {
    // A null member means an absent one (the service reads JSON null so, and checkTypes drops it in
    // wire mode). In SDK mode the type pass now keeps the caller's object, nulls included, and the
    // operations read them as values: raw TypeErrors or wrong business errors instead of success.
    const ready = () => {
      const engine = newEngine();
      activeStream(engine, 's', 2);
      return engine;
    };

    it('should treat a null member as absent in wire mode', () => {
      expect(
        checkTypes(
          shapeOf('PutRecord'),
          { StreamName: 's', PartitionKey: 'k', Data: 'aGk=', ExplicitHashKey: null },
          { mode: 'wire' },
        ),
      ).not.toHaveProperty('ExplicitHashKey');
    });

    it('should write a record whose ExplicitHashKey is null by its partition key', () => {
      ready().call('PutRecord', {
        StreamName: 's',
        PartitionKey: 'k',
        Data: new Uint8Array([1]),
        ExplicitHashKey: null,
      });
    });

    it('should accept PutRecords entries with a null ExplicitHashKey', () => {
      ready().call('PutRecords', {
        StreamName: 's',
        Records: [{ PartitionKey: 'k', Data: new Uint8Array([1]), ExplicitHashKey: null }],
      });
    });

    it('should accept SequenceNumberForOrdering null on PutRecord', () => {
      ready().call('PutRecord', {
        StreamName: 's',
        PartitionKey: 'k',
        Data: new Uint8Array([1]),
        SequenceNumberForOrdering: null,
      });
    });

    it('should accept StartingSequenceNumber null with TRIM_HORIZON', () => {
      ready().call('GetShardIterator', {
        StreamName: 's',
        ShardId: 'shardId-0',
        ShardIteratorType: 'TRIM_HORIZON',
        StartingSequenceNumber: null,
      });
    });

    it('should answer AT_TIMESTAMP with Timestamp null by the missing-timestamp text', () => {
      const engine = ready();
      expectError(
        () =>
          engine.call('GetShardIterator', {
            StreamName: 's',
            ShardId: 'shardId-0',
            ShardIteratorType: 'AT_TIMESTAMP',
            Timestamp: null,
          }),
        'InvalidArgumentException',
        'Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.',
      );
    });

    it('should describe a stream with ExclusiveStartShardId null', () => {
      expect(ready().call('DescribeStream', { StreamName: 's', ExclusiveStartShardId: null })).toMatchObject({
        StreamDescription: { Shards: [expect.anything(), expect.anything()] },
      });
    });

    it('should list shards with NextToken null beside StreamName', () => {
      expect(ready().call('ListShards', { StreamName: 's', NextToken: null })).toMatchObject({
        Shards: [expect.anything(), expect.anything()],
      });
    });

    it('should list streams with NextToken null beside ExclusiveStartStreamName', () => {
      ready().call('ListStreams', { ExclusiveStartStreamName: 'a', NextToken: null });
    });

    it('should delete a stream named with StreamARN null', () => {
      ready().call('DeleteStream', { StreamName: 's', StreamARN: null });
    });
  });

  describe('structured problems', () => {
    it('should list each problem of a ValidationException with its field path and constraint', () => {
      let error: unknown;
      try {
        newEngine({ profile: '2017-07' }).call('PutRecords', {
          StreamName: '',
          Records: [{ Data: new Uint8Array(), PartitionKey: '' }],
        });
      } catch (caught) {
        error = caught;
      }
      const { name, problems } = error as { name: string; problems?: unknown };
      expect({ name, problems }).toEqual({
        name: 'ValidationException',
        problems: [
          { path: 'records.1.member.partitionKey', constraint: 'Member must have length greater than or equal to 1' },
          { path: 'streamName', constraint: 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+' },
          { path: 'streamName', constraint: 'Member must have length greater than or equal to 1' },
        ],
      });
    });

    it('should keep each problem whole when a value reads like a problem text itself', () => {
      const key = "k' at 'tags' failed to satisfy constraint: x";
      let error: unknown;
      try {
        newEngine().call('ListTagsForStream', { StreamName: 's', ExclusiveStartTagKey: key.repeat(4), Limit: 0 });
      } catch (caught) {
        error = caught;
      }
      expect((error as { problems?: unknown }).problems).toEqual([
        { path: 'limit', constraint: 'Member must have value greater than or equal to 1' },
        { path: 'exclusiveStartTagKey', constraint: 'Member must have length less than or equal to 128' },
      ]);
    });
  });
});
