import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, type Engine } from '../engine';
import type { Entry } from '../journal/world';
import { hostFor, replayedWorld } from './guideHost.testing';
import {
  Guide,
  builtinScenario,
  lessonPlanOf,
  resumeLesson,
  validateScenario,
  type LessonPlan,
  type Scenario,
} from '.';

const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

/** A lesson played to its second stop, with a call of the person's own on the way. */
function lessonAtStop2(name: string) {
  const s = builtinScenario(name)!;
  const { box, host } = hostFor(s);
  const guide = new Guide(s, host);
  guide.skipToNextStop();
  guide.next();
  guide.skipToNextStop();
  box.world.act('ListStreams', {}); // the person's own call
  return { s, box, guide };
}

/** Session text round trip: a plan travels as JSON. */
const throughJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/** What a session keeps around a lesson: the journal and the time. */
const sessionOf = (box: { world: { journal(): readonly Entry[]; now(): number } }) => ({
  journal: box.world.journal().slice(),
  now: box.world.now(),
});

/** Opens a plan over a fresh world replaying the session, as the app does. */
function resume(s: Scenario, plan: unknown, session: { journal: readonly Entry[]; now: number }) {
  const { box, host } = hostFor(s, replayedWorld(s, session.journal, session.now));
  return { box, resumed: resumeLesson(plan, { entryTimes: session.journal.map((e) => e.t), now: session.now }, host) };
}

describe('lesson plans (a guided lesson kept in a session)', () => {
  it('should resume a lesson where it stood, its caption, stop and traffic included, and go Back to the same state as the original', () => {
    const { s, box, guide } = lessonAtStop2('split-merge');
    const plan = lessonPlanOf(guide);
    expect(plan.scenario).toBe('split-merge'); // a built-in travels by name
    const session = sessionOf(box);

    const { box: other, resumed } = resume(s, throughJson(plan), session);
    if (typeof resumed === 'string') throw new Error(resumed);
    expect(digest(other.world.engine)).toBe(digest(box.world.engine));
    expect(resumed.state).toEqual(guide.state);
    expect(resumed.state.stop).toBe(2);
    expect(resumed.state.caption?.text).toBeTruthy();
    expect(JSON.stringify(other.world.traffic)).toBe(JSON.stringify(box.world.traffic));
    expect(resumed.checkpoints.map((c) => [c.stop, c.entries, c.now])).toEqual(
      guide.checkpoints.map((c) => [c.stop, c.entries, c.now]),
    );

    // Back on both: the same earlier state, twice.
    for (const stop of [1, 0]) {
      expect(guide.back()).toBe(true);
      expect(resumed.back()).toBe(true);
      expect(resumed.state.stop).toBe(stop);
      expect(digest(other.world.engine)).toBe(digest(box.world.engine));
    }
    expect(resumed.back()).toBe(false);
  });

  it('should keep a lesson from a file whole, and resume it', () => {
    const routing = builtinScenario('routing')!;
    const own = validateScenario({ ...structuredClone(routing), name: 'my-routing', title: 'My routing' });
    if (!own.ok) throw new Error(own.error);
    const { box, host } = hostFor(own.scenario);
    const guide = new Guide(own.scenario, host);
    guide.skipToNextStop();
    const plan = lessonPlanOf(guide);
    expect(plan.scenario).toEqual(own.scenario);
    const { resumed } = resume(own.scenario, throughJson(plan), sessionOf(box));
    expect(typeof resumed === 'string' ? resumed : resumed.scenario.title).toBe('My routing');
  });

  it('should say what is wrong with a plan that does not fit its session', () => {
    const { s, box, guide } = lessonAtStop2('routing');
    const good = throughJson(lessonPlanOf(guide)) as LessonPlan;
    const session = sessionOf(box);
    const refusal = (patch: (plan: LessonPlan) => void) => {
      const plan = structuredClone(good);
      patch(plan);
      return resume(s, plan, session).resumed;
    };
    expect(refusal((p) => (p.scenario = 'no-such'))).toBe('there is no built-in lesson "no-such"');
    expect(refusal((p) => (p.scenario = { ...s, steps: [] }))).toBe(
      'Invalid scenario: steps must be a list of 1 to 2000 steps',
    );
    expect(refusal((p) => (p.place.next = 99))).toBe(`place.next must be a step of the lesson, 0 to ${s.steps.length}`);
    expect(refusal((p) => (p.place.next -= 1))).toBe('place waits, but not at a stop of the lesson');
    expect(refusal((p) => (p.checkpoints[1]!.entries = session.journal.length + 1))).toBe(
      `checkpoints[1].entries must count entries of the session, ${good.checkpoints[0]!.entries} to ${session.journal.length}`,
    );
    expect(refusal((p) => (p.checkpoints[2]!.now = session.now + 1))).toBe(
      "checkpoints[2].now must be a time from its last entry to the session's",
    );
    expect(refusal((p) => p.checkpoints.reverse())).toMatch(/^checkpoints\[1\]/);
    expect(refusal((p) => (p.checkpoints = []))).toBe('checkpoints must list the stops reached');
  });

  it('should refuse or resume any damaged plan, never throw', () => {
    const { s, box, guide } = lessonAtStop2('hot-shard');
    const good = throughJson(lessonPlanOf(guide)) as Record<string, unknown>;
    const session = sessionOf(box);
    /** Every path to a value inside the plan. */
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      if (path.length > 0 && path[0] !== 'scenario') paths.push(path);
      if (v !== null && typeof v === 'object') for (const [k, child] of Object.entries(v)) walk(child, [...path, k]);
    };
    walk(good, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const plan = structuredClone(good);
        let at = plan as Record<string, unknown>;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[path[path.length - 1]!] = value;
        const { resumed } = resume(s, plan, session);
        if (typeof resumed === 'string') expect(resumed.length).toBeGreaterThan(0);
        else expect(resumed.state.next).toBeLessThanOrEqual(s.steps.length);
      }),
      { numRuns: 150 },
    );
  });
});
