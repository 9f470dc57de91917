/**
 * A producer that behaves like the Kinesis Producer Library: the application hands it records at
 * a steady rate over virtual time; it buffers them and sends a PutRecords when the oldest has
 * waited `bufferMs` (KPL's RecordMaxBufferedTime) or when `batch` records are waiting (at most 500,
 * a PutRecords' limit); records the service refuses for throughput go back in the queue and are
 * sent again after an exponential backoff with seeded jitter, until they are older than
 * `recordTtlMs` (KPL's RecordTtl) or have been retried `maxRetries` times. With `batch` 1 it sends
 * each record with PutRecord as it comes.
 *
 * Cheap at volume: a flush is one call; its entries and payloads live in buffers the producer
 * reuses (the engine copies what it keeps), so the producer allocates nothing per record but
 * the partition keys the engine stores. State is plain data; every call goes through
 * `engine.call` with the producer as its origin.
 */
import { isKinesisError, nextFloat, type Engine, type Rng } from '../engine';
import { seedFor } from './seed';

export type KeyDistribution =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'fixed'; readonly keys: readonly string[] }
  | { readonly kind: 'hot'; readonly key: string; /** 0..1 of the records */ readonly share: number }
  | { readonly kind: 'sequential'; readonly prefix: string };

export interface ProducerConfig {
  readonly id: string;
  readonly stream: string;
  /** Records per second. */
  readonly rate: number;
  readonly keys: KeyDistribution;
  /** Bytes of data per record. */
  readonly payloadBytes: number;
  /** 1 sends each record with PutRecord; more sends PutRecords of up to that many records. */
  readonly batch: number;
  /** Retries of a throttled record before it counts as failed. */
  readonly maxRetries: number;
  /** First backoff; doubles with each attempt, plus up to 50 % seeded jitter. */
  readonly backoffMs: number;
  /** Longest a record waits in the buffer before a send (KPL RecordMaxBufferedTime); default 100. */
  readonly bufferMs?: number;
  /** A record not accepted this long after it was made fails (KPL RecordTtl); default 30000. */
  readonly recordTtlMs?: number;
}

export type RunStatus = 'running' | 'paused' | 'stopped';

export interface ProducerStats {
  calls: number;
  /** Records the service accepted. */
  accepted: number;
  /** Records throttled (ProvisionedThroughputExceededException), counting every attempt. */
  throttled: number;
  retried: number;
  /** Records given up on (retries or time to live exhausted, or another error). */
  failed: number;
  /** The last error's name and message, for the panel. */
  lastError?: string;
}

/** A record waiting to be sent again. */
export interface PendingRecord {
  /** The record's number (its payload is a function of it) and key. */
  readonly n: number;
  readonly key: string;
  /** When it was made, and when it may be sent again. */
  readonly madeAt: number;
  readonly at: number;
  readonly attempt: number;
}

export interface ProducerState {
  config: ProducerConfig;
  status: RunStatus;
  /** The record schedule counts from `epoch`: the k-th record since then is made at epoch + k / rate. */
  epoch: number;
  /** Records made since `epoch`, and in all. */
  madeSinceEpoch: number;
  produced: number;
  /** Records made and not sent yet: numbers [produced - buffered, produced). */
  buffered: number;
  /** Their keys (the payload follows from the number). */
  bufferedKeys: string[];
  rng: Rng;
  retries: PendingRecord[];
  stats: ProducerStats;
}

export const MAX_RATE = 100_000;
export const MAX_PAYLOAD = 1024 * 1024;
export const DEFAULT_BUFFER_MS = 100;
export const DEFAULT_RECORD_TTL_MS = 30_000;

