/** Attached mode at the three screen sizes, both themes (screenshots to look at), and its accessibility. */
import { expect, test } from '@playwright/test';
import { CreateStreamCommand, PutRecordsCommand, SplitShardCommand } from '@aws-sdk/client-kinesis';
import { expectNoSeriousA11yViolations, saveScreenshot } from '../support/app';
import { startEndpoint, type TestEndpoint } from './endpoint';

const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
] as const;

let endpoint: TestEndpoint;
test.beforeAll(async () => {
  endpoint = await startEndpoint();
  await endpoint.client.send(new CreateStreamCommand({ StreamName: 'clicks', ShardCount: 3 }));
  for (let round = 0; round < 5; round++)
    await endpoint.client.send(
      new PutRecordsCommand({
        StreamName: 'clicks',
        Records: Array.from({ length: 60 }, (_, i) => ({
          PartitionKey: i % 4 === 0 ? 'hot-user' : `user-${round}-${i}`,
          Data: new TextEncoder().encode(`click ${round}-${i}`),
        })),
      }),
    );
  await endpoint.client.send(
    new SplitShardCommand({
      StreamName: 'clicks',
      ShardToSplit: 'shardId-000000000001',
      NewStartingHashKey: (3n << 125n).toString(),
    }),
  );
});
test.afterAll(() => endpoint.stop());

for (const theme of ['light', 'dark'] as const)
  for (const size of SIZES)
    test(`should show attached mode legibly at ${size.width}×${size.height} in the ${theme} theme`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.addInitScript((chosen) => localStorage.setItem('shardscope.theme', chosen), theme);
      await page.goto(endpoint.url);
      const status = page.getByTestId('attach-status');
      await expect(status).toHaveAttribute('data-state', 'connected');
      await expect(status).toBeInViewport();
      await expect(page.getByTestId('freeze')).toBeInViewport();
      await expect(page.locator('.ss-lane').first()).toBeAttached();
      // The application's calls while the page watches: the call log groups them by client.
      for (let i = 0; i < 3; i++)
        await endpoint.client.send(
          new PutRecordsCommand({
            StreamName: 'clicks',
            Records: [{ PartitionKey: `watched-${i}`, Data: new Uint8Array(16) }],
          }),
        );
      await expect(page.getByText(/aws-sdk-js/).first()).toBeAttached();
      await page.evaluate(() => document.fonts.ready);
      await saveScreenshot(page, `attach-${size.width}x${size.height}-${theme}`);
      if (size.width !== 1280) return;
      await expectNoSeriousA11yViolations(page, `attached mode (${theme})`);
      await page.getByTestId('freeze').click();
      await expect(page.getByTestId('scrub')).toBeInViewport();
      await saveScreenshot(page, `attach-frozen-${theme}`);
      await page.getByTestId('go-live').click();
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByTestId('attach-url')).toHaveValue(endpoint.url);
      await saveScreenshot(page, `attach-settings-${theme}`);
      await expectNoSeriousA11yViolations(page, `Settings while attached (${theme})`);
    });
