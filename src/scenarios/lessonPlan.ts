/**
 * Where a guided lesson stands, as sessions keep it (plain JSON, in share links, files and the
 * autosave): which scenario, how far its runner got, and the stops Back can return to. The world's
 * state is the session's journal; a stop is the journal's first entries up to it, so a checkpoint
 * is a count, not a copy. The caption and the stop number follow from the step reached, so they
 * are not kept (nothing to contradict).
 */
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
  /** Where the runner stands now. */
  place: RunnerPlace;
  /**
   * The stops Back returns to: the journal's first `entries` entries, the time, the runner then
   * (and, kept from a session of the first format, the traffic then).
   */
  checkpoints: { entries: number; now: number; place: RunnerPlace; traffic?: unknown }[];
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
      entries: c.entries,
      now: c.now,
      place: placeOf(c.runner),
      ...(c.legacyTraffic !== undefined ? { traffic: c.legacyTraffic } : {}),
    })),
  };
}

/** What the session around a lesson holds: its journal's entry times and the time reached. */
export interface LessonSession {
  /** The time of each journal entry, in order. */
  entryTimes: readonly number[];
  now: number;
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
function runnerAt(scenario: Scenario, value: unknown, where: string): RunnerState {
  if (!isObject(value)) throw new Invalid(`${where} must be an object`);
  const { next, waiting, surprises } = value;
  const { steps } = scenario;
  if (typeof next !== 'number' || !Number.isInteger(next) || next < 0 || next > steps.length) {
    throw new Invalid(`${where}.next must be a step of the lesson, 0 to ${steps.length}`);
  }
  if (typeof waiting !== 'boolean') throw new Invalid(`${where}.waiting must be true or false`);
  if (waiting && next > 0 && steps[next - 1]!.do !== 'pause')
    throw new Invalid(`${where} waits, but not at a stop of the lesson`);
  if (!Array.isArray(surprises) || surprises.length > 10_000 || !surprises.every((s) => typeof s === 'string'))
    throw new Invalid(`${where}.surprises must be a list of texts`);
  const state: RunnerState = { next, waiting, stop: 0, surprises: surprises.slice() };
  steps.slice(0, next).forEach((step, index) => {
    if (step.do === 'pause') state.stop++;
    if (step.do === 'caption')
      state.caption = { text: step.text, step: index, ...(step.title === undefined ? {} : { title: step.title }) };
  });
  return state;
}

/**
 * A guide standing where the plan says, over a world that has replayed the session: or why the
 * plan cannot be trusted (then nothing should be loaded). Checkpoints count journal entries
 * (`entries`; sessions of the first format counted calls as `commands`, the same count there).
 * Never throws.
 */
export function resumeLesson(plan: unknown, session: LessonSession, host: GuideHost): Guide | string {
  try {
    if (!isObject(plan)) throw new Invalid('it must be an object');
    const scenario = scenarioOf(plan.scenario);
    const state = runnerAt(scenario, plan.place, 'place');
    if (!Array.isArray(plan.checkpoints) || plan.checkpoints.length === 0 || plan.checkpoints.length > 10_000)
      throw new Invalid('checkpoints must list the stops reached');
    const total = session.entryTimes.length;
    const checkpoints: Checkpoint[] = [];
    for (const [i, raw] of (plan.checkpoints as unknown[]).entries()) {
      const where = `checkpoints[${i}]`;
      if (!isObject(raw)) throw new Invalid(`${where} must be an object`);
      const entries = raw.entries ?? raw.commands;
      const { now } = raw;
      const before = checkpoints[checkpoints.length - 1];
      const least = before?.entries ?? 0;
      if (typeof entries !== 'number' || !Number.isInteger(entries) || entries < least || entries > total) {
        throw new Invalid(`${where}.entries must count entries of the session, ${least} to ${total}`);
      }
      const earliest = Math.max(session.entryTimes[entries - 1] ?? 0, before?.now ?? 0);
      if (typeof now !== 'number' || !Number.isFinite(now) || now < earliest || now > session.now) {
        throw new Invalid(`${where}.now must be a time from its last entry to the session's`);
      }
      const runner = runnerAt(scenario, raw.place, `${where}.place`);
      if (runner.stop > state.stop || (before && runner.stop <= before.runner.stop)) {
        throw new Invalid(`${where} must be a stop passed on the way, after the one before it`);
      }
      checkpoints.push({
        stop: runner.stop,
        entries,
        now,
        runner,
        ...(raw.traffic !== undefined ? { legacyTraffic: raw.traffic } : {}),
      });
    }
    return new Guide(scenario, host, { state, checkpoints });
  } catch (error) {
    if (error instanceof Invalid) return error.message;
    throw error;
  }
}
