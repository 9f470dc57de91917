import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';
import { SIGNED_HEADERS } from './testing';

// Small timeouts so the attacks below play out in well under a second each.
const HEADERS_MS = 200;
const REQUEST_MS = 400;
const IDLE_MS = 300;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({
    port: 0,
    headersTimeoutMs: HEADERS_MS,
    requestTimeoutMs: REQUEST_MS,
    idleTimeoutMs: IDLE_MS,
    createStreamMs: 0,
  });
});
afterAll(() => server.close());

/** Opens a raw connection, sends `bytes`, and resolves with all it receives until the server closes. */
function stall(bytes: string): Promise<{ received: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => {
      if (bytes) socket.write(bytes);
    });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => resolve({ received, ms: performance.now() - started }));
    socket.on('error', reject);
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('a client that stalls', () => {
  it('should get 408 RequestTimeoutException on a connection that sends nothing', async () => {
    const { received, ms } = await stall('');
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(received).__type).toBe('RequestTimeoutException');
    expect(ms).toBeGreaterThanOrEqual(HEADERS_MS - 20);
    expect(ms).toBeLessThan(5_000);
  });

  it('should get 408 on headers cut short', async () => {
    const { received } = await stall(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar`);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('Content-Type: application/x-amz-json-1.1');
    expect(bodyOf(received).__type).toBe('RequestTimeoutException');
  });

  it('should get 408 on a body cut short', async () => {
    const { received, ms } = await stall(
      'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n' +
        'X-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 100\r\n\r\n{"Limit":',
    );
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(bodyOf(received).__type).toBe('RequestTimeoutException');
    expect(ms).toBeGreaterThanOrEqual(REQUEST_MS - 20);
  });

  it('should have an idle keep-alive connection closed', async () => {
    const request = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const { received, ms } = await stall(request);
    expect(received).toMatch(/^HTTP\/1\.1 403 /);
    expect(ms).toBeGreaterThanOrEqual(IDLE_MS - 20);
    expect(ms).toBeLessThan(5_000);
  });

  it('should have an idle HTTP/2 session closed', async () => {
    const started = performance.now();
    const session = http2.connect(server.url);
    session.on('error', () => {});
    await new Promise<void>((resolve) => session.on('close', () => resolve()));
    expect(performance.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 20);
  });

  it('should get 408 on an HTTP/2 request body cut short', async () => {
    const session = http2.connect(server.url);
    try {
      const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = session.request({
          ':method': 'POST',
          ':path': '/',
          ...SIGNED_HEADERS,
          'x-amz-target': 'Kinesis_20131202.ListStreams',
        });
        let status = 0;
        let body = '';
        stream.on('response', (headers) => (status = Number(headers[':status'])));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve({ status, body }));
        stream.on('error', reject);
        stream.write('{"Limit":');
      });
      expect(response.status).toBe(408);
      expect(JSON.parse(response.body).__type).toBe('RequestTimeoutException');
    } finally {
      session.close();
    }
  });
});

describe('a long-lived stream', () => {
  it('should not be cut by the idle or request timeouts (/events over HTTP/1.1 past all of them)', async () => {
    const lines: string[] = [];
    let closed = false;
    const request = http.get(`${server.url}/events`, (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => lines.push(...chunk.split('\n').filter((l) => l.startsWith('data: '))));
      response.on('close', () => (closed = true));
    });
    request.on('error', () => {});
    // Past the idle and request timeouts, with nothing on the feed.
    await new Promise((resolve) => setTimeout(resolve, REQUEST_MS + IDLE_MS + 200));
    expect(closed).toBe(false);
    server.engine.call('CreateStream', { StreamName: 'late', ShardCount: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.some((line) => line.includes('"operation":"CreateStream"'))).toBe(true);
    request.destroy();
  });
});

describe('a SubscribeToShard stream', () => {
  it('should outlive the idle and request timeouts and still deliver records put later (HTTP/2)', async () => {
    const engine = server.engine;
    engine.call('CreateStream', { StreamName: 'efo-idle', ShardCount: 1 });
    const { Consumer } = engine.call('RegisterStreamConsumer', {
      StreamARN: `arn:aws:kinesis:us-east-1:${engine.options.accountId}:stream/efo-idle`,
      ConsumerName: 'patient',
    });
    const consumerArn = Consumer!.ConsumerARN!;
    for (let i = 0; i < 250; i++) {
      const { ConsumerDescription } = engine.call('DescribeStreamConsumer', { ConsumerARN: consumerArn });
      if (ConsumerDescription!.ConsumerStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const session = http2.connect(server.url);
    session.on('error', () => {});
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/',
        ...SIGNED_HEADERS,
        'x-amz-target': 'Kinesis_20131202.SubscribeToShard',
      });
      let received = Buffer.alloc(0);
      let closed = false;
      stream.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      stream.on('close', () => (closed = true));
      stream.on('error', () => {});
      stream.end(
        JSON.stringify({
          ConsumerARN: consumerArn,
          ShardId: 'shardId-000000000000',
          StartingPosition: { Type: 'LATEST' },
        }),
      );
      // Nothing to deliver for longer than every timeout together.
      await new Promise((resolve) => setTimeout(resolve, HEADERS_MS + REQUEST_MS + IDLE_MS + 300));
      expect(closed).toBe(false);
      expect(session.closed).toBe(false);
      const payload = 'put after the timeouts';
      engine.call('PutRecord', { StreamName: 'efo-idle', PartitionKey: 'k', Data: new TextEncoder().encode(payload) });
      const wanted = Buffer.from(payload).toString('base64');
      for (let i = 0; i < 150 && !received.includes(wanted); i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received.includes(wanted)).toBe(true);
      expect(closed).toBe(false);
    } finally {
      session.destroy();
    }
  });
});
