/**
 * Every built-in lesson runs to its end in Chromium without errors and ends in its recorded state;
 * guided mode is driven by the keyboard (PageDown / PageUp, as a presentation clicker sends), Back
 * really restores the earlier state, and presenter mode enlarges everything.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { ScenarioExpectation } from '../../src/scenarios/expectations';
import { expectNoSeriousA11yViolations, openApp, saveScreenshot, testApi } from '../support/app';
import { collectErrors, waitForWorkshop, workshop } from './helpers';

const expectations = JSON.parse(
  readFileSync(new URL('../../src/scenarios/expectations.json', import.meta.url), 'utf8'),
) as Record<string, ScenarioExpectation>;
const NAMES = Object.keys(expectations);

test('there are at least six built-in lessons, listed in the Workshop panel', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Workshop/ }).click();
  const lessons = page.locator('[data-scenario]');
  await expect(lessons).toHaveCount(NAMES.length);
  expect(NAMES.length).toBeGreaterThanOrEqual(6);
});

for (const name of NAMES) {
  test(`lesson "${name}" runs to its end without errors and ends in the recorded state`, async ({ page }) => {
    const errors = collectErrors(page);
    await openApp(page);
    await waitForWorkshop(page);
    expect(await workshop(page, 'load', name)).toBeNull();
    await workshop(page, 'runToEnd');
    const progress = await workshop(page, 'progress');
    expect(progress?.finished).toBe(true);
    expect(await workshop(page, 'surprises')).toEqual([]);
    const expected = expectations[name]!;
    expect(await workshop(page, 'state')).toEqual(expected.streams);
    expect(await testApi(page, 'commandCount')).toBe(expected.commands);
    // The last caption is on screen.
    await expect(page.getByTestId('caption')).toContainText((await workshop(page, 'caption'))!.slice(0, 40));
    await expect(page.getByTestId('progress')).toContainText('finished');
    expect(errors).toEqual([]);
  });
}

test('guided mode: PageDown goes on, PageUp goes back to exactly the earlier state', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page, { theme: 'light' });
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('button', { name: 'Splitting and merging shards' }).click();
  await expect(page.getByTestId('progress')).toContainText('Stop 1 of 4');

  await page.keyboard.press('PageDown'); // start: plays to the first gate
  await expect.poll(() => workshop(page, 'progress').then((p) => p?.stop), { timeout: 20_000 }).toBe(1);
  await expect(page.getByTestId('progress')).toContainText('Stop 2 of 4');
  // At a gate the caption of the chapter just played stays up; Next names the one to come.
  await expect(page.getByTestId('caption')).toContainText('1 · Two shards, a producer and a consumer');
  await expect(page.getByRole('button', { name: 'Next: 2 · SplitShard ▶' })).toBeVisible();
  const atStop2 = {
    state: await workshop(page, 'state'),
    commands: await testApi(page, 'commandCount'),
    now: await testApi(page, 'now'),
  };

  await page.keyboard.press('PageDown'); // pass the gate: plays on
  await expect(page.getByTestId('caption')).toContainText('2 · SplitShard');
  await expect.poll(() => testApi(page, 'now')).toBeGreaterThan(atStop2.now + 1500);
  // The person makes a call of their own in between.
  const own = await testApi(page, 'call', 'PutRecord', {
    StreamName: 'events',
    PartitionKey: 'mine',
    Data: new TextEncoder().encode('x'),
  });
  expect(own.ok).toBe(true);
  await saveScreenshot(page, 'workshop-guided-mode');

  await page.keyboard.press('PageUp'); // back to the stop last passed
  await expect(page.getByTestId('progress')).toContainText('Stop 2 of 4');
  expect(await testApi(page, 'now')).toBe(atStop2.now);
  expect(await testApi(page, 'commandCount')).toBe(atStop2.commands);
  expect(await workshop(page, 'state')).toEqual(atStop2.state);

  await page.keyboard.press('PageUp'); // and back to the start
  await expect(page.getByTestId('progress')).toContainText('Stop 1 of 4');
  expect(await testApi(page, 'streams')).toEqual([]);
  expect(errors).toEqual([]);
});

test('a reload brings the lesson back at the stop it stood at, with the autosaved session', async ({ page }) => {
  const errors = collectErrors(page);
  await openApp(page);
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('button', { name: 'Splitting and merging shards' }).click();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('progress')).toContainText('Stop 2 of 4', { timeout: 20_000 });
  const commands = await testApi(page, 'commandCount');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('shardscope.session.v1')?.includes('"lesson"') ?? false))
    .toBe(true);

  await page.reload();
  await waitForWorkshop(page);
  await expect(page.getByTestId('progress')).toContainText('Stop 2 of 4');
  await expect(page.getByTestId('caption')).toContainText('1 · Two shards, a producer and a consumer');
  expect(await testApi(page, 'commandCount')).toBe(commands);
  expect(errors).toEqual([]);
});

test('presenter mode: larger type, keyboard toggle, big captions', async ({ page }) => {
  await openApp(page, { theme: 'dark' });
  await waitForWorkshop(page);
  await workshop(page, 'load', 'encryption');
  await workshop(page, 'next');
  await workshop(page, 'next'); // straight to the first gate
  const captionSize = () =>
    page
      .getByTestId('caption')
      .locator('p')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const before = await captionSize();
  // The smallest text drawn in the views (axis ticks, lane and iterator labels).
  const smallestViewText = () =>
    page.evaluate(() =>
      Math.min(
        ...[...document.querySelectorAll('.ss-views svg text')]
          .filter((el) => (el.textContent ?? '').trim() !== '' && el.getClientRects().length > 0)
          .map((el) => parseFloat(getComputedStyle(el).fontSize)),
      ),
    );
  await page.keyboard.press('Shift+P');
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Stream shown in the views')).toContainText('payments');
  expect(await captionSize()).toBeGreaterThan(before * 1.2);
  expect(await smallestViewText()).toBeGreaterThanOrEqual(16);
  // On a 1280×720 projector the views get the stage: the console and the call log step aside, and
  // the view the caption talks about (the timeline, for CREATING) fills it.
  await expect(page.getByRole('region', { name: 'Timeline' })).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
  // …and the toolbar keeps to one row: playback and the theme and help buttons, side by side.
  const top = (name: string | RegExp) =>
    page.getByRole('button', { name }).evaluate((el) => Math.round(el.getBoundingClientRect().top));
  expect(await top('Keyboard shortcuts')).toBe(await top(/Play|Pause/));
  await expect(page.getByRole('button', { name: 'Settings' })).toBeHidden();
  await saveScreenshot(page, 'workshop-presenter-mode');
  await expectNoSeriousA11yViolations(page, 'presenter mode with a lesson caption');
  await page.keyboard.press('Shift+P');
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'false');
  expect(await captionSize()).toBe(before);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
});

test('a scenario file with an unknown field is refused with a clear message', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Workshop/ }).click();
  const doc = JSON.stringify({
    schema: 'shardscope-scenario',
    version: 1,
    name: 'x',
    title: 'X',
    seed: 1,
    startTime: 0,
    settings: { profile: 'current', timing: 'fast' },
    steps: [{ at: 0, do: 'caption', text: 'hi', script: 'alert(1)' }],
  });
  await page
    .getByLabel(/Open a scenario file/)
    .setInputFiles({ name: 'lesson.json', mimeType: 'application/json', buffer: Buffer.from(doc) });
  await expect(page.getByTestId('scenario-error')).toHaveText(
    'Invalid scenario: steps[0] has an unknown field "script" (allowed: at, do, title, text, views, shard, key, iterator).',
  );
  expect(await workshop(page, 'progress')).toBeNull();
});

/**
 * Opens a lesson and presses Next (PageDown, as a presenter's clicker does) until the caption
 * reading `title` is up: it may come at a stop or while a chapter plays.
 */
