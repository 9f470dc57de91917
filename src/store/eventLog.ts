/**
 * The engine's own events (status changes, shards opening and closing, iterators, trimming,
 * throttling, failures) for the events list: the newest MAX_EVENTS, in a ring, O(1) per event.
 * Calls and the per-shard record counts are left out: the call log and the views show those.
 */
import type { EngineEvent } from '../engine';

export const MAX_EVENTS = 5000;

const SKIPPED: ReadonlySet<EngineEvent['type']> = new Set(['call', 'recordsWritten', 'recordsRead']);

export class EventLog {
  private readonly ring: (EngineEvent | undefined)[] = new Array(MAX_EVENTS);
  /** Events kept since the log began (the ring holds the last MAX_EVENTS of them). */
  total = 0;
  version = 0;

  ingest(event: EngineEvent): void {
    if (SKIPPED.has(event.type)) return;
    this.ring[this.total % MAX_EVENTS] = event;
    this.total++;
    this.version++;
  }

  /** How many events the ring holds now. */
  get size(): number {
    return Math.min(this.total, MAX_EVENTS);
  }

  /** The i-th kept event, oldest first (0 ≤ i < size). */
  at(i: number): EngineEvent {
    return this.ring[(this.total - this.size + i) % MAX_EVENTS]!;
  }
}
