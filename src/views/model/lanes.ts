import { ITERATOR_LIFETIME_MS, type IteratorState, type StreamState, trimHorizonPosition } from '../../engine/index';

/** One shard's lane: its records in sequence order, the trim horizon and where it leads. */
export interface Lane {
  readonly shardId: string;
  readonly index: number;
  /** Records ever appended (positions 0 … length-1). */
  readonly length: number;
  /** Positions before this are gone (trimmed by retention). */
  readonly trimmed: number;
  readonly open: boolean;
  readonly startingSequenceNumber: string;
  readonly endingSequenceNumber?: string;
  readonly children: readonly string[];
  readonly closedAt?: number;
}

/** First position still inside the retention period at `now`. */
export function trimHorizon(stream: StreamState, shardIndex: number, now: number): number {
  const shard = stream.shards[shardIndex];
  return shard ? trimHorizonPosition(stream, shard, now) : 0;
}

export function lanesOf(stream: StreamState, now: number): Lane[] {
  return stream.shards.map((_, i) => laneOf(stream, i, now));
}

/** The lane of the shard at position `i` of the stream's shard list. */
export function laneOf(stream: StreamState, i: number, now: number): Lane {
  const s = stream.shards[i]!;
  return {
    shardId: s.id,
    index: s.index,
    length: s.records.length,
    trimmed: trimHorizon(stream, i, now),
    open: s.closedAt === undefined,
    startingSequenceNumber: s.startingSequenceNumber,
    ...(s.endingSequenceNumber !== undefined ? { endingSequenceNumber: s.endingSequenceNumber } : {}),
    ...(s.closedAt !== undefined ? { closedAt: s.closedAt } : {}),
    children: [...s.childShardIds],
  };
}

/** An iterator as its lane draws it. */
export interface IteratorMarker {
  readonly id: number;
  readonly shardId: string;
  readonly type: string;
  readonly position: number;
  readonly issuedAt: number;
  readonly age: number;
  /** Time left before it expires (≤ 0 once expired). */
  readonly remaining: number;
  readonly expired: boolean;
  readonly expiresAt: number;
  /** 1 while live, fading to 0 over FADE_MS after expiry. */
  readonly opacity: number;
}

/** Expired iterators stay visible this long (virtual ms), fading out. */
export const FADE_MS = 60_000;

/**
 * The iterators of this stream (this generation) that are live, or expired within FADE_MS.
 * Expiry is judged against `now` as well as the engine's flag, so a paused clock shows the truth.
 */
export function iteratorMarkers(
  iterators: readonly IteratorState[],
  stream: StreamState,
  now: number,
): IteratorMarker[] {
  const out: IteratorMarker[] = [];
  for (const it of iterators) {
    if (it.streamName !== stream.name || it.generation !== stream.generation) continue;
    const expired = it.expired || now >= it.expiresAt;
    const since = now - it.expiresAt;
    if (expired && since > FADE_MS) continue;
    out.push({
      id: it.id,
      shardId: it.shardId,
      type: it.type,
      position: it.position,
      issuedAt: it.issuedAt,
      age: now - it.issuedAt,
      remaining: it.expiresAt - now,
      expired,
      expiresAt: it.expiresAt,
      opacity: expired ? Math.max(0.15, 1 - Math.max(0, since) / FADE_MS) : 1,
    });
  }
  return out;
}

export { ITERATOR_LIFETIME_MS };

/** A record of a lane, by its position. */
export interface RecordRef {
  readonly shardId: string;
  readonly index: number;
}

/**
 * Where a key moves the record selection in the shard lanes, so records can be picked without a
 * pointer: ←/→ along a lane, ↑/↓ to the nearest record at the same position in the next lane that
 * has any, Home/End to a lane's first readable and last record. Trimmed records are skipped.
 * With only a shard selected, → and Home start at its first record and ← and End at its last;
 * with nothing, any of these keys starts at the first record there is. undefined: the key is
 * not one of these, or there is no readable record.
 */
export function stepRecord(
  lanes: readonly Lane[],
  from: RecordRef | undefined,
  focusShard: string | undefined,
  key: string,
): RecordRef | undefined {
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'].includes(key)) return undefined;
  const readable = (lane: Lane) => lane.trimmed < lane.length;
  const at = (lane: Lane, index: number): RecordRef => ({
    shardId: lane.shardId,
    index: Math.min(Math.max(index, lane.trimmed), lane.length - 1),
  });
  const row = lanes.findIndex((l) => l.shardId === (from?.shardId ?? focusShard));
  const lane = lanes[row];
  if (lane === undefined) {
    const first = lanes.find(readable);
    return first && at(first, first.trimmed);
  }
  const nearest = (step: 1 | -1, index: number) => {
    for (let r = row + step; r >= 0 && r < lanes.length; r += step)
      if (readable(lanes[r]!)) return at(lanes[r]!, index);
    return undefined;
  };
  if (from === undefined) {
    if (key === 'ArrowUp' || key === 'ArrowDown') return nearest(key === 'ArrowDown' ? 1 : -1, 0);
    if (!readable(lane)) return undefined;
    return key === 'ArrowRight' || key === 'Home' ? at(lane, lane.trimmed) : at(lane, lane.length - 1);
  }
  switch (key) {
    case 'ArrowRight':
      return readable(lane) ? at(lane, from.index + 1) : undefined;
    case 'ArrowLeft':
      return readable(lane) ? at(lane, from.index - 1) : undefined;
    case 'Home':
      return readable(lane) ? at(lane, lane.trimmed) : undefined;
    case 'End':
      return readable(lane) ? at(lane, lane.length - 1) : undefined;
    default:
      return nearest(key === 'ArrowDown' ? 1 : -1, from.index);
  }
}
