/** The console's promises: validation as you type, raw JSON both ways, Copy as, keyboard, settings, sessions. */
import { expect, test, type Locator } from '@playwright/test';
import { discardSession, exportSessionFile, openApp, pickOperation, send, testApi } from '../support/app';

/** Presses Tab until the element has focus (at most `limit` times), as a keyboard user would. */
async function tabTo(target: Locator, limit: number) {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await target.page().keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('validates as you type with the service texts, and sending anyway returns exactly that error', async ({
  page,
}) => {
  await page.getByLabel('StreamName').fill('bad name!');
  await expect(page.locator('.validation')).toContainText('The service would refuse this request');
  await expect(page.getByLabel('StreamName')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-param="StreamName"] .field-problem')).toHaveText(
    'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
  );
  expect(await send(page, 'CreateStream')).toBe('400 ValidationException');
  await expect(page.getByTestId('response-error')).toHaveText(
    "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
  );
  // Fixing the field clears the warning.
  await page.getByLabel('StreamName').fill('good-name');
  await expect(page.locator('.validation')).toContainText('The service would accept these parameters.');
});

test('raw JSON mode shows the wire request and edits flow both ways', async ({ page }) => {
  await pickOperation(page, 'PutRecord');
  await page.getByLabel('PartitionKey').fill('user-7');
  await page.getByRole('textbox', { name: 'Data', exact: true }).fill('hi');
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  const raw = page.getByLabel(/Request body/);
  const wire = JSON.parse(await raw.inputValue()) as Record<string, unknown>;
  expect(wire).toMatchObject({ PartitionKey: 'user-7', Data: 'aGk=' }); // base64 on the wire
  await raw.fill(JSON.stringify({ ...wire, StreamName: 'edited', Data: 'aGVsbG8=' }));
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await expect(page.getByLabel('StreamName')).toHaveValue('edited');
  await expect(page.getByRole('textbox', { name: 'Data', exact: true })).toHaveValue('hello');
  // A wrong JSON type is sent as typed; the engine answers the service's SerializationException.
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  await raw.fill('{"StreamName": 5, "PartitionKey": "k", "Data": "aGk="}');
  await expect(page.locator('.validation')).toContainText('SerializationException');
  expect(await send(page, 'PutRecord')).toBe('400 SerializationException');
  await raw.fill('{"StreamName": ');
  await expect(page.getByText('Not valid JSON yet')).toBeVisible();
});

test('Data can be edited as hex and base64, and timestamps with a UTC time picker', async ({ page }) => {
  await pickOperation(page, 'PutRecord');
  const data = page.getByRole('textbox', { name: 'Data', exact: true });
  await data.fill('AB');
  await page.getByLabel('as', { exact: true }).selectOption('hex');
  await expect(data).toHaveValue('41 42');
  await data.fill('41 4');
  await expect(page.getByText('Hex needs pairs of digits')).toBeVisible();
  await data.fill('43');
  await page.getByLabel('as', { exact: true }).selectOption('base64');
  await expect(data).toHaveValue('Qw==');

  await pickOperation(page, 'GetShardIterator');
  await page.getByLabel('ShardIteratorType').selectOption('AT_TIMESTAMP');
  await page.getByRole('button', { name: 'Set Timestamp to the virtual now' }).click();
  const picker = page.getByRole('textbox', { name: 'Timestamp' });
  await expect(picker).toHaveValue(/^2017-07-14T02:40(:00(\.000)?)?$/);
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  expect(JSON.parse(await page.getByLabel(/Request body/).inputValue())).toMatchObject({ Timestamp: 1500000000 });
  await page.getByRole('button', { name: 'Form', exact: true }).click();
  await picker.fill('2017-07-14T03:00:30');
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  expect(JSON.parse(await page.getByLabel(/Request body/).inputValue())).toMatchObject({ Timestamp: 1500001230 });
});

test('lists and maps have add and remove rows', async ({ page }) => {
  await pickOperation(page, 'PutRecords');
  const records = page.locator('[data-param="Records"] textarea');
  await expect(records).toHaveCount(3);
  await page.getByRole('button', { name: 'Add Records item' }).click();
  await expect(records).toHaveCount(4);
  await page.getByRole('button', { name: 'Remove Records 1' }).click();
  await expect(records).toHaveCount(3);

  await pickOperation(page, 'AddTagsToStream');
  await page.getByRole('button', { name: 'Add Tags entry' }).click();
  await page.getByLabel('Tags key 2').fill('owner');
  await page.getByRole('textbox', { name: 'Tags value 2' }).fill('ana');
  await page.getByRole('button', { name: 'Raw JSON' }).click();
  expect(JSON.parse(await page.getByLabel(/Request body/).inputValue())).toMatchObject({
    Tags: { team: 'demo', owner: 'ana' },
  });
});

