/**
 * Every screen at 1280×720 in both themes: no serious or critical axe-core violations, and a
 * screenshot saved to e2e/screenshots/ for a person to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  expectNoSeriousA11yViolations,
  openApp,
  pickOperation,
  saveScreenshot,
  send,
  testApi,
  type Theme,
} from '../support/app';

/**
 * The app's screens are checked without the views' area, which the views' own specs (e2e/views)
 * check: a violation there belongs to src/views.
 */
const check = (page: Page, where: string) => expectNoSeriousA11yViolations(page, where, { exclude: ['.views-slot'] });

/** A small session with a bit of everything: a stream, records, an iterator, a split, an error. */
async function populate(page: Page) {
  await page.getByLabel('StreamName').fill('orders');
  await send(page, 'CreateStream');
  await testApi(page, 'jumpToNextEvent');
  await pickOperation(page, 'PutRecords');
  await send(page, 'PutRecords');
  await pickOperation(page, 'GetShardIterator');
  await send(page, 'GetShardIterator');
  await pickOperation(page, 'SplitShard');
  await send(page, 'SplitShard');
  await testApi(page, 'jumpToNextEvent');
  await pickOperation(page, 'DescribeStreamSummary');
  await page.getByLabel('StreamName').fill('missing');
  await send(page, 'DescribeStreamSummary');
}

for (const theme of ['light', 'dark'] as Theme[]) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await openApp(page, { theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    });

    test('first visit', async ({ page }) => {
      await check(page, `first visit (${theme})`);
      await saveScreenshot(page, `01-first-visit-${theme}`);
    });

    test('working session: form, answer, call log', async ({ page }) => {
      await populate(page);
      await expect(page.getByTestId('response-status')).toHaveText('400 ResourceNotFoundException');
      await check(page, `working session (${theme})`);
      await saveScreenshot(page, `02-working-session-${theme}`);

      const row = page.getByTestId('call-log').locator('li').nth(1);
      await row.locator('.entry-summary').click();
      await pickOperation(page, 'PutRecords');
      await page.getByText('Copy as…').click();
      await check(page, `call expanded, copy as (${theme})`);
      await saveScreenshot(page, `03-call-expanded-copy-as-${theme}`);

      await page.getByRole('button', { name: 'Raw JSON' }).click();
      await page.getByRole('tab', { name: 'Engine events' }).click();
      await expect(page.getByTestId('event-log')).toContainText('shardOpened');
      await check(page, `raw JSON and events (${theme})`);
      await saveScreenshot(page, `04-raw-json-events-${theme}`);
    });

    test('invalid request', async ({ page }) => {
      await pickOperation(page, 'PutRecord');
      await page.getByLabel('StreamName').fill('no spaces allowed');
      await page.getByLabel('PartitionKey').fill('');
      await send(page, 'PutRecord');
      await check(page, `invalid request (${theme})`);
      await saveScreenshot(page, `05-invalid-request-${theme}`);
    });

    test('settings dialog and its confirmation', async ({ page }) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await check(page, `settings (${theme})`);
      await saveScreenshot(page, `06-settings-${theme}`);
      await page.getByLabel('Timing preset').selectOption('fast');
      await page.getByRole('button', { name: 'Apply…' }).click();
      await expect(page.getByTestId('settings-confirm')).toBeVisible();
      await check(page, `settings confirmation (${theme})`);
      await saveScreenshot(page, `07-settings-confirm-${theme}`);
    });

    test('keyboard shortcuts overlay', async ({ page }) => {
      await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await check(page, `help (${theme})`);
      await saveScreenshot(page, `08-help-${theme}`);
    });

    test('session menu and a refused import', async ({ page }) => {
      await page.getByText('Session ▾').click();
      await expect(page.getByRole('button', { name: 'Export to file' })).toBeVisible();
      await check(page, `session menu (${theme})`);
      await saveScreenshot(page, `09-session-menu-${theme}`);
      await page.keyboard.press('Escape');
      await page
        .getByTestId('import-file')
        .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2, 3]') });
      await expect(page.getByRole('alert')).toContainText('Could not import notes.json');
      await check(page, `import error (${theme})`);
      await saveScreenshot(page, `10-import-error-${theme}`);
    });
  });
}