/** Why a producer config cannot run, or undefined. */
export function producerProblem(config: ProducerConfig): string | undefined {
  if (!/^[\w.-]{1,64}$/.test(config.id)) return 'A producer id is 1–64 letters, digits, ".", "_" or "-".';
  if (typeof config.stream !== 'string' || config.stream === '') return 'A producer needs a stream name.';
  if (!(config.rate > 0 && config.rate <= MAX_RATE))
    return `A producer's rate is more than 0 and at most ${MAX_RATE} records/s.`;
  if (!Number.isInteger(config.payloadBytes) || config.payloadBytes < 1 || config.payloadBytes > MAX_PAYLOAD) {
    return `A producer's payload is 1 to ${MAX_PAYLOAD} bytes.`;
  }
  if (!Number.isInteger(config.batch) || config.batch < 1 || config.batch > 500)
    return 'A producer batch is 1 (PutRecord) to 500 (PutRecords) records.';
  if (!Number.isInteger(config.maxRetries) || config.maxRetries < 0 || config.maxRetries > 20)
    return 'A producer retries 0 to 20 times.';
  if (!(config.backoffMs >= 1 && config.backoffMs <= 60_000)) return 'A producer backoff is 1 to 60000 ms.';
  if (
    config.bufferMs !== undefined &&
    !(Number.isInteger(config.bufferMs) && config.bufferMs >= 1 && config.bufferMs <= 60_000)
  )
    return 'A producer buffers records 1 to 60000 ms.';
  if (
    config.recordTtlMs !== undefined &&
    !(Number.isInteger(config.recordTtlMs) && config.recordTtlMs >= 100 && config.recordTtlMs <= 3_600_000)
  )
    return "A record's time to live is 100 to 3600000 ms.";
  // Payloads of a full batch must fit a PutRecords (5 MiB with keys): keep well clear of it.
  if (config.batch * config.payloadBytes > 4.5 * 1048576)
    return 'A batch of these payloads would exceed the 5 MiB a PutRecords carries: lower the batch or the payload.';
  const keys = config.keys;
  if (keys.kind === 'fixed' && (keys.keys.length === 0 || keys.keys.some((k) => k.length < 1 || k.length > 256))) {
    return 'A fixed key set holds 1 or more keys of 1–256 characters.';
  }
  if (keys.kind === 'hot' && (!(keys.share >= 0 && keys.share <= 1) || keys.key.length < 1 || keys.key.length > 256)) {
    return 'A hot key is 1–256 characters with a share from 0 to 1.';
  }
  if (keys.kind === 'sequential' && keys.prefix.length > 240)
    return 'A sequential key prefix is at most 240 characters.';
  return undefined;
}

export function createProducer(config: ProducerConfig, now: number, seed: number): ProducerState {
  return {
    config,
    status: 'running',
    epoch: now,
    madeSinceEpoch: 0,
    produced: 0,
    buffered: 0,
    bufferedKeys: [],
    rng: { state: seedFor(seed, `producer:${config.id}`) },
    retries: [],
    stats: { calls: 0, accepted: 0, throttled: 0, retried: 0, failed: 0 },
  };
}

const bufferMsOf = (c: ProducerConfig) => (c.batch === 1 ? 0 : (c.bufferMs ?? DEFAULT_BUFFER_MS));
const ttlOf = (c: ProducerConfig) => c.recordTtlMs ?? DEFAULT_RECORD_TTL_MS;

/** When record k after the epoch is made (whole ms, counted from the epoch so it never drifts). */
const madeAt = (p: ProducerState, k: number): number => p.epoch + Math.ceil((k * 1000) / p.config.rate);

/** When this producer next has something to do, or undefined when it is idle. */
export function producerDue(p: ProducerState): number | undefined {
  if (p.status !== 'running') return undefined;
  const { batch } = p.config;
  // The next send: the oldest waiting (or next) record's buffer time is up, or the batch fills.
  const oldest = madeAt(p, p.madeSinceEpoch - p.buffered);
  const fills = madeAt(p, p.madeSinceEpoch + batch - p.buffered - 1);
  let due = Math.min(oldest + bufferMsOf(p.config), fills);
  for (const retry of p.retries) if (retry.at < due) due = retry.at;
  return due;
}

function keyFor(p: ProducerState, n: number): string {
  const keys = p.config.keys;
  switch (keys.kind) {
    case 'uniform':
      return randomKey(p);
    case 'fixed':
      return keys.keys[Math.min(keys.keys.length - 1, Math.floor(nextFloat(p.rng) * keys.keys.length))]!;
    case 'hot':
      return nextFloat(p.rng) < keys.share ? keys.key : randomKey(p);
    case 'sequential':
      return `${keys.prefix}${n}`;
  }
}

