/**
 * The simulated KMS: keys with GUIDs, ARNs and aliases, and the states that make Kinesis calls
 * fail. Plain data, so snapshots copy it. A key's slot (its index in `keys`) is what records store
 * as their encryption (1 + slot; 0 = NONE).
 */
export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'Deleted';

export interface KmsKey {
  readonly keyId: string;
  readonly arn: string;
  readonly awsManaged: boolean;
  readonly description: string;
  aliases: string[];
  state: KeyState;
  /** When a scheduled deletion takes effect. */
  deletionAt?: number;
  /** The key policy denies Kinesis (kms:GenerateDataKey / kms:Decrypt). */
  kinesisDenied: boolean;
  /** KMS answers this key's requests with throttling. */
  throttled: boolean;
}

export interface KmsState {
  keys: KmsKey[];
  /** False: the account has not subscribed to KMS (KMSOptInRequired). */
  optedIn: boolean;
}

export const AWS_MANAGED_ALIAS = 'alias/aws/kinesis';

/** Fixed GUIDs, so every engine starts with the same keys whatever its seed. */
const DEFAULT_KEYS: ReadonlyArray<{ keyId: string; alias: string; description: string; awsManaged: boolean }> = [
  {
    keyId: '8f2e4c1a-0b3d-4e5f-9a6b-7c8d9e0f1a2b',
    alias: AWS_MANAGED_ALIAS,
    description: 'AWS-managed key for Kinesis',
    awsManaged: true,
  },
  {
    keyId: '1d4f7a2b-3c5e-4f60-8a1b-2c3d4e5f6a7b',
    alias: 'alias/orders-stream',
    description: 'Customer key for the orders stream',
    awsManaged: false,
  },
  {
    keyId: '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
    alias: 'alias/audit-logs',
    description: 'Customer key for audit logs',
    awsManaged: false,
  },
];

export const keyArn = (region: string, account: string, keyId: string) =>
  `arn:aws:kms:${region}:${account}:key/${keyId}`;
export const aliasArn = (region: string, account: string, alias: string) => `arn:aws:kms:${region}:${account}:${alias}`;

export function defaultKms(region: string, account: string): KmsState {
  return {
    optedIn: true,
    keys: DEFAULT_KEYS.map(({ keyId, alias, description, awsManaged }) => ({
      keyId,
      arn: keyArn(region, account, keyId),
      awsManaged,
      description,
      aliases: [alias],
      state: 'Enabled',
      kinesisDenied: false,
      throttled: false,
    })),
  };
}
