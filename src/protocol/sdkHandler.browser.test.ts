/**
 * The in-page client, in a real browser: the engine, the protocol and the AWS SDK's *browser*
 * build bundled together by Vite, run in Chromium with the network cut off, so any request that
 * tried to leave the page would fail the test.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';

const CHROMIUM = process.env.SHARDSCOPE_CHROMIUM ?? '/usr/bin/chromium';
const here = fileURLToPath(new URL('.', import.meta.url));

const entry = `
import { CreateStreamCommand, GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand,
  DescribeStreamCommand } from '@aws-sdk/client-kinesis';
import { createEngine } from ${JSON.stringify(join(here, '../engine/index.ts'))};
import { shardscopeClientConfig } from ${JSON.stringify(join(here, 'sdkHandler.ts'))};

export async function run() {
  const engine = createEngine({ timings: 'fast' });
  const client = new KinesisClient(shardscopeClientConfig(engine));
  await client.send(new CreateStreamCommand({ StreamName: 'page', ShardCount: 1 }));
  engine.advanceBy(1000);
  const put = await client.send(new PutRecordCommand({ StreamName: 'page', PartitionKey: 'k', Data: new TextEncoder().encode('from the page') }));
  const { ShardIterator } = await client.send(new GetShardIteratorCommand({ StreamName: 'page', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
  const got = await client.send(new GetRecordsCommand({ ShardIterator }));
  const error = await client.send(new DescribeStreamCommand({ StreamName: 'nope' })).catch((e) => e);
  return {
    data: new TextDecoder().decode(got.Records[0].Data),
    sequenceMatches: got.Records[0].SequenceNumber === put.SequenceNumber,
    errorName: error.name,
    errorMessage: error.message,
    calls: engine.commands().map((c) => c.operation),
  };
}
`;

describe('shardscopeClientConfig in Chromium', () => {
  it.runIf(existsSync(CHROMIUM))(
    'should drive the in-page engine with the SDK browser build and no network',
    async () => {
      // Inside the repository (under node_modules, ignored by git) so the bundler finds the SDK.
      const cache = join(here, '../../node_modules/.cache');
      mkdirSync(cache, { recursive: true });
      const dir = mkdtempSync(join(cache, 'shardscope-sdk-'));
      try {
        writeFileSync(join(dir, 'entry.ts'), entry);
        await build({
          configFile: false,
          logLevel: 'silent',
          root: dir,
          build: {
            outDir: join(dir, 'out'),
            lib: { entry: join(dir, 'entry.ts'), formats: ['iife'], name: 'SdkInPage', fileName: () => 'bundle.js' },
            minify: false,
            target: 'es2022',
          },
        });
        const bundle = readFileSync(join(dir, 'out', 'bundle.js'), 'utf8');
        // The browser build must not carry Node's HTTP/2 handler.
        expect(bundle).not.toContain('NodeHttp2Handler');

        const browser = await chromium.launch({
          executablePath: CHROMIUM,
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        });
        try {
          const context = await browser.newContext();
          const requests: string[] = [];
          await context.route('**/*', (route) => {
            requests.push(route.request().url());
            return route.abort();
          });
          const page = await context.newPage();
          await page.setContent('<!doctype html><title>sdk</title>');
          await page.addScriptTag({ content: bundle });
          const result = await page.evaluate(() =>
            (window as unknown as { SdkInPage: { run(): Promise<unknown> } }).SdkInPage.run(),
          );
          expect(result).toEqual({
            data: 'from the page',
            sequenceMatches: true,
            errorName: 'ResourceNotFoundException',
            errorMessage: 'Stream nope under account 123456789012 not found.',
            calls: ['CreateStream', 'PutRecord', 'GetShardIterator', 'GetRecords', 'DescribeStream'],
          });
          expect(requests).toEqual([]);
        } finally {
          await browser.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
