import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server';
import { SIGNED_HEADERS, rawRequest } from './testing';

// A smaller budget than the default 8 MiB, so the attack fits in a test.
const BUDGET = 4 * 1024 * 1024;
const ONE_MIB = 1024 * 1024;

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, throttling: false, createStreamMs: 0, streamBufferBytes: BUDGET });
  server.engine.call('CreateStream', { StreamName: 'flood', ShardCount: 1 });
});
afterAll(() => server.close());

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Four records of `size` bytes in one PutRecords call, straight into the engine. */
function putFour(size: number): void {
  const Records = Array.from({ length: 4 }, (_, i) => ({
    PartitionKey: `k${i}`,
    Data: new Uint8Array(size).fill(i),
  }));
  server.engine.call('PutRecords', { StreamName: 'flood', Records });
}

describe('an /events reader that stops reading', () => {
  it('should cost the server a bounded buffer while other clients are answered', async () => {
    // The stalled reader: a raw socket that reads the first answer, then never again.
    const stalled = net.connect(server.port, '127.0.0.1');
    stalled.write('GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise((resolve) => stalled.once('data', resolve));
    stalled.pause();
    try {
      // About 40 MB of feed: more than the kernel's socket buffers and the budget together.
      let peak = 0;
      for (let i = 0; i < 120; i++) {
        putFour(64 * 1024);
        await turn();
        peak = Math.max(peak, server.pendingStreamBytes());
      }
      expect(peak).toBeGreaterThan(BUDGET / 2);
      expect(peak).toBeLessThanOrEqual(BUDGET);
      const started = performance.now();
      const other = await rawRequest(
        server.url,
        'POST',
        '/',
        { ...SIGNED_HEADERS, 'x-amz-target': 'Kinesis_20131202.ListStreams' },
        '{}',
      );
      expect(other.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      stalled.destroy();
    }
  });
});

describe('a SubscribeToShard reader that stops reading', () => {
  it('should be cut once the server holds its budget for it, while other clients are answered', async () => {
    const { Consumer } = server.engine.call('RegisterStreamConsumer', {
      StreamARN: `arn:aws:kinesis:us-east-1:${server.engine.options.accountId}:stream/flood`,
      ConsumerName: 'slow',
    });
    // The consumer becomes ACTIVE on the engine's clock.
    for (let t = 0; t < 500; t++) {
      const { ConsumerDescription } = server.engine.call('DescribeStreamConsumer', {
        ConsumerARN: Consumer!.ConsumerARN!,
      });
      if (ConsumerDescription!.ConsumerStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const session = http2.connect(server.url);
    session.on('error', () => {});
    const stream = session.request({
      ':method': 'POST',
      ':path': '/',
      ...SIGNED_HEADERS,
      'x-amz-target': 'Kinesis_20131202.SubscribeToShard',
    });
    const ended = new Promise<string>((resolve) => {
      stream.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      stream.on('aborted', () => resolve('aborted'));
      stream.on('close', () => resolve(`closed ${stream.rstCode}`));
    });
    stream.end(
      JSON.stringify({
        ConsumerARN: Consumer!.ConsumerARN,
        ShardId: 'shardId-000000000000',
        StartingPosition: { Type: 'LATEST' },
      }),
    );
    const status = await new Promise((resolve) => stream.once('response', (headers) => resolve(headers[':status'])));
    expect(status).toBe(200);
    stream.pause();

    let peak = 0;
    let cut: string | undefined;
    void ended.then((how) => (cut = how));
    for (let i = 0; i < 12 && cut === undefined; i++) {
      putFour(ONE_MIB - 64);
      // Another client meanwhile: answered at once.
      const started = performance.now();
      const other = await rawRequest(
        server.url,
        'POST',
        '/',
        { ...SIGNED_HEADERS, 'x-amz-target': 'Kinesis_20131202.ListStreams' },
        '{}',
      );
      expect(other.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
      for (let t = 0; t < 30 && cut === undefined; t++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        peak = Math.max(peak, server.pendingStreamBytes());
      }
    }
    expect(cut).toBeDefined();
    expect(peak).toBeLessThanOrEqual(BUDGET);
    expect(server.pendingStreamBytes()).toBe(0);
    session.destroy();
  });
});
