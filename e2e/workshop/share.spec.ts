/**
 * Share links: Copy link puts the session in the address; opening it reproduces the same state
 * exactly, the traffic and a lesson under way included; a tampered link gets a clear error and
 * leaves the current session untouched.
 */
import { expect, test } from '@playwright/test';
import { openApp, saveScreenshot, testApi } from '../support/app';
import { collectErrors, expectProducerWriting, startProducer, waitForWorkshop, workshop } from './helpers';

test('Copy link → open the link in a fresh tab → the same state, exactly', async ({ page, context }) => {
  const errors = collectErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await waitForWorkshop(page);
  await workshop(page, 'load', 'split-merge');
  await workshop(page, 'runToEnd');
  const state = await workshop(page, 'state');
  const commands = await testApi(page, 'commandCount');
  const entries = await testApi(page, 'journalLength');
  const now = await testApi(page, 'now');

  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/#session=1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);

  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  await waitForWorkshop(other);
  await expect(other.getByTestId('workshop-notice')).toContainText(`Opened a shared session: ${entries} entries`);
  expect(await workshop(other, 'state')).toEqual(state);
  expect(await testApi(other, 'commandCount')).toBe(commands);
  expect(await testApi(other, 'now')).toBe(now);
  // The same sequence numbers, too: the last record of every shard.
  const lastSequence = (p: typeof page) =>
    p.evaluate(() =>
      window
        .__shardscope!.store.getState()
        .engine.stream('events')!
        .shards.map((s) => (s.records.length > 0 ? s.records.sequenceNumber(s.records.length - 1) : null)),
    );
  expect(await lastSequence(other)).toEqual(await lastSequence(page));
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('a tampered link gets a clear error and leaves the session untouched', async ({ page }) => {
  await openApp(page);
  await waitForWorkshop(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'mine', ShardCount: 3 });
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('shardscope.session.v1')?.includes('"mine"') ?? false))
    .toBe(true);
  const token = await workshop(page, 'shareToken');
  const [format, payload, check] = token.split('.');
  const flipped = payload!.slice(0, 20) + (payload![20] === 'A' ? 'B' : 'A') + payload!.slice(21);

  await page.goto(`/#session=${format}.${flipped}.${check}`);
  await waitForWorkshop(page);
  await expect(page.getByTestId('workshop-notice')).toContainText(
    'This share link is damaged: its check does not match its content',
  );
  await expect(page.getByTestId('workshop-notice')).toHaveAttribute('role', 'alert');
  expect((await testApi(page, 'streams')).map((s) => s.name)).toEqual(['mine']);

  await page.goto('/#session=9.abc.00000000');
  await waitForWorkshop(page);
  await expect(page.getByTestId('workshop-notice')).toContainText('made by a newer Shardscope (link format 9)');
  expect((await testApi(page, 'streams')).map((s) => s.name)).toEqual(['mine']);
});

test('a share link brings back the traffic that was running: the producer writes again in the new tab', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await waitForWorkshop(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'live', ShardCount: 2 });
  await testApi(page, 'advanceBy', 20_000);
  await startProducer(page, 10);
  await testApi(page, 'advanceBy', 2000);
  await page.getByRole('tab', { name: 'Share & export' }).click();
  await page.getByTestId('copy-link').click(); // the Copy link button, not only the token, keeps the traffic
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  await waitForWorkshop(other);
  await expect(other.getByTestId('workshop-notice')).toContainText('its traffic is back (1 producer, 0 consumers)');
  await expectProducerWriting(other);
  await other.getByRole('button', { name: /Workshop/ }).click();
  await other.getByRole('tab', { name: 'Traffic' }).click();
  await expect(other.getByTestId('producer-producer-1')).toBeVisible();
  await saveScreenshot(other, 'workshop-share-traffic');
  expect([...errors, ...otherErrors]).toEqual([]);
});

test('a link copied in the middle of a lesson opens the lesson at the same stop, with Next and Back working', async ({
  page,
  context,
}) => {
  const errors = collectErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, { theme: 'light' });
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('button', { name: 'Splitting and merging shards' }).click();
  await page.keyboard.press('PageDown'); // start: plays to the first gate
  await expect(page.getByTestId('progress')).toContainText('Stop 2 of 4', { timeout: 20_000 });
  const atStop2 = {
    state: await workshop(page, 'state'),
    commands: await testApi(page, 'commandCount'),
    now: await testApi(page, 'now'),
    traffic: await workshop(page, 'traffic'),
  };
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('tab', { name: 'Share & export' }).click();
  await page.getByTestId('copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  const other = await context.newPage();
  const otherErrors = collectErrors(other);
  await other.goto(link);
  await waitForWorkshop(other);
  await expect(other.getByTestId('workshop-notice')).toContainText(
    'the lesson “Splitting and merging shards” is back at stop 2 of 4',
  );
  await expect(other.getByTestId('progress')).toContainText('Stop 2 of 4');
  await expect(other.getByTestId('caption')).toContainText('1 · Two shards, a producer and a consumer');
  await expect(other.getByRole('button', { name: 'Next: 2 · SplitShard ▶' })).toBeVisible();
  expect(await workshop(other, 'state')).toEqual(atStop2.state);
  expect(await testApi(other, 'now')).toBe(atStop2.now);
  // The lesson's producer and consumer carry on where they were: counters, iterators, checkpoints.
  expect(await workshop(other, 'traffic')).toEqual(atStop2.traffic);
  await saveScreenshot(other, 'workshop-share-lesson');

  await other.keyboard.press('PageDown'); // Next: the lesson goes on in the new tab
  await expect(other.getByTestId('caption')).toContainText('2 · SplitShard');
  await other.keyboard.press('PageUp'); // Back to the stop the link opened at
  await expect(other.getByTestId('progress')).toContainText('Stop 2 of 4');
  expect(await testApi(other, 'commandCount')).toBe(atStop2.commands);
  await other.keyboard.press('PageUp'); // and to the start, which the link kept too
  await expect(other.getByTestId('progress')).toContainText('Stop 1 of 4');
  expect(await testApi(other, 'streams')).toEqual([]);
  expect([...errors, ...otherErrors]).toEqual([]);
});
