/**
 * The local Kinesis endpoint: one engine behind HTTP/1.1 and cleartext HTTP/2 on the same port
 * (connections.ts), open to the user's own machine (access.ts).
 *
 * - Serialization: the engine is synchronous and each request runs in one turn of the event loop
 *   once its body is in, so concurrent requests are applied one after another, never interleaved.
 * - Time: the engine starts at the wall clock and moves with elapsed time before every request,
 *   and a timer fires its scheduled events (CREATING → ACTIVE and so on) on time when nobody calls.
 * - Streams: SubscribeToShard (subscription.ts) and /events (feed.ts) hold a bounded buffer for a
 *   reader that stops reading.
 * - Durability (`path`): accepted state-changing calls go to a journal (durable/durableStore.ts), and an
 *   answer is sent only once everything accepted before it is on disk; without `path` the state
 *   lives in memory only.
 */
import { createEngine, type Engine } from '../engine/index';
import {
  AMZ_JSON,
  maxRequestBytes,
  SUBSCRIBE_TO_SHARD,
  TARGET_PREFIX,
  handleKinesisRequest,
  requestFormat,
  type WireResponse,
} from '../protocol/index';
import { ALLOWED_HEADERS, ALLOWED_METHODS, accessPolicy } from './access';
import { readBody } from './body';
import { WallClock, type MonotonicClock } from './clock';
import { NODE_CODECS } from './codecs';
import { createFront } from './connections';
import { EventFeed } from './feed';
import { CommandFeed } from './commandFeed';
import { servePage } from './page';
import { COMMANDS_PATH, SNAPSHOT_PATH } from '../protocol/liveFeed';
import type { FlowControlledWriter } from './flow';
import type { Request, Response } from './http';
import { DurableStore } from './durable/durableStore';
import { journaledEngine } from './durable/journaled';
import { importSession } from './durable/session';
import { DEFAULT_SERVER_OPTIONS, type ServerOptions } from './options';
import { openSubscription } from './subscription';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly engine: Engine;
  /** Bytes held for streaming readers that are behind (bounded by streamBufferBytes each). */
  pendingStreamBytes(): number;
  /** What start-up found worth saying: recovery, import, settings kept from the directory. */
  readonly notes: readonly string[];
  /** The directory keeping the state, or undefined when it is in memory only. */
  readonly store: DurableStore | undefined;
  /** Stops accepting, ends open connections and the clock; resolves when everything is closed. */
  close(): Promise<void>;
}

/** What the endpoint needs from its host besides options: clocks and a place for warnings. */
export interface ServerHost {
  readonly wallNow?: () => number;
  readonly monotonic?: MonotonicClock;
  readonly log?: (line: string) => void;
  /** Called if the journal cannot be written: the endpoint refuses calls from then on and should stop. */
  readonly onFatal?: (error: Error) => void;
}

const ENGINE_SETTINGS = ['profile', 'accountId', 'region', 'seed', 'timings', 'limits', 'lenientKms'] as const;

/** The engine settings the command line asks for that differ from the ones kept (by name). */
function differingSettings(asked: Engine['options'], kept: Engine['options']): string[] {
  return ENGINE_SETTINGS.filter((key) => JSON.stringify(asked[key]) !== JSON.stringify(kept[key]));
}

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

