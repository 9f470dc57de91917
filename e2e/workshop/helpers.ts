/** Helpers for the workshop specs: the workshop part of the test API, and page-error capture. */
import { expect, type Page } from '@playwright/test';
import { testApi } from '../support/app';
import type { WorkshopTestApi } from '../../src/app/testApi';

export function workshop<K extends keyof WorkshopTestApi>(
  page: Page,
  method: K,
  ...args: WorkshopTestApi[K] extends (...a: infer A) => unknown ? A : never
): Promise<WorkshopTestApi[K] extends (...a: never[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(
    ([name, params]) => {
      const api = (window.__shardscope as unknown as { workshop: Record<string, (...a: unknown[]) => unknown> })
        .workshop;
      return api[name]!(...params);
    },
    [method, args] as [string, unknown[]],
  ) as never;
}

/** Collects uncaught page errors and console errors, for "ran without errors". */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export async function waitForWorkshop(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window.__shardscope as unknown as { workshop?: unknown } | undefined)?.workshop !== undefined,
  );
}

/** Opens the Workshop's Traffic tab and starts a producer at `rate` records/s (the form's other defaults). */
export async function startProducer(page: Page, rate: number): Promise<void> {
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  const form = page.getByRole('form', { name: 'New producer' });
  await form.getByLabel('Records/s').fill(String(rate));
  await form.getByRole('button', { name: 'Start producer' }).click();
}

/**
 * Asserts that a 10 records/s producer writes again: three virtual seconds bring at least 25 more
 * records into the first stream.
 */
export async function expectProducerWriting(page: Page): Promise<void> {
  const stored = async () => (await testApi(page, 'streams'))[0]!.shards.reduce((n, s) => n + s.records, 0);
  const before = await stored();
  await testApi(page, 'advanceBy', 3000);
  expect((await stored()) - before).toBeGreaterThanOrEqual(25);
}
