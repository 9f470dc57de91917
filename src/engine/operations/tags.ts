import { invalidArgument } from '../errors';
import type { Context } from '../context';
import type { Profile } from '../options';
import { TagKey, TagValue } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { reportedIn, required, structure } from '../schema/shapes';
import { BOTH_PROFILES, defineOperation } from './types';

/** Tags allowed per stream, and per ListTagsForStream page: 10 in 2017-07, 50 now. */
const tagLimitOf = (profile: Profile) => (profile === 'current' ? 50 : 10);
export const maxTags = (ctx: Context) => tagLimitOf(ctx.options.profile);

const VALID_TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;
/** `%` passes the first check but not the second, which words its refusal differently. */
const PERCENT = /%/;
const illegalCharacters = (stream: string, account: string, change: 'add tags to' | 'remove tags from') =>
  invalidArgument(
    `Failed to ${change} stream ${stream} under account ${account} because some tags contained illegal characters. ` +
      "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
  );
const invalidCharacters = () =>
  invalidArgument(
    'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
  );

export const addTagsToStream = defineOperation({
  name: 'AddTagsToStream',
  group: 'tags',
  doc: 'Adds or overwrites tags on a stream.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['Tags', 'StreamName'],
      structure({
        ...streamRef(profile),
        Tags: required({
          type: 'map',
          min: 1,
          max: 10,
          key: TagKey,
          value: TagValue,
          doc: 'Key/value pairs (up to 10 per call).',
        }),
      }),
    ),
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    const tags = Object.entries(input.Tags!);
    if (tags.some(([key, value]) => !VALID_TAG.test(key) || !VALID_TAG.test(value))) throw invalidCharacters();
    if (tags.some(([key, value]) => PERCENT.test(key) || PERCENT.test(value)))
      throw illegalCharacters(stream.name, ctx.account, 'add tags to');
    const merged = new Map(stream.tags);
    for (const [key, value] of tags) merged.set(key, value);
    if (merged.size > maxTags(ctx)) {
      throw invalidArgument(
        `Failed to add tags to stream ${stream.name} under account ${ctx.account} because a given stream cannot have more than ${maxTags(ctx)} tags associated with it.`,
      );
    }
    stream.tags = merged;
    return {};
  },
});

export const removeTagsFromStream = defineOperation({
  name: 'RemoveTagsFromStream',
  group: 'tags',
  doc: 'Removes tags from a stream by key.',
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['TagKeys', 'StreamName'],
      structure({
        ...streamRef(profile),
        TagKeys: required({
          type: 'list',
          min: 1,
          max: tagLimitOf(profile),
          member: TagKey,
          doc: 'The keys to remove (up to 10 per call in 2017-07, 50 now).',
        }),
      }),
    ),
  run(ctx, input) {
    const stream = ctx.activeStream(input);
    if (input.TagKeys!.some((key) => !VALID_TAG.test(key))) throw invalidCharacters();
    if (input.TagKeys!.some((key) => PERCENT.test(key)))
      throw illegalCharacters(stream.name, ctx.account, 'remove tags from');
    const kept = new Map(stream.tags);
    for (const key of input.TagKeys!) kept.delete(key);
    stream.tags = kept;
    return {};
  },
});

export const listTagsForStream = defineOperation({
  name: 'ListTagsForStream',
  group: 'tags',
  doc: "Lists a stream's tags in key order, a page at a time.",
  profiles: BOTH_PROFILES,
  input: (profile) =>
    reportedIn(
      ['Limit', 'ExclusiveStartTagKey', 'StreamName'],
      structure({
        ...streamRef(profile),
        ExclusiveStartTagKey: { ...TagKey, doc: 'Start after this key.' },
        Limit: { type: 'integer', min: 1, max: tagLimitOf(profile), doc: 'Most tags to return (default 10).' },
      }),
    ),
  run(ctx, input) {
    const stream = ctx.stream(input);
    const after = input.ExclusiveStartTagKey;
    const keys = [...stream.tags.keys()].sort().filter((key) => after === undefined || key > after);
    const page = keys.slice(0, input.Limit ?? 10);
    return {
      Tags: page.map((Key) => ({ Key, Value: stream.tags.get(Key)! })),
      HasMoreTags: keys.length > page.length,
    };
  },
});