const randomKey = (p: ProducerState): string =>
  `key-${Math.floor(nextFloat(p.rng) * 0x100000000)
    .toString(16)
    .padStart(8, '0')}`;

const DOT = 46;
const HASH = 35;
const SPACE = 32;

/**
 * Writes record n's payload, exactly `config.payloadBytes` bytes, into `out`: "<id>#<n> " then
 * dots, cut to size. Readable in the lanes, compressible, and a function of (producer, n) alone.
 */
export function writePayload(config: ProducerConfig, n: number, out: Uint8Array): void {
  const size = config.payloadBytes;
  let i = 0;
  const id = config.id;
  for (let c = 0; c < id.length && i < size; c++) out[i++] = id.charCodeAt(c);
  if (i < size) out[i++] = HASH;
  const digits = String(n);
  for (let c = 0; c < digits.length && i < size; c++) out[i++] = digits.charCodeAt(c);
  if (i < size) out[i++] = SPACE;
  out.fill(DOT, i, size);
}

/** Record n's payload as a fresh array (for tests and for showing a record). */
export function payloadFor(config: ProducerConfig, n: number): Uint8Array {
  const out = new Uint8Array(config.payloadBytes);
  writePayload(config, n, out);
  return out;
}

const THROTTLED = 'ProvisionedThroughputExceededException';

function backoff(p: ProducerState, attempt: number): number {
  const base = p.config.backoffMs * 2 ** (attempt - 1);
  return Math.round(base + base * 0.5 * nextFloat(p.rng));
}

/**
 * The entries of one send, reused from send to send: the engine reads them during the call and
 * copies what it keeps. One set per producer id (sends run one at a time).
 */
interface Scratch {
  readonly payloadBytes: number;
  readonly entries: { PartitionKey: string; Data: Uint8Array }[];
  readonly numbers: number[];
  readonly made: number[];
  readonly attempts: number[];
}
const scratches = new Map<string, Scratch>();

function scratchFor(config: ProducerConfig): Scratch {
  let s = scratches.get(config.id);
  if (!s || s.payloadBytes !== config.payloadBytes || s.entries.length < config.batch) {
    const buffer = new Uint8Array(config.payloadBytes * config.batch);
    s = {
      payloadBytes: config.payloadBytes,
      entries: Array.from({ length: config.batch }, (_, i) => ({
        PartitionKey: '',
        Data: buffer.subarray(i * config.payloadBytes, (i + 1) * config.payloadBytes),
      })),
      numbers: new Array<number>(config.batch).fill(0),
      made: new Array<number>(config.batch).fill(0),
      attempts: new Array<number>(config.batch).fill(0),
    };
    scratches.set(config.id, s);
  }
  return s;
}

/** Sends `count` records staged in the scratch; re-queues the throttled ones. */
function send(p: ProducerState, engine: Engine, s: Scratch, count: number): void {
  const now = engine.now();
  const { config, stats } = p;
  const origin = `producer:${config.id}`;
  stats.calls++;
  let refused: boolean[] | undefined;
  try {
    if (config.batch === 1) {
      engine.call('PutRecord', { StreamName: config.stream, ...s.entries[0]! }, origin);
      stats.accepted++;
      return;
    }
    const entries = count === s.entries.length ? s.entries : s.entries.slice(0, count);
    const out = engine.call('PutRecords', { StreamName: config.stream, Records: entries }, origin) as {
      FailedRecordCount?: number;
      Records?: { ErrorCode?: string; ErrorMessage?: string }[];
    };
    const failed = out.FailedRecordCount ?? 0;
    stats.accepted += count - failed;
    if (failed === 0) return;
    refused = new Array<boolean>(count).fill(false);
    const results = out.Records ?? [];
    for (let i = 0; i < count; i++) {
      const entry = results[i];
      if (!entry?.ErrorCode) continue;
      if (entry.ErrorCode === THROTTLED) refused[i] = true;
      else {
        stats.failed++;
        stats.lastError = `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`;
      }
    }
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    stats.lastError = `${error.name}: ${error.message}`;
    if (error.name !== THROTTLED) {
      stats.failed += count;
      return;
    }
    refused = new Array<boolean>(count).fill(true);
  }
  // The records a call had refused go back together, as the KPL re-queues them: one backoff per
  // attempt count, so they are retried in one call, not one call each.
  const retryAt: number[] = [];
  for (let i = 0; i < count; i++) {
    if (!refused[i]) continue;
    stats.throttled++;
    const attempt = s.attempts[i]!;
    const made = s.made[i]!;
    const at = (retryAt[attempt] ??= now + backoff(p, attempt + 1));
    if (attempt >= config.maxRetries || at - made > ttlOf(config)) {
      stats.failed++;
      continue;
    }
    stats.retried++;
    p.retries.push({ n: s.numbers[i]!, key: s.entries[i]!.PartitionKey, madeAt: made, at, attempt: attempt + 1 });
  }
}

