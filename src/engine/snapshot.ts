import type { RecordLog } from './core/records';
import type { EngineState, ShardState, StreamState } from './state';

/**
 * A checkpoint: the small control-plane state copied, and each shard's record log held by
 * reference with its length. Logs are append-only, so the first `length` records never change;
 * the copy of the records happens only when a checkpoint is materialized.
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
  readonly state: Omit<EngineState, 'streams'>;
  readonly streams: readonly StreamCheckpoint[];
}

const copy = <T>(value: T): T => structuredClone(value);

function checkpointShard(shard: ShardState): ShardCheckpoint {
  const { records, ...rest } = shard;
  return { shard: copy(rest), log: records, length: records.length };
}

function checkpointStream(stream: StreamState): StreamCheckpoint {
  const { shards, ...rest } = stream;
  return { stream: copy(rest), shards: shards.map(checkpointShard) };
}

export function cloneState(state: EngineState): StateCheckpoint {
  const { streams, ...rest } = state;
  return { state: copy(rest), streams: [...streams.values()].map(checkpointStream) };
}

/** A live state from a checkpoint, sharing nothing mutable with it. */
export function materialize(checkpoint: StateCheckpoint): EngineState {
  const streams = new Map<string, StreamState>();
  for (const { stream, shards } of checkpoint.streams) {
    streams.set(stream.name, {
      ...copy(stream),
      shards: shards.map(({ shard, log, length }) => ({ ...copy(shard), records: log.copy(length) })),
    });
  }
  return { ...copy(checkpoint.state), streams };
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
          last: length > 0 ? log.sequenceNumber(length - 1) : null,
        })),
      })),
    },
    (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value instanceof Map ? [...value] : value,
  );
}
