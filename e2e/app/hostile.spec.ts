/**
 * Sessions made to hurt: a time at the edge of what a date can show, and one past it. The page
 * opens the first and keeps drawing; it refuses the second with the reason and keeps the session
 * it had; a reload brings back a session that works, never a blank page.
 */
import { expect, test } from '@playwright/test';
import { openApp, testApi } from '../support/app';

const sessionAt = (now: number) =>
  Buffer.from(
    JSON.stringify({
      schema: 'shardscope-session',
      version: 2,
      settings: {
        profile: 'current',
        timing: 'fast',
        throughput: true,
        apiRates: true,
        accountId: '123456789012',
        region: 'us-east-1',
        seed: 1,
        startTime: 1_500_000_000_000,
      },
      now,
      journal: [{ t: 1_500_000_000_000, operation: 'CreateStream', input: { StreamName: 'edge', ShardCount: 2 } }],
    }),
  );

test('a session at the end of time opens and draws; one past it is refused; reloads never blank the page', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'mine', ShardCount: 1 });

  // Past what a date can show: refused, and the session stays as it was.
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: sessionAt(8.64e15 + 1) });
  await expect(page.getByRole('alert')).toContainText('"now" must be a time');
  expect((await testApi(page, 'streams')).map((s) => s.name)).toEqual(['mine']);

  // At the very edge: it opens, the clock and every view draw, nothing throws.
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'edge.json', mimeType: 'application/json', buffer: sessionAt(8.64e15) });
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toBeVisible();
  expect(await testApi(page, 'now')).toBe(8.64e15);
  await expect(page.getByTestId('clock')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Keyspace map' })).toBeVisible();
  await expect(page.getByTestId('view-error')).toHaveCount(0);

  // A reload brings the page back working, with that session.
  await page.reload();
  await page.waitForFunction(() => window.__shardscope !== undefined);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  expect((await testApi(page, 'streams')).map((s) => s.name)).toEqual(['edge']);
  expect(errors).toEqual([]);
});
