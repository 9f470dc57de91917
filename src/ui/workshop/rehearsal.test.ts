import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS } from '../../scenarios';
import { REHEARSED_AFTER_LAST_STEP_MS, rehearsalTimes } from './rehearsal';

describe('the instants a lesson embed is measured at', () => {
  it.each(BUILTIN_SCENARIOS.map((s) => [s.name, s] as const))(
    'should cover every step of %s, its whole length evenly, and the minute after its end',
    (_name, scenario) => {
      const times = rehearsalTimes(scenario);
      const last = scenario.steps.at(-1)!.at;
      expect(times[0]).toBe(0);
      expect(times.at(-1)).toBe(last + REHEARSED_AFTER_LAST_STEP_MS);
      for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
      for (const step of scenario.steps) expect(times).toContain(step.at);
      // No stretch of the lesson goes unmeasured for longer than a 24th of it.
      const during = times.filter((t) => t <= last);
      for (let i = 1; i < during.length; i++) expect(during[i]! - during[i - 1]!).toBeLessThanOrEqual(last / 24 + 1);
    },
  );
});
