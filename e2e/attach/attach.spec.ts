/**
 * Attached mode in the browser: the endpoint serves the page at its URL, and what an application
 * does with the AWS SDK from Node shows in the views within a second.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetShardIteratorCommand,
  PutRecordCommand,
  PutRecordsCommand,
  SplitShardCommand,
} from '@aws-sdk/client-kinesis';
import { startEndpoint, type TestEndpoint } from './endpoint';

async function activeStream(endpoint: TestEndpoint, name: string, shards: number): Promise<void> {
  await endpoint.client.send(new CreateStreamCommand({ StreamName: name, ShardCount: shards }));
  await expect
    .poll(async () => {
      const { StreamDescriptionSummary } = await endpoint.client.send(
        new DescribeStreamSummaryCommand({ StreamName: name }),
      );
      return StreamDescriptionSummary?.StreamStatus;
    })
    .toBe('ACTIVE');
}

/** Opens the endpoint's URL (it sends the browser to the page attached to itself). */
async function openAttached(page: Page, endpoint: TestEndpoint): Promise<void> {
  await page.goto(endpoint.url);
  expect(new URL(page.url()).searchParams.get('attach')).toBe(endpoint.url);
  await expect(page.getByTestId('attach-status')).toHaveAttribute('data-state', 'connected');
}

/** Records each shard's lane shows, by shard id. */
function laneLengths(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const lengths: Record<string, number> = {};
    for (const lane of document.querySelectorAll<SVGGElement>('.ss-lane'))
      lengths[lane.dataset.shardId!] = Number(lane.dataset.length);
    return lengths;
  });
}

test.describe('a page attached to an endpoint', () => {
  let endpoint: TestEndpoint;
  test.beforeEach(async () => {
    endpoint = await startEndpoint();
  });
  test.afterEach(async () => {
    await endpoint.stop();
  });

  test('should place records an SDK writes on their shards, draw a split and show an iterator', async ({ page }) => {
    await openAttached(page, endpoint);
    await activeStream(endpoint, 'orders', 4);
    const expected: Record<string, number> = {};
    for (const key of ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel']) {
      const { ShardId } = await endpoint.client.send(
        new PutRecordCommand({ StreamName: 'orders', PartitionKey: key, Data: new TextEncoder().encode(key) }),
      );
      expected[ShardId!] = (expected[ShardId!] ?? 0) + 1;
    }
    await expect.poll(() => laneLengths(page), { timeout: 1000 }).toMatchObject(expected);

    await endpoint.client.send(
      new SplitShardCommand({
        StreamName: 'orders',
        ShardToSplit: 'shardId-000000000000',
        NewStartingHashKey: (1n << 124n).toString(),
      }),
    );
    const lineage = page.locator('.ss-lineage[data-parent="shardId-000000000000"]');
    await expect(lineage).toHaveCount(2);

    const { ShardIterator } = await endpoint.client.send(
      new GetShardIteratorCommand({
        StreamName: 'orders',
        ShardId: 'shardId-000000000001',
        ShardIteratorType: 'TRIM_HORIZON',
      }),
    );
    expect(ShardIterator).toBeTruthy();
    await expect(
      page.locator('.ss-lane[data-shard-id="shardId-000000000001"] [data-iterator-id]').first(),
    ).toBeAttached({ timeout: 1000 });

    // The application's calls are in the call log, grouped under its user agent.
    const client = page.locator('.origin[title*="api/kinesis"]').first();
    await expect(client).toHaveText('aws-sdk-js');
    await expect(client).toHaveAttribute('title', /^aws-sdk-js\/\S+ .*lang\/js/);
  });

  test('should catch up when it opens after 100,000 records, then follow live', async ({ page }) => {
    test.setTimeout(120_000);
    await activeStream(endpoint, 'late', 4);
    const data = new Uint8Array(32);
    for (let batch = 0; batch < 200; batch++)
      await endpoint.client.send(
        new PutRecordsCommand({
          StreamName: 'late',
          Records: Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k-${batch}-${i}`, Data: data })),
        }),
      );
    await openAttached(page, endpoint);
    const total = async () => Object.values(await laneLengths(page)).reduce((a, b) => a + b, 0);
    await expect.poll(total).toBe(100_000);
    await endpoint.client.send(new PutRecordCommand({ StreamName: 'late', PartitionKey: 'after', Data: data }));
    await expect.poll(total, { timeout: 1000 }).toBe(100_001);
  });
});
