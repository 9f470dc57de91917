/**
 * Checks a scenario document (parsed JSON of unknown shape) against the format. Unknown fields
 * and bad values are rejected with a message naming the exact place; nothing is ever executed:
 * call inputs are checked against the operation's schema with the engine's type pass only.
 */
import { OPERATIONS, PROFILES, checkTypes, isKinesisError, type KmsAdminOperation, type Profile } from '../engine';
import {
  consumerProblem,
  producerProblem,
  type ConsumerConfig,
  type KeyDistribution,
  type ProducerConfig,
} from '../traffic';
import { decodeTagged } from '../protocol/tagged';
import {
  CAPTION_VIEWS,
  SCENARIO_SCHEMA,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioSettings,
  type Step,
} from './format';

export type ValidateResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

export const KMS_OPERATIONS: readonly KmsAdminOperation[] = [
  'kms:CreateKey',
  'kms:CreateAlias',
  'kms:DisableKey',
  'kms:EnableKey',
  'kms:ScheduleKeyDeletion',
  'kms:CancelKeyDeletion',
  'kms:SetKinesisAccess',
  'kms:SetThrottling',
  'kms:SetOptIn',
];

const TIMINGS = ['realistic', 'fast', 'minutes'] as const;
/** The longest a scenario may run: 30 days of virtual time. */
export const MAX_SCENARIO_MS = 30 * 24 * 3600 * 1000;
export const MAX_STEPS = 2000;

class Invalid extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : (JSON.stringify(v) ?? String(v));

function object(
  value: unknown,
  where: string,
  allowed: readonly string[],
  required: readonly string[],
): Record<string, unknown> {
  if (!isObject(value)) throw new Invalid(`${where} must be an object, not ${show(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      throw new Invalid(`${where} has an unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
  for (const key of required) if (!(key in value)) throw new Invalid(`${where} is missing "${key}"`);
  return value;
}

function text(value: unknown, where: string, max = 2000, min = 1): string {
  if (typeof value !== 'string' || value.length < min || value.length > max) {
    throw new Invalid(`${where} must be text of ${min} to ${max} characters, not ${show(value)}`);
  }
  return value;
}

function integer(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Invalid(`${where} must be a whole number from ${min} to ${max}, not ${show(value)}`);
  }
  return value;
}

