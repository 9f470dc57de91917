import { invalidArgument, KinesisError } from '../errors';
import type { Profile } from '../options';
import { AWS_MANAGED_ALIAS, aliasArn, keyArn, type KmsKey, type KmsState } from './state';

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const GUID_RE = new RegExp(`^${GUID}$`);
const ALIAS_RE = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const KEY_ARN_RE = new RegExp(`^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\\d{12}):key/(${GUID})$`);
const ALIAS_ARN_RE = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(alias\/[a-zA-Z0-9/_-]{1,250})$/;

/** What a KeyId names: a key by its GUID, or an alias. */
export type KeyReference =
  | { readonly kind: 'key'; readonly keyId: string; readonly arn: string }
  | { readonly kind: 'alias'; readonly alias: string; readonly arn: string };

export interface KmsScope {
  readonly profile: Profile;
  readonly region: string;
  readonly account: string;
}

/**
 * Parses a KeyId in the forms the profile accepts: 2017-07 takes a key GUID or the Kinesis-owned
 * alias; the current API adds key ARNs, alias names and alias ARNs. Anything else is malformed.
 */
export function parseKeyId(scope: KmsScope, given: string): KeyReference {
  const { region, account } = scope;
  if (GUID_RE.test(given))
    return { kind: 'key', keyId: given.toLowerCase(), arn: keyArn(region, account, given.toLowerCase()) };
  if (scope.profile === '2017-07') {
    if (given === AWS_MANAGED_ALIAS) return { kind: 'alias', alias: given, arn: aliasArn(region, account, given) };
    throw malformed(given, 'a key id (GUID) or alias/aws/kinesis');
  }
  if (ALIAS_RE.test(given)) return { kind: 'alias', alias: given, arn: aliasArn(region, account, given) };
  const keyArnMatch = KEY_ARN_RE.exec(given);
  if (keyArnMatch) {
    const keyId = keyArnMatch[3]!.toLowerCase();
    // An ARN of another region or account names a key this account cannot see.
    if (keyArnMatch[1] !== region || keyArnMatch[2] !== account)
      return { kind: 'key', keyId: `foreign:${given}`, arn: given };
    return { kind: 'key', keyId, arn: keyArn(region, account, keyId) };
  }
  const aliasArnMatch = ALIAS_ARN_RE.exec(given);
  if (aliasArnMatch) {
    if (aliasArnMatch[1] !== region || aliasArnMatch[2] !== account)
      return { kind: 'alias', alias: `foreign:${given}`, arn: given };
    return { kind: 'alias', alias: aliasArnMatch[3]!, arn: given };
  }
  throw malformed(given, 'a key id, key ARN, alias name (alias/...) or alias ARN');
}

const malformed = (given: string, expected: string) =>
  invalidArgument(`Invalid KeyId ${given}. KeyId must be ${expected}.`);

/** The key slot a reference names, or undefined. */
export function findKey(kms: KmsState, reference: KeyReference): number | undefined {
  const slot =
    reference.kind === 'key'
      ? kms.keys.findIndex((key) => key.keyId === reference.keyId)
      : kms.keys.findIndex((key) => key.aliases.includes(reference.alias));
  return slot === -1 ? undefined : slot;
}

export const notFound = (reference: KeyReference) =>
  new KinesisError(
    'KMSNotFoundException',
    reference.kind === 'alias' ? `Alias ${reference.arn} is not found.` : `Key '${reference.arn}' does not exist`,
  );

/** Why KMS refuses this key for the given action, as Kinesis relays it; undefined if it works. */
export function keyFailure(
  kms: KmsState,
  key: KmsKey,
  action: 'encrypt' | 'decrypt',
  account: string,
): KinesisError | undefined {
  if (!kms.optedIn)
    return new KinesisError('KMSOptInRequired', 'The AWS Access Key Id needs a subscription for the service');
  if (key.state === 'Deleted') return new KinesisError('KMSNotFoundException', `Key '${key.arn}' does not exist`);
  if (key.state === 'Disabled') return new KinesisError('KMSDisabledException', `${key.arn} is disabled.`);
  if (key.state === 'PendingDeletion')
    return new KinesisError('KMSInvalidStateException', `${key.arn} is pending deletion.`);
  if (key.kinesisDenied) {
    return new KinesisError(
      'KMSAccessDeniedException',
      action === 'encrypt'
        ? `User: arn:aws:sts::${account}:assumed-role/KinesisProducerRole/producer is not authorized to perform: kms:GenerateDataKey on resource: ${key.arn}`
        : 'User *:* is not authorized to decrypt records in stream *',
    );
  }
  if (key.throttled)
    return new KinesisError('KMSThrottlingException', `Rate exceeded for key ${key.arn}. Retry the request later.`);
  return undefined;
}
