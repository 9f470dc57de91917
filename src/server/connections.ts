/**
 * The endpoint's connections: HTTP/1.1 and cleartext HTTP/2 on one port, with timeouts.
 *
 * - Protocol sniffing: a net server peeks at each connection's first bytes; the HTTP/2 preface
 *   ("PRI * HTTP/2.0...", what the SDK's Node client sends to http:// endpoints) goes to an http2
 *   server, everything else to an HTTP/1.1 server. Both share one request handler.
 * - Timeouts: a request's headers must arrive within headersTimeoutMs and the whole request within
 *   requestTimeoutMs, else 408 with a RequestTimeoutException body (when a response can still be
 *   written); a connection with nothing in progress closes after idleTimeoutMs. A response being
 *   streamed (SubscribeToShard, /events) is in progress however long it lasts.
 */
import http, { type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import { AMZ_JSON } from '../protocol/index';
import { asResponse, type Request, type Response } from './http';

export interface ConnectionOptions {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly idleTimeoutMs: number;
}

export interface Front {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting and ends every connection. */
  close(): Promise<void>;
}

/** Concurrent HTTP/2 streams one connection may open (requests and SubscribeToShard streams). */
export const MAX_STREAMS_PER_SESSION = 100;

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export const requestTimeoutBody = (ms: number): string =>
  JSON.stringify({
    __type: 'RequestTimeoutException',
    message: `The request did not arrive within ${ms} ms; the connection is closed.`,
  });

/** A whole 408 response for a socket whose request never reached a handler. */
function rawRequestTimeout(ms: number): string {
  const body = requestTimeoutBody(ms);
  return (
    'HTTP/1.1 408 Request Timeout\r\n' +
    `Content-Type: ${AMZ_JSON}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
  );
}

/** What Node's HTTP/1.1 server answers to a request it could not parse (its default, kept). */
function rawClientError(error: NodeJS.ErrnoException): string {
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? '431 Request Header Fields Too Large'
      : error.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
        ? '413 Payload Too Large'
        : '400 Bad Request';
  return `HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`;
}

export function createFront(onRequest: (req: Request, res: Response) => void, options: ConnectionOptions): Front {
  const { headersTimeoutMs, requestTimeoutMs, idleTimeoutMs } = options;

  const h1 = http.createServer(
    {
      keepAliveTimeout: idleTimeoutMs,
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // How often Node looks for requests past their timeouts: a fraction of the shortest.
      connectionsCheckingInterval: Math.max(10, Math.min(30_000, Math.floor(headersTimeoutMs / 4))),
    },
    onRequest,
  );
  // Node starts enforcing headersTimeout and requestTimeout when the server starts listening; this
  // one never listens (the front hands it its sockets), so it is told it has.
  h1.emit('listening');
  /** The response in progress on each HTTP/1.1 socket, to know whether a 408 can still be written. */
  const inProgress = new WeakMap<Socket, ServerResponse>();
  h1.on('request', (req: http.IncomingMessage, res: ServerResponse) => {
    inProgress.set(req.socket, res);
    res.on('finish', () => inProgress.delete(req.socket));
  });
  h1.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const response = inProgress.get(socket);
    if (socket.writable && !response?.headersSent && error.code !== 'ECONNRESET') {
      socket.end(
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? rawRequestTimeout(requestTimeoutMs) : rawClientError(error),
      );
    }
    socket.destroy();
  });

  // PutRecords bodies reach 5 MiB; several in flight on one session exceed the 10 MB default.
  // Streams per session are capped (Node's default is none): each may be a subscription holding a
  // stream buffer, so one connection could otherwise open thousands of them.
  const h2Options = { maxSessionMemory: 128, settings: { maxConcurrentStreams: MAX_STREAMS_PER_SESSION } };
  const h2 = http2.createServer(h2Options, (req: Http2ServerRequest, res: Http2ServerResponse) => {
    // Headers arrive in one block; the body must follow within the request timeout.
    const timer = setTimeout(() => {
      if (req.complete) return;
      if (res.headersSent) return void res.destroy();
      const body = requestTimeoutBody(requestTimeoutMs);
      res.writeHead(408, { 'Content-Type': AMZ_JSON, 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(body);
    }, requestTimeoutMs);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    res.once('close', () => clearTimeout(timer));
    onRequest(req, asResponse(res));
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session: http2.ServerHttp2Session) => {
    sessions.add(session);
    // Idle: no stream open. A session that never opens one (a bare preface, headers cut short)
    // is idle from the start.
    let open = 0;
    let idle: ReturnType<typeof setTimeout> | undefined;
    const startIdle = () => {
      idle = setTimeout(() => session.close(), idleTimeoutMs);
      idle.unref();
    };
    session.on('stream', (stream: http2.ServerHttp2Stream) => {
      open++;
      clearTimeout(idle);
      stream.once('close', () => {
        if (--open === 0 && !session.closed) startIdle();
      });
    });
    session.on('close', () => {
      clearTimeout(idle);
      sessions.delete(session);
    });
    startIdle();
  });

  const sockets = new Set<Socket>();
  // noDelay as http.createServer does by default: this server accepts the sockets, so it must say so
  // (with Nagle's algorithm on, a small response can sit behind a delayed ACK).
  const front = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let seen: Buffer = Buffer.alloc(0);
    // A connection that says nothing, or not enough to tell its protocol, within the headers
    // timeout gets a 408 (an HTTP/2 client, not a word of HTTP/1.1, is just closed).
    const silent = setTimeout(() => {
      socket.off('data', sniff);
      if (seen.length === 0) socket.end(rawRequestTimeout(headersTimeoutMs));
      socket.destroy();
    }, headersTimeoutMs);
    silent.unref();
    const sniff = (chunk: Buffer) => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, HTTP2_PREFACE.length);
      const isH2 = seen.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      // Undecided until the bytes so far could still be either.
      if (isH2 && n < HTTP2_PREFACE.length) return;
      clearTimeout(silent);
      socket.off('data', sniff);
      socket.pause();
      if (isH2) {
        // The HTTP/2 session reads the socket's native handle, and on its first tick feeds itself
        // whatever is buffered in the stream: the unshifted preface. The socket must stay paused
        // until then, or flowing mode would hand those bytes to nobody.
        socket.unshift(seen);
        h2.emit('connection', socket);
        return;
      }
      socket.unshift(seen);
      h1.emit('connection', socket);
      socket.resume();
    };
    socket.on('data', sniff);
  });

  return {
    listen: (port, host) =>
      new Promise<AddressInfo>((resolve, reject) => {
        front.once('error', reject);
        front.listen(port, host, () => {
          front.off('error', reject);
          resolve(front.address() as AddressInfo);
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const session of sessions) session.close();
        h1.closeAllConnections();
        // Stops Node's timeout checks (the server was never listening, which close reports).
        h1.close(() => {});
        for (const socket of sockets) socket.destroy();
      }),
  };
}
