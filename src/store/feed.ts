/**
 * Everything the page keeps of what an engine did, built from its event feed as it happens (or as
 * a session replays): the streams' history for the views, the call log and the engine's events.
 * One feed per engine; O(1) per event; bounded in memory.
 */
import type { Engine, EngineEvent } from '../engine';
import { CallLog } from './callLog';
import { EventLog } from './eventLog';
import { StreamsHistory } from './history';

export class Feed {
  readonly history = new StreamsHistory();
  readonly calls = new CallLog();
  readonly events = new EventLog();
  /** Moves on every event. */
  version = 0;

  ingest(event: EngineEvent): void {
    this.version++;
    this.history.ingest(event);
    this.calls.ingest(event);
    this.events.ingest(event);
  }

  /** Follows an engine from now on; returns what stops it. */
  follow(engine: Engine): () => void {
    return engine.subscribe((event) => this.ingest(event));
  }
}
