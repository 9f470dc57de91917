/**
 * A newcomer's journey through the real UI: create a stream of 2 shards from the form, wait for
 * ACTIVE with the clock, put records, read them back with an iterator, split a shard, see each
 * answer and the call log; reload and find the session restored; import a broken file and see
 * the error with the session intact.
 */
import { expect, test } from '@playwright/test';
import { openApp, pickOperation, send, testApi } from '../support/app';

test('a newcomer creates, writes, reads and splits a stream, then reloads and survives a broken import', async ({
  page,
}) => {
  await openApp(page);

  // CreateStream is the first form; its labels are the API's parameter names.
  await expect(page.getByLabel('Operation', { exact: true })).toHaveValue('CreateStream');
  const streamName = page.getByLabel('StreamName');
  await streamName.fill('orders');
  await page.getByLabel('ShardCount').fill('2');
  expect(await send(page, 'CreateStream')).toBe('200 OK');
  expect((await testApi(page, 'streams'))[0]).toMatchObject({ name: 'orders', status: 'CREATING' });
  // The answer says what to do next: time is paused and the stream waits for it.
  await expect(page.getByTestId('response-hint')).toContainText('press ▶ Play or Next event');

  // Wait for ACTIVE with the clock: "Next event" moves virtual time to the status change.
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect(page.getByTestId('response-hint')).toHaveCount(0);
  await expect.poll(async () => (await testApi(page, 'streams'))[0]?.status).toBe('ACTIVE');
  await page.getByRole('tab', { name: 'Engine events' }).click();
  await expect(page.getByTestId('event-log')).toContainText('Stream orders: CREATING → ACTIVE');
  await expect(page.getByTestId('clock')).toContainText('T+0:15.0');
  await page.getByRole('tab', { name: 'Call log' }).click();

  // PutRecords: the form comes with the stream and three records with fresh partition keys.
  await pickOperation(page, 'PutRecords');
  await expect(page.getByLabel('StreamName')).toHaveValue('orders');
  await expect(page.locator('[data-param="Records"] textarea')).toHaveCount(3);
  expect(await send(page, 'PutRecords')).toBe('200 OK');
  await expect(page.getByTestId('response-body')).toContainText('"FailedRecordCount": 0');
  const afterPut = await testApi(page, 'streams');
  const shard0Records = afterPut[0]!.shards[0]!.records;
  expect(afterPut[0]!.shards.reduce((n, s) => n + s.records, 0)).toBe(3);

  // Read them back: an iterator at TRIM_HORIZON of the first shard, then GetRecords with it.
  await pickOperation(page, 'GetShardIterator');
  await expect(page.getByLabel('ShardId')).toHaveValue('shardId-000000000000');
  await expect(page.getByLabel('ShardIteratorType')).toHaveValue('TRIM_HORIZON');
  expect(await send(page, 'GetShardIterator')).toBe('200 OK');
  await expect(page.getByTestId('response-body')).toContainText('"ShardIterator"');

  await pickOperation(page, 'GetRecords');
  await expect(page.getByRole('textbox', { name: 'ShardIterator', exact: true })).not.toHaveValue('');
  expect(await send(page, 'GetRecords')).toBe('200 OK');
  const body = JSON.parse((await page.getByTestId('response-body').textContent()) ?? '{}') as {
    Records: { PartitionKey: string }[];
  };
  expect(body.Records).toHaveLength(shard0Records);

  // Split the first shard at its middle; the clock brings the stream back to ACTIVE with 3 open shards.
  await pickOperation(page, 'SplitShard');
  await expect(page.getByLabel('ShardToSplit')).toHaveValue('shardId-000000000000');
  await expect(page.getByLabel('NewStartingHashKey')).toHaveValue('85070591730234615865843651857942052864');
  expect(await send(page, 'SplitShard')).toBe('200 OK');
  await page.getByRole('button', { name: 'Next event' }).click();
  await expect.poll(async () => (await testApi(page, 'streams'))[0]!.shards.filter((s) => s.open).length).toBe(3);

  // Every answer is in the call log, in order, with the stream and the outcome.
  const log = page.getByTestId('call-log');
  await expect(log.locator('li')).toHaveCount(5);
  await expect(log.locator('li .entry-summary .param')).toHaveText([
    'CreateStream',
    'PutRecords',
    'GetShardIterator',
    'GetRecords',
    'SplitShard',
  ]);
  await expect(log.locator('li .entry-summary .stream').first()).toHaveText('orders');
  await page.getByLabel('Outcome').selectOption('failed');
  await expect(page.getByText('No calls yet')).toHaveCount(0);
  await expect(log.locator('li')).toHaveCount(0);
  await page.getByLabel('Outcome').selectOption('all');

  // Reload: the autosaved session comes back at the same virtual time with the same state.
  const before = { now: await testApi(page, 'now'), streams: await testApi(page, 'streams') };
  await page.reload();
  await page.waitForFunction(() => window.__shardscope !== undefined);
  expect(await testApi(page, 'now')).toBe(before.now);
  expect(await testApi(page, 'streams')).toEqual(before.streams);
  await expect(page.getByTestId('call-log').locator('li')).toHaveCount(5);

  // A truncated session file is refused with a clear error; the session is untouched.
  await page.getByTestId('import-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"schema":"shardscope-session","version":1,"settings":{"profile":"cur'),
  });
  await expect(page.getByRole('alert')).toContainText('Could not import broken.json');
  await expect(page.getByRole('alert')).toContainText('is it truncated?');
  await expect(page.getByRole('alert')).toContainText('Your current session is unchanged.');
  expect(await testApi(page, 'streams')).toEqual(before.streams);
  expect(await testApi(page, 'now')).toBe(before.now);
});
