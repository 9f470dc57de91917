/**
 * The stage: which views are whole on screen at a projector's 1280×720, a 1920×1080 monitor and a
 * 390×844 phone, in each layout, and in presenter mode at every stop of every built-in lesson;
 * the console drawer; the keyboard; screenshots of each screen in both themes.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  expectNoSeriousA11yViolations,
  exportSessionFile,
  openApp,
  saveScreenshot,
  testApi,
  type Theme,
} from '../support/app';
import { waitForWorkshop, workshop } from '../workshop/helpers';

const SIZES = {
  projector: { width: 1280, height: 720 },
  desktop: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof SIZES;

const VIEW_NAMES: Record<string, string> = {
  'keyspace-map': 'Keyspace map',
  'hash-key-space': 'Hash key space',
  'shard-lanes': 'Shard lanes',
  timeline: 'Timeline',
  throughput: 'Throughput',
  inspector: 'Inspector',
};

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The view is entirely inside the window and at least `min` pixels in each direction. */
async function expectWhole(page: Page, view: Locator, what: string, min = { width: 300, height: 160 }) {
  const box = await view.boundingBox();
  expect(box, `${what} is drawn`).not.toBeNull();
  const { width, height } = page.viewportSize()!;
  const b = box!;
  expect(b.x, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(b.y, `${what} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width, `${what} ends inside the window`).toBeLessThanOrEqual(width + 0.5);
  expect(b.y + b.height, `${what} ends inside the window`).toBeLessThanOrEqual(height + 0.5);
  expect(b.width, `${what} width`).toBeGreaterThanOrEqual(min.width);
  expect(b.height, `${what} height`).toBeGreaterThanOrEqual(min.height);
}

/** A stream with records, shard changes and a reader, so every view has marks. */
async function busySession(page: Page) {
  await page.evaluate(() => {
    const api = window.__shardscope!;
    api.call('CreateStream', { StreamName: 'orders', ShardCount: 3 });
    api.jumpToNextEvent();
    for (let round = 0; round < 4; round++) {
      const Records = Array.from({ length: 30 }, (_, i) => ({ PartitionKey: `customer-${round}-${i}`, Data: 'eA==' }));
      api.call('PutRecords', { StreamName: 'orders', Records });
      api.advanceBy(4000);
    }
    const it = api.call('GetShardIterator', {
      StreamName: 'orders',
      ShardId: 'shardId-000000000001',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    api.call('GetRecords', { ShardIterator: (it.output as { ShardIterator: string }).ShardIterator, Limit: 10 });
    api.advanceBy(500);
  });
}

const shot = (page: Page, screen: string, size: Size, theme: Theme) =>
  saveScreenshot(page, `stage-${screen}-${SIZES[size].width}x${SIZES[size].height}-${theme}`);

test.describe('the stage at 1280×720 (a projector)', () => {
  test.use({ viewport: SIZES.projector });

  test('shows the keyspace map, the hash key space and the shard lanes whole with the console open; timeline and throughput are one click away', async ({
    page,
  }) => {
    await openApp(page, { theme: 'light' });
    await busySession(page);
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    for (const name of ['Keyspace map', 'Hash key space', 'Shard lanes'])
      await expectWhole(page, region(page, name), name);
    for (const name of ['Timeline', 'Throughput']) {
      await page.getByRole('tab', { name }).click();
      await expectWhole(page, region(page, name), name, { width: 300, height: 140 });
    }
    await expectNoSeriousA11yViolations(page, 'the stage at 1280×720');
    for (const theme of ['light', 'dark'] as Theme[]) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await shot(page, 'main', 'projector', theme);
    }
  });

  test('the console folds into a drawer and back, and the layout chosen is kept after a reload', async ({ page }) => {
    await openApp(page);
    await busySession(page);
    const map = region(page, 'Keyspace map');
    const narrow = (await map.boundingBox())!.width;
    await page.getByRole('button', { name: /Hide console/ }).click();
    await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
    await expect.poll(async () => (await map.boundingBox())!.width).toBeGreaterThan(narrow * 1.3);

    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    // Focus: one view takes the whole stage, the others are tabs.
    await expect(page.getByRole('region')).toHaveCount(2); // the view and the call log
    await expectWhole(page, map, 'Keyspace map (focus)', { width: 800, height: 250 });
    await page.getByRole('tab', { name: 'Shard lanes' }).click();
    await expectWhole(page, region(page, 'Shard lanes'), 'Shard lanes (focus)', { width: 800, height: 250 });

    await page.reload();
    await page.waitForFunction(() => window.__shardscope !== undefined);
    await expect(page.getByRole('button', { name: 'Focus', exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
    await page
      .getByRole('button', { name: /Console/ })
      .first()
      .click();
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();

    await page.getByRole('button', { name: 'Console wide', exact: true }).click();
    await busySession(page);
    const consoleWidth = (await page.locator('.console').boundingBox())!.width;
    expect(consoleWidth).toBeGreaterThan(500);
    for (const name of ['Keyspace map', 'Hash key space', 'Shard lanes'])
      await expectWhole(page, region(page, name), `${name} (console wide)`);
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
  });

  test('Space plays and pauses even right after a button was clicked, but types in a text field; ? lists every shortcut', async ({
    page,
  }) => {
    await openApp(page);
    await page.getByRole('button', { name: 'Step' }).click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('play')).toHaveText(/Pause/);
    await page.keyboard.press('Space');
    await expect(page.getByTestId('play')).toHaveText(/Play/);
    await page.getByLabel('Find operation').fill('Put');
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Find operation')).toHaveValue('Put ');
    await expect(page.getByTestId('play')).toHaveText(/Play/);
    await page.getByLabel('Find operation').blur();
    await page.keyboard.press('?');
    const help = page.getByTestId('help');
    for (const key of ['Space', 'PageDown', 'PageUp', 'Shift+P', '?', 'N', '/'])
      await expect(help.getByRole('cell', { name: key, exact: true })).toBeVisible();
  });
});

test('at 1920×1080 every view is on the stage, whole', async ({ page }) => {
  await page.setViewportSize(SIZES.desktop);
  await openApp(page, { theme: 'dark' });
  await busySession(page);
  for (const name of Object.values(VIEW_NAMES)) await expectWhole(page, region(page, name), name);
  await expectNoSeriousA11yViolations(page, 'the stage at 1920×1080');
  for (const theme of ['light', 'dark'] as Theme[]) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await shot(page, 'main', 'desktop', theme);
  }
});

test('on a 390×844 phone the views stack at full width, the page is no wider than the screen, and the console is a sheet', async ({
  page,
}) => {
  await page.setViewportSize(SIZES.phone);
  await openApp(page, { theme: 'light' }).catch(() => undefined); // Send starts folded away on a phone
  await page.waitForFunction(() => window.__shardscope !== undefined);
  await busySession(page);
  await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  let bottom = 0;
  for (const name of ['Keyspace map', 'Hash key space', 'Shard lanes', 'Timeline', 'Throughput']) {
    const view = region(page, name);
    await view.scrollIntoViewIfNeeded();
    const box = (await view.boundingBox())!;
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(390);
    expect(box.width, `${name} takes the width`).toBeGreaterThanOrEqual(360);
    expect(box.height, `${name} has a drawing`).toBeGreaterThanOrEqual(150);
    const top = await view.evaluate((el) => el.getBoundingClientRect().top + scrollY);
    expect(top, `${name} comes below the one before`).toBeGreaterThanOrEqual(bottom);
    bottom = top + box.height;
  }
  await page.evaluate(() => scrollTo(0, 0));
  await expectNoSeriousA11yViolations(page, 'the stage on a phone');
  for (const theme of ['light', 'dark'] as Theme[]) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await shot(page, 'main', 'phone', theme);
  }
  // The console slides up over the views and goes back down.
  await page.getByRole('button', { name: /Console/ }).click();
  const send = page.getByRole('button', { name: 'Send' });
  await expect(send).toBeInViewport();
  // It slides: the bottom settles on the screen's edge once the transition ends.
  const drawer = page.locator('.console-drawer');
  await expect.poll(async () => drawer.boundingBox().then((b) => b!.y + b!.height)).toBeLessThanOrEqual(844.5);
  const sheet = (await drawer.boundingBox())!;
  expect(sheet.width).toBeLessThanOrEqual(390);
  await shot(page, 'console-sheet', 'phone', 'dark');
  await page.getByRole('button', { name: /Hide console/ }).click();
  await expect(send).toBeHidden();
});

/** The views named by each caption of a lesson, by the caption's step. */
function captionViews(name: string): Map<number, string[]> {
  const scenario = JSON.parse(
    readFileSync(new URL(`../../src/scenarios/builtin/${name}.json`, import.meta.url), 'utf8'),
  ) as { steps: { do: string; views?: string[] }[] };
  const views = new Map<number, string[]>();
  scenario.steps.forEach((s, i) => {
    if (s.do === 'caption') views.set(i, s.views ?? []);
  });
  return views;
}

const LESSONS = ['routing', 'hot-shard', 'split-merge', 'update-shard-count', 'iterators-retention', 'encryption'];

test.describe('presenter mode at 1280×720', () => {
  test.use({ viewport: SIZES.projector });

  for (const lesson of LESSONS) {
    test(`lesson "${lesson}": at every stop the views its caption names are whole on the stage`, async ({ page }) => {
      await openApp(page, { theme: 'dark' });
      await waitForWorkshop(page);
      expect(await workshop(page, 'load', lesson)).toBeNull();
      await page.keyboard.press('Shift+P');
      await expect(page.getByRole('button', { name: 'Send' })).toBeHidden();
      const named = captionViews(lesson);
      let stops = 0;
      for (let guard = 0; guard < 40; guard++) {
        const progress = (await workshop(page, 'progress'))!;
        // PageDown twice: pass the gate, then run straight to the next stop.
        await page.keyboard.press('PageDown');
        if (!progress.finished) await page.keyboard.press('PageDown');
        await expect.poll(async () => (await workshop(page, 'progress'))!.step).toBeGreaterThan(progress.step);
        const spotlight = await page.locator('.ss-stage').getAttribute('data-spotlight');
        const captionStep = await captionStepOf(page);
        const views = named.get(captionStep) ?? [];
        expect(views.length, `caption ${captionStep} names its views`).toBeGreaterThan(0);
        expect(spotlight, 'the stage shows what the caption names').toBe(views.join(' '));
        for (const id of views) await expectWhole(page, region(page, VIEW_NAMES[id]!), `${lesson}: ${VIEW_NAMES[id]}`);
        stops++;
        if ((await workshop(page, 'progress'))!.finished) break;
      }
      expect(stops).toBeGreaterThanOrEqual(3);
      if (lesson === 'hot-shard') {
        await expectNoSeriousA11yViolations(page, 'presenter mode in a lesson');
        for (const theme of ['light', 'dark'] as Theme[]) {
          await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
          await shot(page, 'presenter', 'projector', theme);
        }
      }
    });
  }
});

/** The index of the caption step on screen (the runner's). */
async function captionStepOf(page: Page): Promise<number> {
  return Number((await page.getByTestId('caption').getAttribute('data-step')) ?? -1);
}

test('a lesson and presenter mode at 1920×1080 and 390×844, in both themes', async ({ page }) => {
  for (const size of ['desktop', 'phone', 'projector'] as Size[]) {
    await page.setViewportSize(SIZES[size]);
    await openApp(page).catch(() => undefined);
    await waitForWorkshop(page);
    expect(await workshop(page, 'load', 'split-merge')).toBeNull();
    await workshop(page, 'next');
    await workshop(page, 'next');
    await workshop(page, 'next');
    await workshop(page, 'next');
    const views = captionViews('split-merge').get(await captionStepOf(page))!;
    for (const theme of ['light', 'dark'] as Theme[]) {
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      await shot(page, 'lesson', size, theme);
    }
    if (size === 'projector') await expectNoSeriousA11yViolations(page, 'a lesson at 1280×720');
    await page.keyboard.press('Shift+P');
    for (const id of views) {
      const view = region(page, VIEW_NAMES[id]!);
      await view.scrollIntoViewIfNeeded();
      if (size !== 'phone') await expectWhole(page, view, `${size}: ${VIEW_NAMES[id]}`);
      else await expect(view).toBeInViewport({ ratio: 0.5 });
    }
    if (size !== 'projector')
      for (const theme of ['light', 'dark'] as Theme[]) {
        await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
        await shot(page, 'presenter', size, theme);
      }
    await page.keyboard.press('Shift+P');
    await testApi(page, 'pause');
  }
});

test.describe('failures drawn', () => {
  test.use({ viewport: SIZES.projector });

  test('a partial PutRecords is counted in records in the call log, and its throttled entries are marks and a count in the throughput view', async ({
    page,
  }) => {
    await openApp(page);
    await page.evaluate(() => {
      const api = window.__shardscope!;
      api.call('CreateStream', { StreamName: 'one', ShardCount: 1 });
      api.jumpToNextEvent();
      // 1,100 records in one virtual second: the last call's second hundred is over the shard's 1,000 records/s.
      const batch = (n: number) => Array.from({ length: n }, (_, i) => ({ Data: 'eA==', PartitionKey: `k${i}` }));
      for (const n of [500, 400, 200]) api.call('PutRecords', { StreamName: 'one', Records: batch(n) });
      api.advanceBy(1500);
    });
    await expect(page.getByTestId('call-log').getByTestId('call-outcome').last()).toHaveText(
      '100 of 200 records failed (throttled)',
    );
    await page.getByRole('tab', { name: 'Throughput' }).click();
    const throughput = region(page, 'Throughput');
    await expectWhole(page, throughput, 'Throughput', { width: 300, height: 140 });
    await expect(throughput.getByTestId('throttle-count')).toContainText('100 throttled');
    await expect(throughput.getByTestId('throttle-mark').first()).toBeAttached();
    await expect(page.getByTestId('failure-count')).toHaveText('⚠ 100 throttled in the last minute');
    // Where it happened: on the shard's band at that instant, and at the end of its lane's records.
    const throttled = '[data-failure-mark][data-error="ProvisionedThroughputExceededException"]';
    await expect(region(page, 'Keyspace map').locator(throttled)).toHaveCount(1);
    await expect(region(page, 'Keyspace map').locator(throttled)).toHaveAttribute('data-count', '100');
    const lane = region(page, 'Shard lanes').locator(throttled);
    await expect(lane).toHaveCount(1);
    await expect(lane.locator('title')).toHaveText(
      'Throttled: 100 × ProvisionedThroughputExceededException on shardId-000000000000',
    );
  });

  test('a disabled KMS key: the producer’s failures are marks and a count by error type on the presenter stage', async ({
    page,
  }) => {
    await openApp(page, { theme: 'dark' });
    await waitForWorkshop(page);
    expect(await workshop(page, 'load', 'encryption')).toBeNull();
    await page.keyboard.press('Shift+P');
    // To the gate before "4 · A disabled key", through it, and a few seconds of failing writes.
    for (let guard = 0; guard < 20; guard++) {
      const p = (await workshop(page, 'progress'))!;
      if (p.waiting && p.stop === 3) break;
      await workshop(page, 'next');
    }
    await workshop(page, 'next');
    await testApi(page, 'advanceBy', 3000);
    await testApi(page, 'pause');
    const throughput = region(page, 'Throughput');
    await expectWhole(page, throughput, 'Throughput in presenter mode');
    await expect(throughput.getByTestId('throttle-count')).toContainText(/\d+ failed \(KMSDisabledException\)/);
    await expect(
      throughput.locator('[data-testid="failure-mark"][data-error="KMSDisabledException"]').first(),
    ).toBeAttached();
    // Above the stage, whichever views are shown.
    await expect(page.getByTestId('failure-count')).toContainText(
      /\d+ failed \(KMSDisabledException\) in the last minute/,
    );
    await shot(page, 'kms-failure', 'projector', 'dark');
    // The other views, a tab away, mark the failures where they happened.
    const kms = '[data-failure-mark][data-error="KMSDisabledException"]';
    await page.getByRole('tab', { name: 'Keyspace map' }).click();
    await expect(region(page, 'Keyspace map').locator(kms).first()).toBeAttached();
    await page.getByRole('tab', { name: 'Shard lanes' }).click();
    await expect(region(page, 'Shard lanes').locator(kms).first()).toBeAttached();
    await expectNoSeriousA11yViolations(page, 'presenter mode with failures drawn');
  });
});

test('where dots saturate the keyspace map shades the spot, so a hot shard stands out from an idle one', async ({
  page,
}) => {
  await page.setViewportSize(SIZES.desktop);
  await openApp(page, { theme: 'light' });
  await page.evaluate(() => {
    const api = window.__shardscope!;
    api.call('CreateStream', { StreamName: 'clicks', ShardCount: 2 });
    api.jumpToNextEvent();
    // Shard 0 (keys hashing below 2^127) gets 900 records a second for 20 s; shard 1 a few.
    for (let s = 0; s < 20; s++) {
      api.call('PutRecords', {
        StreamName: 'clicks',
        Records: Array.from({ length: 450 }, () => ({ Data: 'eA==', PartitionKey: 'p', ExplicitHashKey: '1000' })),
      });
      api.advanceBy(500);
      api.call('PutRecords', {
        StreamName: 'clicks',
        Records: Array.from({ length: 450 }, () => ({ Data: 'eA==', PartitionKey: 'p', ExplicitHashKey: '1000' })),
      });
      api.call('PutRecord', {
        StreamName: 'clicks',
        PartitionKey: 'q',
        ExplicitHashKey: (2n ** 127n + 5n).toString(),
        Data: 'eA==',
      });
      api.advanceBy(500);
    }
  });
  const saturated = () =>
    page.evaluate(
      () =>
        (window.__shardscope!.views as { lastPaint?: { saturated?: number } } | undefined)?.lastPaint?.saturated ?? 0,
    );
  await expect.poll(saturated).toBeGreaterThan(0);
  await region(page, 'Keyspace map').screenshot({ path: 'e2e/screenshots/stage-keyspace-density-light.png' });
});

test('importing a file over a session with calls offers Undo, which brings that session back', async ({ page }) => {
  await openApp(page);
  await testApi(page, 'call', 'CreateStream', { StreamName: 'exported', ShardCount: 1 });
  const file = await exportSessionFile(page);
  await page.evaluate(() => window.__shardscope!.setSeed(5)); // a fresh session…
  await testApi(page, 'call', 'CreateStream', { StreamName: 'mine', ShardCount: 2 });
  await testApi(page, 'advanceBy', 30_000);
  const mine = await testApi(page, 'streams');
  await page.getByTestId('import-file').setInputFiles(file); // …replaced by the file
  const notice = page.getByTestId('workshop-notice');
  await expect(notice).toContainText('It replaced your session; Undo brings that back.');
  expect((await testApi(page, 'streams')).map((s) => s.name)).toEqual(['exported']);
  await notice.getByRole('button', { name: 'Undo' }).click();
  expect(await testApi(page, 'streams')).toEqual(mine);
});
