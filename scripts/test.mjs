#!/usr/bin/env node
// `npm test`: types, lint, format, unit tests, then browser tests; ends with one plain summary line per
// suite ("unit: N passed, N failed") and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const run = (label, command, args) => {
  console.log(`\n== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return result.status === 0;
};

mkdirSync('test-results', { recursive: true });
const summaries = [];
let ok = true;

ok = run('types', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) && ok;
ok = run('engine types (no DOM, no Node)', 'npx', ['tsc', '-p', 'tsconfig.engine.json', '--noEmit']) && ok;
ok = run('lint', 'npx', ['eslint', '.']) && ok;
ok = run('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']) && ok;

const unitOk = run('unit', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/unit.json',
]);
ok = unitOk && ok;
if (existsSync('test-results/unit.json')) {
  const report = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  summaries.push(`unit: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
} else {
  summaries.push('unit: 0 passed, 1 failed');
}

if (existsSync('playwright.config.ts') && process.env.SHARDSCOPE_SKIP_E2E !== '1') {
  const e2eOk = run('e2e', 'npx', ['playwright', 'test']);
  ok = e2eOk && ok;
  if (existsSync('test-results/e2e.json')) {
    const report = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
    const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
    summaries.push(`e2e: ${expected + flaky} passed, ${unexpected} failed, ${skipped} skipped`);
  } else {
    summaries.push('e2e: 0 passed, 1 failed');
  }
}

console.log('');
for (const line of summaries) console.log(line);
process.exit(ok ? 0 : 1);
