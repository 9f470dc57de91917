/**
 * The local Kinesis endpoint: one engine behind HTTP/1.1 and cleartext HTTP/2 on the same port.
 *
 * - Protocol sniffing: a net server peeks at each connection's first bytes; the HTTP/2 preface
 *   ("PRI * HTTP/2.0...", what the SDK's Node client sends to http:// endpoints) goes to an http2
 *   server, everything else to an HTTP/1.1 server. Both share one request handler.
 * - Serialization: the engine is synchronous and each request runs in one turn of the event loop
 *   once its body is in, so concurrent requests are applied one after another, never interleaved.
 * - Time: the engine starts at the wall clock and is advanced to it before every request, and a
 *   timer fires its scheduled events (CREATING → ACTIVE and so on) on time when nobody calls.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2, { type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import { createEngine, subscriptionEvents, type Engine, type EngineEvent } from '../engine/index';
import {
  AMZ_JSON,
  EVENT_STREAM,
  MAX_REQUEST_BYTES,
  SUBSCRIBE_TO_SHARD,
  TARGET_PREFIX,
  eventFrame,
  firstEventPayload,
  handleKinesisRequest,
  initialResponseFrame,
  subscribeEventFrame,
  toWire,
  type WireResponse,
} from '../protocol/index';
import { WallClock } from './clock';
import { NODE_CODECS } from './codecs';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from './options';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  /** Stops accepting, ends open connections and the clock; resolves when everything is closed. */
  close(): Promise<void>;
}

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;
/** What both kinds of response share, as one callable shape. */
const plain = (res: Response) => res as ServerResponse;

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

export function engineFor(options: ServerOptions, startTime: number): Engine {
  return createEngine({
    profile: options.profile,
    startTime,
    accountId: options.accountId,
    region: options.region,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    timings: {
      createStreamMs: options.createStreamMs,
      deleteStreamMs: options.deleteStreamMs,
      updateStreamMs: options.updateStreamMs,
      updateShardCountMs: options.updateStreamMs,
      encryptionMs: options.updateStreamMs,
      streamModeMs: options.updateStreamMs,
    },
    limits: {
      throughput: options.throttling,
      apiRates: options.throttling,
      ...(options.shardLimit !== undefined ? { shardLimit: options.shardLimit } : {}),
    },
    lenientKms: options.kms === 'lenient',
    // A long-running endpoint keeps the records, not a replayable log of every call's input.
    commandLog: false,
  });
}

/** What a test may put in place of the wall clock (not a command-line option). */
export interface ServerHooks {
  /** The wall clock the engine follows (default Date.now): a test moves time without waiting. */
  readonly now?: () => number;
}

