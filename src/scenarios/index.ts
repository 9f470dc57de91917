// Scenarios: the data-only format, its validator, the runner, guided mode and the built-in lessons.
export * from './format';
export * from './validate';
export * from './runner';
export * from './lessonPlan';
export { BUILTIN_SCENARIOS, builtinScenario } from './builtin';
