/** For tests: a guide host like the store's, over a bare engine; Back replays the log up to the checkpoint. */
import { createEngine, replay, type Command } from '../engine';
import { engineOptions } from '../store';
import type { Scenario } from './format';
import { scenarioSettings } from './runner';

export function hostFor(s: Scenario, engine = createEngine(engineOptions(scenarioSettings(s)))) {
  const box = { engine };
  return {
    box,
    host: {
      engine: () => box.engine,
      restore: (commands: readonly Command[], now: number) => {
        box.engine = replay(engineOptions(scenarioSettings(s)), commands, now);
        if (now > box.engine.now()) box.engine.advanceTo(now);
      },
    },
  };
}
