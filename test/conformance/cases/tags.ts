import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, streamNotFound } from './steps';

const r = 'removeTagsFromStream';
const LONG = 'a'.repeat(129);

const f = 'addTagsToStream';
const someInvalid =
  'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.';
const percent =
  'Failed to add tags to stream s under account ${account} because some tags contained illegal characters. ' +
  "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.";

const invalidTags = (what: string, tags: Record<string, string>, message: string, test: string): ConformanceCase => ({
  name: `${what} in a tag`,
  profile: 'both',
  steps: activeStream('s'),
  operation: 'AddTagsToStream',
  input: { StreamName: 's', Tags: tags },
  expect: { error: 'InvalidArgumentException', message },
  evidence: kinesalite(f, test),
});

export const addTagsToStreamCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'AddTagsToStream',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'tags' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(f, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'empty name and no tags',
    profile: 'both',
    operation: 'AddTagsToStream',
    input: { StreamName: '', Tags: {} },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: kinesalite(f, 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'a tag key that is too long, reported on the map',
    profile: 'both',
    operation: 'AddTagsToStream',
    input: { StreamName: 's', Tags: { ['k'.repeat(129)]: '3' } },
    expect: {
      error: 'ValidationException',
      message:
        `1 validation error detected: Value '{${'k'.repeat(129)}=3}' at 'tags' failed to satisfy constraint: ` +
        'Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]',
    },
    evidence: kinesalite(f, 'should return ValidationException for long tag key'),
  },
  {
    name: 'a tag value that is too long, reported on the map',
    profile: 'both',
    operation: 'AddTagsToStream',
    input: { StreamName: 's', Tags: { c: 'v'.repeat(257) } },
    expect: {
      error: 'ValidationException',
      message:
        `1 validation error detected: Value '{c=${'v'.repeat(257)}}' at 'tags' failed to satisfy constraint: ` +
        'Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]',
    },
    evidence: kinesalite(f, 'should return ValidationException for long tag value'),
  },
  {
    name: 'eleven tags in one call',
    profile: '2017-07',
    operation: 'AddTagsToStream',
    input: { StreamName: 's', Tags: Object.fromEntries('abcdefghijk'.split('').map((k, i) => [k, String(i)])) },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '{a=0, b=1, c=2, d=3, e=4, f=5, g=6, h=7, i=8, j=9, k=10}' at 'tags' " +
        'failed to satisfy constraint: Member must have length less than or equal to 10',
    },
    evidence: kinesalite(f, 'should return ValidationException for too many tags'),
  },
  {
    name: 'unknown stream',
    profile: 'both',
    operation: 'AddTagsToStream',
    input: { StreamName: 'nope', Tags: { a: 'b' } },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(f, 'should return ResourceNotFoundException if stream does not exist'),
  },
  invalidTags('a semicolon', { 'abc;def': '1' }, someInvalid, 'should return InvalidArgumentException if ; in tag key'),
  invalidTags('a tab', { 'abc\tdef': '1' }, someInvalid, 'should return InvalidArgumentException if tab in tag key'),
  invalidTags('a comma', { a: 'abc,def' }, someInvalid, 'should return InvalidArgumentException if comma in tag value'),
  invalidTags('a percent sign', { 'abc%def': '1' }, percent, 'should return InvalidArgumentException if % in tag key'),
  invalidTags(
    'a percent sign in a value',
    { a: 'abc%def' },
    percent,
    'should return InvalidArgumentException if % in tag value',
  ),
  {
    name: 'letters, white space and _ . / = + - @ are allowed, with an empty body',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'AddTagsToStream',
    input: { StreamName: 's', Tags: { a: 'a', 'ü0 _.': 'a', '/=+-@': 'a', b: 'ü0 _./=+-@', c: '' } },
    expect: { emptyBody: true },
    evidence: kinesalite(f, 'should add and remove tags keys'),
  },
  {
    name: 'more than 10 tags on a stream',
    profile: '2017-07',
    steps: [
      ...activeStream('s'),
      { operation: 'AddTagsToStream', input: { StreamName: 's', Tags: { a: '', b: '', c: '', d: '', e: '' } } },
    ],
    operation: 'AddTagsToStream',
    input: { StreamName: 's', Tags: { f: '', g: '', h: '', i: '', j: '', k: '' } },
    expect: {
      error: 'InvalidArgumentException',
      message:
        'Failed to add tags to stream s under account ${account} because a given stream cannot have more than 10 tags associated with it.',
    },
    evidence: kinesalite(f, 'should add and remove tags keys'),
  },
];

const removePercent =
  'Failed to remove tags from stream s under account ${account} because some tags contained illegal characters. ' +
  "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.";

