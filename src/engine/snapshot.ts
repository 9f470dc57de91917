import type { RecordLog, RecordTally } from './core/records';
import type { EngineState, ShardState, StreamState } from './state';

/**
 * A checkpoint: the small control-plane state copied, and each shard's records held as a frozen
 * view of its log (RecordLog.frozen) with its length. Logs are append-only, so the first `length`
 * records never change, and the view keeps them even after the live log releases them; the copy
 * of the records happens only when a checkpoint is materialized.
 */
export interface ShardCheckpoint {
  readonly shard: Omit<ShardState, 'records'>;
  readonly log: RecordLog;
  readonly length: number;
}

export interface StreamCheckpoint {
  readonly stream: Omit<StreamState, 'shards'>;
  readonly shards: readonly ShardCheckpoint[];
}

export interface StateCheckpoint {
  /** The tally is left out: it is recounted from the logs a checkpoint is materialized with. */
  readonly state: Omit<EngineState, 'streams' | 'tally'>;
  readonly streams: readonly StreamCheckpoint[];
}

const copy = <T>(value: T): T => structuredClone(value);

function checkpointShard(shard: ShardState): ShardCheckpoint {
  const { records, ...rest } = shard;
  return { shard: copy(rest), log: records.frozen(), length: records.length };
}

function checkpointStream(stream: StreamState): StreamCheckpoint {
  const { shards, ...rest } = stream;
  return { stream: copy(rest), shards: shards.map(checkpointShard) };
}

export function cloneState(state: EngineState): StateCheckpoint {
  const { streams, tally: _tally, ...rest } = state;
  return { state: copy(rest), streams: [...streams.values()].map(checkpointStream) };
}

/** A live state from a checkpoint, sharing nothing mutable with it. */
export function materialize(checkpoint: StateCheckpoint): EngineState {
  const tally: RecordTally = { held: 0 };
  const streams = new Map<string, StreamState>();
  for (const { stream, shards } of checkpoint.streams) {
    // The copies of a stream's logs share one store, as the stream's shards do.
    let sibling: RecordLog | undefined;
    streams.set(stream.name, {
      ...copy(stream),
      shards: shards.map(({ shard, log, length }) => {
        const records = log.copy(length, tally, sibling);
        sibling ??= records;
        return { ...copy(shard), records };
      }),
    });
  }
  return { ...copy(checkpoint.state), streams, tally };
}

/** A comparable text of a checkpoint: equal digests mean equal states. */
export function checkpointDigest(checkpoint: StateCheckpoint): string {
  return JSON.stringify(
    {
      state: checkpoint.state,
      streams: checkpoint.streams.map(({ stream, shards }) => ({
        stream: { ...stream, tags: [...stream.tags] },
        shards: shards.map(({ shard, log, length }) => ({
          shard,
          length,
          retainedFrom: log.retainedFrom,
          first: length > log.retainedFrom ? log.sequenceNumber(log.retainedFrom) : null,
          last: length > log.retainedFrom ? log.sequenceNumber(length - 1) : null,
        })),
      })),
    },
    (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value instanceof Map ? [...value] : value,
  );
}
