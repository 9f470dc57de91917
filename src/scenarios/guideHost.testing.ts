/** For tests: a guide host like the app's, over a bare world; Back replays the journal up to the checkpoint. */
import { createEngine } from '../engine';
import { World } from '../journal/world';
import { engineOptions } from '../store';
import type { Scenario } from './format';
import { scenarioSettings } from './runner';

/** A fresh world under the scenario's settings. */
export function worldFor(s: Scenario): World {
  const settings = scenarioSettings(s);
  return World.fresh(createEngine(engineOptions(settings)), settings.seed);
}

/** A world that has replayed `journal` up to `now` under the scenario's settings. */
export function replayedWorld(
  s: Scenario,
  journal: World['journal'] extends () => infer J ? J : never,
  now: number,
): World {
  const world = worldFor(s);
  world.replay(journal, now);
  return world;
}

export function hostFor(s: Scenario, world = worldFor(s)) {
  const box = { world };
  return {
    box,
    host: {
      world: () => box.world,
      restore: (entries: number, now: number, legacyTraffic?: unknown) => {
        const next = replayedWorld(s, box.world.journal().slice(0, entries), now);
        if (legacyTraffic !== undefined) next.act('traffic:adopt', legacyTraffic);
        box.world = next;
      },
    },
  };
}
