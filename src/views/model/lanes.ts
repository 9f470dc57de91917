import { ITERATOR_LIFETIME_MS, type IteratorState, type StreamState } from '../../engine/index';

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
  if (!shard) return 0;
  const cutoff = now - stream.retentionHours * 3_600_000;
  return Math.max(shard.trimmedThrough, shard.records.firstAtOrAfter(cutoff));
}

export function lanesOf(stream: StreamState, now: number): Lane[] {
  return stream.shards.map((s, i) => ({
    shardId: s.id,
    index: s.index,
    length: s.records.length,
    trimmed: trimHorizon(stream, i, now),
    open: s.closedAt === undefined,
    startingSequenceNumber: s.startingSequenceNumber,
    ...(s.endingSequenceNumber !== undefined ? { endingSequenceNumber: s.endingSequenceNumber } : {}),
    ...(s.closedAt !== undefined ? { closedAt: s.closedAt } : {}),
    children: [...s.childShardIds],
  }));
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
export function iteratorMarkers(iterators: readonly IteratorState[], stream: StreamState, now: number): IteratorMarker[] {
  const out: IteratorMarker[] = [];
  for (const it of iterators) {
    if (it.streamName !== stream.name || it.generation !== stream.generation) continue;
    const expired = it.expired || now >= it.expiresAt;
    const since = now - it.expiresAt;
    if (expired && since > FADE_MS) continue;
    out.push({
      id: it.id, shardId: it.shardId, type: it.type, position: it.position, issuedAt: it.issuedAt,
      age: now - it.issuedAt, remaining: it.expiresAt - now, expired, expiresAt: it.expiresAt,
      opacity: expired ? Math.max(0.15, 1 - Math.max(0, since) / FADE_MS) : 1,
    });
  }
  return out;
}

export { ITERATOR_LIFETIME_MS };