test('operations are grouped and searchable, and / focuses the search', async ({ page }) => {
  const select = page.getByLabel('Operation', { exact: true });
  const groups = await select.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label')));
  expect(groups.slice(0, 3)).toEqual(['Streams', 'Shards', 'Records']);
  await page.locator('body').press('/');
  await expect(page.getByLabel('Find operation')).toBeFocused();
  await page.keyboard.type('merge');
  await page.keyboard.press('Enter');
  await expect(select).toHaveValue('MergeShards');
  const shown = await select.locator('option').allTextContents();
  expect(shown).toContain('MergeShards');
  expect(shown).not.toContain('CreateStream');
  expect(shown.length).toBeLessThan(5);
});

test('Copy as gives an AWS CLI command, an SDK v3 snippet and a boto3 snippet', async ({ page }) => {
  await page.getByLabel('StreamName').fill('orders');
  await page.getByText('Copy as…').click();
  const text = page.getByTestId('copy-as-text');
  await expect(text).toContainText('aws kinesis create-stream');
  await expect(text).toContainText('--stream-name orders');
  await expect(text).toContainText('--shard-count 2');
  await page.getByLabel('Format').selectOption('sdk-js');
  await expect(text).toContainText('new CreateStreamCommand(');
  await expect(text).toContainText('StreamName: "orders"');
  await page.getByLabel('Format').selectOption('boto3');
  await expect(text).toContainText('client.create_stream(');
  await expect(text).toContainText('StreamName="orders"');
});

test('keyboard: Ctrl+Enter sends, Space plays and pauses, N jumps to the next event, ? shows the shortcuts', async ({
  page,
}) => {
  await page.getByLabel('StreamName').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  await page.locator('body').click({ position: { x: 5, y: 700 } });
  await page.keyboard.press('n');
  await expect.poll(async () => (await testApi(page, 'streams'))[0]?.status).toBe('ACTIVE');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveText(/Pause/);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveText(/Play/);
  const t = await testApi(page, 'now');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => testApi(page, 'now')).toBeGreaterThan(t);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeHidden();
});

test('playback moves virtual time at the chosen speed, and the clock shows it', async ({ page }) => {
  await testApi(page, 'setSpeed', 1000);
  await expect(page.locator('.speed-value')).toHaveText('1000×');
  const t0 = await testApi(page, 'now');
  await page.getByTestId('play').click();
  await expect.poll(() => testApi(page, 'now'), { timeout: 5000 }).toBeGreaterThan(t0 + 5000);
  await page.getByTestId('play').click();
  const t1 = await testApi(page, 'now');
  expect(await testApi(page, 'now')).toBe(t1);
  await expect(page.getByTestId('clock')).toHaveAttribute('data-now', String(t1));

  // Hiding the tab pauses playback.
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveText(/Pause/);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('play')).toHaveText(/Play/);
});

test("the engine's own events appear in their tab: throttling included", async ({ page }) => {
  await page.getByLabel('ShardCount').fill('1');
  await send(page, 'CreateStream');
  await testApi(page, 'jumpToNextEvent');
  await page.evaluate(() => {
    const api = window.__shardscope!;
    // 1,100 records in the same virtual second: past one shard's 1,000 records/s write limit.
    const Records = Array.from({ length: 500 }, (_, i) => ({ Data: 'eA==', PartitionKey: `k${i}` }));
    for (let i = 0; i < 3; i++)
      api.call('PutRecords', { StreamName: 'my-stream', Records: i < 2 ? Records : Records.slice(0, 100) });
  });
  await page.getByRole('tab', { name: 'Engine events' }).click();
  await expect(page.getByTestId('event-log')).toContainText(
    'PutRecords throttled (write) on my-stream/shardId-000000000000: 100×',
  );
  // The call log says which call was cut short, in records, not a green OK.
  await page.getByRole('tab', { name: 'Call log' }).click();
  await expect(page.getByTestId('call-log').getByTestId('call-outcome').last()).toHaveText(
    '100 of 100 records failed (throttled)',
  );
  await page.getByLabel('Outcome').selectOption('failed');
  await expect(page.getByTestId('call-log').locator('li')).toHaveCount(1);
});

