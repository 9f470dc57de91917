/**
 * An engine snapshot as plain data (objects, Maps, bigints, typed arrays: what a structured clone
 * carries), so a host can save it to disk and restore an engine from it later: the control plane
 * as the checkpoint copied it, and each shard's retained records, payloads included, as columns.
 *
 * The records are the bulk, so they come apart from the outline, one shard at a time and only when
 * asked: a host can write a large snapshot a shard at a time without holding a second copy of
 * every record.
 */
import { RecordLog, type LogColumns } from './core/records';
import { restoreEngine, type Engine, type EngineSnapshot } from './engine';
import type { EngineOptions } from './options';
import type { ShardCheckpoint, StateCheckpoint, StreamCheckpoint } from './snapshot';

export type { LogColumns };

/** Everything but the records: the options, the control plane, each stream and its shards. */
export interface SnapshotOutline {
  readonly options: EngineOptions;
  readonly state: StateCheckpoint['state'];
  readonly streams: readonly {
    readonly stream: StreamCheckpoint['stream'];
    readonly shards: readonly ShardCheckpoint['shard'][];
  }[];
}

export interface PortableSnapshot {
  readonly outline: SnapshotOutline;
  /** How many shard logs there are: streams' shards in order. */
  readonly logCount: number;
  /** The records of the n-th shard log (streams' shards in order), copied when called. */
  logColumns(n: number): LogColumns;
}

/** A snapshot in a form a host can save. The snapshot's command log is not part of it. */
export function portableSnapshot(snapshot: EngineSnapshot): PortableSnapshot {
  const { checkpoint } = snapshot;
  const logs: ShardCheckpoint[] = checkpoint.streams.flatMap((stream) => stream.shards);
  return {
    outline: {
      options: snapshot.options,
      state: checkpoint.state,
      streams: checkpoint.streams.map(({ stream, shards }) => ({ stream, shards: shards.map(({ shard }) => shard) })),
    },
    logCount: logs.length,
    logColumns: (n) => {
      const { log, length } = logs[n]!;
      // A checkpoint's log is a frozen view: its own length is the checkpoint's.
      if (log.length !== length) throw new RangeError('A checkpoint log does not have its recorded length');
      return log.columns();
    },
  };
}

/**
 * An engine in the state a saved snapshot describes. `logs` are the shard logs' columns in the
 * outline's order. Throws RangeError when they do not match the outline.
 */
export function restorePortable(outline: SnapshotOutline, logs: readonly LogColumns[]): Engine {
  const expected = outline.streams.reduce((sum, { shards }) => sum + shards.length, 0);
  if (logs.length !== expected)
    throw new RangeError(`The snapshot names ${expected} shard logs but holds ${logs.length}`);
  let n = 0;
  const streams: StreamCheckpoint[] = outline.streams.map(({ stream, shards }) => ({
    stream,
    shards: shards.map((shard) => {
      const columns = logs[n++]!;
      if (columns.shardIndex !== shard.index)
        throw new RangeError(`Shard log ${n - 1} belongs to shard ${columns.shardIndex}, not ${shard.index}`);
      return { shard, log: RecordLog.fromColumns(columns), length: columns.length };
    }),
  }));
  return restoreEngine({ options: outline.options, checkpoint: { state: outline.state, streams }, commands: [] });
}
