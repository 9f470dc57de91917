import type { Context } from '../context';
import { KinesisError, limitExceeded } from '../errors';
import { findKey, keyFailure, notFound, parseKeyId } from '../kms/resolve';
import { createKeyFor } from '../kms/admin';
import { EncryptionType, KeyId } from '../schema/common';
import { streamRef } from '../schema/streamRef';
import { required, structure } from '../schema/shapes';
import type { Profile } from '../options';
import type { StreamState } from '../state';
import { beginUpdate } from '../updates';
import { BOTH_PROFILES, defineOperation } from './types';

const DAY_MS = 86_400_000;
/** A new key can be applied 25 times, and encryption disabled 25 times, per rolling 24 hours. */
export const ENCRYPTION_CHANGES_PER_DAY = 25;

const encryptionInput = (profile: Profile) =>
  structure({ ...streamRef(profile), EncryptionType: required(EncryptionType), KeyId: required(KeyId) });

function rejectNone(operation: string, type: string): void {
  if (type === 'NONE') {
    throw new KinesisError(
      'InvalidOperationException',
      `EncryptionType NONE is not valid for ${operation}. The only supported EncryptionType is KMS.`,
    );
  }
}

/** The times within the rolling day, or LimitExceededException when the budget is spent. */
function withinBudget(ctx: Context, stream: StreamState, times: number[], what: string): number[] {
  const recent = times.filter((t) => t > ctx.now() - DAY_MS);
  if (recent.length >= ENCRYPTION_CHANGES_PER_DAY) {
    throw limitExceeded(
      `Stream ${stream.name} under account ${ctx.account} has ${what} ${ENCRYPTION_CHANGES_PER_DAY} times in the last 24 hours. ` +
        `This can be done at most ${ENCRYPTION_CHANGES_PER_DAY} times in a rolling 24-hour period.`,
    );
  }
  return recent;
}

export const startStreamEncryption = defineOperation({
  name: 'StartStreamEncryption',
  group: 'encryption',
  doc: 'Encrypts new records with a KMS key; the change reaches every shard within 5 s of ACTIVE.',
  profiles: BOTH_PROFILES,
  input: encryptionInput,
  run(ctx, input) {
    rejectNone('StartStreamEncryption', input.EncryptionType!);
    const stream = ctx.activeStream(input);
    const scope = { profile: ctx.options.profile, region: ctx.options.region, account: ctx.account };
    const reference = parseKeyId(scope, input.KeyId!);
    let slot = findKey(ctx.state.kms, reference);
    const recent = withinBudget(ctx, stream, stream.keyApplications, 'applied a new key');
    if (slot === undefined && !ctx.options.lenientKms) throw notFound(reference);
    if (slot !== undefined) {
      const failure = keyFailure(ctx.state.kms, ctx.state.kms.keys[slot]!, 'encrypt', ctx.account);
      if (failure) throw failure;
    } else {
      slot = createKeyFor(ctx, reference); // lenient KMS: the key exists from its first use
    }
    stream.keyApplications = [...recent, ctx.now()];
    beginUpdate(
      ctx,
      stream,
      { kind: 'StartStreamEncryption', keyId: input.KeyId!, slot },
      ctx.options.timings.encryptionMs,
    );
    return {};
  },
});

export const stopStreamEncryption = defineOperation({
  name: 'StopStreamEncryption',
  group: 'encryption',
  doc: 'Stops encrypting new records; records already written stay encrypted.',
  profiles: BOTH_PROFILES,
  input: encryptionInput,
  run(ctx, input) {
    rejectNone('StopStreamEncryption', input.EncryptionType!);
    const stream = ctx.activeStream(input);
    parseKeyId({ profile: ctx.options.profile, region: ctx.options.region, account: ctx.account }, input.KeyId!);
    const recent = withinBudget(ctx, stream, stream.encryptionDisables, 'disabled encryption');
    stream.encryptionDisables = [...recent, ctx.now()];
    beginUpdate(ctx, stream, { kind: 'StopStreamEncryption' }, ctx.options.timings.encryptionMs);
    return {};
  },
});
