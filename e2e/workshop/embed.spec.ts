/**
 * The embed demo page: three embeds load, report their heights (the page sizes the frames), and
 * the host's messages play, pause and seek them; an embed pauses when scrolled out of view.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations, saveScreenshot } from '../support/app';
import { collectErrors } from './helpers';

interface DemoState {
  heights: Record<string, number>;
  times: Record<string, { elapsed: number; playing: boolean }>;
  ready: Record<string, boolean>;
  errors: string[];
}
const demo = (page: Page) => page.evaluate(() => (window as unknown as { __embedDemo: DemoState }).__embedDemo);
const timeOf = async (page: Page, id: string) => (await demo(page)).times[id];

test('the embed demo page loads three embeds that report their heights', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/embed-demo.html');
  await expect
    .poll(async () => Object.keys((await demo(page)).ready).sort())
    .toEqual(['embed-hash', 'embed-keyspace', 'embed-throughput']);
  await expect.poll(async () => Object.values((await demo(page)).heights).filter((h) => h > 100).length).toBe(3);
  for (const id of ['embed-keyspace', 'embed-throughput', 'embed-hash']) {
    const frame = page.locator(`#${id}`);
    const reported = (await demo(page)).heights[id]!;
    await expect.poll(() => frame.evaluate((el) => el.style.height)).toBe(`${reported}px`); // the host sized the frame to it
    // Only one view inside, and no app chrome.
    const inner = page.frameLocator(`#${id}`);
    await expect(inner.locator('.ss-view')).toHaveCount(1);
    await expect(inner.getByRole('button', { name: 'Send' })).toHaveCount(0);
  }
  await expect(page.frameLocator('#embed-keyspace').getByRole('region', { name: 'Keyspace map' })).toBeVisible();
  await expect(page.frameLocator('#embed-throughput').getByRole('region', { name: 'Throughput' })).toBeVisible();
  await expect(page.frameLocator('#embed-hash').getByRole('region', { name: 'Hash key space' })).toBeVisible();
  await saveScreenshot(page, 'workshop-embed-demo');
  await expectNoSeriousA11yViolations(page, 'the embed demo page');
  expect((await demo(page)).errors).toEqual([]);
  expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
});

test('host messages play, pause and seek an embed', async ({ page }) => {
  await page.goto('/embed-demo.html');
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.playing).toBe(true); // autoplay
  const controls = page.locator('[data-for="embed-keyspace"]');

  await controls.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.playing).toBe(false);
  const paused = (await timeOf(page, 'embed-keyspace'))!.elapsed;
  await page.waitForTimeout(600);
  expect((await timeOf(page, 'embed-keyspace'))!.elapsed).toBe(paused);

  await controls.getByRole('button', { name: 'Seek to 15 s' }).click();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.elapsed).toBe(15_000);
  await expect(page.frameLocator('#embed-keyspace').getByTestId('embed-time')).toHaveText('t = 15.0 s');

  await controls.getByRole('button', { name: 'Seek to start' }).click();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.elapsed).toBe(0);

  await controls.getByRole('button', { name: 'Play' }).click();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.elapsed).toBeGreaterThan(500);
  expect((await timeOf(page, 'embed-keyspace'))!.playing).toBe(true);

  // A malformed message is answered with an error, and changes nothing.
  await page.evaluate(() =>
    (document.getElementById('embed-hash') as HTMLIFrameElement).contentWindow!.postMessage(
      { target: 'shardscope', type: 'run', code: 'alert(1)' },
      '*',
    ),
  );
  await expect
    .poll(async () => (await demo(page)).errors)
    .toEqual(['unknown message type "run" (play, pause, seek, speed, load)']);
});

test('an embed pauses when scrolled out of view, and plays again when back', async ({ page }) => {
  await page.goto('/embed-demo.html');
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.playing).toBe(true);
  await page.locator('#snippet').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.playing).toBe(false);
  await page.locator('#embed-keyspace').scrollIntoViewIfNeeded();
  await expect.poll(async () => (await timeOf(page, 'embed-keyspace'))?.playing).toBe(true);
});

test('a host can load a shared session into an embed, which shows it at the time it was shared', async ({
  page,
  context,
}) => {
  const app = await context.newPage();
  await app.goto('/');
  await app.waitForFunction(
    () => (window.__shardscope as unknown as { workshop?: unknown } | undefined)?.workshop !== undefined,
  );
  const shared = await app.evaluate(() => {
    const api = window.__shardscope!;
    api.call('CreateStream', { StreamName: 'shared', ShardCount: 3 });
    api.advanceBy(20_000);
    api.call('PutRecord', { StreamName: 'shared', PartitionKey: 'k', Data: new TextEncoder().encode('hello') });
    const token = (api as unknown as { workshop: { shareToken(): string } }).workshop.shareToken();
    return { token, elapsed: api.now() - api.store.getState().settings.startTime };
  });
  await page.goto('/embed-demo.html');
  await expect.poll(async () => (await demo(page)).ready['embed-hash']).toBe(true);
  await page.evaluate(
    (token) =>
      (document.getElementById('embed-hash') as HTMLIFrameElement).contentWindow!.postMessage(
        { target: 'shardscope', type: 'load', scenario: token },
        '*',
      ),
    shared.token,
  );
  await expect.poll(async () => (await timeOf(page, 'embed-hash'))?.elapsed).toBe(shared.elapsed);
  await expect(page.frameLocator('#embed-hash').getByRole('region', { name: 'Hash key space' })).toBeVisible();
  expect((await demo(page)).errors).toEqual([]);
});

const EMBED_VIEWS: [string, string][] = [
  ['keyspace', 'Keyspace map'],
  ['hash', 'Hash key space'],
  ['lanes', 'Shard lanes'],
  ['timeline', 'Timeline'],
  ['throughput', 'Throughput'],
];

/** What each view draws for records and shards, counted in the page (a paused poster must have some). */
const marksOf = (page: Page, view: string) =>
  page.evaluate((v) => {
    const q = (s: string) => document.querySelectorAll(s).length;
    const views = (window.__shardscope as unknown as { views?: { keyspace?: () => { drawnDots: number } } }).views;
    if (v === 'keyspace') return views?.keyspace?.().drawnDots ?? 0;
    if (v === 'hash') return q('[data-share]');
    if (v === 'lanes')
      return [...document.querySelectorAll('.ss-lane-sub')].filter((e) => /open · [1-9]/.test(e.textContent ?? ''))
        .length;
    if (v === 'timeline') return q('[data-label]');
    return [...document.querySelectorAll('[data-write-records]')].filter(
      (e) => Number(e.getAttribute('data-write-records')) > 0,
    ).length;
  }, view);

