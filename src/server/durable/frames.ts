/**
 * The framing shared by the endpoint's journal and snapshot files: a 16-byte file header (a magic
 * naming the kind of file, a format version, the header's own CRC-32), then frames, each a 12-byte
 * header (payload length, the payload's CRC-32, the CRC-32 of those 8 bytes) and the payload.
 *
 * The header's own checksum lets a reader trust a length before it trusts what follows, so a
 * damaged length cannot make it skip good frames. What a bad frame means depends on where it is:
 * only the end of a journal can be torn (a crash while appending), so a frame that is incomplete
 * at the end of the file, or whose bytes are damaged and end exactly at the end of the file, or a
 * tail of zeros (a file system that grew the file before the data reached it), is a torn tail;
 * anything else is corruption.
 */
import { crc32 } from 'node:zlib';

export const FILE_HEADER_BYTES = 16;
export const FRAME_HEADER_BYTES = 12;
/** No frame is larger: a request is at most 7 MiB, and a snapshot writes one shard per frame. */
export const MAX_FRAME_BYTES = 1024 * 1024 * 1024;

export type FileKind = 'journal' | 'snapshot';
const MAGIC: Readonly<Record<FileKind, string>> = { journal: 'SHSCJRNL', snapshot: 'SHSCSNAP' };
/**
 * The version each kind of file is written in. Journal version 1 held its entries as tagged JSON,
 * version 2 in binary (commands.ts); both are read.
 */
export const FORMAT_VERSION: Readonly<Record<FileKind, number>> = { journal: 2, snapshot: 1 };
/** The versions a reader takes; it refuses others with a clear message. */
const READABLE_VERSIONS: Readonly<Record<FileKind, readonly number[]>> = { journal: [1, 2], snapshot: [1] };

/** Damage a reader must not paper over: names the file and the byte offset. */
export class CorruptionError extends Error {
  constructor(
    readonly file: string,
    readonly offset: number,
    reason: string,
  ) {
    super(`${file} is damaged at byte offset ${offset}: ${reason}`);
  }
}

export function fileHeader(kind: FileKind, version = FORMAT_VERSION[kind]): Buffer {
  const header = Buffer.alloc(FILE_HEADER_BYTES);
  header.write(MAGIC[kind], 0, 'latin1');
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(crc32(header.subarray(0, 12)), 12);
  return header;
}

export function frame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_FRAME_BYTES) throw new RangeError(`A frame holds at most ${MAX_FRAME_BYTES} bytes`);
  const out = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.writeUInt32LE(crc32(out.subarray(0, 8)), 8);
  out.set(payload, FRAME_HEADER_BYTES);
  return out;
}

/**
 * Fills in the header of a frame whose payload was written after FRAME_HEADER_BYTES left free at
 * its start (so the payload is not copied once more); answers the same buffer.
 */
export function sealFrame(framed: Buffer): Buffer {
  const length = framed.length - FRAME_HEADER_BYTES;
  if (length < 0 || length > MAX_FRAME_BYTES) throw new RangeError(`A frame holds at most ${MAX_FRAME_BYTES} bytes`);
  framed.writeUInt32LE(length, 0);
  framed.writeUInt32LE(crc32(framed.subarray(FRAME_HEADER_BYTES)), 4);
  framed.writeUInt32LE(crc32(framed.subarray(0, 8)), 8);
  return framed;
}

/** The frames of a file read whole; `torn` says where a torn tail starts (journals only). */
export interface ScannedFile {
  /** The format version its header names. */
  readonly version: number;
  readonly payloads: Buffer[];
  /** Offsets of each payload's frame, for messages about a frame that would not decode. */
  readonly offsets: number[];
  /** Where the good frames end: the file's length unless the tail was torn. */
  readonly end: number;
  readonly torn?: { readonly offset: number; readonly bytes: number; readonly reason: string };
}

const allZero = (bytes: Buffer) => bytes.every((b) => b === 0);

/**
 * Checks the header and every frame. `tornTailAllowed` (journals): a torn last frame is reported,
 * not thrown. Throws CorruptionError for anything else.
 */
export function scanFile(bytes: Buffer, file: string, kind: FileKind, tornTailAllowed: boolean): ScannedFile {
  if (bytes.length < FILE_HEADER_BYTES) throw new CorruptionError(file, 0, 'the file is shorter than its header');
  const magic = bytes.toString('latin1', 0, 8);
  if (magic !== MAGIC[kind])
    throw new CorruptionError(file, 0, `this is not a Shardscope ${kind} file (it starts ${JSON.stringify(magic)})`);
  if (bytes.readUInt32LE(12) !== crc32(bytes.subarray(0, 12)))
    throw new CorruptionError(file, 8, 'the file header fails its checksum');
  const version = bytes.readUInt32LE(8);
  const readable = READABLE_VERSIONS[kind];
  if (!readable.includes(version))
    throw new CorruptionError(
      file,
      8,
      `format version ${version}; this endpoint reads version ${readable.join(' or ')}`,
    );
  const payloads: Buffer[] = [];
  const offsets: number[] = [];
  let at = FILE_HEADER_BYTES;
  const bad = (reason: string, torn: boolean): ScannedFile => {
    if (!torn || !tornTailAllowed) throw new CorruptionError(file, at, reason);
    return { version, payloads, offsets, end: at, torn: { offset: at, bytes: bytes.length - at, reason } };
  };
  while (at < bytes.length) {
    const left = bytes.length - at;
    if (left < FRAME_HEADER_BYTES) return bad('an entry header is cut short by the end of the file', true);
    const length = bytes.readUInt32LE(at);
    const headerOk = bytes.readUInt32LE(at + 8) === crc32(bytes.subarray(at, at + 8));
    if (!headerOk) return bad('an entry header fails its checksum', allZero(bytes.subarray(at)));
    if (length > MAX_FRAME_BYTES) return bad(`an entry claims ${length} bytes`, false);
    const end = at + FRAME_HEADER_BYTES + length;
    if (end > bytes.length) return bad('an entry is cut short by the end of the file', true);
    const payload = bytes.subarray(at + FRAME_HEADER_BYTES, end);
    if (bytes.readUInt32LE(at + 4) !== crc32(payload)) return bad('an entry fails its checksum', end === bytes.length);
    payloads.push(payload);
    offsets.push(at);
    at = end;
  }
  return { version, payloads, offsets, end: at };
}
