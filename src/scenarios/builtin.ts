/**
 * The built-in lessons, kept as plain JSON files and checked by the same validator as any
 * scenario a person loads (a broken built-in fails loudly in the unit tests, not in a workshop).
 */
import routing from './builtin/routing.json';
import hotShard from './builtin/hot-shard.json';
import splitMerge from './builtin/split-merge.json';
import updateShardCount from './builtin/update-shard-count.json';
import iteratorsRetention from './builtin/iterators-retention.json';
import encryption from './builtin/encryption.json';
import type { Scenario } from './format';
import { validateScenario } from './validate';

/** Documents in lesson order. */
export const BUILTIN_DOCUMENTS: readonly unknown[] = [
  routing,
  hotShard,
  splitMerge,
  updateShardCount,
  iteratorsRetention,
  encryption,
];

function check(doc: unknown): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(`Built-in scenario is invalid: ${result.error}`);
  return result.scenario;
}

export const BUILTIN_SCENARIOS: readonly Scenario[] = BUILTIN_DOCUMENTS.map(check);

export const builtinScenario = (name: string): Scenario | undefined => BUILTIN_SCENARIOS.find((s) => s.name === name);
