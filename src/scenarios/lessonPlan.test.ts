import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkpointDigest, replay, type Engine } from '../engine';
import { engineOptions } from '../store';
import { planOf, trafficFromPlan, type TrafficState } from '../traffic';
import { hostFor } from './guideHost.testing';
import {
  Guide,
  builtinScenario,
  lessonPlanOf,
  resumeLesson,
  scenarioSettings,
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
  box.engine.call('ListStreams', {}); // the person's own call
  return { s, box, guide };
}

/** Session text round trip: a plan travels as JSON. */
const throughJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

/** Opens a plan over a fresh engine replaying the session, as the workshop does. */
function resume(
  s: Scenario,
  plan: unknown,
  session: { commands: readonly { t: number; operation: string; input: unknown }[]; now: number },
  traffic: TrafficState,
) {
  const engine = replay(engineOptions(scenarioSettings(s)), session.commands, session.now);
  if (session.now > engine.now()) engine.advanceTo(session.now);
  const { box, host } = hostFor(s, engine);
  return { box, resumed: resumeLesson(plan, { ...session, seed: s.seed, traffic }, host) };
}

describe('lesson plans (a guided lesson kept in a session)', () => {
  it('should resume a lesson where it stood, its caption, stop and traffic included, and go Back to the same state as the original', () => {
    const { s, box, guide } = lessonAtStop2('split-merge');
    const plan = lessonPlanOf(guide);
    expect(plan.scenario).toBe('split-merge'); // a built-in travels by name
    const session = { commands: box.engine.commands().slice(), now: box.engine.now() };
    const traffic = trafficFromPlan(s.seed, planOf(guide.state.traffic), session.now) as TrafficState;

    const { box: other, resumed } = resume(s, throughJson(plan), session, traffic);
    if (typeof resumed === 'string') throw new Error(resumed);
    expect(digest(other.engine)).toBe(digest(box.engine));
    const { traffic: ownTraffic, ...place } = guide.state;
    const { traffic: resumedTraffic, ...resumedPlace } = resumed.state;
    expect(resumedPlace).toEqual(place);
    expect(resumedPlace.stop).toBe(2);
    expect(resumedPlace.caption?.text).toBeTruthy();
    expect(planOf(resumedTraffic)).toEqual(planOf(ownTraffic));
    expect(resumed.checkpoints.map((c) => [c.stop, c.commands.length, c.now])).toEqual(
      guide.checkpoints.map((c) => [c.stop, c.commands.length, c.now]),
    );

    // Back on both: the same earlier state, twice.
    for (const stop of [1, 0]) {
      expect(guide.back()).toBe(true);
      expect(resumed.back()).toBe(true);
      expect(resumed.state.stop).toBe(stop);
      expect(digest(other.engine)).toBe(digest(box.engine));
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
    const session = { commands: box.engine.commands().slice(), now: box.engine.now() };
    const { resumed } = resume(
      own.scenario,
      throughJson(plan),
      session,
      trafficFromPlan(own.scenario.seed, planOf(guide.state.traffic), session.now) as TrafficState,
    );
    expect(typeof resumed === 'string' ? resumed : resumed.scenario.title).toBe('My routing');
  });

  it('should say what is wrong with a plan that does not fit its session', () => {
    const { s, box, guide } = lessonAtStop2('routing');
    const good = throughJson(lessonPlanOf(guide)) as LessonPlan;
    const session = { commands: box.engine.commands().slice(), now: box.engine.now() };
    const traffic = trafficFromPlan(s.seed, planOf(guide.state.traffic), session.now) as TrafficState;
    const refusal = (patch: (plan: LessonPlan) => void) => {
      const plan = structuredClone(good);
      patch(plan);
      return resume(s, plan, session, traffic).resumed;
    };
    expect(refusal((p) => (p.scenario = 'no-such'))).toBe('there is no built-in lesson "no-such"');
    expect(refusal((p) => (p.scenario = { ...s, steps: [] }))).toBe(
      'Invalid scenario: steps must be a list of 1 to 2000 steps',
    );
    expect(refusal((p) => (p.place.next = 99))).toBe(`place.next must be a step of the lesson, 0 to ${s.steps.length}`);
    expect(refusal((p) => (p.place.next -= 1))).toBe('place waits, but not at a stop of the lesson');
    expect(refusal((p) => (p.checkpoints[1]!.commands = session.commands.length + 1))).toBe(
      `checkpoints[1].commands must count calls of the session, ${good.checkpoints[0]!.commands} to ${session.commands.length}`,
    );
    expect(refusal((p) => (p.checkpoints[2]!.now = session.now + 1))).toBe(
      "checkpoints[2].now must be a time from its last call to the session's",
    );
    expect(refusal((p) => p.checkpoints.reverse())).toMatch(/^checkpoints\[1\]/);
    expect(refusal((p) => (p.checkpoints = []))).toBe('checkpoints must list the stops reached');
    expect(refusal((p) => ((p.checkpoints[1]!.traffic as { producers: unknown }).producers = 'many'))).toBe(
      'checkpoints[1].traffic: the traffic part must list producers and consumers',
    );
  });

  it('should refuse or resume any damaged plan, never throw', () => {
    const { s, box, guide } = lessonAtStop2('hot-shard');
    const good = throughJson(lessonPlanOf(guide)) as Record<string, unknown>;
    const session = { commands: box.engine.commands().slice(), now: box.engine.now() };
    const traffic = trafficFromPlan(s.seed, planOf(guide.state.traffic), session.now) as TrafficState;
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
        const { resumed } = resume(s, plan, session, traffic);
        if (typeof resumed === 'string') expect(resumed.length).toBeGreaterThan(0);
        else expect(resumed.state.next).toBeLessThanOrEqual(s.steps.length);
      }),
      { numRuns: 150 },
    );
  });
});
