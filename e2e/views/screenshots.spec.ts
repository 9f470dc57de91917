import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openApp, type Theme } from '../support/app';
import { advanceBy, call, createActiveStream, frames } from './helpers';

const VIEWS = ['Keyspace map', 'Hash key space', 'Shard lanes', 'Timeline', 'Throughput', 'Inspector'];

for (const theme of ['light', 'dark'] as Theme[]) {
  test(`should draw every view legibly in the ${theme} theme (screenshots)`, async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openApp(page, { theme });
    await createActiveStream(page, 'orders', 4);
    for (let round = 0; round < 6; round++) {
      const records = Array.from({ length: 40 }, (_, i) => ({
        PartitionKey: i % 3 === 0 ? 'hot-customer' : `customer-${round}-${i}`,
        Data: `order ${round}-${i}`,
      }));
      await call(page, 'PutRecords', { StreamName: 'orders', Records: records });
      await advanceBy(page, 16_000);
      if (round === 1)
        await call(page, 'SplitShard', {
          StreamName: 'orders',
          ShardToSplit: 'shardId-000000000000',
          NewStartingHashKey: (1n << 125n).toString(),
        });
      if (round === 3)
        await call(page, 'MergeShards', {
          StreamName: 'orders',
          ShardToMerge: 'shardId-000000000002',
          AdjacentShardToMerge: 'shardId-000000000003',
        });
      if (round === 4)
        await call(page, 'StartStreamEncryption', {
          StreamName: 'orders',
          EncryptionType: 'KMS',
          KeyId: 'alias/aws/kinesis',
        });
    }
    // Written after the encryption change reached the shards: these records are KMS.
    await call(page, 'PutRecords', {
      StreamName: 'orders',
      Records: Array.from({ length: 30 }, (_, i) => ({ PartitionKey: `after-${i}`, Data: `secret ${i}` })),
    });
    const it = await call(page, 'GetShardIterator', {
      StreamName: 'orders',
      ShardId: 'shardId-000000000001',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    await call(page, 'GetRecords', { ShardIterator: it.output!.ShardIterator as string, Limit: 12 });
    await call(page, 'GetShardIterator', {
      StreamName: 'orders',
      ShardId: 'shardId-000000000004',
      ShardIteratorType: 'LATEST',
    });
    await advanceBy(page, 500);
    await page.getByRole('region', { name: 'Hash key space' }).getByLabel('Partition key').fill('hot-customer');
    await frames(page, 3);
    mkdirSync('e2e/screenshots', { recursive: true });
    for (const name of VIEWS) {
      const region = page.getByRole('region', { name, exact: true });
      await expect(region).toBeVisible();
      await region.screenshot({ path: `e2e/screenshots/views-${name.toLowerCase().replace(/ /g, '-')}-${theme}.png` });
    }
  });
}
