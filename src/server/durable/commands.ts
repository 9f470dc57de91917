/**
 * What the journal holds: each accepted call that changes state, at the virtual time it ran (`t`)
 * and the wall-clock time it was accepted (`w`, so that a restart knows how much time passed),
 * with its input as the engine took it.
 *
 * An entry's payload, in journal format 2: `t` and `w` as float64, the operation as a string, then
 * the input, all in binaryValue.ts's form (record payloads as their bytes). Format 1 held a JSON
 * document {t, w, op, in} with blobs and timestamps tagged as in session files; it is still read.
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
import { BinaryReader, BinaryWriter } from './binaryValue';
import { FRAME_HEADER_BYTES, sealFrame } from './frames';

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

/** Room for a typical entry, so most are written without the buffer growing. */
const INITIAL_ENTRY_BYTES = 1024;

/** The entry as a whole frame, ready to append (the payload is written once, in place). */
export function encodeEntryFrame(entry: JournalEntry): Buffer {
  const writer = new BinaryWriter(INITIAL_ENTRY_BYTES, FRAME_HEADER_BYTES);
  writer.float64(entry.t);
  writer.float64(entry.w);
  writer.string(entry.operation);
  writer.value(entry.input);
  return sealFrame(writer.bytes());
}

/** An entry in journal format 1 (tagged JSON), for tests of reading older journals. */
export function encodeEntryVersion1(entry: JournalEntry): Buffer {
  return Buffer.from(
    JSON.stringify({ t: entry.t, w: entry.w, op: entry.operation, in: encodeTagged(entry.input, TAGGED_CODECS) }),
  );
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15;
const isOperation = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 128;

/** The entry a frame's payload holds, in the journal's format `version`; throws Error saying what is wrong. */
export function decodeEntry(payload: Buffer, version: number): JournalEntry {
  return version === 1 ? decodeVersion1(payload) : decodeBinary(payload);
}

function decodeBinary(payload: Buffer): JournalEntry {
  const reader = new BinaryReader(payload);
  const t = reader.float64('the time "t"');
  const w = reader.float64('the time "w"');
  if (!isTime(t) || !isTime(w)) throw new Error('an entry needs times "t" and "w"');
  const operation = reader.string();
  if (!isOperation(operation)) throw new Error('an entry needs an operation');
  const input = reader.value();
  if (!reader.done) throw new Error('an entry has bytes after its input');
  return { t, w, operation, input };
}

function decodeVersion1(payload: Buffer): JournalEntry {
  const doc = JSON.parse(payload.toString('utf8')) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('an entry must be an object');
  const { t, w, op, in: input } = doc as Record<string, unknown>;
  if (!isTime(t) || !isTime(w)) throw new Error('an entry needs times "t" and "w"');
  if (!isOperation(op)) throw new Error('an entry needs an operation "op"');
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