const invalidKey = (what: string, key: string, message: string, test: string): ConformanceCase => ({
  name: `${what} in a tag key`,
  profile: 'both',
  steps: activeStream('s'),
  operation: 'RemoveTagsFromStream',
  input: { StreamName: 's', TagKeys: [key] },
  expect: { error: 'InvalidArgumentException', message },
  evidence: kinesalite(r, test),
});

export const removeTagsFromStreamCases: ConformanceCase[] = [
  {
    name: 'no members',
    profile: '2017-07',
    operation: 'RemoveTagsFromStream',
    input: {},
    expect: {
      error: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null; " +
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null",
    },
    evidence: kinesalite(r, 'should return ValidationException for no StreamName'),
  },
  {
    name: 'empty name and no keys',
    profile: 'both',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: '', TagKeys: [] },
    expect: {
      error: 'ValidationException',
      message:
        "3 validation errors detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    },
    evidence: kinesalite(r, 'should return ValidationException for empty StreamName'),
  },
  {
    name: 'long name',
    profile: 'both',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: LONG, TagKeys: ['a'] },
    expect: {
      error: 'ValidationException',
      message: `1 validation error detected: Value '${LONG}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128`,
    },
    evidence: kinesalite(r, 'should return ValidationException for long StreamName'),
  },
  {
    name: 'a long key, reported on the list as a whole',
    profile: 'both',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: 's', TagKeys: ['a', LONG, 'b'] },
    expect: {
      error: 'ValidationException',
      message:
        `1 validation error detected: Value '[a, ${LONG}, b]' at 'tagKeys' failed to satisfy constraint: ` +
        'Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]',
    },
    evidence: kinesalite(r, 'should return ValidationException for long TagKey'),
  },
  {
    name: 'eleven keys in 2017',
    profile: '2017-07',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: 's', TagKeys: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'] },
    expect: {
      error: 'ValidationException',
      message:
        "1 validation error detected: Value '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]' at 'tagKeys' failed to satisfy constraint: " +
        'Member must have length less than or equal to 10',
    },
    evidence: kinesalite(r, 'should return ValidationException for too many TagKeys'),
  },
  {
    name: 'fifty-one keys now',
    profile: 'current',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: 's', TagKeys: Array.from({ length: 51 }, (_, i) => String(i)) },
    expect: {
      error: 'ValidationException',
      message:
        `1 validation error detected: Value '[${Array.from({ length: 51 }, (_, i) => String(i)).join(', ')}]' at 'tagKeys' ` +
        'failed to satisfy constraint: Member must have length less than or equal to 50',
    },
    evidence: { model: 'RemoveTagsFromStreamInput.TagKeys is a TagKeyList: min 1, max 50 members.' },
  },
  {
    name: 'unknown stream, before the keys are read',
    profile: 'both',
    operation: 'RemoveTagsFromStream',
    input: { StreamName: 'nope', TagKeys: [';'] },
    expect: { error: 'ResourceNotFoundException', message: streamNotFound('nope') },
    evidence: kinesalite(r, 'should return ResourceNotFoundException if stream does not exist'),
  },
  invalidKey('a semicolon', 'abc;def', someInvalid, 'should return InvalidArgumentException if ; in TagKeys'),
  invalidKey('a tab', 'abc\tdef', someInvalid, 'should return InvalidArgumentException if tab in TagKeys'),
  invalidKey('a newline', 'abc\ndef', someInvalid, 'should return InvalidArgumentException if newline in TagKeys'),
  invalidKey('a comma', 'abc,def', someInvalid, 'should return InvalidArgumentException if comma in TagKeys'),
  invalidKey('a percent sign', 'abc%def', removePercent, 'should return InvalidArgumentException if % in TagKeys'),
  {
    name: 'letters, white space and _ . / = + - @ in keys, with an empty body',
    profile: 'both',
    steps: activeStream('s'),
    operation: 'RemoveTagsFromStream',
    input: { StreamName: 's', TagKeys: ['ü0 _.', '/=+-@'] },
    expect: { emptyBody: true },
    evidence: kinesalite(r, 'should succeed if valid characters in tag keys'),
  },
  {
    name: 'removed keys are gone, the others kept, unknown keys ignored',
    profile: 'both',
    steps: [
      ...activeStream('s'),
      { operation: 'AddTagsToStream', input: { StreamName: 's', Tags: { a: 'a', 'ü0 _.': 'a', '/=+-@': 'a' } } },
      { operation: 'RemoveTagsFromStream', input: { StreamName: 's', TagKeys: ['ü0 _.', '/=+-@', 'b', 'c'] } },
    ],
    operation: 'ListTagsForStream',
    input: { StreamName: 's' },
    expect: { output: { Tags: [{ Key: 'a', Value: 'a' }], HasMoreTags: false } },
    evidence: kinesalite(r, 'should add and remove tags keys'),
  },
];
