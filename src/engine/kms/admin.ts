import type { Context } from '../context';
import { nextInt } from '../core/rng';
import { invalidArgument } from '../errors';
import { findKey, parseKeyId, type KeyReference } from './resolve';
import { aliasArn, keyArn, type KmsKey } from './state';

/**
 * Simulator-only KMS administration (not Kinesis operations): what an instructor does in the KMS
 * console to show how Kinesis reacts. Each runs through `engine.admin`, so it is logged and
 * replayed like a call.
 */
export interface KmsAdminInputs {
  'kms:CreateKey': { Alias?: string; Description?: string };
  'kms:CreateAlias': { KeyId: string; Alias: string };
  'kms:DisableKey': { KeyId: string };
  'kms:EnableKey': { KeyId: string };
  'kms:ScheduleKeyDeletion': { KeyId: string; PendingWindowInDays?: number };
  'kms:CancelKeyDeletion': { KeyId: string };
  'kms:SetKinesisAccess': { KeyId: string; Allowed: boolean };
  'kms:SetThrottling': { KeyId: string; Throttled: boolean };
  'kms:SetOptIn': { OptedIn: boolean };
}
export type KmsAdminOperation = keyof KmsAdminInputs;

export interface KmsKeyView {
  readonly KeyId: string;
  readonly Arn: string;
  readonly Aliases: readonly string[];
  readonly State: string;
  readonly AwsManaged: boolean;
  readonly KinesisAccess: boolean;
  readonly Throttled: boolean;
  readonly Description: string;
}

const hex = (ctx: Context, n: number) =>
  Array.from({ length: n }, () => nextInt(ctx.state.rng, 0, 15).toString(16)).join('');
const newGuid = (ctx: Context) =>
  `${hex(ctx, 8)}-${hex(ctx, 4)}-4${hex(ctx, 3)}-${['8', '9', 'a', 'b'][nextInt(ctx.state.rng, 0, 3)]}${hex(ctx, 3)}-${hex(ctx, 12)}`;

function addKey(ctx: Context, keyId: string, arn: string, aliases: string[], description: string): number {
  const key: KmsKey = {
    keyId,
    arn,
    awsManaged: false,
    description,
    aliases,
    state: 'Enabled',
    kinesisDenied: false,
    throttled: false,
  };
  ctx.state.kms.keys.push(key);
  return ctx.state.kms.keys.length - 1;
}

/** Lenient KMS: creates the key a well-formed reference names, and returns its slot. */
export function createKeyFor(ctx: Context, reference: KeyReference): number {
  if (reference.kind === 'key') return addKey(ctx, reference.keyId, reference.arn, [], 'Created on first use');
  const keyId = newGuid(ctx);
  return addKey(ctx, keyId, keyArn(ctx.options.region, ctx.account, keyId), [reference.alias], 'Created on first use');
}

function keyOf(ctx: Context, given: string): KmsKey {
  const reference = parseKeyId({ profile: 'current', region: ctx.options.region, account: ctx.account }, given);
  const slot = findKey(ctx.state.kms, reference);
  if (slot === undefined) throw invalidArgument(`No KMS key ${given} in this simulator.`);
  return ctx.state.kms.keys[slot]!;
}

function checkAlias(ctx: Context, alias: string): void {
  if (!/^alias\/[a-zA-Z0-9/_-]{1,250}$/.test(alias) || alias.startsWith('alias/aws/')) {
    throw invalidArgument(
      `Invalid alias ${alias}: use alias/<name> with letters, digits, / _ - (alias/aws/ is reserved).`,
    );
  }
  if (ctx.state.kms.keys.some((key) => key.aliases.includes(alias)))
    throw invalidArgument(`Alias ${alias} already exists.`);
}

function customerKey(ctx: Context, given: string): KmsKey {
  const key = keyOf(ctx, given);
  if (key.awsManaged) throw invalidArgument(`${key.arn} is an AWS-managed key: its state cannot be changed.`);
  return key;
}

