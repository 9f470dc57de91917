import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, type Theme } from '../support/app';
import { advanceBy, call, createActiveStream, frames } from './helpers';

/** Puts `batches` PutRecords calls of 500 records with distinct keys, 100 ms apart. */
async function putMany(page: Page, stream: string, batches: number): Promise<void> {
  await page.evaluate(
    ([name, n]) => {
      const api = window.__shardscope!;
      const data = new TextEncoder().encode('x'.repeat(100));
      for (let b = 0; b < n; b++) {
        const Records = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `key-${b}-${i}`, Data: data }));
        const r = api.call('PutRecords', { StreamName: name, Records });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        api.advanceBy(100);
      }
    },
    [stream, batches] as const,
  );
}

/** The y (in the plot's px) of a band's middle and of a lineage edge's two ends, as drawn. */
async function lineageGeometry(page: Page, parent: string, child: string) {
  const map = page.getByRole('region', { name: 'Keyspace map', exact: true });
  const bandMid = async (id: string) => {
    const r = map.locator(`.ss-band[data-shard-id="${id}"] rect`);
    const y = Number(await r.getAttribute('y'));
    const h = Number(await r.getAttribute('height'));
    return y + h / 2;
  };
  const d = (await map.locator(`.ss-lineage[data-parent="${parent}"][data-child="${child}"]`).getAttribute('d'))!;
  // M x,yParent C x,yParent x,yChild x,yChild
  const nums = d.match(/-?\d+(\.\d+)?(e-?\d+)?/g)!.map(Number);
  return { parentMid: await bandMid(parent), childMid: await bandMid(child), from: nums[1]!, to: nums[7]! };
}

/** Brings a view forward where the stage keeps it behind a tab (at 1280×720, say). */
async function showView(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.count()) > 0) await tab.click();
}

