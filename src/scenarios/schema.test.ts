import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCENARIOS, validateScenario } from '.';
import schema from './scenario.schema.json';

/**
 * The scenario format is written twice on purpose: as a JSON schema for people who write lessons in
 * an editor, and as the validator the app trusts. These tests hold them to one format: what one
 * accepts the other accepts, and the mistakes a person makes, both refuse.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
const schemaAccepts = ajv.compile(schema);
const validatorAccepts = (doc: unknown) => validateScenario(doc).ok;

describe('scenario.schema.json and the validator', () => {
  it('should both accept every built-in lesson', () => {
    for (const scenario of BUILTIN_SCENARIOS) {
      expect(schemaAccepts(scenario), `${scenario.name}: ${ajv.errorsText(schemaAccepts.errors)}`).toBe(true);
      expect(validatorAccepts(scenario), scenario.name).toBe(true);
    }
  });

  it('should both refuse a lesson with a field missing, unknown, of the wrong type or out of range', () => {
    const base = structuredClone(BUILTIN_SCENARIOS[0]!) as unknown as Record<string, unknown>;
    const required = schema.required as string[];
    const caption = (doc: Record<string, unknown>) =>
      (doc.steps as Record<string, unknown>[]).find((step) => step.do === 'caption')!;
    const mistakes: ((doc: Record<string, unknown>) => void)[] = [
      ...required.map((field) => (doc: Record<string, unknown>) => delete doc[field]),
      (doc) => (doc.colour = 'blue'),
      (doc) => (doc.seed = 'forty-two'),
      (doc) => (doc.startTime = -1),
      (doc) => (doc.startTime = 8.64e15),
      (doc) => (doc.version = 2),
      (doc) => (doc.name = 'Has Spaces'),
      (doc) => (doc.steps = []),
      (doc) => ((doc.settings as Record<string, unknown>).profile = '2099-01'),
      (doc) => ((doc.steps as Record<string, unknown>[])[0]!.do = 'explode'),
      (doc) => ((doc.steps as Record<string, unknown>[])[0]!.at = -5),
      (doc) => ((doc.steps as Record<string, unknown>[])[0]!.at = 31 * 24 * 3600 * 1000),
      (doc) => ((doc.steps as Record<string, unknown>[])[0]!.extra = true),
      (doc) => (caption(doc).key = ''),
      (doc) => (caption(doc).key = 'k'.repeat(257)),
      (doc) => (caption(doc).key = 42),
      (doc) => (caption(doc).views = ['the-moon']),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...mistakes), (mistake) => {
        const doc = structuredClone(base);
        mistake(doc);
        expect(schemaAccepts(doc)).toBe(false);
        expect(validatorAccepts(doc)).toBe(false);
      }),
      { numRuns: mistakes.length * 3 },
    );
  });
});
