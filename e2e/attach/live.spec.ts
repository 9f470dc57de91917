/**
 * Attached mode's controls: the console calls the endpoint, Freeze holds the picture and scrubs
 * back through it, Live catches up; a restart of an endpoint keeping its state (--path) is shown
 * and followed without a reload.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ListStreamsCommand, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { saveScreenshot } from '../support/app';
import { startEndpoint, type TestEndpoint } from './endpoint';

const records = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('.ss-lane')].reduce((n, lane) => n + Number(lane.dataset.length), 0),
  );

async function openAttached(page: Page, endpoint: TestEndpoint): Promise<void> {
  await page.goto(endpoint.url);
  await expect(page.getByTestId('attach-status')).toHaveAttribute('data-state', 'connected');
}

async function createFromConsole(page: Page, name: string): Promise<void> {
  await page.getByLabel('Operation', { exact: true }).selectOption('CreateStream');
  await page.getByLabel('StreamName').fill(name);
  await page.getByLabel('ShardCount').fill('2');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('response-status')).toHaveText(/^200/);
}

const put = (endpoint: TestEndpoint, stream: string, key: string) =>
  endpoint.client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: key, Data: new Uint8Array(8) }));

test('should send console calls to the endpoint, freeze and scrub back, then return to live', async ({ page }) => {
  const endpoint = await startEndpoint();
  try {
    await openAttached(page, endpoint);
    await createFromConsole(page, 'from-page');
    const { StreamNames } = await endpoint.client.send(new ListStreamsCommand({}));
    expect(StreamNames).toContain('from-page');
    await expect(page.locator('.ss-lane')).toHaveCount(2);
    for (const key of ['a', 'b', 'c']) await put(endpoint, 'from-page', key);
    await expect.poll(() => records(page), { timeout: 1000 }).toBe(3);

    await page.getByTestId('freeze').click();
    await expect(page.getByTestId('attach-status')).toHaveAttribute('data-frozen', 'true');
    for (const key of ['d', 'e']) await put(endpoint, 'from-page', key);
    // Frozen: the picture holds while the endpoint's calls arrive and wait.
    await expect(page.getByTestId('attach-status')).toHaveAttribute('data-waiting', '2');
    expect(await records(page)).toBe(3);
    await expect(page.getByTestId('attach-status')).toContainText('Frozen');
    const scrub = page.getByTestId('scrub');
    await scrub.evaluate((input: HTMLInputElement) => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, input.min);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await expect.poll(() => records(page)).toBeLessThan(3);

    await page.getByTestId('go-live').click();
    await expect.poll(() => records(page), { timeout: 1000 }).toBe(5);
  } finally {
    await endpoint.stop();
  }
});

test('should show a restart of an endpoint with --path and resume its state without a reload', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shardscope-attach-'));
  let endpoint = await startEndpoint(['--path', dir]);
  try {
    await openAttached(page, endpoint);
    await createFromConsole(page, 'kept');
    for (const key of ['one', 'two']) await put(endpoint, 'kept', key);
    await expect.poll(() => records(page), { timeout: 1000 }).toBe(2);
    const pageUrl = page.url();

    await endpoint.stop();
    const status = page.getByTestId('attach-status');
    await expect(status).toHaveAttribute('data-state', 'reconnecting');
    await expect(status).toContainText('Reconnecting');
    await saveScreenshot(page, 'attach-reconnecting');

    endpoint = await startEndpoint(['--path', dir], endpoint.port);
    await expect(status).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('sim-notice')).toContainText('started again');
    expect(await records(page)).toBe(2);
    await put(endpoint, 'kept', 'three');
    await expect.poll(() => records(page), { timeout: 1000 }).toBe(3);
    expect(page.url()).toBe(pageUrl);
  } finally {
    await endpoint.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('should attach the page from Settings, from another origin, and refuse what is not a URL', async ({ page }) => {
  const endpoint = await startEndpoint();
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByTestId('attach-url');
    await field.fill('ftp://nowhere');
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('must start with http:// or https://');
    await field.fill(endpoint.url);
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(page.getByTestId('attach-status')).toHaveAttribute('data-state', 'connected');
    expect(new URL(page.url()).origin).not.toBe(endpoint.url);
    await createFromConsole(page, 'cross-origin');
    const { StreamNames } = await endpoint.client.send(new ListStreamsCommand({}));
    expect(StreamNames).toContain('cross-origin');
    await expect(page.locator('.ss-lane')).toHaveCount(2);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('detach').click();
    await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
    await expect(page.getByTestId('attach-status')).toHaveCount(0);
    await expect(page.getByTestId('play')).toBeVisible();
  } finally {
    await endpoint.stop();
  }
});
