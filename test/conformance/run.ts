/** Runs one case through one transport and checks the answer against the case's expectation. */
import { expect } from 'vitest';
import type { Profile } from '../../src/engine/index';
import { isAdvance, isError, type ConformanceCase } from './case';
import { ACCOUNT, REGION, type Answer, type Session, type Transport } from './transports';

type Saved = Map<string, unknown>;

/** Replaces `${name}` in every string of a value; a string that is exactly one `${name}` takes the saved value as is. */
function fill(value: unknown, saved: Saved): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(value);
    if (whole && saved.has(whole[1]!)) return saved.get(whole[1]!);
    return value.replace(/\$\{(\w+)\}/g, (text, name: string) => (saved.has(name) ? String(saved.get(name)) : text));
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, saved));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, saved)]));
  return value;
}

function at(value: unknown, path: string): unknown {
  let here = value;
  for (const segment of path.split('.')) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[segment];
  }
  return here;
}

/** Whether a transport can carry every call of the case. */
export const carries = (transport: Transport, testCase: ConformanceCase, profile: Profile) =>
  transport.accepts(testCase.operation, testCase.input, profile) &&
  (testCase.steps ?? []).every((step) => isAdvance(step) || transport.accepts(step.operation, step.input, profile));

export async function runCase(transport: Transport, testCase: ConformanceCase, profile: Profile): Promise<void> {
  const session: Session = await transport.open(profile);
  try {
    const saved: Saved = new Map<string, unknown>([
      ['account', ACCOUNT],
      ['region', REGION],
    ]);
    for (const step of testCase.steps ?? []) {
      if (isAdvance(step)) {
        session.advance(step.advanceMs);
        continue;
      }
      const answer = await session.call(step.operation, fill(step.input, saved));
      if (answer.status !== 200) {
        throw new Error(`setup ${step.operation} failed: ${answer.type}: ${answer.message ?? ''}`);
      }
      for (const [name, path] of Object.entries(step.save ?? {})) saved.set(name, at(answer.output, path));
    }
    const answer = await session.call(testCase.operation, fill(testCase.input, saved));
    check(answer, testCase, saved);
  } finally {
    await session.close();
  }
}

function check(answer: Answer, testCase: ConformanceCase, saved: Saved): void {
  const expected = testCase.expect;
  if (isError(expected)) {
    const want: Record<string, unknown> = { status: expected.status ?? 400, type: expected.error };
    const got: Record<string, unknown> = { status: answer.status, type: answer.type };
    if (expected.message !== undefined) {
      want.message = fill(expected.message, saved);
      got.message = answer.message;
    }
    expect(got).toEqual(want);
    return;
  }
  expect({ status: answer.status, type: answer.type, message: answer.message }).toEqual({
    status: 200,
    type: undefined,
    message: undefined,
  });
  // Only the raw HTTP transport sees the body itself.
  if (answer.emptyBody !== undefined)
    expect({ emptyBody: answer.emptyBody }).toEqual({ emptyBody: !!expected.emptyBody });
  if (expected.emptyBody) expect(answer.output).toEqual({});
  if (expected.output) expect(answer.output).toMatchObject(fill(expected.output, saved) as Record<string, unknown>);
  for (const path of expected.present ?? [])
    expect({ [path]: at(answer.output, path) !== undefined }).toEqual({ [path]: true });
  for (const path of expected.absent ?? []) expect({ [path]: at(answer.output, path) }).toEqual({ [path]: undefined });
  for (const [path, name] of Object.entries(expected.greaterThan ?? {})) {
    const value = at(answer.output, path);
    const floor = saved.get(name);
    expect({ [path]: typeof value === 'string' && typeof floor === 'string' && BigInt(value) > BigInt(floor) }).toEqual(
      {
        [path]: true,
      },
    );
  }
}
