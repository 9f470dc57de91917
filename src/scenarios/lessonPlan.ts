/**
 * Where a guided lesson stands, as sessions keep it (plain JSON, in share links, files and the
 * autosave): which scenario, how far its runner got, and the stops Back can return to. The
 * engine's state is the session's command log; a stop is the log's first calls up to it, so a
 * checkpoint is a count, not a copy. The caption and the stop number follow from the step
 * reached, so they are not kept (nothing to contradict).
 */
import type { Command } from '../engine';
import { planOf, trafficFromPlan, type TrafficPlan, type TrafficState } from '../traffic';
import { builtinScenario } from './builtin';
import type { Scenario } from './format';
import { Guide, type Checkpoint, type GuideHost, type RunnerState } from './runner';
import { validateScenario } from './validate';

/** A runner's place: the next step, whether it waits at the gate before it, what surprised it. */
export interface RunnerPlace {
  next: number;
  waiting: boolean;
  surprises: string[];
}

export interface LessonPlan {
  /** A built-in lesson's name, or the whole scenario when it came from a file. */
  scenario: string | Scenario;
  /** Where the runner stands now (its traffic is the session's). */
  place: RunnerPlace;
  /** The stops Back returns to: the first `commands` calls of the log, the time, the runner and its traffic. */
  checkpoints: { commands: number; now: number; place: RunnerPlace; traffic: TrafficPlan }[];
}

const placeOf = (state: RunnerState): RunnerPlace => ({
  next: state.next,
  waiting: state.waiting,
  surprises: state.surprises.slice(),
});

export function lessonPlanOf(guide: Guide): LessonPlan {
  const { scenario } = guide;
  const builtin = builtinScenario(scenario.name);
  const isBuiltin = builtin !== undefined && JSON.stringify(builtin) === JSON.stringify(scenario);
  return {
    scenario: isBuiltin ? scenario.name : scenario,
    place: placeOf(guide.state),
    checkpoints: guide.checkpoints.map((c) => ({
      commands: c.commands.length,
      now: c.now,
      place: placeOf(c.runner),
      traffic: planOf(c.runner.traffic),
    })),
  };
}

/** What the session around a lesson holds: its calls, the time reached, the seed, the traffic running now. */
export interface LessonSession {
  commands: readonly Command[];
  now: number;
  seed: number;
  traffic: TrafficState;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

class Invalid extends Error {}

function scenarioOf(value: unknown): Scenario {
  if (typeof value === 'string') {
    const builtin = builtinScenario(value);
    if (!builtin) throw new Invalid(`there is no built-in lesson "${value.slice(0, 64)}"`);
    return builtin;
  }
  const checked = validateScenario(value);
  if (!checked.ok) throw new Invalid(checked.error.replace(/\.$/, ''));
  return checked.scenario;
}

/** The runner state a place stands for: its stop and caption are those of the steps before it. */
function runnerAt(scenario: Scenario, value: unknown, traffic: TrafficState, where: string): RunnerState {
  if (!isObject(value)) throw new Invalid(`${where} must be an object`);
  const { next, waiting, surprises } = value;
  const { steps } = scenario;
  if (typeof next !== 'number' || !Number.isInteger(next) || next < 0 || next > steps.length) {
    throw new Invalid(`${where}.next must be a step of the lesson, 0 to ${steps.length}`);
  }
  if (typeof waiting !== 'boolean') throw new Invalid(`${where}.waiting must be true or false`);
  if (waiting && next > 0 && steps[next - 1]!.do !== 'pause')
    throw new Invalid(`${where} waits, but not at a stop of the lesson`);
  if (!Array.isArray(surprises) || !surprises.every((s) => typeof s === 'string'))
    throw new Invalid(`${where}.surprises must be a list of texts`);
  const state: RunnerState = { next, waiting, stop: 0, traffic, surprises: surprises.slice() };
  steps.slice(0, next).forEach((step, index) => {
    if (step.do === 'pause') state.stop++;
    if (step.do === 'caption')
      state.caption = { text: step.text, step: index, ...(step.title === undefined ? {} : { title: step.title }) };
  });
  return state;
}

/**
 * A guide standing where the plan says, over an engine that has replayed the session: or why the
 * plan cannot be trusted (then nothing should be loaded). Never throws.
 */
export function resumeLesson(plan: unknown, session: LessonSession, host: GuideHost): Guide | string {
  try {
    if (!isObject(plan)) throw new Invalid('it must be an object');
    const scenario = scenarioOf(plan.scenario);
    const state = runnerAt(scenario, plan.place, session.traffic, 'place');
    if (!Array.isArray(plan.checkpoints) || plan.checkpoints.length === 0)
      throw new Invalid('checkpoints must list the stops reached');
    const checkpoints: Checkpoint[] = [];
    for (const [i, raw] of (plan.checkpoints as unknown[]).entries()) {
      const where = `checkpoints[${i}]`;
      if (!isObject(raw)) throw new Invalid(`${where} must be an object`);
      const { commands, now } = raw;
      const before = checkpoints[checkpoints.length - 1];
      const least = before?.commands.length ?? 0;
      if (
        typeof commands !== 'number' ||
        !Number.isInteger(commands) ||
        commands < least ||
        commands > session.commands.length
      ) {
        throw new Invalid(`${where}.commands must count calls of the session, ${least} to ${session.commands.length}`);
      }
      const earliest = Math.max(session.commands[commands - 1]?.t ?? 0, before?.now ?? 0);
      if (typeof now !== 'number' || !Number.isFinite(now) || now < earliest || now > session.now) {
        throw new Invalid(`${where}.now must be a time from its last call to the session's`);
      }
      const traffic = trafficFromPlan(session.seed, raw.traffic, now);
      if (typeof traffic === 'string') throw new Invalid(`${where}.traffic: ${traffic}`);
      const runner = runnerAt(scenario, raw.place, traffic, `${where}.place`);
      if (runner.stop > state.stop || (before && runner.stop <= before.runner.stop)) {
        throw new Invalid(`${where} must be a stop passed on the way, after the one before it`);
      }
      checkpoints.push({ stop: runner.stop, commands: session.commands.slice(0, commands), now, runner });
    }
    return new Guide(scenario, host, { state, checkpoints });
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}