test('settings that need a fresh engine say so and ask first', async ({ page }) => {
  await send(page, 'CreateStream');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Seed').fill('7');
  await dialog.getByRole('button', { name: 'Apply…' }).click();
  await expect(dialog.getByTestId('settings-confirm')).toContainText('need a fresh engine');
  expect(await testApi(page, 'streams')).toHaveLength(1); // nothing changed yet
  await dialog.getByRole('button', { name: 'Start a fresh engine' }).click();
  await expect(dialog).toBeHidden();
  expect(await testApi(page, 'streams')).toHaveLength(0);
  expect(await page.evaluate(() => window.__shardscope!.store.getState().settings.seed)).toBe(7);
});

test('settings can replay the calls made so far under the new settings', async ({ page }) => {
  await send(page, 'CreateStream');
  const now = await testApi(page, 'now');
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Timing preset').selectOption('fast');
  await dialog.getByRole('button', { name: 'Apply…' }).click();
  await dialog.getByRole('button', { name: 'Replay my calls' }).click();
  await expect(dialog).toBeHidden();
  expect(await testApi(page, 'streams')).toMatchObject([{ name: 'my-stream', status: 'CREATING' }]);
  expect(await testApi(page, 'now')).toBe(now);
  await testApi(page, 'advanceBy', 500); // the fast preset: ACTIVE after half a second
  expect(await testApi(page, 'streams')).toMatchObject([{ name: 'my-stream', status: 'ACTIVE' }]);
});

test('"New session" asks first, and cancelling keeps everything', async ({ page }) => {
  await send(page, 'CreateStream');
  await page.getByText('Session ▾').click();
  await page.getByRole('button', { name: 'New session…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Start a new session?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect(await testApi(page, 'streams')).toHaveLength(1);
  await page.getByText('Session ▾').click();
  await page.getByRole('button', { name: 'New session…' }).click();
  await confirm.getByRole('button', { name: 'Discard and start new' }).click();
  expect(await testApi(page, 'streams')).toHaveLength(0);
  await expect(page.getByTestId('call-log')).toHaveCount(0);
});

test('export then import restores the same session; a foreign file is refused', async ({ page }) => {
  await send(page, 'CreateStream');
  await testApi(page, 'advanceBy', 20_000);
  const file = await exportSessionFile(page);
  const before = await testApi(page, 'streams');
  const now = await testApi(page, 'now');

  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":"world"}') });
  await expect(page.getByRole('alert')).toContainText('not a Shardscope session');
  expect(await testApi(page, 'streams')).toEqual(before);

  await discardSession(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Imported' })).toContainText('1 entries replayed');
  expect(await testApi(page, 'streams')).toEqual(before);
  expect(await testApi(page, 'now')).toBe(now);
});

test('a call from the log loads back into the form', async ({ page }) => {
  await page.getByLabel('StreamName').fill('from-log');
  await send(page, 'CreateStream');
  await pickOperation(page, 'ListStreams');
  const row = page.getByTestId('call-log').locator('li').first();
  await row.locator('.entry-summary').click();
  await expect(row).toContainText('"StreamName": "from-log"');
  await row.getByRole('button', { name: 'Load into form' }).click();
  await expect(page.getByLabel('Operation', { exact: true })).toHaveValue('CreateStream');
  await expect(page.getByLabel('StreamName')).toHaveValue('from-log');
});

test('every operation of the profile has a form whose labels are its exact parameter names', async ({ page }) => {
  const operations = await page.evaluate(() => {
    const select = document.getElementById('op-select') as HTMLSelectElement;
    return [...select.options].map((o) => o.value);
  });
  expect(operations.length).toBeGreaterThan(15);
  for (const operation of operations) {
    await pickOperation(page, operation);
    const params = await page
      .locator('.fields > [data-param]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-param')));
    const labels = await page
      .locator('.fields > [data-param]')
      .evaluateAll((els) =>
        els.map((e) =>
          (e.querySelector(':scope > .field-head .param, :scope > legend .param')?.textContent ?? '').trim(),
        ),
      );
    expect(labels, operation).toEqual(params);
    expect(params, operation).toEqual(await testApi(page, 'inputMembers', operation));
  }
});

test('the 2017-07 profile offers only the operations of its time, with StreamName required', async ({ page }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Profile').selectOption('2017-07');
  await dialog.getByRole('button', { name: 'Apply…' }).click();
  await dialog.getByRole('button', { name: 'Start a fresh engine' }).click();
  const options = await page.getByLabel('Operation', { exact: true }).locator('option').allTextContents();
  expect(options).not.toContain('ListShards');
  expect(options).not.toContain('DescribeStreamSummary');
  expect(options).toContain('DescribeStream');
  await pickOperation(page, 'DescribeStream');
  await expect(page.getByLabel('StreamName')).toHaveAttribute('aria-required', 'true');
  await expect(page.locator('[data-param="StreamARN"]')).toHaveCount(0);
});

test('keyboard only: find an operation, fill its form, send, and open the call in the log', async ({ page }) => {
  await page.keyboard.press('/');
  await page.keyboard.type('create');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Operation', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Operation', { exact: true })).toHaveValue('CreateStream');
  await tabTo(page.getByLabel('StreamName'), 1);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('typed');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('ShardCount')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('response-status')).toHaveText('200 OK');
  expect((await testApi(page, 'streams'))[0]).toMatchObject({ name: 'typed' });
  // Tab onward reaches the call log entry; Enter expands it.
  const summary = page.getByTestId('call-log').locator('.entry-summary').first();
  await tabTo(summary, 60);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('call-log').getByRole('heading', { name: 'Request' })).toBeVisible();
  await expect(page.getByTestId('call-log')).toContainText('"StreamName": "typed"');
  // Past the request and response (scrollable, so focusable) comes that call's Load button.
  await tabTo(page.getByRole('button', { name: /^Load into form: CreateStream/ }), 3);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Operation', { exact: true })).toBeFocused();
});