export const describeKey = (key: KmsKey): KmsKeyView => ({
  KeyId: key.keyId,
  Arn: key.arn,
  Aliases: [...key.aliases],
  State: key.state,
  AwsManaged: key.awsManaged,
  KinesisAccess: !key.kinesisDenied,
  Throttled: key.throttled,
  Description: key.description,
});

/** Runs one KMS administration command; throws InvalidArgumentException for bad input. */
export function runKmsAdmin(ctx: Context, operation: string, input: Record<string, unknown>): unknown {
  const text = (name: string) => {
    const value = input[name];
    if (typeof value !== 'string' || value.length === 0)
      throw invalidArgument(`${operation} needs ${name} (a string).`);
    return value;
  };
  const flag = (name: string) => {
    const value = input[name];
    if (typeof value !== 'boolean') throw invalidArgument(`${operation} needs ${name} (true or false).`);
    return value;
  };
  switch (operation) {
    case 'kms:CreateKey': {
      const alias = input.Alias === undefined ? undefined : text('Alias');
      if (alias !== undefined) checkAlias(ctx, alias);
      const keyId = newGuid(ctx);
      const description = typeof input.Description === 'string' ? input.Description : '';
      const slot = addKey(
        ctx,
        keyId,
        keyArn(ctx.options.region, ctx.account, keyId),
        alias ? [alias] : [],
        description,
      );
      return describeKey(ctx.state.kms.keys[slot]!);
    }
    case 'kms:CreateAlias': {
      const alias = text('Alias');
      const key = customerKey(ctx, text('KeyId'));
      checkAlias(ctx, alias);
      key.aliases.push(alias);
      return { AliasArn: aliasArn(ctx.options.region, ctx.account, alias), KeyId: key.keyId };
    }
    case 'kms:DisableKey':
    case 'kms:EnableKey': {
      const key = customerKey(ctx, text('KeyId'));
      if (key.state === 'PendingDeletion' || key.state === 'Deleted')
        throw invalidArgument(`${key.arn} is ${key.state === 'Deleted' ? 'deleted' : 'pending deletion'}.`);
      key.state = operation === 'kms:DisableKey' ? 'Disabled' : 'Enabled';
      return describeKey(key);
    }
    case 'kms:ScheduleKeyDeletion': {
      const key = customerKey(ctx, text('KeyId'));
      const days = input.PendingWindowInDays ?? 30;
      if (typeof days !== 'number' || days < 7 || days > 30)
        throw invalidArgument('PendingWindowInDays must be between 7 and 30.');
      if (key.state === 'Deleted') throw invalidArgument(`${key.arn} is deleted.`);
      key.state = 'PendingDeletion';
      key.deletionAt = ctx.now() + days * 86_400_000;
      ctx.schedule(key.deletionAt, { kind: 'kmsKeyDeleted', slot: ctx.state.kms.keys.indexOf(key) });
      return { KeyId: key.keyId, DeletionDate: new Date(key.deletionAt) };
    }
    case 'kms:CancelKeyDeletion': {
      const key = customerKey(ctx, text('KeyId'));
      if (key.state !== 'PendingDeletion') throw invalidArgument(`${key.arn} is not pending deletion.`);
      key.state = 'Disabled'; // as in KMS: a cancelled deletion leaves the key disabled
      delete key.deletionAt;
      return describeKey(key);
    }
    case 'kms:SetKinesisAccess': {
      const key = customerKey(ctx, text('KeyId'));
      key.kinesisDenied = !flag('Allowed');
      return describeKey(key);
    }
    case 'kms:SetThrottling': {
      const key = keyOf(ctx, text('KeyId'));
      key.throttled = flag('Throttled');
      return describeKey(key);
    }
    case 'kms:SetOptIn':
      ctx.state.kms.optedIn = flag('OptedIn');
      return { OptedIn: ctx.state.kms.optedIn };
    default:
      throw invalidArgument(`Unknown KMS administration command ${operation}.`);
  }
}