for (const width of [320, 600]) {
  test(`a paused lesson embed of each view opens on a poster frame with marks, ${width} px wide`, async ({ page }) => {
    const errors = collectErrors(page);
    await page.setViewportSize({ width, height: 700 });
    for (const [view, title] of EMBED_VIEWS) {
      // Both themes at the narrowest width (screenshots); one at the wider, to keep the suite quick.
      for (const theme of width === 320 ? (['light', 'dark'] as const) : (['light'] as const)) {
        await page.goto(`/?embed=${view}&scenario=split-merge&theme=${theme}`);
        await expect(page.getByRole('region', { name: title })).toBeVisible();
        await expect(page.getByTestId('embed-time')).toHaveText('t = 6.0 s'); // where the lesson first waits
        await expect.poll(() => marksOf(page, view), `${view} has marks`).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        if (width === 320) await saveScreenshot(page, `embed-${view}-320-${theme}`);
      }
      if (width === 320) await expectNoSeriousA11yViolations(page, `the ${view} embed`);
    }
    expect(errors).toEqual([]);
  });
}

test('&stop= and &at= choose the poster frame; a bad one is refused with the reason', async ({ page }) => {
  await page.goto('/?embed=lanes&scenario=split-merge&stop=2');
  await expect(page.getByTestId('embed-time')).toHaveText('t = 14.0 s');
  await page.goto('/?embed=lanes&scenario=split-merge&at=2500');
  await expect(page.getByTestId('embed-time')).toHaveText('t = 2.5 s');
  await page.goto('/?embed=lanes&scenario=split-merge&stop=0');
  await expect(page.getByTestId('embed-time')).toHaveText('t = 0.0 s');
  await page.goto('/?embed=lanes&scenario=split-merge&at=-5');
  await expect(page.getByRole('alert')).toContainText('at must be whole milliseconds of virtual time');
  await page.goto('/?embed=lanes&scenario=split-merge&at=5&stop=1');
  await expect(page.getByRole('alert')).toContainText('give one of them');
});