test.describe('views at 10,000 shards', () => {
  test.setTimeout(120_000);
  // Every view on the stage at once.
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('should open a 10,000-shard stream, zoom into a hash range and find a key’s shard', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'big', 10_000);
    await putMany(page, 'big', 40);
    await frames(page, 3);

    const bar = page.getByTestId('scale-bar');
    await expect(bar.getByTestId('hash-window')).toContainText('10,000 open shards');
    await expect(bar).toHaveAttribute('data-shards-in-view', '10000');

    // Summarised: the hash key space in columns (every shard counted once), a few lanes and rows.
    const hks = page.getByRole('region', { name: 'Hash key space', exact: true });
    await expect(hks.getByTestId('hash-bar-scale')).toHaveAttribute('data-mode', 'columns');
    await expect(hks.getByRole('img')).toHaveAttribute('aria-label', /^10,000 of 10,000 open shards in view/);
    await expect(hks.getByTestId('rest-row')).toContainText(/9,9\d\d more shards in view with [\d,]+ records/);
    const lanes = page.getByRole('region', { name: 'Shard lanes', exact: true });
    expect(await lanes.locator('.ss-lane').count()).toBeLessThanOrEqual(11);
    await expect(lanes.getByTestId('rows-note')).toContainText('of 10,000 shards in view');
    const throughput = page.getByRole('region', { name: 'Throughput', exact: true });
    expect(await throughput.locator('.ss-tp-row').count()).toBeLessThanOrEqual(11);
    const map = page.getByRole('region', { name: 'Keyspace map', exact: true });
    expect(await map.locator('.ss-band').count()).toBe(0);
    await expect(map.getByTestId('bands-summarised')).toContainText('10,000 shards in view');

    // Drag across the second quarter of the hash bar: the views zoom to that range of keys.
    const brush = hks.getByTestId('hash-brush');
    await brush.scrollIntoViewIfNeeded();
    const box = (await brush.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.25, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + 20, { steps: 8 });
    await page.mouse.up();
    await frames(page, 3);
    const start = BigInt((await bar.getAttribute('data-window-start'))!);
    const end = BigInt((await bar.getAttribute('data-window-end'))!);
    const space = 1n << 128n;
    // The brush lands on whole pixels of the bar: a quarter of the space, to within two pixels.
    const tolerance = (space * 2n) / BigInt(Math.floor(box.width));
    expect(start > space / 4n - tolerance && start < space / 4n + tolerance).toBe(true);
    expect(end > space / 2n - tolerance && end < space / 2n + tolerance).toBe(true);
    const inView = Number(await bar.getAttribute('data-shards-in-view'));
    expect(inView).toBeGreaterThan(2400);
    expect(inView).toBeLessThan(2600);
    await expect(hks.getByRole('img')).toHaveAttribute(
      'aria-label',
      new RegExp(`^${inView.toLocaleString('en-US')} of 10,000`),
    );
    await expect(lanes.getByTestId('rows-note')).toContainText(`of ${inView.toLocaleString('en-US')} shards in view`);

    // Zoom in on the hash space until shards are wide enough to draw one by one.
    for (let i = 0; i < 3; i++) await bar.getByRole('button', { name: 'Zoom in on the hash space' }).click();
    await expect(hks.getByTestId('hash-bar-scale')).toHaveAttribute('data-mode', 'shards');
    expect(await map.locator('.ss-band').count()).toBeGreaterThan(0);

    // Find a partition key: the shard PutRecord routes it to is selected and zoomed to.
    const put = await call(page, 'PutRecord', { StreamName: 'big', PartitionKey: 'user-42', Data: 'hello' });
    const owner = put.output!.ShardId as string;
    await bar.getByLabel('Find shard or key').fill('user-42');
    await bar.getByRole('button', { name: 'Find' }).click();
    await expect(bar.getByTestId('found-shard')).toHaveText(owner);
    await expect(hks.locator(`.ss-segment[data-shard-id="${owner}"]`)).toBeVisible();
    // Single shards on the bar take clicks: the neighbour clicked is selected in every view.
    const neighbour = `shardId-${String(Number(owner.slice(8)) + 1).padStart(12, '0')}`;
    await hks.locator(`.ss-segment[data-shard-id="${neighbour}"]`).click();
    await expect(lanes.locator(`.ss-lane[data-shard-id="${neighbour}"] .ss-lane-selected`)).toHaveCount(1);
    await bar.getByRole('button', { name: 'Find' }).click();
    await expect(lanes.locator(`.ss-lane[data-shard-id="${owner}"]`)).toHaveCount(1);
    await expect(lanes.locator(`.ss-lane[data-shard-id="${owner}"] .ss-lane-selected`)).toHaveCount(1);
    await expect(map.locator(`.ss-band[data-shard-id="${owner}"]`)).toHaveCount(1);
    await expect(throughput.locator(`.ss-tp-row[data-shard-id="${owner}"]`)).toHaveCount(1);

    // A record written now is painted at once (the map adds new records between full paints).
    const painted = () =>
      page.evaluate(
        () =>
          (window as unknown as { __shardscopeViews: { lastPaint: { newestArrival: number; dots: number } } })
            .__shardscopeViews.lastPaint,
      );
    const dotsBefore = (await painted()).dots;
    // Two seconds on and at the shard's first key: a place on the map no dot holds yet.
    await advanceBy(page, 2000);
    const ownerStart = (await page.evaluate(() => window.__shardscope!.streams()[0]!.shards)).find(
      (sh) => sh.id === owner,
    )!.startingHashKey;
    const late = await call(page, 'PutRecord', {
      StreamName: 'big',
      PartitionKey: 'late',
      ExplicitHashKey: ownerStart,
      Data: 'late',
    });
    expect(late.output!.ShardId).toBe(owner);
    const lateAt = await page.evaluate(() => window.__shardscope!.now());
    await expect.poll(async () => (await painted()).newestArrival).toBe(lateAt);
    expect((await painted()).dots).toBeGreaterThan(dotsBefore);

    // A shard by its number; a shard that does not exist is said so, and the view stays.
    await bar.getByLabel('Find shard or key').fill('9999');
    await bar.getByRole('button', { name: 'Find' }).click();
    await expect(bar.getByTestId('found-shard')).toHaveText('shardId-000000009999');
    await expect(lanes.locator('.ss-lane[data-shard-id="shardId-000000009999"]')).toHaveCount(1);
    const before = await bar.getAttribute('data-window-start');
    await bar.getByLabel('Find shard or key').fill('shardId-000000012345');
    await bar.getByRole('button', { name: 'Find' }).click();
    await expect(bar.getByTestId('scale-found')).toContainText('Stream big has no shard shardId-000000012345.');
    await expect(bar).toHaveAttribute('data-window-start', before!);

    await bar.getByRole('button', { name: 'Show the whole hash space' }).click();
    await expect(bar).toHaveAttribute('data-shards-in-view', '10000');

    // A click on a column zooms to the shards in it: a few of the 10,000, shown one by one.
    await brush.click({ position: { x: box.width / 2, y: 20 } });
    const inColumn = Number(await bar.getAttribute('data-shards-in-view'));
    expect(inColumn).toBeGreaterThan(0);
    expect(inColumn).toBeLessThan(100);
    await expect(hks.getByTestId('hash-bar-scale')).toHaveAttribute('data-mode', 'shards');
  });

  test('should keep the keyspace map’s lineage on its bands when zoomed, and count it when too dense to draw', async ({
    page,
  }) => {
    await openApp(page);
    await createActiveStream(page, 'wide', 1_000);
    await putMany(page, 'wide', 4);
    const scaled = await call(page, 'UpdateShardCount', {
      StreamName: 'wide',
      TargetShardCount: 2_000,
      ScalingType: 'UNIFORM_SCALING',
    });
    expect(scaled.ok, JSON.stringify(scaled.error)).toBe(true);
    await advanceBy(page, 600_000);
    await frames(page, 3);
    const map = page.getByRole('region', { name: 'Keyspace map', exact: true });
    // 1,000 splits at one instant: one mark that says so, not 2,000 arrows.
    await expect(map.getByTestId('lineage-moment')).toHaveAttribute('data-splits', '1000');
    expect(await map.locator('.ss-lineage').count()).toBe(0);

    // Zoomed to one parent: its two split edges are drawn, each from its band's middle to its child's.
    const stream = await page.evaluate(() => window.__shardscope!.streams()[0]!);
    const parent = stream.shards.find((s) => !s.open && s.id === 'shardId-000000000500')!;
    expect(parent).toBeDefined();
    const bar = page.getByTestId('scale-bar');
    await bar.getByLabel('Find shard or key').fill(parent.id);
    await bar.getByRole('button', { name: 'Find' }).click();
    await frames(page, 3);
    const edges = map.locator(`.ss-lineage[data-parent="${parent.id}"]`);
    await expect(edges).toHaveCount(2);
    for (const child of await edges.evaluateAll((es) => es.map((e) => e.getAttribute('data-child')!))) {
      const g = await lineageGeometry(page, parent.id, child);
      expect(Math.abs(g.from - g.parentMid)).toBeLessThan(0.5);
      expect(Math.abs(g.to - g.childMid)).toBeLessThan(0.5);
    }
  });
});

