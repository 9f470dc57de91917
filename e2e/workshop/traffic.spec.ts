/**
 * The traffic panel: a producer and a consumer started from the forms call the API on the virtual
 * clock (their calls land in the call log like a person's), and the table shows their figures.
 */
import { expect, test } from '@playwright/test';
import {
  discardSession,
  expectNoSeriousA11yViolations,
  exportSessionFile,
  openApp,
  saveScreenshot,
  testApi,
} from '../support/app';
import { collectErrors, expectProducerWriting, startProducer } from './helpers';

test('a producer and a consumer started from the Traffic tab write and read through the engine', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, { theme: 'light' });
  await testApi(page, 'call', 'CreateStream', { StreamName: 'live', ShardCount: 2 });
  await testApi(page, 'advanceBy', 20_000);
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();

  const producerForm = page.getByRole('form', { name: 'New producer' });
  await producerForm.getByLabel('Records/s').fill('40');
  await producerForm.getByLabel('Key distribution').selectOption('hot');
  await producerForm.getByLabel('API').selectOption('PutRecord');
  await producerForm.getByRole('button', { name: 'Start producer' }).click();
  await page.getByRole('form', { name: 'New consumer' }).getByRole('button', { name: 'Start consumer' }).click();

  const before = await testApi(page, 'commandCount');
  await testApi(page, 'advanceBy', 5000);
  const after = await testApi(page, 'commandCount');
  expect(after - before).toBeGreaterThanOrEqual(200); // 40 PutRecord/s for 5 s, plus the consumer's calls
  const records = (await testApi(page, 'streams'))[0]!.shards.reduce((n, s) => n + s.records, 0);
  // Made at 0, 25, … 4975 ms after the start: the one due at 5000 ms comes with the next instant.
  expect(records).toBe(200);
  await expect(page.getByTestId('producer-producer-1')).toContainText('accepted 200');
  await expect(page.getByTestId('consumer-consumer-1')).toContainText('shardId-000000000000: reading');
  await expect(page.getByTestId('consumer-consumer-1')).toContainText(
    /shardId-000000000001: reading .* iterator #\d+ at record \d+, expires in \d+ s/,
  );

  await page.getByRole('button', { name: 'Pause producer producer-1' }).click();
  const paused = await testApi(page, 'commandCount');
  const storedNow = async () => (await testApi(page, 'streams'))[0]!.shards.reduce((n, s) => n + s.records, 0);
  const storedAtPause = await storedNow();
  await testApi(page, 'advanceBy', 3000);
  expect(await storedNow()).toBe(storedAtPause);
  // The consumer has caught up with everything written.
  await expect(page.getByTestId('consumer-consumer-1')).toContainText(`read ${storedAtPause} `);
  expect(await testApi(page, 'commandCount')).toBeGreaterThan(paused); // the consumer still polls

  await expectNoSeriousA11yViolations(page, 'workshop traffic tab');
  await saveScreenshot(page, 'workshop-traffic');
  expect(errors).toEqual([]);
});

test('a reload brings the traffic back with the autosaved session', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'live', ShardCount: 1 });
  await testApi(page, 'advanceBy', 20_000);
  await startProducer(page, 10);
  await page.getByRole('form', { name: 'New consumer' }).getByRole('button', { name: 'Start consumer' }).click();
  await page.getByRole('button', { name: 'Pause consumer consumer-1' }).click();
  await testApi(page, 'advanceBy', 2000);

  await page.reload(); // pagehide saves at once
  await page.waitForFunction(() => window.__shardscope !== undefined);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.getByTestId('producer-producer-1')).toContainText('running');
  await expect(page.getByTestId('consumer-consumer-1')).toContainText('paused');
  await expectProducerWriting(page);
  expect(errors).toEqual([]);
});

test('an exported session file brings its traffic back when it is imported', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'live', ShardCount: 1 });
  await testApi(page, 'advanceBy', 20_000);
  await startProducer(page, 10);
  await testApi(page, 'advanceBy', 2000);
  const file = await exportSessionFile(page);

  await discardSession(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText(
    'its traffic is back (1 producer, 0 consumers)',
  );
  // The workshop panel is still open on its Traffic tab.
  await expect(page.getByRole('tab', { name: 'Traffic' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('producer-producer-1')).toContainText('running');
  await expectProducerWriting(page);
  await saveScreenshot(page, 'workshop-import-traffic');
  expect(errors).toEqual([]);
});
