// The engine's public face: everything above the engine imports from here.
export { ADMIN_PREFIX, createEngine, replay, restoreEngine } from './engine';
export type { Command, Engine, EngineSnapshot } from './engine';
export { KinesisError, isKinesisError } from './errors';
export { dateOfMillis } from './schema/dates';
export type { ValidationProblem } from './errors';
export type { CallError, EngineEvent, EngineEventType, EngineListener, RecordsRead, RecordsWritten } from './events';
export { OPERATIONS, OPERATIONS_WITHOUT_OUTPUT, operationsFor, isOperationName } from './operations';
export type { InputOf, OperationDef, OperationGroup, OperationName, OutputOf } from './operations/types';
export {
  DEFAULT_ACCOUNT_ID,
  DEFAULT_REGION,
  DEFAULT_SEED,
  DEFAULT_START_TIME,
  PROFILES,
  TIMING_PRESETS,
  defaultShardLimit,
  resolveOptions,
} from './options';
export type { EngineOptions, EngineOptionsInput, Limits, Profile, TimingPreset, Timings } from './options';
export type * from './schema/shapes';
export { checkConstraints, checkTypes, constraintProblems, validateInput, validationProblems } from './schema/validate';
export type { DecodeOptions, ValueMode } from './schema/validate';
export { checkpointDigest } from './snapshot';
export { portableSnapshot, restorePortable } from './portable';
export type { LogColumns, PortableSnapshot, SnapshotOutline } from './portable';
export { consumerArnOf, parseConsumerArn, parseStreamArn, streamArnOf, streamOfArn } from './arn';
export type { ConsumerArnParts, StreamArnParts } from './arn';
export { SHARD_LIMITS, openShardOf, openShardOfKey, trimHorizonPosition, trimHorizonTimeAt } from './facts';
export type { StateCheckpoint } from './snapshot';
export type {
  EncryptionType,
  IteratorState,
  IteratorType,
  ShardState,
  StreamMode,
  StreamState,
  StreamStatus,
} from './state';
export { HASH_SPACE, MAX_HASH_KEY, hashFraction, hashKeyOf, md5Hex } from './core/hash';
export { parseSequenceNumber, sequenceNumber, compareSequenceNumbers } from './core/sequence';
export { decodeBase64, encodeBase64, base64Problem } from './core/base64';
export { setOwn } from './core/objects';
export { createRng, nextFloat } from './core/rng';
export type { Rng } from './core/rng';
export { shardById, shardIdOf, evenRanges } from './shards';
export { ITERATOR_LIFETIME_MS } from './iterators';
export type { KmsAdminInputs, KmsAdminOperation, KmsKeyView } from './kms/admin';
export { AWS_MANAGED_ALIAS } from './kms/state';
export { ENCRYPTION_SPREAD_MS } from './kms/gate';
export { ENCRYPTION_CHANGES_PER_DAY } from './operations/encryption';
export { SUBSCRIPTION_LIFETIME_MS, SUBSCRIPTION_PUSH_INTERVAL_MS, subscriptionEvents } from './consumers/subscriptions';
export type { SubscriptionView } from './consumers/subscriptions';
export type { ConsumerState, ConsumerStatus, SubscriptionState } from './state';
