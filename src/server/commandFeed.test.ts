import http from 'node:http';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointDigest, isKinesisError, type Engine } from '../engine/index';
import { decodeCommand, decodeHello, decodeSnapshot, type FeedCommand } from '../protocol/liveFeed';
import { startServer, type RunningServer } from './server';
import { SIGNED_HEADERS, rawRequest } from './testing';

const BUDGET = 256 * 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    throttling: false,
    createStreamMs: 0,
    updateStreamMs: 0,
    streamBufferBytes: BUDGET,
    commandHoldBytes: 64 * 1024,
  });
  server.engine.call('CreateStream', { StreamName: 's', ShardCount: 2 });
});
afterAll(() => server.close());

async function fetchSnapshot(url = server.url) {
  const response = await fetch(`${url}/snapshot`);
  expect(response.headers.get('content-type')).toBe('application/cbor');
  return decodeSnapshot(new Uint8Array(await response.arrayBuffer()));
}

interface Message {
  readonly event: string;
  readonly data: string;
}

/** A /commands reader: every message in order, until closed or the stream ends. */
class Reader {
  readonly messages: Message[] = [];
  ended = false;
  private readonly request: http.ClientRequest;

  constructor(query: string, url = server.url) {
    let text = '';
    this.request = http.get(`${url}/commands${query}`, { agent: false }, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data = line.slice(6);
          }
          this.messages.push({ event, data });
        }
      });
      response.on('end', () => (this.ended = true));
    });
    this.request.on('error', () => (this.ended = true));
  }

  commands(): FeedCommand[] {
    return this.messages.filter((m) => m.event === 'message').map((m) => decodeCommand(m.data));
  }

  async until(predicate: () => boolean, ms = 5000): Promise<void> {
    const deadline = performance.now() + ms;
    while (!predicate() && performance.now() < deadline) await pause(5);
    expect(predicate()).toBe(true);
  }

  close(): void {
    this.request.destroy();
  }
}

/** Replays commands into an engine as an attached page does. */
function replayInto(engine: Engine, commands: readonly FeedCommand[]): void {
  for (const command of commands) {
    engine.advanceTo(command.t);
    try {
      engine.call(command.operation, command.input, command.origin);
    } catch (error) {
      if (!isKinesisError(error)) throw error;
    }
  }
}

const put = (key: string) =>
  server.engine.call('PutRecord', { StreamName: 's', PartitionKey: key, Data: new TextEncoder().encode(key) });