const SCALE_VIEWS = ['Keyspace map', 'Hash key space', 'Shard lanes', 'Throughput'];
for (const theme of ['light', 'dark'] as Theme[]) {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    test(`should draw the views of 10,000 shards legibly, whole and zoomed, ${viewport.width}×${viewport.height} ${theme} (screenshots)`, async ({
      page,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      // On a phone the console (and its Send button) starts folded away; the test API is there.
      await openApp(page, { theme }).catch(() => undefined);
      await page.waitForFunction(() => window.__shardscope !== undefined);
      await createActiveStream(page, 'big', 10_000);
      await putMany(page, 'big', 40);
      // A hot key, so the summaries have something to name.
      await call(page, 'PutRecords', {
        StreamName: 'big',
        Records: Array.from({ length: 500 }, () => ({ PartitionKey: 'user-42', Data: 'hot' })),
      });
      await advanceBy(page, 200);
      await frames(page, 3);
      // The hot key's shard leads the summaries, named as hot.
      const owner = (await call(page, 'PutRecord', { StreamName: 'big', PartitionKey: 'user-42', Data: 'hot' })).output!
        .ShardId as string;
      await frames(page, 3);
      await showView(page, 'Throughput');
      const firstRow = page.getByRole('region', { name: 'Throughput', exact: true }).locator('.ss-tp-row').first();
      await expect(firstRow).toHaveAttribute('data-shard-id', owner);
      await expect(firstRow).toHaveAttribute('data-hot', 'true');
      await expect(
        page.getByRole('region', { name: 'Shard lanes', exact: true }).locator('.ss-lane').first(),
      ).toHaveAttribute('data-shard-id', owner);
      await expect(page.getByTestId('hash-bar-scale').locator(`.ss-hot-mark[data-shard-id="${owner}"]`)).toHaveCount(1);
      mkdirSync('e2e/screenshots', { recursive: true });
      const shoot = async (state: string) => {
        const bar = page.getByTestId('scale-bar');
        await bar.evaluate((el) => el.scrollIntoView({ block: 'start', inline: 'start' }));
        await page.screenshot({ path: `e2e/screenshots/scale-bar-${state}-${viewport.width}-${theme}.png` });
        for (const name of SCALE_VIEWS) {
          await showView(page, name);
          const region = page.getByRole('region', { name, exact: true });
          await expect(region).toBeVisible();
          // What a person sees with the view scrolled to its top, at this size.
          await region.evaluate((el) => el.scrollIntoView({ block: 'start', inline: 'start' }));
          await page.screenshot({
            path: `e2e/screenshots/scale-${name.toLowerCase().replace(/ /g, '-')}-${state}-${viewport.width}-${theme}.png`,
          });
        }
      };
      await shoot('whole');
      const bar = page.getByTestId('scale-bar');
      await bar.getByLabel('Find shard or key').fill('user-42');
      await bar.getByRole('button', { name: 'Find' }).click();
      await frames(page, 3);
      await shoot('zoomed');
    });
  }
}
