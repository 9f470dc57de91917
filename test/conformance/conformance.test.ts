/**
 * The conformance suite: every case, on every profile it holds for, through every transport that
 * can carry it. A case names its evidence (see docs/fidelity.md).
 */
import { describe, it } from 'vitest';
import type { Profile } from '../../src/engine/index';
import { CASES } from './cases/index';
import { carries, runCase } from './run';
import { TRANSPORTS } from './transports';

const PROFILES: readonly Profile[] = ['2017-07', 'current'];

for (const profile of PROFILES) {
  describe(`conformance, ${profile} profile`, () => {
    for (const [operation, all] of Object.entries(CASES)) {
      const cases = all.filter((testCase) => testCase.profile === 'both' || testCase.profile === profile);
      if (cases.length === 0) continue;
      describe(operation, () => {
        for (const testCase of cases) {
          for (const transport of TRANSPORTS) {
            if (!carries(transport, testCase, profile)) continue;
            const run = testCase.divergence ? it.fails : it;
            run(`${testCase.name} [${transport.name}]`, () => runCase(transport, testCase, profile));
          }
        }
      });
    }
  });
}
