/**
 * The recorded final state of each built-in scenario (expectations.json), shared by the unit
 * tests and the browser tests: shard layout, records per shard, encryption, calls answered.
 */
import type { Engine } from '../engine';

export interface StreamExpectation {
  name: string;
  status: string;
  encryption: string;
  /** Per shard: id, open?, records written, records trimmed by retention. */
  shards: { id: string; open: boolean; records: number; trimmed: number }[];
}

export interface ScenarioExpectation {
  /** Calls the engine answered (the lesson's, the traffic's). */
  commands: number;
  streams: StreamExpectation[];
}

export function finalStateOf(engine: Engine, callsAnswered: number): ScenarioExpectation {
  return {
    commands: callsAnswered,
    streams: engine.streams().map((s) => ({
      name: s.name,
      status: s.status,
      encryption: s.encryptionType,
      shards: s.shards.map((sh) => ({
        id: sh.id,
        open: sh.closedAt === undefined,
        records: sh.records.length,
        trimmed: sh.trimmedThrough,
      })),
    })),
  };
}
