import type { Context } from '../context';
import { invalidArgument, resourceNotFound } from '../errors';
import { parseConsumerArn } from '../arn';
import { consumerByArn } from '../consumers/consumers';
import { TagKey, TagValue } from '../schema/common';
import { required, structure, type StringShape } from '../schema/shapes';
import type { ConsumerState, StreamState } from '../state';
import { maxTags } from './tags';
import { CURRENT_ONLY, defineOperation } from './types';

export const ResourceARN: StringShape = {
  type: 'string',
  min: 1,
  max: 2048,
  pattern: 'arn:aws.*:kinesis:.*:\\d{12}:.*stream\\/\\S+',
  doc: 'A stream ARN or a consumer ARN.',
};

/** The largest resource policy document accepted, in characters. */
export const MAX_POLICY_LENGTH = 20_480;

/** What a ResourceARN names: a stream, or a consumer of a stream. */
type Resource = { readonly stream: StreamState; readonly consumer?: ConsumerState };

function resourceOf(ctx: Context, arn: string): Resource {
  if (parseConsumerArn(arn)) return consumerByArn(ctx, arn);
  const stream = ctx.stream({ StreamARN: arn });
  return { stream };
}

/** A stream must be ACTIVE to have its tags changed (as AddTagsToStream); a consumer, not DELETING. */
function changeableResource(ctx: Context, arn: string): Resource {
  const resource = resourceOf(ctx, arn);
  if (resource.consumer) {
    if (resource.consumer.status === 'DELETING')
      throw resourceNotFound(`Consumer ${arn} under account ${ctx.account} not found.`);
    return resource;
  }
  ctx.activeStream({ StreamARN: arn });
  return resource;
}

const VALID_TAG = /^[\p{L}\p{Z}\p{N}_.:/=+\-@%]*$/u;
const invalidCharacters = () =>
  invalidArgument(
    'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
  );

const tagsOf = (resource: Resource) => resource.consumer?.tags ?? resource.stream.tags;
function setTags(resource: Resource, tags: Map<string, string>): void {
  if (resource.consumer) resource.consumer.tags = tags;
  else resource.stream.tags = tags;
}

export const tagResource = defineOperation({
  name: 'TagResource',
  group: 'tags',
  doc: 'Adds or overwrites tags on a stream or consumer, by ARN.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      Tags: required({ type: 'map', min: 1, max: 200, key: TagKey, value: TagValue, doc: 'Key/value pairs.' }),
      ResourceARN: required(ResourceARN),
    }),
  run(ctx, input) {
    const resource = changeableResource(ctx, input.ResourceARN!);
    const tags = Object.entries(input.Tags!);
    if (tags.some(([key, value]) => !VALID_TAG.test(key) || !VALID_TAG.test(value))) throw invalidCharacters();
    const merged = new Map(tagsOf(resource));
    for (const [key, value] of tags) merged.set(key, value);
    if (merged.size > maxTags(ctx)) {
      throw invalidArgument(
        `Failed to add tags to resource ${input.ResourceARN!} under account ${ctx.account} because a given resource cannot have more than ${maxTags(ctx)} tags associated with it.`,
      );
    }
    setTags(resource, merged);
    return {};
  },
});

export const untagResource = defineOperation({
  name: 'UntagResource',
  group: 'tags',
  doc: 'Removes tags from a stream or consumer by key.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      TagKeys: required({ type: 'list', min: 1, max: 200, member: TagKey, doc: 'The keys to remove.' }),
      ResourceARN: required(ResourceARN),
    }),
  run(ctx, input) {
    const resource = changeableResource(ctx, input.ResourceARN!);
    if (input.TagKeys!.some((key) => !VALID_TAG.test(key))) throw invalidCharacters();
    const kept = new Map(tagsOf(resource));
    for (const key of input.TagKeys!) kept.delete(key);
    setTags(resource, kept);
    return {};
  },
});

export const listTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  group: 'tags',
  doc: 'Lists all tags of a stream or consumer, in key order.',
  profiles: CURRENT_ONLY,
  input: () => structure({ ResourceARN: required(ResourceARN) }),
  run(ctx, input) {
    const tags = tagsOf(resourceOf(ctx, input.ResourceARN!));
    return { Tags: [...tags.keys()].sort().map((Key) => ({ Key, Value: tags.get(Key)! })) };
  },
});

function checkPolicy(policy: string): void {
  if (policy.length > MAX_POLICY_LENGTH) {
    throw invalidArgument(
      `Policy size ${policy.length} exceeds the maximum allowed size of ${MAX_POLICY_LENGTH} characters.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !('Statement' in parsed)) {
    throw invalidArgument('Policy is not a valid JSON policy document: it must be a JSON object with a Statement.');
  }
}

export const putResourcePolicy = defineOperation({
  name: 'PutResourcePolicy',
  group: 'policies',
  doc: 'Attaches a resource policy (JSON) to a stream or consumer, replacing any other.',
  profiles: CURRENT_ONLY,
  input: () =>
    structure({
      ResourceARN: required(ResourceARN),
      Policy: required({ type: 'string', doc: 'The policy document, as JSON text.' }),
    }),
  run(ctx, input) {
    const resource = changeableResource(ctx, input.ResourceARN!);
    checkPolicy(input.Policy!);
    if (resource.consumer) resource.consumer.policy = input.Policy!;
    else resource.stream.policy = input.Policy!;
    return {};
  },
});

export const getResourcePolicy = defineOperation({
  name: 'GetResourcePolicy',
  group: 'policies',
  doc: 'Shows the resource policy of a stream or consumer ({} when there is none).',
  profiles: CURRENT_ONLY,
  input: () => structure({ ResourceARN: required(ResourceARN) }),
  run(ctx, input) {
    const resource = resourceOf(ctx, input.ResourceARN!);
    return { Policy: (resource.consumer ? resource.consumer.policy : resource.stream.policy) ?? '{}' };
  },
});

export const deleteResourcePolicy = defineOperation({
  name: 'DeleteResourcePolicy',
  group: 'policies',
  doc: 'Removes the resource policy of a stream or consumer.',
  profiles: CURRENT_ONLY,
  input: () => structure({ ResourceARN: required(ResourceARN) }),
  run(ctx, input) {
    const resource = changeableResource(ctx, input.ResourceARN!);
    const owner = resource.consumer ?? resource.stream;
    if (owner.policy === undefined) {
      throw resourceNotFound(
        `No resource policy found for resource ${input.ResourceARN!} under account ${ctx.account}.`,
      );
    }
    delete owner.policy;
    return {};
  },
});