async function openAtCaption(page: Page, lesson: string, title: string): Promise<void> {
  await openApp(page);
  await page.getByRole('button', { name: /Workshop/ }).click();
  await page.getByRole('button', { name: lesson }).click();
  const caption = page.getByTestId('caption');
  const shown = async () => ((await caption.textContent()) ?? '').includes(title);
  for (let i = 0; i < 6 && !(await shown()); i++) {
    const stop = (await workshop(page, 'progress'))!.stop;
    await page.keyboard.press('PageDown');
    await expect
      .poll(async () => (await shown()) || (await workshop(page, 'progress'))!.stop > stop, { timeout: 20_000 })
      .toBe(true);
  }
  await expect(caption).toContainText(title);
}

test('a caption that names a partition key shows where that key lands in the hash key space', async ({ page }) => {
  const errors = collectErrors(page);
  await openAtCaption(page, 'Partition keys and routing', '3 · The same key, the same shard');
  const keyBox = page.getByRole('form', { name: 'Which shard owns this key?' });
  await expect(keyBox.getByLabel('Partition key')).toHaveValue('alice');
  // The shard it names is the one PutRecord chose for alice.
  const owner = await testApi(page, 'call', 'PutRecord', {
    StreamName: 'orders',
    PartitionKey: 'alice',
    Data: new TextEncoder().encode('x'),
  });
  await expect(keyBox.getByTestId('key-steps')).toContainText(
    String((owner.output as { ShardId: string }).ShardId).replace(/^shardId-0*/, ''),
  );
  expect(errors).toEqual([]);
});

test('a caption that names an iterator selects its marker in the shard lanes', async ({ page }) => {
  const errors = collectErrors(page);
  await openAtCaption(page, 'Iterators, expiry and retention', '2 · Iterators expire after 5 minutes');
  // The marker selected is the TRIM_HORIZON iterator the lesson's GetShardIterator made.
  const selected = page
    .getByRole('region', { name: 'Shard lanes', exact: true })
    .locator('.ss-iterator[data-selected]');
  await expect(selected).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-type', 'TRIM_HORIZON');
  expect(errors).toEqual([]);
});