/** A host page holding one embed at `width` px, which keeps every height the embed reports. */
async function hostOne(page: Page, src: string, width: number) {
  // The listener is in place before the frame loads, so no message is missed.
  await page.setContent(`
    <script>
      window.heights = [];
      window.elapsed = 0;
      addEventListener('message', (e) => {
        if (e.data?.source !== 'shardscope') return;
        if (e.data.type === 'height') {
          window.heights.push(e.data.height);
          document.getElementById('frame').style.height = e.data.height + 'px';
        }
        if (e.data.type === 'time') window.elapsed = e.data.elapsed;
      });
    </script>
    <iframe id="frame" title="embed" style="border:0;display:block;width:${width}px;height:200px" src="${src}"></iframe>`);
  const inner = page.frameLocator('#frame');
  const send = (message: Record<string, unknown>) =>
    page.evaluate(
      (m) =>
        (document.getElementById('frame') as HTMLIFrameElement).contentWindow!.postMessage(
          { target: 'shardscope', ...m },
          '*',
        ),
      message,
    );
  const host = () =>
    page.evaluate(() => {
      const { heights, elapsed } = window as unknown as { heights: number[]; elapsed: number };
      return { heights: [...heights], elapsed };
    });
  /** How tall the view itself stands now (its content, without the height kept for the lesson). */
  const viewHeight = () => inner.locator('.ws-embed-view').evaluate((el) => el.getBoundingClientRect().height);
  return { inner, send, host, viewHeight };
}

test('a lesson embed keeps one height while its lesson plays through, though its views grow', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 700, height: 1000 });
  // The lesson splits and merges shards (more lanes, rows and table lines), with its captions.
  for (const view of ['lanes', 'timeline', 'throughput', 'hash', 'keyspace']) {
    const { inner, send, host, viewHeight } = await hostOne(
      page,
      `${baseURL}/?embed=${view}&scenario=update-shard-count&controls=full`,
      320,
    );
    await expect(inner.getByTestId('embed-time')).toHaveText('t = 5.0 s'); // the poster frame
    await expect.poll(async () => (await host()).heights.length, `${view} reports a height`).toBe(1);
    const atPoster = await viewHeight();
    let tallestView = atPoster;
    await send({ type: 'speed', speed: 100 });
    await send({ type: 'play' });
    // Through the last step (20 s) and the minute after it.
    await expect
      .poll(
        async () => {
          tallestView = Math.max(tallestView, await viewHeight());
          return (await host()).elapsed;
        },
        { timeout: 30_000, intervals: [50] },
      )
      .toBeGreaterThan(80_000);
    const { heights } = await host();
    expect(heights, `${view}: one height, from the poster frame to after the lesson`).toHaveLength(1);
    const whole = await inner.locator('.ws-embed').evaluate((el) => el.scrollHeight);
    expect(whole, `${view}: the embed's content fits the height it reported`).toBeLessThanOrEqual(heights[0]!);
    if (view !== 'keyspace') expect(tallestView, `${view} grew as shards were added`).toBeGreaterThan(atPoster);
  }
});

test('a lesson embed given another width measures the lesson again there, and keeps that height', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 700, height: 1000 });
  const { inner, send, host } = await hostOne(page, `${baseURL}/?embed=lanes&scenario=split-merge`, 600);
  await expect(inner.getByTestId('embed-time')).toHaveText('t = 6.0 s');
  await expect.poll(async () => (await host()).heights.length).toBe(1);
  await page.evaluate(() => ((document.getElementById('frame') as HTMLIFrameElement).style.width = '320px'));
  // Narrower, the lanes' labels wrap and take more room: one new height, then no other.
  await expect.poll(async () => (await host()).heights.length).toBe(2);
  const [wide, narrow] = (await host()).heights;
  expect(narrow).not.toBe(wide);
  await send({ type: 'speed', speed: 100 });
  await send({ type: 'play' });
  await expect.poll(async () => (await host()).elapsed, { timeout: 30_000 }).toBeGreaterThan(62_000);
  expect((await host()).heights).toEqual([wide, narrow]);
});