function number(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Invalid(`${where} must be a number from ${min} to ${max}, not ${show(value)}`);
  }
  return value;
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new Invalid(`${where} must be true or false, not ${show(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, where: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new Invalid(`${where} must be one of ${options.join(', ')}, not ${show(value)}`);
  }
  return value as T;
}

function settingsOf(value: unknown): ScenarioSettings {
  const s = object(
    value,
    'settings',
    ['profile', 'timing', 'throughput', 'apiRates', 'accountId', 'region'],
    ['profile', 'timing'],
  );
  const accountId = s.accountId === undefined ? '123456789012' : text(s.accountId, 'settings.accountId', 12, 12);
  if (!/^\d{12}$/.test(accountId)) throw new Invalid('settings.accountId must be 12 digits');
  const region = s.region === undefined ? 'us-east-1' : text(s.region, 'settings.region', 30);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new Invalid(`settings.region must be a region name such as us-east-1, not ${show(region)}`);
  return {
    profile: oneOf<Profile>(s.profile, 'settings.profile', PROFILES),
    timing: oneOf(s.timing, 'settings.timing', TIMINGS),
    throughput: s.throughput === undefined ? true : boolean(s.throughput, 'settings.throughput'),
    apiRates: s.apiRates === undefined ? true : boolean(s.apiRates, 'settings.apiRates'),
    accountId,
    region,
  };
}

function keysOf(value: unknown, where: string): KeyDistribution {
  const kind = isObject(value) ? value.kind : undefined;
  switch (kind) {
    case 'uniform':
      object(value, where, ['kind'], ['kind']);
      return { kind };
    case 'fixed': {
      const v = object(value, where, ['kind', 'keys'], ['kind', 'keys']);
      if (!Array.isArray(v.keys) || v.keys.length === 0 || v.keys.length > 1000)
        throw new Invalid(`${where}.keys must be a list of 1 to 1000 keys`);
      return { kind, keys: v.keys.map((k, i) => text(k, `${where}.keys[${i}]`, 256)) };
    }
    case 'hot': {
      const v = object(value, where, ['kind', 'key', 'share'], ['kind', 'key', 'share']);
      return { kind, key: text(v.key, `${where}.key`, 256), share: number(v.share, `${where}.share`, 0, 1) };
    }
    case 'sequential': {
      const v = object(value, where, ['kind', 'prefix'], ['kind']);
      return { kind, prefix: v.prefix === undefined ? 'key-' : text(v.prefix, `${where}.prefix`, 240, 0) };
    }
    default:
      throw new Invalid(`${where}.kind must be one of uniform, fixed, hot, sequential, not ${show(kind)}`);
  }
}

const PRODUCER_FIELDS = ['id', 'stream', 'rate', 'keys', 'payloadBytes', 'batch', 'maxRetries', 'backoffMs'];
const CONSUMER_FIELDS = ['id', 'stream', 'pollMs', 'limit', 'initialPosition'];

export function producerOf(value: unknown, where: string): ProducerConfig {
  const v = object(value, where, PRODUCER_FIELDS, ['id', 'stream', 'rate', 'keys']);
  const config: ProducerConfig = {
    id: text(v.id, `${where}.id`, 64),
    stream: text(v.stream, `${where}.stream`, 128),
    rate: number(v.rate, `${where}.rate`, 0.001, 10_000),
    keys: keysOf(v.keys, `${where}.keys`),
    payloadBytes: v.payloadBytes === undefined ? 100 : integer(v.payloadBytes, `${where}.payloadBytes`, 1, 1024 * 1024),
    batch: v.batch === undefined ? 1 : integer(v.batch, `${where}.batch`, 1, 500),
    maxRetries: v.maxRetries === undefined ? 3 : integer(v.maxRetries, `${where}.maxRetries`, 0, 20),
    backoffMs: v.backoffMs === undefined ? 100 : integer(v.backoffMs, `${where}.backoffMs`, 1, 60_000),
  };
  const problem = producerProblem(config);
  if (problem) throw new Invalid(`${where}: ${problem}`);
  return config;
}

export function consumerOf(value: unknown, where: string): ConsumerConfig {
  const v = object(value, where, CONSUMER_FIELDS, ['id', 'stream']);
  const config: ConsumerConfig = {
    id: text(v.id, `${where}.id`, 64),
    stream: text(v.stream, `${where}.stream`, 128),
    pollMs: v.pollMs === undefined ? 1000 : integer(v.pollMs, `${where}.pollMs`, 200, 600_000),
    limit: v.limit === undefined ? 10_000 : integer(v.limit, `${where}.limit`, 1, 10_000),
    initialPosition:
      v.initialPosition === undefined
        ? 'TRIM_HORIZON'
        : oneOf(v.initialPosition, `${where}.initialPosition`, ['TRIM_HORIZON', 'LATEST'] as const),
  };
  const problem = consumerProblem(config);
  if (problem) throw new Invalid(`${where}: ${problem}`);
  return config;
}

const ID_STEPS = [
  'pauseProducer',
  'resumeProducer',
  'stopProducer',
  'pauseConsumer',
  'resumeConsumer',
  'stopConsumer',
] as const;
const STEP_KINDS = ['call', 'kms', 'startProducer', 'startConsumer', ...ID_STEPS, 'caption', 'pause'] as const;

function stepOf(value: unknown, where: string, profile: Profile): Step {
  if (!isObject(value)) throw new Invalid(`${where} must be an object, not ${show(value)}`);
  const kind = oneOf(value.do, `${where}.do`, STEP_KINDS);
  const at = (v: Record<string, unknown>) => integer(v.at, `${where}.at`, 0, MAX_SCENARIO_MS);
  switch (kind) {
    case 'call': {
      const v = object(value, where, ['at', 'do', 'operation', 'input', 'expect'], ['at', 'do', 'operation', 'input']);
      const operation = text(v.operation, `${where}.operation`, 64);
      const def = OPERATIONS.get(operation);
      if (!def || !def.profiles.includes(profile))
        throw new Invalid(`${where}.operation ${show(operation)} is not a Kinesis operation of the ${profile} profile`);
      const shape = def.input(profile);
      const raw = object(v.input, `${where}.input`, Object.keys(shape.members), []);
      let input: Record<string, unknown>;
      try {
        input = decodeTagged(raw) as Record<string, unknown>;
        checkTypes(shape, input, { mode: 'sdk' });
      } catch (error) {
        const message = isKinesisError(error) ? `${error.name}: ${error.message}` : (error as Error).message;
        throw new Invalid(`${where}.input does not fit ${operation}: ${message}`);
      }
      const step: Step = { at: at(v), do: 'call', operation, input: raw };
      if (v.expect !== undefined) step.expect = text(v.expect, `${where}.expect`, 100);
      return step;
    }
    case 'kms': {
      const v = object(value, where, ['at', 'do', 'operation', 'input', 'expect'], ['at', 'do', 'operation']);
      const operation = oneOf(v.operation, `${where}.operation`, KMS_OPERATIONS);
      const input =
        v.input === undefined
          ? {}
          : object(
              v.input,
              `${where}.input`,
              ['KeyId', 'Alias', 'Description', 'PendingWindowInDays', 'Allowed', 'Throttled', 'OptedIn'],
              [],
            );
      for (const [key, item] of Object.entries(input)) {
        if (!['string', 'number', 'boolean'].includes(typeof item))
          throw new Invalid(`${where}.input.${key} must be text, a number or true/false`);
      }
      const step: Step = { at: at(v), do: 'kms', operation, input };
      if (v.expect !== undefined) step.expect = text(v.expect, `${where}.expect`, 100);
      return step;
    }
    case 'startProducer': {
      const v = object(value, where, ['at', 'do', 'producer'], ['at', 'do', 'producer']);
      return { at: at(v), do: kind, producer: producerOf(v.producer, `${where}.producer`) };
    }
    case 'startConsumer': {
      const v = object(value, where, ['at', 'do', 'consumer'], ['at', 'do', 'consumer']);
      return { at: at(v), do: kind, consumer: consumerOf(v.consumer, `${where}.consumer`) };
    }
    case 'caption': {
      const v = object(
        value,
        where,
        ['at', 'do', 'title', 'text', 'views', 'shard', 'key', 'iterator'],
        ['at', 'do', 'text'],
      );
      const step: Step = { at: at(v), do: 'caption', text: text(v.text, `${where}.text`) };
      if (v.title !== undefined) step.title = text(v.title, `${where}.title`, 120);
      if (v.views !== undefined) {
        if (!Array.isArray(v.views) || v.views.length === 0 || v.views.length > CAPTION_VIEWS.length)
          throw new Invalid(`${where}.views must be a list of 1 to ${CAPTION_VIEWS.length} view names`);
        step.views = [...new Set(v.views.map((view, i) => oneOf(view, `${where}.views[${i}]`, CAPTION_VIEWS)))];
      }
      if (v.shard !== undefined) step.shard = text(v.shard, `${where}.shard`, 128);
      // A partition key's own limit: 1 to 256 characters.
      if (v.key !== undefined) step.key = text(v.key, `${where}.key`, 256);
      if (v.iterator !== undefined) step.iterator = text(v.iterator, `${where}.iterator`, 128);
      return step;
    }
    case 'pause': {
      const v = object(value, where, ['at', 'do', 'label'], ['at', 'do']);
      const step: Step = { at: at(v), do: 'pause' };
      if (v.label !== undefined) step.label = text(v.label, `${where}.label`, 120);
      return step;
    }
    default: {
      const v = object(value, where, ['at', 'do', 'id'], ['at', 'do', 'id']);
      return { at: at(v), do: kind, id: text(v.id, `${where}.id`, 64) };
    }
  }
}

/** Checks a parsed scenario document; never throws, never runs anything. */
export function validateScenario(doc: unknown): ValidateResult {
  try {
    const v = object(
      doc,
      'The scenario',
      [
        '$schema',
        'schema',
        'version',
        'name',
        'title',
        'summary',
        'settings',
        'seed',
        'startTime',
        'speed',
        'stream',
        'steps',
      ],
      ['schema', 'version', 'name', 'title', 'settings', 'seed', 'startTime', 'steps'],
    );
    if (v.schema !== SCENARIO_SCHEMA) throw new Invalid(`"schema" must be "${SCENARIO_SCHEMA}", not ${show(v.schema)}`);
    if (v.version !== SCENARIO_VERSION) {
      throw new Invalid(
        `version ${show(v.version)} is not supported: this app reads scenario version ${SCENARIO_VERSION}`,
      );
    }
    const name = text(v.name, 'name', 64);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
      throw new Invalid(`name must be lower-case letters, digits and "-", not ${show(name)}`);
    const settings = settingsOf(v.settings);
    if (!Array.isArray(v.steps) || v.steps.length === 0 || v.steps.length > MAX_STEPS)
      throw new Invalid(`steps must be a list of 1 to ${MAX_STEPS} steps`);
    const steps: Step[] = [];
    let last = 0;
    v.steps.forEach((raw, i) => {
      const step = stepOf(raw, `steps[${i}]`, settings.profile);
      if (step.at < last)
        throw new Invalid(
          `steps[${i}].at (${step.at}) is earlier than the step before it (${last}): steps are in time order`,
        );
      last = step.at;
      steps.push(step);
    });
    const scenario: Scenario = {
      schema: SCENARIO_SCHEMA,
      version: SCENARIO_VERSION,
      name,
      title: text(v.title, 'title', 120),
      summary: v.summary === undefined ? '' : text(v.summary, 'summary', 1000, 0),
      settings,
      seed: integer(v.seed, 'seed', 0, 2 ** 31 - 1),
      startTime: integer(v.startTime, 'startTime', 0, 8.64e15 - MAX_SCENARIO_MS),
      speed: v.speed === undefined ? 1 : number(v.speed, 'speed', 0.1, 1000),
      steps,
    };
    if (v.stream !== undefined) scenario.stream = text(v.stream, 'stream', 128);
    return { ok: true, scenario };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, error: `Invalid scenario: ${error.message}.` };
    throw error;
  }
}

/** Parses and checks scenario JSON text; never throws. */
export function parseScenario(json: string): ValidateResult {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `Invalid scenario: not valid JSON (${(error as Error).message}).` };
  }
  return validateScenario(doc);
}