export async function startServer(given: Partial<ServerOptions> = {}, host: ServerHost = {}): Promise<RunningServer> {
  const options: ServerOptions = { ...DEFAULT_SERVER_OPTIONS, ...given };
  const log = host.log ?? ((line: string) => void process.stderr.write(line));
  const wallNow = host.wallNow ?? Date.now;
  const notes: string[] = [];
  const imported = options.importFile !== undefined ? importSession(options.importFile) : undefined;
  if (imported) notes.push(...imported.notes);
  let fatal: Error | undefined;
  const store =
    options.path === undefined
      ? undefined
      : await DurableStore.open(
          {
            dir: options.path,
            sync: options.sync,
            wallNow,
            log,
            ...(options.snapshotEveryBytes !== undefined ? { snapshotEveryBytes: options.snapshotEveryBytes } : {}),
            onFailure: (error) => {
              fatal = error;
              log(`The journal in ${options.path} cannot be written (${error.message}); refusing calls from now on.\n`);
              host.onFatal?.(error);
            },
          },
          () => engineFor(options, wallNow()),
          imported?.engine,
        );
  const engine = store?.engine ?? imported?.engine ?? engineFor(options, wallNow());
  if (store) notes.push(...store.report.notes);
  const differing = differingSettings(engineFor(options, 0).options, engine.options);
  if (differing.length > 0 && (imported !== undefined || store?.report.fresh === false))
    notes.push(
      `engine settings come from ${imported ? 'the session' : options.path} (${differing.join(', ')} differ from the command line's, which are ignored)`,
    );
  const served = store ? journaledEngine(engine, store) : engine;
  const reportFault = (error: unknown) =>
    log(`Internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  const clock = new WallClock(engine, host.monotonic, reportFault);
  const access = accessPolicy(options);
  const feed = new EventFeed(engine, options.streamBufferBytes);
  const commands = new CommandFeed(engine, {
    bufferBytes: options.streamBufferBytes,
    holdBytes: options.commandHoldBytes,
    now: () => {
      clock.sync();
      clock.reschedule();
      return engine.now();
    },
  });
  const subscriptions = {
    engine,
    clock,
    bufferBytes: options.streamBufferBytes,
    reportFault,
    log,
    open: new Map<() => void, FlowControlledWriter>(),
  };

  const json = (res: Response, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    res.writeHead(status, { ...headers, 'Content-Type': AMZ_JSON, 'Content-Length': String(payload.length) });
    res.end(payload);
  };

  /** CORS headers for an allowed browser origin when not everything is open. */
  const corsHeaders = (req: Request): Record<string, string> => {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return {};
    return access.open
      ? { 'Access-Control-Allow-Origin': '*' }
      : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
  };

  const answer = (req: Request, res: Response, body: Buffer): void => {
    // A request timed out while its body was coming has been answered already.
    if (res.headersSent || res.writableEnded) return;
    let response: WireResponse;
    if (fatal !== undefined) {
      // The disk no longer follows the engine: accepting more would acknowledge what cannot last.
      json(res, 500, { __type: 'InternalFailure', message: 'Internal Service Failure' });
      return;
    }
    try {
      clock.sync();
      response = handleKinesisRequest(
        served,
        { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body },
        { ...NODE_CODECS, originFromUserAgent: true },
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
    // The service answers any origin with '*'; this endpoint names the one it let in.
    if (!access.open && response.headers['Access-Control-Allow-Origin'] !== undefined)
      Object.assign(response.headers, corsHeaders(req));
    // Nothing is answered before what it may reflect is on disk (the same wait for reads, which
    // could otherwise show a record that a crash would then take back).
    const durable = store?.barrier();
    if (durable === undefined) deliver(req, res, body, response);
    else
      durable.then(
        () => deliver(req, res, body, response),
        () => {
          if (!res.headersSent && !res.destroyed)
            json(res, 500, { __type: 'InternalFailure', message: 'Internal Service Failure' });
        },
      );
  };

  const deliver = (req: Request, res: Response, body: Buffer, response: WireResponse): void => {
    if (res.headersSent || res.writableEnded || res.destroyed) return;
    const format = requestFormat(req.headers, NODE_CODECS.encodeBase64);
    if (response.status === 200 && format && req.headers['x-amz-target'] === `${TARGET_PREFIX}.${SUBSCRIBE_TO_SHARD}`) {
      // A 200 means the body was read: it is a well-formed document holding a ConsumerARN.
      const { ConsumerARN } = format.decode(body) as { ConsumerARN: string };
      openSubscription(subscriptions, req, res, response, ConsumerARN, format);
      return;
    }
    const payload =
      typeof response.body === 'string'
        ? Buffer.from(response.body, 'utf8')
        : Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength);
    res.writeHead(response.status, { ...response.headers, 'Content-Length': String(payload.length) });
    res.end(payload);
  };

  const onRequest = (req: Request, res: Response): void => {
    const refusal = access.refusal(req.headers);
    if (refusal !== undefined) {
      req.resume();
      json(res, 403, { __type: 'AccessDeniedException', message: refusal });
      return;
    }
    if (req.method === 'OPTIONS' && req.headers.origin !== undefined && !access.open) {
      // A preflight from an allowed origin: only what the SDKs need.
      req.resume();
      res.writeHead(200, {
        ...corsHeaders(req),
        'Access-Control-Allow-Methods': ALLOWED_METHODS,
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    if (options.events && req.method === 'GET' && (req.url === '/events' || req.url?.startsWith('/events?'))) {
      feed.open(req, res, corsHeaders(req));
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const pathname = (req.url ?? '/').split('?')[0];
      if (options.events && pathname === SNAPSHOT_PATH) {
        req.resume();
        commands.snapshot(res, corsHeaders(req), req.method === 'HEAD');
        return;
      }
      if (options.events && pathname === COMMANDS_PATH && req.method === 'GET') {
        commands.open(req, res, corsHeaders(req));
        return;
      }
      if (servePage(req, res, options.appDir)) return;
    }
    readBody(req, res, maxRequestBytes(options.profile), (body) => answer(req, res, body));
  };

  const front = createFront(onRequest, options);
  let address;
  try {
    address = await front.listen(options.port, options.host);
  } catch (error) {
    await store?.close(false);
    throw error;
  }
  clock.reschedule();

  const hostForUrl =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    engine,
    notes,
    store,
    pendingStreamBytes: () => {
      let total = feed.pendingBytes + commands.pendingBytes;
      for (const writer of subscriptions.open.values()) total += writer.pendingBytes;
      return total;
    },
    close: () =>
      (closing ??= (async () => {
        clock.stop();
        for (const stop of [...subscriptions.open.keys()]) stop();
        feed.close();
        commands.close();
        await front.close();
        await store?.close();
      })()),
  };
}
