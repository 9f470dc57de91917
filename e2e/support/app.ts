/**
 * Shared Playwright helpers: open the app, drive it through its test API (window.__shardscope)
 * instead of sleeping, check accessibility with axe-core, and save screenshots.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { ShardscopeTestApi } from '../../src/app/testApi';

export type Theme = 'light' | 'dark';

/** Opens the app (optionally at a theme) and waits for the test API. */
export async function openApp(page: Page, options: { theme?: Theme; path?: string } = {}): Promise<void> {
  if (options.theme) {
    await page.addInitScript((theme) => {
      if (!localStorage.getItem('shardscope.theme')) localStorage.setItem('shardscope.theme', theme);
    }, options.theme);
  }
  await page.goto(options.path ?? '/');
  await page.waitForFunction(() => window.__shardscope !== undefined);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
}

type Api = ShardscopeTestApi;

/** Runs one test-API method in the page. */
export function testApi<K extends keyof Api>(
  page: Page,
  method: K,
  ...args: Api[K] extends (...a: infer A) => unknown ? A : never
): Promise<Api[K] extends (...a: never[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(
    ([name, params]) => {
      const api = window.__shardscope as unknown as Record<string, (...a: unknown[]) => unknown>;
      return api[name]!(...params);
    },
    [method, args] as [string, unknown[]],
  ) as never;
}

/** Fails on any serious or critical axe-core violation, listing them readably. */
export async function expectNoSeriousA11yViolations(
  page: Page,
  where: string,
  options: { exclude?: string[] } = {},
): Promise<void> {
  let builder = new AxeBuilder({ page });
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .slice(0, 5)
        .map((n) => n.target.join(' '))
        .join('\n  ')}`,
  );
  expect(report, `axe-core violations on ${where}`).toEqual([]);
}

export const SCREENSHOT_DIR = 'e2e/screenshots';

/** Saves a 1280×720 screenshot to e2e/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

/** Picks an operation in the console's picker (the form fills with defaults). */
export async function pickOperation(page: Page, operation: string): Promise<void> {
  await page.getByLabel('Operation', { exact: true }).selectOption(operation);
  await expect(page.getByRole('group', { name: `${operation} request` })).toBeVisible();
}

/** Presses Send and waits for the answer of that operation. */
export async function send(page: Page, operation: string): Promise<string> {
  const before = await testApi(page, 'commandCount');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect.poll(() => testApi(page, 'commandCount')).toBeGreaterThan(before);
  const status = page.getByTestId('response-status');
  await expect(page.getByTestId('response')).toContainText(operation);
  return (await status.textContent()) ?? '';
}

/** Session ▾ → Export to file: the path of the file the browser downloaded. */
export async function exportSessionFile(page: Page): Promise<string> {
  await page.getByText('Session ▾').click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to file' }).click();
  return (await download).path();
}

/** Session ▾ → New session… → Discard and start new: an empty session. */
export async function discardSession(page: Page): Promise<void> {
  await page.getByText('Session ▾').click();
  await page.getByRole('button', { name: 'New session…' }).click();
  await page.getByRole('button', { name: 'Discard and start new' }).click();
  expect(await testApi(page, 'streams')).toHaveLength(0);
}
