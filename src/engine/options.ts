/**
 * Engine options: everything the engine is a function of, besides the timed commands.
 */
export type Profile = 'current' | '2017-07';
export const PROFILES: readonly Profile[] = ['current', '2017-07'];

/** How long each asynchronous change keeps the stream in its transitional status (virtual ms). */
export interface Timings {
  readonly createStreamMs: number;
  readonly deleteStreamMs: number;
  /** SplitShard and MergeShards. */
  readonly updateStreamMs: number;
  readonly updateShardCountMs: number;
  readonly encryptionMs: number;
  readonly streamModeMs: number;
}

export type TimingPreset = 'realistic' | 'fast' | 'minutes';

export const TIMING_PRESETS: Readonly<Record<TimingPreset, Timings>> = {
  // Seconds-long transitions, like the real service on a quiet day.
  realistic: {
    createStreamMs: 15_000,
    deleteStreamMs: 10_000,
    updateStreamMs: 12_000,
    updateShardCountMs: 30_000,
    encryptionMs: 5_000,
    streamModeMs: 20_000,
  },
  fast: {
    createStreamMs: 500,
    deleteStreamMs: 500,
    updateStreamMs: 500,
    updateShardCountMs: 500,
    encryptionMs: 500,
    streamModeMs: 500,
  },
  // The slow end the documentation warns about ("can take minutes").
  minutes: {
    createStreamMs: 60_000,
    deleteStreamMs: 60_000,
    updateStreamMs: 120_000,
    updateShardCountMs: 180_000,
    encryptionMs: 120_000,
    streamModeMs: 180_000,
  },
};

export interface Limits {
  /** Account shard limit; defaults by profile and region. */
  readonly shardLimit: number;
  /** Per-shard read and write throughput limits. */
  readonly throughput: boolean;
  /** Per-account API call rate limits. */
  readonly apiRates: boolean;
}

export interface EngineOptions {
  readonly profile: Profile;
  readonly seed: number;
  /** Epoch milliseconds of the engine's first instant. */
  readonly startTime: number;
  readonly accountId: string;
  readonly region: string;
  readonly timings: Timings;
  readonly limits: Limits;
  /** Accept any well-formed KMS key id, creating the key on first use (for local endpoints). */
  readonly lenientKms: boolean;
  /**
   * Keep the timed command log (replay, sessions, share links). A long-running endpoint turns it
   * off so memory holds the records only.
   */
  readonly commandLog: boolean;
  /**
   * The most records the engine holds across its streams, or undefined for no bound. Past it the
   * oldest are trimmed (announced with reason 'budget') and their memory released, so a page can
   * bound what a long run costs.
   */
  readonly recordBudget?: number;
}

export interface EngineOptionsInput {
  readonly profile?: Profile;
  readonly seed?: number;
  readonly startTime?: number;
  readonly accountId?: string;
  readonly region?: string;
  readonly timings?: TimingPreset | Partial<Timings>;
  readonly limits?: Partial<Limits>;
  readonly lenientKms?: boolean;
  readonly commandLog?: boolean;
  readonly recordBudget?: number;
}

/** 2017-07-14T02:40:00Z: a fixed default instant, so runs are reproducible. */
export const DEFAULT_START_TIME = 1_500_000_000_000;
export const DEFAULT_ACCOUNT_ID = '123456789012';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_SEED = 42;

const BIG_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'];
const CURRENT_MID_REGIONS = ['us-east-2', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-2', 'eu-central-1'];

/** The default account shard limit of a profile in a region. */
export function defaultShardLimit(profile: Profile, region: string): number {
  const big = BIG_REGIONS.includes(region);
  if (profile === '2017-07') return big ? 500 : 200;
  if (big) return 20_000;
  return CURRENT_MID_REGIONS.includes(region) ? 6_000 : 1_000;
}

export function resolveOptions(input: EngineOptionsInput = {}): EngineOptions {
  const profile = input.profile ?? 'current';
  const region = input.region ?? DEFAULT_REGION;
  const accountId = input.accountId ?? DEFAULT_ACCOUNT_ID;
  if (!/^\d{12}$/.test(accountId)) throw new Error(`accountId must be 12 digits, got ${accountId}`);
  const budget = input.recordBudget;
  if (budget !== undefined && !(Number.isSafeInteger(budget) && budget >= 1)) {
    throw new Error(`recordBudget must be a whole number of records, at least 1, got ${budget}`);
  }
  const timings =
    typeof input.timings === 'string'
      ? TIMING_PRESETS[input.timings]
      : { ...TIMING_PRESETS.realistic, ...(input.timings ?? {}) };
  return {
    profile,
    seed: input.seed ?? DEFAULT_SEED,
    startTime: input.startTime ?? DEFAULT_START_TIME,
    accountId,
    region,
    timings,
    limits: {
      shardLimit: input.limits?.shardLimit ?? defaultShardLimit(profile, region),
      throughput: input.limits?.throughput ?? true,
      apiRates: input.limits?.apiRates ?? true,
    },
    lenientKms: input.lenientKms ?? false,
    commandLog: input.commandLog ?? true,
    ...(budget !== undefined ? { recordBudget: budget } : {}),
  };
}
