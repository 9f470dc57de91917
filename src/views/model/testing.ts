import { createEngine, type Engine } from '../../engine/index';

/** An engine with one ACTIVE stream of `shards` shards (fast timings), for view-model tests. */
export function engineWithStream(shards = 2, name = 's'): Engine {
  const engine = createEngine({ timings: 'fast', seed: 7 });
  engine.call('CreateStream', { StreamName: name, ShardCount: shards });
  engine.advanceBy(1000);
  return engine;
}

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
