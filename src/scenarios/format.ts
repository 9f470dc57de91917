/**
 * The scenario format: data only (JSON), never code. A scenario names the engine settings, the
 * seed and start time, and a list of timed steps: an API call, a KMS administration change,
 * starting/pausing/resuming/stopping a producer or consumer, a caption, and a "continue" gate.
 * `at` is milliseconds of virtual time after the start. scenario.schema.json documents the same.
 */
import type { KmsAdminOperation, Profile } from '../engine';
import type { ConsumerConfig, KeyDistribution, ProducerConfig } from '../traffic';

export const SCENARIO_SCHEMA = 'shardscope-scenario';
export const SCENARIO_VERSION = 1;

export interface ScenarioSettings {
  profile: Profile;
  timing: 'realistic' | 'fast' | 'minutes';
  throughput: boolean;
  apiRates: boolean;
  accountId: string;
  region: string;
}

interface StepBase {
  /** Milliseconds after the scenario's start time. */
  at: number;
}

export type Step =
  | (StepBase & {
      do: 'call';
      operation: string;
      /** The SDK-shaped input; Data as {"$text": "..."} or {"$bytes": base64}, timestamps as {"$date": ms}. */
      input: Record<string, unknown>;
      /** What the lesson expects: "ok" or an error name (a mismatch is reported, never fatal). */
      expect?: string;
    })
  | (StepBase & { do: 'kms'; operation: KmsAdminOperation; input: Record<string, unknown>; expect?: string })
  | (StepBase & { do: 'startProducer'; producer: ProducerConfig })
  | (StepBase & { do: 'startConsumer'; consumer: ConsumerConfig })
  | (StepBase & {
      do: 'pauseProducer' | 'resumeProducer' | 'stopProducer' | 'pauseConsumer' | 'resumeConsumer' | 'stopConsumer';
      id: string;
    })
  | (StepBase & {
      do: 'caption';
      title?: string;
      text: string;
      /** The views the caption talks about: the stage shows them at full size while it is up. */
      views?: CaptionView[];
      /** The shard the caption talks about: selected (so highlighted in every view) while it is up. */
      shard?: string;
      /** The partition key the caption talks about: the hash key space shows where it lands while it is up. */
      key?: string;
      /** A shard whose newest iterator from GetShardIterator the caption talks about: its marker is selected while it is up. */
      iterator?: string;
    })
  | (StepBase & { do: 'pause'; label?: string });

/** The views a caption can name (the ids of the stage's views). */
export const CAPTION_VIEWS = [
  'keyspace-map',
  'hash-key-space',
  'shard-lanes',
  'timeline',
  'throughput',
  'inspector',
] as const;
export type CaptionView = (typeof CAPTION_VIEWS)[number];

export type StepKind = Step['do'];

export interface Scenario {
  schema: typeof SCENARIO_SCHEMA;
  version: typeof SCENARIO_VERSION;
  /** A short slug: the built-in name, used in links (?scenario=routing). */
  name: string;
  title: string;
  summary: string;
  settings: ScenarioSettings;
  seed: number;
  /** Epoch milliseconds of the first instant. */
  startTime: number;
  /** The playback speed the lesson reads best at. */
  speed: number;
  /** The stream the views should show first. */
  stream?: string;
  steps: Step[];
}

export type { ConsumerConfig, KeyDistribution, ProducerConfig };
