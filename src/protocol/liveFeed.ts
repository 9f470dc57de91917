/**
 * The endpoint's live feed, as the endpoint writes it and an attached page reads it:
 *
 * - `GET /snapshot`: the engine's whole state (options, control plane, every retained record) in
 *   CBOR, with the endpoint's instance id and the sequence number of the last command it holds.
 * - `GET /commands?after=<seq>`: Server-Sent Events: a `hello` (instance, last sequence number,
 *   clock), then every call the engine ran after `after`, in order, each with its sequence number,
 *   virtual time, input and the caller's user agent; `tick`s carry the endpoint's clock between
 *   calls; `resnapshot` (then the end of the stream) tells a reader that fell too far behind, or
 *   asked for commands the endpoint no longer holds, to start again from a snapshot.
 *
 * The engine is deterministic, so a page that restores the snapshot and replays the commands at
 * their times holds the endpoint's state: the same shards, sequence numbers and iterators.
 */
import { encode, decode, Tag } from 'cbor2';
import {
  restorePortable,
  type Engine,
  type EngineOptions,
  type LogColumns,
  type PortableSnapshot,
  type SnapshotOutline,
} from '../engine/index';
import { decodeTagged, encodeTagged, type TaggedCodecs } from './tagged';

export const SNAPSHOT_PATH = '/snapshot';
export const COMMANDS_PATH = '/commands';
export const SNAPSHOT_CONTENT_TYPE = 'application/cbor';

/** The first message of a command stream. */
export interface FeedHello {
  /** Changes whenever the endpoint starts: a page seeing another one starts from a snapshot. */
  readonly instance: string;
  /** The sequence number of the last command the endpoint ran (0 before the first). */
  readonly seq: number;
  /** The endpoint's virtual clock, epoch ms. */
  readonly now: number;
}

/** One call the endpoint's engine ran (accepted or refused: a refusal still counts against rates). */
export interface FeedCommand {
  readonly seq: number;
  readonly t: number;
  readonly operation: string;
  readonly input: unknown;
  /** The caller's user agent, when it sent one. */
  readonly origin?: string;
}

export interface FeedSnapshot {
  readonly instance: string;
  readonly seq: number;
  readonly engine: Engine;
}

/** Private-use CBOR tags for what the standard ones do not carry as JavaScript has it. */
const MAP_TAG = 0x5353_0001;
const BIGINT_TAG = 0x5353_0002;
const SET_TAG = 0x5353_0003;

/** Nesting a snapshot has at most (engine state is a few levels deep); deeper input is refused. */
const MAX_DEPTH = 64;

function toTagged(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new RangeError('A snapshot nests too deeply');
  if (typeof value === 'bigint') return new Tag(BIGINT_TAG, value.toString());
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (value instanceof Map)
    return new Tag(
      MAP_TAG,
      [...value].map(([k, v]) => [toTagged(k, depth + 1), toTagged(v, depth + 1)]),
    );
  if (value instanceof Set)
    return new Tag(
      SET_TAG,
      [...value].map((v) => toTagged(v, depth + 1)),
    );
  if (Array.isArray(value)) return value.map((v) => toTagged(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toTagged(v, depth + 1);
  return out;
}

const DECODE_TAGS = new Map<number | bigint, (tag: Tag) => unknown>([
  [
    MAP_TAG,
    (tag) => {
      if (!Array.isArray(tag.contents)) throw new TypeError('A map tag holds a list of pairs');
      return new Map(tag.contents.map((pair) => (Array.isArray(pair) ? [pair[0], pair[1]] : [undefined, undefined])));
    },
  ],
  [
    BIGINT_TAG,
    (tag) => {
      if (typeof tag.contents !== 'string' || !/^-?\d{1,80}$/.test(tag.contents))
        throw new TypeError('A bigint tag holds decimal digits');
      return BigInt(tag.contents);
    },
  ],
  [
    SET_TAG,
    (tag) => {
      if (!Array.isArray(tag.contents)) throw new TypeError('A set tag holds a list');
      return new Set(tag.contents);
    },
  ],
]);

/** The bytes of GET /snapshot: a portable snapshot, its records copied a shard at a time. */
export function encodeSnapshot(instance: string, seq: number, snapshot: PortableSnapshot): Uint8Array {
  const logs: LogColumns[] = [];
  for (let n = 0; n < snapshot.logCount; n++) logs.push(snapshot.logColumns(n));
  return encode(toTagged({ instance, seq, outline: snapshot.outline, logs }, 0) as never, {
    collapseBigInts: false,
  });
}

/**
 * The engine a GET /snapshot body describes, with `adjust` applied to its options (a page bounds
 * the records it keeps). Throws Error saying what is wrong with a body that does not decode.
 */
export function decodeSnapshot(
  bytes: Uint8Array,
  adjust: (options: EngineOptions) => EngineOptions = (o) => o,
): FeedSnapshot {
  let doc: unknown;
  try {
    doc = decode(bytes, { tags: DECODE_TAGS, collapseBigInts: false, maxDepth: MAX_DEPTH } as never);
  } catch (error) {
    throw new Error(`the snapshot does not decode (${(error as Error).message})`, { cause: error });
  }
  const { instance, seq, outline, logs } = (doc ?? {}) as Record<string, unknown>;
  if (typeof instance !== 'string' || typeof seq !== 'number' || !Array.isArray(logs) || typeof outline !== 'object')
    throw new Error('the snapshot lacks its instance, sequence number, outline or records');
  const given = outline as SnapshotOutline;
  try {
    const engine = restorePortable({ ...given, options: adjust(given.options) }, logs as LogColumns[]);
    return { instance, seq, engine };
  } catch (error) {
    throw new Error(`the snapshot does not restore (${(error as Error).message})`, { cause: error });
  }
}

/** One command as a stream message's data. */
export function encodeCommand(command: FeedCommand, codecs?: TaggedCodecs): string {
  return JSON.stringify({
    seq: command.seq,
    t: command.t,
    op: command.operation,
    in: encodeTagged(command.input, codecs),
    ...(command.origin !== undefined ? { ua: command.origin } : {}),
  });
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15;

/** The command a stream message's data holds; throws Error saying what is wrong. */
export function decodeCommand(data: string): FeedCommand {
  const doc = JSON.parse(data) as unknown;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('a command must be an object');
  const { seq, t, op, in: input, ua } = doc as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new Error('a command needs a "seq"');
  if (!isTime(t)) throw new Error('a command needs a time "t"');
  if (typeof op !== 'string' || op === '' || op.length > 128) throw new Error('a command needs an operation "op"');
  if (ua !== undefined && (typeof ua !== 'string' || ua.length > 512)) throw new Error('a command\'s "ua" is text');
  return { seq, t, operation: op, input: decodeTagged(input), ...(ua !== undefined ? { origin: ua } : {}) };
}

/** The hello's data, checked. */
export function decodeHello(data: string): FeedHello {
  const doc = JSON.parse(data) as Record<string, unknown> | null;
  const { instance, seq, now } = doc ?? {};
  if (typeof instance !== 'string' || instance.length > 128 || typeof seq !== 'number' || !isTime(now))
    throw new Error('the hello names an instance, a sequence number and a clock');
  return { instance, seq, now };
}

/** A tick's data (the endpoint's clock), checked. */
export function decodeTick(data: string): number {
  const { now } = (JSON.parse(data) ?? {}) as { now?: unknown };
  if (!isTime(now)) throw new Error('a tick carries a clock');
  return now;
}
