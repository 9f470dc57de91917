/**
 * Live traffic through the real page: a hot-key producer past a shard's limit, a uniform producer
 * and a consumer, played from the toolbar. The page keeps playing, Pause stops the clock, the call
 * log groups the traffic's calls per producer and second with their counts, and the session's
 * link stays small whatever the traffic made.
 */
import { expect, test } from '@playwright/test';
import { openApp, testApi } from '../support/app';
import { collectErrors, workshop } from './helpers';

test('live traffic plays, pauses at once, and shows in grouped call-log rows with their counts', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'live', ShardCount: 4 });
  await testApi(page, 'advanceBy', 60_000);

  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  const producer = page.getByRole('form', { name: 'New producer' });
  await producer.getByLabel('Id').fill('hot');
  await producer.getByLabel('Records/s').fill('1500');
  await producer.getByLabel('Key distribution').selectOption('hot');
  await producer.getByRole('button', { name: 'Start producer' }).click();
  await producer.getByLabel('Id').fill('spread');
  await producer.getByLabel('Records/s').fill('500');
  await producer.getByLabel('Key distribution').selectOption('uniform');
  await producer.getByRole('button', { name: 'Start producer' }).click();
  await page.getByRole('form', { name: 'New consumer' }).getByRole('button', { name: 'Start consumer' }).click();

  await testApi(page, 'setSpeed', 10);
  const start = await testApi(page, 'now');
  await page.getByRole('button', { name: '▶ Play' }).click();
  await expect.poll(async () => (await testApi(page, 'now')) - start, { timeout: 20_000 }).toBeGreaterThan(5000);

  await page.getByRole('button', { name: '❚❚ Pause' }).click();
  const paused = await testApi(page, 'now');
  await page.waitForTimeout(300);
  expect(await testApi(page, 'now')).toBe(paused);

  // Records went in, and the consumer read them.
  const stored = (await testApi(page, 'streams'))[0]!.shards.reduce((n, s) => n + s.records, 0);
  expect(stored).toBeGreaterThan(5 * 1500);

  // The hot producer's calls are grouped: one row a second, its counts by outcome, throttling included.
  await page.getByRole('combobox', { name: 'By', exact: true }).selectOption('traffic');
  const rows = page.getByTestId('call-log').locator('li[data-origin="producer"]');
  const hotRow = rows.filter({ has: page.locator('.origin[title="producer:hot"]') }).last();
  await expect(hotRow).toBeVisible();
  await expect(hotRow.getByTestId('call-outcome')).toContainText(/\d+ calls? ok/);
  await expect(
    rows
      .getByTestId('call-outcome')
      .filter({ hasText: /records? throttled/ })
      .first(),
  ).toBeVisible();
  await hotRow.locator('.entry-summary').click();
  await expect(hotRow.getByRole('list', { name: /Calls of producer:hot/ })).toBeVisible();

  // Intent, not volume: the link to all of this is short.
  expect((await workshop(page, 'shareToken')).length).toBeLessThan(2048);
  expect(errors).toEqual([]);
});
