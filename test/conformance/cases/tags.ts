import type { ConformanceCase } from '../case';
import { activeStream, kinesalite, streamNotFound } from './steps';

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