test('a burst of 5,000 calls stays quick: the session is saved once, not once per call', async ({ page }) => {
  await send(page, 'CreateStream');
  await testApi(page, 'jumpToNextEvent');
  const ms = await page.evaluate(() => {
    const api = window.__shardscope!;
    const t = performance.now();
    for (let i = 0; i < 5000; i++) {
      api.call('PutRecord', { StreamName: 'my-stream', PartitionKey: `k${i}`, Data: 'eA==' });
      if (i % 500 === 499) api.advanceBy(1000);
    }
    return performance.now() - t;
  });
  // About half a second here; saving the whole log after every call took 40 s.
  expect(ms).toBeLessThan(8000);
  await expect(page.getByTestId('call-count')).toHaveText('5,001 calls');
  // The list draws a window of rows, not 5,001 of them.
  expect(await page.getByTestId('call-log').locator('li').count()).toBeLessThan(100);
  await expect
    .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('shardscope.session.v1') ?? '{}').journal?.length))
    .toBe(5001);
});

test('a call that starts a transition says what comes next and how to move time: UPDATING, then DELETING', async ({
  page,
}) => {
  await openApp(page);
  await page.evaluate(() => {
    window.__shardscope!.call('CreateStream', { StreamName: 'moving', ShardCount: 1 });
    window.__shardscope!.jumpToNextEvent();
  });
  await pickOperation(page, 'UpdateShardCount');
  await page.getByLabel('StreamName').fill('moving');
  await page.getByLabel('TargetShardCount').fill('2');
  await page.getByLabel('ScalingType').selectOption('UNIFORM_SCALING');
  expect(await send(page, 'UpdateShardCount')).toBe('200 OK');
  await expect(page.getByTestId('response-hint')).toHaveText(
    'The stream is UPDATING, and virtual time is paused: press ▶ Play or Next event (N) to let it become ACTIVE.',
  );
  // Event by event, until the stream is ACTIVE again, when the hint goes.
  for (let guard = 0; guard < 10 && (await page.getByTestId('response-hint').count()) > 0; guard++)
    await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('response-hint')).toHaveCount(0);
  expect((await testApi(page, 'streams'))[0]).toMatchObject({ status: 'ACTIVE' });

  await pickOperation(page, 'DeleteStream');
  await page.getByLabel('StreamName').fill('moving');
  expect(await send(page, 'DeleteStream')).toBe('200 OK');
  await expect(page.getByTestId('response-hint')).toHaveText(
    'The stream is DELETING, and virtual time is paused: press ▶ Play or Next event (N) to let it finish deleting.',
  );
});