export async function startServer(given: Partial<ServerOptions> = {}, hooks: ServerHooks = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...given };
  const now = hooks.now ?? Date.now;
  const engine = engineFor(options, now());
  const reportFault = (error: unknown) =>
    process.stderr.write(
      `Internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  const clock = new WallClock(engine, now, reportFault);
  const feeds = new Set<Response>();
  let unsubscribeFeed: (() => void) | undefined;

  const answer = (req: Request, res: Response, body: Buffer): void => {
    let response: WireResponse;
    try {
      clock.sync();
      response = handleKinesisRequest(
        engine,
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: body.toString('utf8') },
        NODE_CODECS,
      );
      clock.reschedule();
    } catch (error) {
      // Only an engine fault can land here (firing a scheduled event): answer as the service would
      // and keep serving.
      reportFault(error);
      response = {
        status: 500,
        headers: { 'Content-Type': AMZ_JSON },
        body: '{"__type":"InternalFailure","message":"Internal Service Failure"}',
      };
    }
    if (response.status === 200 && req.headers['x-amz-target'] === `${TARGET_PREFIX}.${SUBSCRIBE_TO_SHARD}`) {
      openSubscription(req, res, response, body);
      return;
    }
    const payload = Buffer.from(response.body, 'utf8');
    plain(res).writeHead(response.status, { ...response.headers, 'Content-Length': String(payload.length) });
    plain(res).end(payload);
  };

  /**
   * A successful SubscribeToShard: an event stream that sends the first event at once, then the
   * events the engine pushes on its clock, and ends with the subscription (5 minutes, takeover,
   * deregistration, end of a closed shard).
   */
  const subscriptionTimers = new Set<ReturnType<typeof setInterval>>();
  const openSubscription = (req: Request, res: Response, response: WireResponse, body: Buffer): void => {
    const { ConsumerARN } = JSON.parse(body.toString('utf8')) as { ConsumerARN: string };
    const streamName = /:stream\/([^/]+)\/consumer\//.exec(ConsumerARN)?.[1] ?? '';
    const views = subscriptionEvents(engine.stream(streamName), ConsumerARN);
    const ours = views[views.length - 1];
    plain(res).writeHead(200, { ...response.headers, 'Content-Type': EVENT_STREAM });
    plain(res).write(initialResponseFrame());
    plain(res).write(eventFrame('SubscribeToShardEvent', firstEventPayload(response.body)));
    if (!ours) return void res.end();
    // Events are a second apart: ask only for those after the last one sent.
    let lastSentAt = ours.startedAt;
    const follow = () => {
      try {
        clock.sync();
        clock.reschedule();
      } catch (error) {
        reportFault(error);
      }
      const view = subscriptionEvents(engine.stream(streamName), ConsumerARN, {
        shardId: ours.shardId,
        since: lastSentAt + 1,
      }).find((v) => v.startedAt === ours.startedAt);
      for (const { at, ...event } of view?.events ?? []) {
        plain(res).write(subscribeEventFrame(event, NODE_CODECS.encodeBase64));
        lastSentAt = at;
      }
      if (!view || view.endedAt !== undefined) stop();
    };
    const timer = setInterval(follow, 250);
    subscriptionTimers.add(timer);
    const stop = () => {
      clearInterval(timer);
      if (subscriptionTimers.delete(timer)) res.end();
    };
    req.on('close', stop);
    follow();
  };

  const openFeed = (req: Request, res: Response): void => {
    const headers: Record<string, string> = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
    if (req.headers.origin) headers['Access-Control-Allow-Origin'] = '*';
    plain(res).writeHead(200, headers);
    plain(res).write(`event: hello\ndata: ${JSON.stringify({ options: engine.options, now: engine.now() })}\n\n`);
    feeds.add(res);
    unsubscribeFeed ??= engine.subscribe((event: EngineEvent) => {
      const line = `data: ${JSON.stringify(toWire(event, NODE_CODECS.encodeBase64))}\n\n`;
      for (const feed of feeds) plain(feed).write(line);
    });
    const done = () => {
      feeds.delete(res);
      if (feeds.size === 0 && unsubscribeFeed) {
        unsubscribeFeed();
        unsubscribeFeed = undefined;
      }
    };
    req.on('close', done);
    res.on('close', done);
  };

  const onRequest = (req: Request, res: Response): void => {
    if (options.events && req.method === 'GET' && (req.url === '/events' || req.url?.startsWith('/events?'))) {
      openFeed(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      length += chunk.length;
      if (length > MAX_REQUEST_BYTES) {
        refused = true;
        chunks.length = 0;
        plain(res).writeHead(413, { 'Content-Length': '0' });
        res.end();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      answer(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length));
    });
    req.on('error', () => res.destroy());
  };

  const h1 = http.createServer({ keepAliveTimeout: 30_000 }, onRequest);
  // PutRecords bodies reach 5 MiB; several in flight on one session exceed the 10 MB default.
  const h2 = http2.createServer({ maxSessionMemory: 128 }, onRequest);
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  const sockets = new Set<Socket>();

  // noDelay as http.createServer does by default: this server accepts the sockets, so it must say so
  // (with Nagle's algorithm on, a small response can sit behind a delayed ACK).
  const front = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let seen: Buffer = Buffer.alloc(0);
    const sniff = (chunk: Buffer) => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const n = Math.min(seen.length, HTTP2_PREFACE.length);
      const isH2 = seen.subarray(0, n).equals(HTTP2_PREFACE.subarray(0, n));
      // Undecided until the bytes so far could still be either.
      if (isH2 && n < HTTP2_PREFACE.length) return;
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
    socket.on('error', () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port, options.host, () => {
      front.off('error', reject);
      resolve();
    });
  });
  clock.reschedule();

  const address = front.address() as AddressInfo;
  const hostForUrl =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    engine,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        clock.stop();
        for (const timer of subscriptionTimers) clearInterval(timer);
        subscriptionTimers.clear();
        unsubscribeFeed?.();
        for (const feed of feeds) plain(feed).end();
        front.close(() => resolve());
        for (const session of sessions) session.close();
        h1.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      })),
  };
}