/** Makes the next record of the schedule: its key joins the buffer. */
function makeRecord(p: ProducerState): void {
  p.bufferedKeys.push(keyFor(p, p.produced));
  p.produced++;
  p.buffered++;
  p.madeSinceEpoch++;
}

/** Makes every record this producer has made by now, and sends what is due. */
export function runProducer(p: ProducerState, engine: Engine): void {
  if (p.status !== 'running') return;
  const now = engine.now();
  const { config } = p;
  const s = scratchFor(config);
  // Retries first, as a real producer sends its queue in order: they fill the next sends.
  let staged = 0;
  const flush = () => {
    if (staged > 0) send(p, engine, s, staged);
    staged = 0;
  };
  if (p.retries.length > 0 && p.retries.some((r) => r.at <= now)) {
    const due = p.retries.filter((r) => r.at <= now);
    p.retries = p.retries.filter((r) => r.at > now);
    for (const r of due) {
      s.entries[staged]!.PartitionKey = r.key;
      writePayload(config, r.n, s.entries[staged]!.Data);
      s.numbers[staged] = r.n;
      s.made[staged] = r.madeAt;
      s.attempts[staged] = r.attempt;
      if (++staged === config.batch) flush();
    }
    flush();
  }
  // New records made up to now join the buffer; full batches go at once.
  while (madeAt(p, p.madeSinceEpoch) <= now) {
    makeRecord(p);
    if (p.buffered === config.batch) sendBuffered(p, engine, s, config.batch);
  }
  // The oldest waiting record's buffer time is up: send what is there.
  if (p.buffered > 0 && madeAt(p, p.madeSinceEpoch - p.buffered) + bufferMsOf(config) <= now) {
    sendBuffered(p, engine, s, p.buffered);
  }
}

/** Sends the oldest `count` buffered records (records [madeSinceEpoch - buffered, …) of the schedule). */
function sendBuffered(p: ProducerState, engine: Engine, s: Scratch, count: number): void {
  const firstNumber = p.produced - p.buffered;
  const firstK = p.madeSinceEpoch - p.buffered;
  for (let i = 0; i < count; i++) {
    const n = firstNumber + i;
    s.entries[i]!.PartitionKey = p.bufferedKeys[i]!;
    writePayload(p.config, n, s.entries[i]!.Data);
    s.numbers[i] = n;
    s.made[i] = madeAt(p, firstK + i);
    s.attempts[i] = 0;
  }
  p.bufferedKeys.splice(0, count);
  p.buffered -= count;
  send(p, engine, s, count);
}

export function setProducerStatus(p: ProducerState, status: RunStatus, now: number): void {
  if (status !== 'running' && p.status === 'running') {
    // The records made before now wait in the buffer (they are made lazily, when the producer
    // runs); they are given up, and counted, as by a producer shut down unflushed.
    while (madeAt(p, p.madeSinceEpoch) < now && p.buffered < p.config.batch) makeRecord(p);
    p.stats.failed += p.buffered;
    p.buffered = 0;
    p.bufferedKeys = [];
  }
  if (status === 'running' && p.status !== 'running') {
    // Resume making records from now: a paused producer does not catch up in a burst.
    p.epoch = now;
    p.madeSinceEpoch = 0;
    p.buffered = 0;
    p.bufferedKeys = [];
  }
  if (status === 'stopped') {
    p.stats.failed += p.retries.length;
    p.retries = [];
  }
  p.status = status;
}