describe('the command feed', () => {
  it('should let a page holding the snapshot replay the commands after it into the same state', async () => {
    const snapshot = await fetchSnapshot();
    const reader = new Reader(`?after=${snapshot.seq}`);
    await reader.until(() => reader.messages.some((m) => m.event === 'hello'));
    for (let i = 0; i < 20; i++) put(`key-${i}`);
    server.engine.call('SplitShard', {
      StreamName: 's',
      ShardToSplit: 'shardId-000000000000',
      NewStartingHashKey: '1000',
    });
    const iterator = server.engine.call('GetShardIterator', {
      StreamName: 's',
      ShardId: 'shardId-000000000001',
      ShardIteratorType: 'TRIM_HORIZON',
    });
    server.engine.call('GetRecords', { ShardIterator: iterator.ShardIterator! });
    await reader.until(() => reader.commands().length === 23);
    const commands = reader.commands();
    expect(commands.map((c) => c.seq)).toEqual(commands.map((_, i) => snapshot.seq + 1 + i));
    expect(commands.slice(0, 3).map((c) => c.operation)).toEqual(['PutRecord', 'PutRecord', 'PutRecord']);
    replayInto(snapshot.engine, commands);
    snapshot.engine.advanceTo(server.engine.now());
    expect(checkpointDigest(snapshot.engine.snapshot().checkpoint)).toBe(
      checkpointDigest(server.engine.snapshot().checkpoint),
    );
    reader.close();
  });

  it('should resume after the sequence number a reconnecting page last had, Last-Event-ID alike', async () => {
    const before = (await fetchSnapshot()).seq;
    put('a');
    put('b');
    put('c');
    const resumed = new Reader(`?after=${before + 1}`);
    await resumed.until(() => resumed.commands().length === 2);
    expect(resumed.commands().map((c) => c.input)).toMatchObject([{ PartitionKey: 'b' }, { PartitionKey: 'c' }]);
    resumed.close();
    const byHeader = await new Promise<string>((resolve, reject) => {
      const request = http.get(
        `${server.url}/commands`,
        { agent: false, headers: { 'Last-Event-ID': String(before + 2) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(`id: ${before + 3}`)) {
              request.destroy();
              resolve(text);
            }
          });
        },
      );
      request.on('error', reject);
    });
    expect(byHeader).not.toContain(`id: ${before + 2}\n`);
    expect(byHeader).toContain('"PartitionKey":"c"');
  });

  it('should tell a page asking for commands no longer held, or of another run, to start from a snapshot', async () => {
    const old = (await fetchSnapshot()).seq;
    // More than the 64 KiB held.
    for (let i = 0; i < 100; i++)
      server.engine.call('PutRecord', { StreamName: 's', PartitionKey: `p${i}`, Data: new Uint8Array(2000) });
    const stale = new Reader(`?after=${old}`);
    await stale.until(() => stale.ended);
    expect(stale.messages.map((m) => m.event)).toEqual(['hello', 'resnapshot']);
    expect(decodeHello(stale.messages[0]!.data).instance).toBe((await fetchSnapshot()).instance);
    const future = new Reader(`?after=${old + 1_000_000}`);
    await future.until(() => future.ended);
    expect(future.messages.map((m) => m.event)).toEqual(['hello', 'resnapshot']);
    expect(future.messages[1]!.data).toContain('restarted');
  });

  it('should tell the clock between calls', async () => {
    const reader = new Reader('');
    await reader.until(() => reader.messages.filter((m) => m.event === 'tick').length >= 2, 3000);
    const ticks = reader.messages.filter((m) => m.event === 'tick').map((m) => JSON.parse(m.data) as { now: number });
    expect(ticks[1]!.now).toBeGreaterThanOrEqual(ticks[0]!.now);
    reader.close();
  });

  it('should hold at most its buffer for a page that stops reading, then tell it to start again', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.write('GET /commands HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    socket.pause();
    await pause(50);
    for (let i = 0; i < 60; i++)
      server.engine.call('PutRecords', {
        StreamName: 's',
        Records: [{ PartitionKey: `f${i}`, Data: new Uint8Array(40 * 1024) }],
      });
    expect(server.pendingStreamBytes()).toBeLessThanOrEqual(BUDGET);
    let text = '';
    socket.on('data', (chunk: string) => (text += chunk));
    socket.resume();
    const deadline = performance.now() + 5000;
    while (!text.includes('event: resnapshot') && performance.now() < deadline) await pause(10);
    expect(text).toContain('event: resnapshot');
    expect(text).toContain('fell behind');
    socket.destroy();
  });

  it("should name each call's client by its user agent, without the parts that change per call", async () => {
    const reader = new Reader('');
    await reader.until(() => reader.messages.some((m) => m.event === 'hello'));
    const answer = await rawRequest(
      server.url,
      'POST',
      '/',
      {
        ...SIGNED_HEADERS,
        'x-amz-target': 'Kinesis_20131202.ListStreams',
        'user-agent': 'aws-sdk-js/3.1 ua/2.1 os/linux lang/js md/nodejs#20 api/kinesis#3.1 m/E,N',
      },
      '{}',
    );
    expect(answer.status).toBe(200);
    await reader.until(() => reader.commands().some((c) => c.operation === 'ListStreams'));
    const call = reader.commands().find((c) => c.operation === 'ListStreams')!;
    expect(call.origin).toBe('aws-sdk-js/3.1 ua/2.1 os/linux lang/js md/nodejs#20 api/kinesis#3.1');
    reader.close();
  });

  it('should start a new instance when the endpoint starts again', async () => {
    const other = await startServer({ port: 0 });
    try {
      const mine = await fetchSnapshot();
      const theirs = await fetchSnapshot(other.url);
      expect(theirs.instance).not.toBe(mine.instance);
    } finally {
      await other.close();
    }
  });
});

describe('the page at the root', () => {
  let app: string;
  let page: RunningServer;
  beforeAll(async () => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'shardscope-app-'));
    fs.mkdirSync(path.join(app, 'assets'));
    fs.writeFileSync(path.join(app, 'index.html'), '<!doctype html><title>Shardscope</title>');
    fs.writeFileSync(path.join(app, 'assets', 'index-abc.js'), 'console.log(1)');
    fs.writeFileSync(path.join(app, 'secret.key'), 'not served: not a page file type');
    page = await startServer({ port: 0, appDir: app });
  });
  afterAll(async () => {
    await page.close();
    fs.rmSync(app, { recursive: true, force: true });
  });
  const browser = { accept: 'text/html,application/xhtml+xml', host: '127.0.0.1' };

  it('should send a browser to the page attached to this endpoint, then serve it', async () => {
    const first = await rawRequest(page.url, 'GET', '/', browser);
    expect(first.status).toBe(302);
    expect(first.headers.location).toBe(`/?attach=${encodeURIComponent('http://127.0.0.1')}`);
    const index = await rawRequest(page.url, 'GET', first.headers.location!, browser);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<title>Shardscope</title>');
    const script = await rawRequest(page.url, 'GET', '/assets/index-abc.js', { host: '127.0.0.1' });
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log(1)');
  });

  it('should leave tools and SDKs to the Kinesis endpoint, and never serve outside the page', async () => {
    const tool = await rawRequest(page.url, 'GET', '/', { host: '127.0.0.1' });
    expect(tool.status).toBe(403);
    expect(tool.body).toContain('<AccessDeniedException>');
    for (const attempt of ['/../package.json', '/assets/../../package.json', '/%2e%2e/package.json', '/secret.key'])
      expect((await rawRequest(page.url, 'GET', attempt, browser)).status).toBe(403);
  });

  it('should say how to build the page when it is not built', async () => {
    const bare = await startServer({ port: 0, appDir: path.join(app, 'missing') });
    try {
      const answer = await rawRequest(bare.url, 'GET', '/?attach=x', browser);
      expect(answer.status).toBe(404);
      expect(answer.body).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });
});
