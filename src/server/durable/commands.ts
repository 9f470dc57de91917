/**
 * What the journal holds: each accepted call that changes state, at the virtual time it ran (`t`)
 * and the wall-clock time it was accepted (`w`, so that a restart knows how much time passed),
 * with its input as the engine took it (blobs and timestamps tagged as in session files).
 *
 * Calls that only read (describe, list, GetRecords, GetShardIterator, SubscribeToShard) are left
 * out: they change nothing a restart must bring back (iterators are self-contained tokens that stay
 * valid; read-side counters and open subscriptions belong to the process). Every other operation,
 * including ones added later, is journaled.
 */
import { isKinesisError, type Engine } from '../../engine/index';
import { decodeTagged, encodeTagged } from '../../protocol/tagged';
import { decodeBase64 } from '../../engine/index';
import { NODE_CODECS } from '../codecs';

/** Blobs in the journal go through Node's Buffer (the tag has been checked as base64 already). */
const TAGGED_CODECS = {
  encodeBase64: NODE_CODECS.encodeBase64!,
  decodeBase64: (text: string) => NODE_CODECS.decodeBase64!(text) ?? decodeBase64(text),
};

export const READ_ONLY_OPERATIONS: ReadonlySet<string> = new Set([
  'DescribeLimits',
  'DescribeStream',
  'DescribeStreamSummary',
  'DescribeStreamConsumer',
  'DescribeAccountSettings',
  'GetRecords',
  'GetShardIterator',
  'GetResourcePolicy',
  'ListShards',
  'ListStreams',
  'ListStreamConsumers',
  'ListTagsForStream',
  'ListTagsForResource',
  'SubscribeToShard',
]);

export const changesState = (operation: string): boolean => !READ_ONLY_OPERATIONS.has(operation);

export interface JournalEntry {
  /** Virtual epoch ms the call ran at. */
  readonly t: number;
  /** Wall-clock epoch ms it was accepted at. */
  readonly w: number;
  readonly operation: string;
  readonly input: unknown;
}

export function encodeEntry(entry: JournalEntry): Buffer {
  return Buffer.from(
    JSON.stringify({ t: entry.t, w: entry.w, op: entry.operation, in: encodeTagged(entry.input, TAGGED_CODECS) }),
  );
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15;

/** The entry a frame's payload holds; throws Error saying what is wrong. */
export function decodeEntry(payload: Buffer): JournalEntry {
  const doc = JSON.parse(payload.toString('utf8')) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('an entry must be an object');
  const { t, w, op, in: input } = doc as Record<string, unknown>;
  if (!isTime(t) || !isTime(w)) throw new Error('an entry needs times "t" and "w"');
  if (typeof op !== 'string' || op === '' || op.length > 128) throw new Error('an entry needs an operation "op"');
  return { t, w, operation: op, input: decodeTagged(input, TAGGED_CODECS) };
}

/**
 * Runs an entry against an engine as it ran live: time moves to the entry's, then the call. An
 * entry was accepted live, so an AWS-shaped refusal now means the replay went somewhere else.
 */
export function applyEntry(engine: Engine, entry: { t: number; operation: string; input: unknown }): void {
  if (entry.t < engine.now())
    throw new Error(`an entry at ${entry.t} comes before the time already reached (${engine.now()})`);
  engine.advanceTo(entry.t);
  engine.call(entry.operation, entry.input);
}

/** applyEntry, answering the refusal instead of throwing it (for imports, where calls may fail). */
export function tryEntry(
  engine: Engine,
  entry: { t: number; operation: string; input: unknown },
): { name: string; message: string } | undefined {
  try {
    applyEntry(engine, entry);
    return undefined;
  } catch (error) {
    if (isKinesisError(error)) return { name: error.name, message: error.message };
    throw error;
  }
}
