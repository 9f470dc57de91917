import http2 from 'node:http2';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxRequestBytes } from '../protocol/index';
import { startServer, type RunningServer } from './server';
import { SIGNED_HEADERS } from './testing';

/** The body limit of the profile the server below runs (the default, current). */
const MAX_REQUEST_BYTES = maxRequestBytes('current');
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0, throttling: false });
});
afterAll(() => server.close());

/** What a sender willing to go on for ever may push before it is stopped (the limit plus slack for socket buffers). */
const BOUND = MAX_REQUEST_BYTES + 32 * 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 'x');

/** Sends a chunked body on a raw HTTP/1.1 connection until the server closes it; what came back and how much went out. */
function endlessChunkedUpload(head: string): Promise<{ received: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let received = '';
    let sent = 0;
    let open = true;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      open = false;
      resolve({ received, sent });
    });
    const pump = () => {
      while (open && sent < 4 * BOUND) {
        sent += CHUNK.length;
        socket.write(`${CHUNK.length.toString(16)}\r\n`);
        socket.write(CHUNK);
        if (!socket.write('\r\n')) return void socket.once('drain', pump);
      }
      if (open) socket.destroy();
    };
    socket.write(head, pump);
  });
}

const head = (length: string) =>
  'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n' +
  `X-Amz-Target: Kinesis_20131202.PutRecords\r\n${length}\r\n\r\n`;

describe('a request body over the limit', () => {
  it('should be refused with 413 from its Content-Length alone, without waiting for the body', async () => {
    const started = performance.now();
    const socket = net.connect(server.port, '127.0.0.1');
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    const received = await new Promise<string>((resolve) => {
      socket.once('data', resolve);
      socket.write(head(`Content-Length: ${MAX_REQUEST_BYTES + 1}`));
    });
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(performance.now() - started).toBeLessThan(500);
    socket.destroy();
  });

  it('should stop a chunked HTTP/1.1 upload that never ends, near the limit', async () => {
    const { received, sent } = await endlessChunkedUpload(head('Transfer-Encoding: chunked'));
    expect(received).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeGreaterThan(MAX_REQUEST_BYTES);
    expect(sent).toBeLessThan(BOUND);
  });

  it('should reset an HTTP/2 stream whose body never ends (CANCEL), after answering 413', async () => {
    const session = http2.connect(server.url);
    session.on('error', () => {});
    try {
      const stream = session.request({
        ':method': 'POST',
        ':path': '/',
        ...SIGNED_HEADERS,
        'x-amz-target': 'Kinesis_20131202.PutRecords',
      });
      stream.on('error', () => {});
      let status = 0;
      let sent = 0;
      let open = true;
      stream.on('response', (headers) => (status = Number(headers[':status'])));
      const closed = new Promise<void>((resolve) =>
        stream.on('close', () => {
          open = false;
          resolve();
        }),
      );
      const pump = () => {
        while (open && sent < 4 * BOUND) {
          sent += CHUNK.length;
          if (!stream.write(CHUNK)) return void stream.once('drain', pump);
        }
      };
      pump();
      await closed;
      expect(status).toBe(413);
      expect(stream.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
      expect(sent).toBeLessThan(BOUND);
      // The session itself is still good for the next request.
      expect(session.closed || session.destroyed).toBe(false);
    } finally {
      session.destroy();
    }
  });
});
