import http2 from 'node:http2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
const MAX_STREAMS_PER_SESSION = 100;
import { startServer, type RunningServer } from './server';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, throttling: false });
});
afterAll(() => server.close());

describe('one HTTP/2 connection opening streams without end', () => {
  it('should be told a bounded number of concurrent streams (the server refuses streams past it)', async () => {
    const session = http2.connect(server.url);
    session.on('error', () => {});
    try {
      await new Promise((resolve) => session.once('remoteSettings', resolve));
      expect(session.remoteSettings.maxConcurrentStreams).toBe(MAX_STREAMS_PER_SESSION);
    } finally {
      session.destroy();
    }
  });
});
