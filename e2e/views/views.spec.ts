import { expect, test } from '@playwright/test';
import { expectNoSeriousA11yViolations, openApp, saveScreenshot, testApi } from '../support/app';
import { advanceBy, call, createActiveStream, frames, keyspaceInfo, md5Fraction, md5Hex, recordPoint } from './helpers';

const MAX = (1n << 128n) - 1n;

test.describe('views', () => {
  // A 1920×1080 screen: the stage has room for every view side by side, so each is on screen.
  test.use({ viewport: { width: 1920, height: 1080 } });
  test('should place records where MD5 says, on the keyspace map and in the key box', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'placement', 4);
    const keys = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
    const puts: { key: string; shardId: string; index: number }[] = [];
    const counts = new Map<string, number>();
    for (const key of keys) {
      const put = await call(page, 'PutRecord', { StreamName: 'placement', PartitionKey: key, Data: `hello ${key}` });
      expect(put.ok).toBe(true);
      const shardId = put.output!.ShardId as string;
      const index = counts.get(shardId) ?? 0;
      counts.set(shardId, index + 1);
      puts.push({ key, shardId, index });
    }
    await frames(page);
    const streams = await page.evaluate(() => window.__shardscope!.streams());
    const shards = streams[0]!.shards;
    const { height } = await keyspaceInfo(page);
    const placed: { f: number; y: number }[] = [];
    for (const p of puts) {
      const point = await recordPoint(page, p.shardId, p.index);
      const f = md5Fraction(p.key);
      expect(point, p.key).not.toBeNull();
      expect(point!.hashFraction).toBeCloseTo(f, 12);
      // On the map, within its height: a larger hash key sits higher (checked for all below).
      expect(point!.y).toBeGreaterThanOrEqual(0);
      expect(point!.y).toBeLessThanOrEqual(height - 1);
      placed.push({ f, y: point!.y });
      // And MD5's point lies in the range of the shard the record went to.
      const hashKey = BigInt(`0x${md5Hex(p.key)}`);
      const owner = shards.find((s) => BigInt(s.startingHashKey) <= hashKey && hashKey <= BigInt(s.endingHashKey));
      expect(owner?.id).toBe(p.shardId);
    }
    placed.sort((a, b) => a.f - b.f);
    for (let i = 1; i < placed.length; i++) expect(placed[i]!.y).toBeLessThanOrEqual(placed[i - 1]!.y);
    expect(placed[0]!.y).toBeGreaterThan(placed[placed.length - 1]!.y);

    const box = page.getByRole('form', { name: 'Which shard owns this key?' });
    await box.getByLabel('Partition key').fill('carol');
    await expect(box.getByTestId('key-md5')).toHaveText(md5Hex('carol'));
    await expect(box.getByTestId('key-decimal')).toHaveText(BigInt(`0x${md5Hex('carol')}`).toString());
    await expect(box.getByTestId('key-owner')).toHaveText(puts.find((p) => p.key === 'carol')!.shardId);
    const drawn = Number(await page.getByTestId('key-point').getAttribute('data-hash-fraction'));
    expect(drawn).toBeCloseTo(md5Fraction('carol'), 12);
    await box.getByLabel('ExplicitHashKey (optional)').fill(MAX.toString());
    await expect(box.getByTestId('explicit-owner')).toHaveText('shardId-000000000003');
  });

  test('should ring records written while paused, where they sit on the now line', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'paused', 4);
    const map = page.getByRole('region', { name: 'Keyspace map', exact: true });
    await expect(map.locator('[data-just-written]')).toHaveCount(0);
    for (let i = 0; i < 8; i++)
      await call(page, 'PutRecord', { StreamName: 'paused', PartitionKey: `user-${i}`, Data: 'x' });
    await frames(page);
    // Eight records at this instant, each ringed at its key's height: on the now line, unless it
    // would cover another ring there (then fanned out to the left).
    const rings = map.locator('[data-just-written]');
    await expect(rings).toHaveCount(8);
    const nowX = Number(await map.locator('[data-now-line]').getAttribute('x1'));
    const placed = await rings.evaluateAll((els) =>
      els.map((el) => ({ cx: Number(el.getAttribute('cx')), cy: Number(el.getAttribute('cy')) })),
    );
    for (const ring of placed) {
      const crowded = placed.some((other) => other !== ring && Math.abs(other.cy - ring.cy) < 9);
      if (!crowded) expect(ring.cx).toBeCloseTo(nowX, 5);
      else expect(ring.cx).toBeLessThanOrEqual(nowX + 1e-6);
    }
    // Time moves on: they are ordinary dots again.
    await advanceBy(page, 1000);
    await frames(page);
    await expect(rings).toHaveCount(0);
  });

  test('should fan out records of one key written at one instant, in sequence order, each one to pick', async ({
    page,
  }) => {
    await openApp(page);
    await createActiveStream(page, 'fan', 2);
    for (let i = 0; i < 5; i++)
      await call(page, 'PutRecord', { StreamName: 'fan', PartitionKey: 'alice', Data: `n-${i}` });
    await frames(page);
    const map = page.getByRole('region', { name: 'Keyspace map', exact: true });
    const rings = map.locator('[data-just-written]');
    await expect(rings).toHaveCount(5);
    const placed = await rings.evaluateAll((els) =>
      els.map((el) => ({ cx: Number(el.getAttribute('cx')), index: Number(el.getAttribute('data-index')) })),
    );
    // Left to right in sequence order, each apart from the next; the newest on the now line.
    const inOrder = [...placed].sort((a, b) => a.index - b.index);
    for (let i = 1; i < inOrder.length; i++) expect(inOrder[i]!.cx - inOrder[i - 1]!.cx).toBeGreaterThanOrEqual(9);
    const nowX = Number(await map.locator('[data-now-line]').getAttribute('x1'));
    expect(inOrder.at(-1)!.cx).toBeCloseTo(nowX, 5);
    // The earliest is picked with a click, and the inspector shows it.
    await map.locator('[data-just-written][data-index="0"]').click();
    await expect(page.getByTestId('inspector-json')).toContainText('"Data": "bi0w"'); // "n-0"
    await expectNoSeriousA11yViolations(page, 'records fanned out on the keyspace map');
  });

  test('should draw the lineage of a split and a merge', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'lineage', 2);
    await call(page, 'PutRecord', { StreamName: 'lineage', PartitionKey: 'a', Data: 'x' });
    const split = await call(page, 'SplitShard', {
      StreamName: 'lineage',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: (MAX / 4n).toString(),
    });
    expect(split.ok).toBe(true);
    await advanceBy(page, 60_000);
    const merge = await call(page, 'MergeShards', {
      StreamName: 'lineage',
      ShardToMerge: 'shardId-000000000003',
      AdjacentShardToMerge: 'shardId-000000000001',
    });
    expect(merge.ok).toBe(true);
    await advanceBy(page, 60_000);
    await frames(page);

    const map = page.getByRole('region', { name: 'Keyspace map' });
    const splits = map.locator('path[data-kind="split"]');
    await expect(splits).toHaveCount(2);
    expect(
      await splits.evaluateAll((ps) =>
        ps.map((p) => `${p.getAttribute('data-parent')}>${p.getAttribute('data-child')}`),
      ),
    ).toEqual(['shardId-000000000000>shardId-000000000002', 'shardId-000000000000>shardId-000000000003']);
    const merges = map.locator('path[data-kind="merge"]');
    await expect(merges).toHaveCount(2);
    expect(await merges.evaluateAll((ps) => ps.map((p) => p.getAttribute('data-child')))).toEqual([
      'shardId-000000000004',
      'shardId-000000000004',
    ]);
    await expect(map.locator('[data-shard-id="shardId-000000000000"][data-open="false"]')).toHaveCount(1);

    const lanes = page.getByRole('region', { name: 'Shard lanes' });
    await expect(lanes.locator('.ss-lane')).toHaveCount(5);
    await expect(lanes.locator('[data-shard-id="shardId-000000000000"] [data-testid="ending-sequence"]')).toContainText(
      '→ 2, 3',
    );
    await expect(lanes.locator('[data-shard-id="shardId-000000000001"] [data-testid="ending-sequence"]')).toContainText(
      '→ 4',
    );
    await expect(page.getByRole('region', { name: 'Timeline' }).getByTestId('reshard-mark')).toHaveCount(2);
    await expect(page.getByRole('region', { name: 'Hash key space' }).locator('.ss-segment')).toHaveCount(2);
  });

  test('should show iterator markers that expire after five virtual minutes and then fade out', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'iters', 1);
    await call(page, 'PutRecord', { StreamName: 'iters', PartitionKey: 'a', Data: 'x' });
    const a = await call(page, 'GetShardIterator', {
      StreamName: 'iters',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    await call(page, 'GetShardIterator', {
      StreamName: 'iters',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'LATEST',
    });
    const lanes = page.getByRole('region', { name: 'Shard lanes' });
    const markers = lanes.locator('.ss-iterator');
    await expect(markers).toHaveCount(2);
    expect(
      await markers.evaluateAll((m) =>
        m.map((e) => [e.getAttribute('data-type'), e.getAttribute('data-position'), e.getAttribute('data-expired')]),
      ),
    ).toEqual([
      ['TRIM_HORIZON', '0', 'false'],
      ['LATEST', '1', 'false'],
    ]);
    // A GetRecords call shows the range it read and where its NextShardIterator points.
    await call(page, 'GetRecords', { ShardIterator: a.output!.ShardIterator as string });
    await expect(lanes.getByTestId('read-range')).toHaveAttribute('data-count', '1');
    await expect(lanes.getByTestId('read-range')).toHaveAttribute('data-next', '1');
    await expect(lanes.getByTestId('millis-behind')).toContainText('behind');
    await expect(markers).toHaveCount(3);

    await advanceBy(page, 299_000);
    await expect(lanes.locator('.ss-iterator[data-expired="true"]')).toHaveCount(0);
    await advanceBy(page, 2_000);
    await expect(lanes.locator('.ss-iterator[data-expired="true"]')).toHaveCount(3);
    await advanceBy(page, 61_000);
    await expect(markers).toHaveCount(0);
  });

  test('should show encryption spans, per-shard moments and record ticks after StartStreamEncryption', async ({
    page,
  }) => {
    await openApp(page);
    await createActiveStream(page, 'enc', 2);
    await call(page, 'PutRecord', { StreamName: 'enc', PartitionKey: 'before', Data: 'x' });
    const started = await call(page, 'StartStreamEncryption', {
      StreamName: 'enc',
      EncryptionType: 'KMS',
      KeyId: 'alias/aws/kinesis',
    });
    expect(started.ok, JSON.stringify(started.error)).toBe(true);
    await advanceBy(page, 60_000);
    const put = await call(page, 'PutRecord', { StreamName: 'enc', PartitionKey: 'after', Data: 'y' });
    expect(put.output!.EncryptionType).toBe('KMS');
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const spans = timeline.getByTestId('encryption-span');
    await expect(spans).toHaveCount(2);
    expect(await spans.evaluateAll((s) => s.map((e) => e.getAttribute('data-label')))).toEqual([
      'NONE',
      'KMS alias/aws/kinesis',
    ]);
    await expect(timeline.getByTestId('encryption-reached')).toHaveCount(2);
    expect(
      await timeline.getByTestId('status-span').evaluateAll((s) => s.map((e) => e.getAttribute('data-label'))),
    ).toEqual(['CREATING', 'ACTIVE', 'UPDATING', 'ACTIVE']);
    await expect(timeline.getByTestId('key-budget')).toContainText('1/25 applied');
    // Record ticks: the record from before is drawn as NONE, the one after as KMS.
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __shardscopeViews: { timelineTicks?: { none: number; kms: number } } })
              .__shardscopeViews.timelineTicks,
        ),
      )
      .toEqual({ none: 1, kms: 1 });
    // The record written after the change reads back as KMS in the inspector.
    await page.evaluate((shardId) => {
      const s = window.__shardscope!.store.getState();
      s.select({
        stream: 'enc',
        shardId,
        record: { shardId, index: s.engine.stream('enc')!.shards.find((x) => x.id === shardId)!.records.length - 1 },
      });
    }, put.output!.ShardId as string);
    await expect(page.getByTestId('inspector-json')).toContainText('"EncryptionType": "KMS"');
  });

  test('should open the inspector with the record as GetRecords returns it when a dot is clicked', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'click', 2);
    const put = await call(page, 'PutRecord', { StreamName: 'click', PartitionKey: 'clicked-key', Data: 'payload' });
    await advanceBy(page, 1000);
    await frames(page);
    const shardId = put.output!.ShardId as string;
    const point = (await recordPoint(page, shardId, 0))!;
    const overlay = page.getByTestId('keyspace-overlay');
    await overlay.scrollIntoViewIfNeeded();
    await overlay.click({ position: { x: point.x, y: point.y } });
    const json = page.getByTestId('inspector-json');
    await expect(json).toContainText('"PartitionKey": "clicked-key"');
    await expect(json).toContainText(`"SequenceNumber": "${put.output!.SequenceNumber as string}"`);
    await expect(json).toContainText('"Data": "cGF5bG9hZA=="');
    // The same record is highlighted in the other views.
    await expect(page.getByRole('region', { name: 'Shard lanes' }).locator('[data-selected-record]')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Timeline' }).locator('[data-selected-record]')).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Keyspace map' }).locator('[data-selected-record]')).toHaveAttribute(
      'data-hash-fraction',
      String(point.hashFraction),
    );
  });

  test('should pick records with the keyboard in the shard lanes', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'keys', 2);
    for (const [key, at] of [
      ['a0', '0'],
      ['a1', '0'],
      ['a2', '0'],
      ['b0', String(MAX)],
      ['b1', String(MAX)],
    ] as const) {
      expect(
        (await call(page, 'PutRecord', { StreamName: 'keys', PartitionKey: key, Data: key, ExplicitHashKey: at })).ok,
      ).toBe(true);
    }
    await advanceBy(page, 1000);
    await frames(page);
    const lanes = page.getByLabel('Shard lanes: arrow keys, Home and End pick a record');
    await lanes.focus();
    const json = page.getByTestId('inspector-json');
    const before = await testApi(page, 'now');
    // → from nothing selected: the first record; then along the lane, End, down a lane (nearest
    // position), Home, and up again.
    for (const [key, partitionKey] of [
      ['ArrowRight', 'a0'],
      ['ArrowRight', 'a1'],
      ['End', 'a2'],
      ['ArrowDown', 'b1'],
      ['Home', 'b0'],
      ['ArrowUp', 'a0'],
    ] as const) {
      await page.keyboard.press(key);
      await expect(json, key).toContainText(`"PartitionKey": "${partitionKey}"`);
    }
    await expect(page.getByRole('region', { name: 'Shard lanes' }).locator('[data-selected-record]')).toHaveCount(1);
    // The arrows picked records here: the page's → (Step) did not move virtual time.
    expect(await testApi(page, 'now')).toBe(before);
    await page.getByRole('region', { name: 'Shard lanes' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'views-lanes-keyboard');
    await expectNoSeriousA11yViolations(page, 'shard lanes, a record picked by keyboard');
  });

  test('should filter the other views to a brushed time range', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'brush', 1);
    for (let i = 0; i < 5; i++)
      await call(page, 'PutRecord', { StreamName: 'brush', PartitionKey: `early-${i}`, Data: 'x' });
    await advanceBy(page, 60_000);
    for (let i = 0; i < 3; i++)
      await call(page, 'PutRecord', { StreamName: 'brush', PartitionKey: `late-${i}`, Data: 'x' });
    await advanceBy(page, 1000);
    await frames(page);
    const row = page.getByRole('region', { name: 'Hash key space' }).locator('.ss-seg-table tbody tr').first();
    await expect(row.locator('td').last()).toHaveText('8');
    const brush = page.getByTestId('keyspace-brush');
    await brush.scrollIntoViewIfNeeded();
    const box = (await brush.locator('.overlay').boundingBox())!;
    // Drag from just before the first late record to the end of the axis: only the late records.
    const firstLate = (await recordPoint(page, 'shardId-000000000000', 5))!;
    await page.mouse.move(box.x + firstLate.x - 6, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.999, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect(page.getByTestId('time-range')).toBeVisible();
    await expect(row.locator('td').last()).toHaveText('3');
    await page.getByRole('button', { name: 'Clear range' }).click();
    await expect(row.locator('td').last()).toHaveText('8');
  });

  test('should export a view as SVG and PNG', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'export', 2);
    await call(page, 'PutRecord', { StreamName: 'export', PartitionKey: 'a', Data: 'x' });
    await frames(page);
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Keyspace map as SVG' }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe('keyspace-map.svg');
    const text = await (
      await svg.createReadStream()
    )
      .toArray()
      .then((chunks) => Buffer.concat(chunks).toString('utf8'));
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('data-shard-id="shardId-000000000001"');
    expect(text).toContain('<image');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export Shard lanes as PNG' }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('shard-lanes.png');
    const bytes = await (await png.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks));
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  test('should have no serious accessibility violations with a stream in every view', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'a11y', 3);
    for (let i = 0; i < 20; i++)
      await call(page, 'PutRecord', { StreamName: 'a11y', PartitionKey: `k${i}`, Data: 'x' });
    await call(page, 'GetShardIterator', {
      StreamName: 'a11y',
      ShardId: 'shardId-000000000000',
      ShardIteratorType: 'LATEST',
    });
    await page.getByRole('region', { name: 'Hash key space' }).getByLabel('Partition key').fill('k1');
    await frames(page);
    for (const name of ['Keyspace map', 'Hash key space', 'Shard lanes', 'Timeline', 'Throughput']) {
      await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
    }
    await expectNoSeriousA11yViolations(page, 'the views');
  });

  test('should highlight the shard hovered in one view in the others', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'hover', 3);
    await frames(page);
    const segment = page
      .getByRole('region', { name: 'Hash key space' })
      .locator('.ss-segment[data-shard-id="shardId-000000000001"]');
    await segment.scrollIntoViewIfNeeded();
    await segment.hover();
    await expect(
      page
        .getByRole('region', { name: 'Shard lanes' })
        .locator('[data-shard-id="shardId-000000000001"] .ss-lane-hover'),
    ).toHaveCount(1);
    await expect(
      page.getByRole('region', { name: 'Throughput' }).locator('[data-shard-id="shardId-000000000001"] .ss-lane-hover'),
    ).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Shard lanes' }).locator('.ss-lane-hover')).toHaveCount(1);
    await page.mouse.move(0, 0);
    await expect(page.getByRole('region', { name: 'Shard lanes' }).locator('.ss-lane-hover')).toHaveCount(0);
  });

  test('should zoom and pan the keyspace map in time from its buttons', async ({ page }) => {
    await openApp(page);
    await createActiveStream(page, 'zoom', 1);
    await frames(page);
    const whole = (await keyspaceInfo(page)).domain;
    await page.getByRole('button', { name: 'Zoom in on time' }).click();
    await frames(page);
    const zoomed = (await keyspaceInfo(page)).domain;
    expect(zoomed[1] - zoomed[0]).toBeCloseTo((whole[1] - whole[0]) / 2, 0);
    await page.getByRole('button', { name: 'Pan back in time' }).click();
    await frames(page);
    const panned = (await keyspaceInfo(page)).domain;
    expect(panned[0]).toBeLessThan(zoomed[0]);
    expect(panned[1] - panned[0]).toBeCloseTo(zoomed[1] - zoomed[0], 0);
    await page.getByRole('button', { name: 'Fit the whole history' }).click();
    await frames(page);
    expect((await keyspaceInfo(page)).domain).toEqual(whole);
  });
});
