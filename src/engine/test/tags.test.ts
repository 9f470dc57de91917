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
  notFound,
} from './helpers';

const add = (engine: Engine, tags: Record<string, string>) =>
  engine.call('AddTagsToStream', { StreamName: 's', Tags: tags });
const remove = (engine: Engine, keys: string[]) =>
  engine.call('RemoveTagsFromStream', { StreamName: 's', TagKeys: keys });
const list = (engine: Engine, extra: { Limit?: number; ExclusiveStartTagKey?: string } = {}) =>
  engine.call('ListTagsForStream', { StreamName: 's', ...extra });
const INVALID =
  'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.';
const tagsOf = (count: number, prefix = 'k') =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']));

describe('AddTagsToStream, RemoveTagsFromStream and ListTagsForStream', () => {
  describe('serialization', () => {
    it('should return SerializationException when Tags is a list', () => {
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: [] }),
        'SerializationException',
        'Start of list found where not expected',
      );
    });
    it('should return SerializationException when Tags is a string', () => {
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: 'a' }),
        'SerializationException',
        'Expected map or null',
      );
    });
    it('should return SerializationException when TagKeys is an object', () => {
      expectError(
        () => newEngine().call('RemoveTagsFromStream', { StreamName: 's', TagKeys: {} }),
        'SerializationException',
        'Start of structure or map found where not expected.',
      );
    });
    it('should return SerializationException when a tag value is a number', () => {
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: { a: 1 } }),
        'SerializationException',
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      );
    });
  });

  describe('validation', () => {
    it('should return ValidationException for missing members (2017-07)', () => {
      expectError(
        () => newEngine({ profile: '2017-07' }).call('AddTagsToStream', {}),
        'ValidationException',
        "2 validation errors detected: Value null at 'tags' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
      );
      expectError(
        () => newEngine({ profile: '2017-07' }).call('RemoveTagsFromStream', { StreamName: 's' }),
        'ValidationException',
        "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
      );
    });
    it('should return ValidationException for an empty or too large Tags map', () => {
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: {} }),
        'ValidationException',
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      const eleven = tagsOf(11);
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: eleven }),
        'ValidationException',
        `1 validation error detected: Value '{${Object.keys(eleven)
          .map((k) => `${k}=v`)
          .join(', ')}}' at 'tags' failed to satisfy constraint: ` + 'Member must have length less than or equal to 10',
      );
    });
    it('should return ValidationException for an empty TagKeys list and a Limit of 0', () => {
      expectError(
        () => newEngine().call('RemoveTagsFromStream', { StreamName: 's', TagKeys: [] }),
        'ValidationException',
        "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
      expectError(
        () => newEngine().call('ListTagsForStream', { StreamName: 's', Limit: 0 }),
        'ValidationException',
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
    });
    it('should return ValidationException for a tag value longer than 256', () => {
      expectError(
        () => newEngine().call('AddTagsToStream', { StreamName: 's', Tags: { a: 'v'.repeat(257) } }),
        'ValidationException',
      );
    });
  });

  describe('functionality', () => {
    it('should return ResourceNotFoundException if stream does not exist', () => {
      const engine = newEngine();
      expectError(() => add(engine, { a: 'b' }), 'ResourceNotFoundException', notFound('s'));
      expectError(() => remove(engine, ['a']), 'ResourceNotFoundException', notFound('s'));
      expectError(() => list(engine), 'ResourceNotFoundException', notFound('s'));
    });

    it('should return ResourceInUseException when adding or removing while CREATING, but list', () => {
      const engine = newEngine();
      engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      expectError(() => add(engine, { a: 'b' }), 'ResourceInUseException', notActive('s', 'CREATING'));
      expectError(() => remove(engine, ['a']), 'ResourceInUseException', notActive('s', 'CREATING'));
      expect(list(engine)).toEqual({ Tags: [], HasMoreTags: false });
    });

    it('should add, overwrite and list tags in key order', () => {
      const engine = newEngine();
      activeStream(engine);
      expect(add(engine, { b: '2', a: '1' })).toEqual({});
      add(engine, { b: 'two', c: '' });
      expect(list(engine)).toEqual({
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: 'two' },
          { Key: 'c', Value: '' },
        ],
        HasMoreTags: false,
      });
    });

    it('should page with Limit (default 10) and ExclusiveStartTagKey', () => {
      const engine = newEngine();
      activeStream(engine);
      add(engine, tagsOf(10, 'a'));
      add(engine, tagsOf(2, 'b'));
      const first = list(engine);
      expect(first.Tags).toHaveLength(10);
      expect(first.HasMoreTags).toBe(true);
      const rest = list(engine, { ExclusiveStartTagKey: first.Tags![9]!.Key! });
      expect(rest).toEqual({
        Tags: [
          { Key: 'b0', Value: 'v' },
          { Key: 'b1', Value: 'v' },
        ],
        HasMoreTags: false,
      });
      expect(list(engine, { Limit: 1, ExclusiveStartTagKey: 'a8' })).toEqual({
        Tags: [{ Key: 'a9', Value: 'v' }],
        HasMoreTags: true,
      });
    });

    it('should remove the given keys and ignore unknown ones', () => {
      const engine = newEngine();
      activeStream(engine);
      add(engine, { a: '1', b: '2' });
      expect(remove(engine, ['a', 'zzz'])).toEqual({});
      expect(list(engine).Tags).toEqual([{ Key: 'b', Value: '2' }]);
    });

    it('should refuse invalid characters in keys or values, changing nothing', () => {
      const engine = newEngine();
      activeStream(engine);
      add(engine, { 'ok key_1.2/3=4+5-6@8': 'ünïcödé value' });
      expectFailureChangesNothing(
        engine,
        () => add(engine, { 'a%b': 'x' }),
        'InvalidArgumentException',
        `Failed to add tags to stream s under account ${ACCOUNT} because some tags contained illegal characters. ` +
          "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
      );
      expectFailureChangesNothing(
        engine,
        () => add(engine, { a: 'x', 'b*': 'y' }),
        'InvalidArgumentException',
        INVALID,
      );
      expectFailureChangesNothing(engine, () => add(engine, { a: 'x#' }), 'InvalidArgumentException', INVALID);
      expectFailureChangesNothing(engine, () => remove(engine, ['a!']), 'InvalidArgumentException', INVALID);
    });

    it('should refuse more than 10 tags on a stream in 2017-07, counting the existing ones', () => {
      const engine = newEngine({ profile: '2017-07' });
      activeStream(engine);
      add(engine, tagsOf(8));
      add(engine, tagsOf(10));
      expectFailureChangesNothing(
        engine,
        () => add(engine, { extra: 'x' }),
        'InvalidArgumentException',
        `Failed to add tags to stream s under account ${ACCOUNT} because a given stream cannot have more than 10 tags associated with it.`,
      );
    });

    it('should allow 50 tags on a stream in the current profile', () => {
      const engine = newEngine();
      activeStream(engine);
      for (let i = 0; i < 5; i++) add(engine, tagsOf(10, `p${i}-`));
      expect(list(engine, { Limit: 50 }).Tags).toHaveLength(50);
      expectError(() => add(engine, { extra: 'x' }), 'InvalidArgumentException');
    });

    it('should address the stream by StreamARN (current)', () => {
      const engine = newEngine();
      activeStream(engine);
      engine.call('AddTagsToStream', { StreamARN: arnOf('s'), Tags: { a: '1' } });
      expect(engine.call('ListTagsForStream', { StreamARN: arnOf('s') }).Tags).toEqual([{ Key: 'a', Value: '1' }]);
    });

    it('should throttle above 5 tag calls per second with API rate limits on', () => {
      const engine = newEngine({ limits: { apiRates: true } });
      activeStream(engine);
      for (let i = 0; i < 5; i++) list(engine);
      expectError(() => list(engine), 'LimitExceededException', `Rate exceeded for stream s under account ${ACCOUNT}.`);
    });
  });
});
