/**
 * Snapshot files: an engine's whole state (control plane and every retained record, payloads
 * included) so that a restart replays only the journal written after it.
 *
 * Layout (frames.ts): a first frame with the outline (options, control plane, streams and shards)
 * and the times it was taken at, one frame per shard log, and a last frame counting them, each a
 * V8 serialization (it carries Maps, bigints and typed arrays as they are). A snapshot is written
 * under a temporary name and renamed once synced, so a file with the final name is complete; a
 * shard at a time, yielding between them, so a large one does not stall the endpoint.
 */
import fs from 'node:fs';
import { serialize, deserialize } from 'node:v8';
import {
  portableSnapshot,
  restorePortable,
  type Engine,
  type LogColumns,
  type SnapshotOutline,
} from '../../engine/index';
import { CorruptionError, fileHeader, frame, scanFile } from './frames';

interface SnapshotHead {
  readonly outline: SnapshotOutline;
  readonly logCount: number;
  /** Wall-clock epoch ms when it was taken (virtual time is the outline's clock). */
  readonly wall: number;
}

export interface LoadedSnapshot {
  readonly engine: Engine;
  readonly wall: number;
}

const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function writeAll(fd: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = 0;
    const more = () =>
      fs.write(fd, bytes, done, bytes.length - done, null, (error, written) => {
        if (error) return reject(error);
        done += written;
        if (done < bytes.length) more();
        else resolve();
      });
    more();
  });
}

/** Syncs a directory, so that files created, renamed or removed in it stay so after a crash. */
export function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes the engine's state as it is now (taken synchronously, so calls that follow are not in it)
 * to `path`. Resolves once the file is synced and has its final name.
 */
export async function writeSnapshot(path: string, engine: Engine, wall: number): Promise<void> {
  const portable = portableSnapshot(engine.snapshot());
  const temporary = `${path}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    const head: SnapshotHead = { outline: portable.outline, logCount: portable.logCount, wall };
    await writeAll(fd, Buffer.concat([fileHeader('snapshot'), frame(serialize(head))]));
    for (let n = 0; n < portable.logCount; n++) {
      await writeAll(fd, frame(serialize(portable.logColumns(n))));
      await yieldTurn();
    }
    await writeAll(fd, frame(serialize({ end: portable.logCount })));
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, path);
}

/** Reads a snapshot file; throws CorruptionError naming the file and offset for any damage. */
export function readSnapshot(path: string): LoadedSnapshot {
  const scanned = scanFile(fs.readFileSync(path), path, 'snapshot', false);
  const { payloads, offsets } = scanned;
  const decode = (i: number): unknown => {
    try {
      return deserialize(payloads[i]!);
    } catch (error) {
      throw new CorruptionError(path, offsets[i]!, `a frame does not decode (${(error as Error).message})`);
    }
  };
  if (payloads.length < 2) throw new CorruptionError(path, scanned.end, 'the snapshot has no end');
  const head = decode(0) as Partial<SnapshotHead>;
  const last = decode(payloads.length - 1) as { end?: unknown };
  if (typeof head.logCount !== 'number' || typeof head.wall !== 'number' || head.outline === undefined)
    throw new CorruptionError(path, offsets[0]!, 'the first frame is not a snapshot outline');
  if (last.end !== head.logCount || payloads.length !== head.logCount + 2)
    throw new CorruptionError(path, offsets[payloads.length - 1]!, 'the snapshot does not hold the shards it names');
  const logs: LogColumns[] = [];
  for (let n = 0; n < head.logCount; n++) logs.push(decode(n + 1) as LogColumns);
  try {
    return { engine: restorePortable(head.outline, logs), wall: head.wall };
  } catch (error) {
    throw new CorruptionError(path, offsets[0]!, `the snapshot does not restore (${(error as Error).message})`);
  }
}
