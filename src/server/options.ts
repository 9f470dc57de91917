/**
 * The endpoint's settings and its command line. Flag names follow kinesalite's
 * (`--port`, `--createStreamMs`, `--deleteStreamMs`, `--updateStreamMs`, `--shardLimit`), so its
 * users can switch without relearning; the rest map onto engine options.
 */
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, PROFILES, type Profile } from '../engine/index';
import type { SyncMode } from './durable/journalWriter';
import { DEFAULT_APP_DIR } from './appFiles';

export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 4567 (kinesalite's). */
  readonly port: number;
  /** Interface to bind; loopback unless told otherwise. */
  readonly host: string;
  readonly profile: Profile;
  readonly createStreamMs: number;
  readonly deleteStreamMs: number;
  /** How long every UPDATING transition lasts: split, merge, shard count, encryption, stream mode. */
  readonly updateStreamMs: number;
  /** Account shard limit; undefined keeps the profile's default for the region. */
  readonly shardLimit?: number | undefined;
  /** Per-shard throughput and per-account API rate limits. */
  readonly throttling: boolean;
  /** Lenient KMS accepts any well-formed key id, creating the key on first use. */
  readonly kms: 'lenient' | 'strict';
  readonly accountId: string;
  readonly region: string;
  readonly seed?: number | undefined;
  /** Serve Server-Sent Events of engine events at GET /events. */
  readonly events: boolean;
  /**
   * Browser origins allowed besides the loopback ones (http://localhost:*, http://127.0.0.1:*,
   * http://[::1]:*); `*` lets any page call the endpoint.
   */
  readonly cors: readonly string[];
  /** Host header names accepted besides loopback names and the bound address (DNS rebinding guard). */
  readonly allowedHosts: readonly string[];
  /** A request's headers must arrive within this (408 otherwise). */
  readonly headersTimeoutMs: number;
  /** A whole request, headers and body, must arrive within this (408 otherwise). */
  readonly requestTimeoutMs: number;
  /** A connection with no request in progress and no open stream is closed after this. */
  readonly idleTimeoutMs: number;
  /**
   * Bytes held for one streaming reader (SubscribeToShard, /events) that does not keep up; past
   * it a subscription is cut and the feed skips events.
   */
  readonly streamBufferBytes: number;
  /** Bytes of recent commands held for attached pages resuming (GET /commands?after=). */
  readonly commandHoldBytes: number;
  /** The built page served at `/` (attached to this endpoint). */
  readonly appDir: string;
  /** A directory that keeps the state across restarts; undefined keeps it in memory only. */
  readonly path?: string | undefined;
  /** When an accepted call is acknowledged: after its journal entry is fsynced, or at once. */
  readonly sync: SyncMode;
  /** A session file exported by the page to start from. */
  readonly importFile?: string | undefined;
  /** Journal bytes after which a snapshot is taken (compaction); the store's default when undefined. */
  readonly snapshotEveryBytes?: number | undefined;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 4567,
  host: '127.0.0.1',
  profile: 'current',
  createStreamMs: 500,
  deleteStreamMs: 500,
  updateStreamMs: 500,
  throttling: true,
  kms: 'lenient',
  accountId: DEFAULT_ACCOUNT_ID,
  region: DEFAULT_REGION,
  events: true,
  cors: [],
  allowedHosts: [],
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 60_000,
  streamBufferBytes: 8 * 1024 * 1024,
  commandHoldBytes: 32 * 1024 * 1024,
  appDir: DEFAULT_APP_DIR,
  sync: 'always',
};

export const USAGE = `Usage: npm run serve -- [options]

A local Amazon Kinesis Data Streams endpoint (HTTP/1.1 and cleartext HTTP/2 on one port).

Options:
  --port <port>            Port to listen on; 0 picks a free one (default: 4567)
  --host <address>         Interface to bind (default: 127.0.0.1, loopback only)
  --profile <p>            API profile: current | 2017-07 (default: current)
  --createStreamMs <ms>    Time streams stay CREATING (default: 500)
  --deleteStreamMs <ms>    Time streams stay DELETING (default: 500)
  --updateStreamMs <ms>    Time streams stay UPDATING (default: 500)
  --shardLimit <n>         Account shard limit (default: the profile's for the region)
  --throttling <on|off>    Shard throughput and API rate limits (default: on)
  --kms <lenient|strict>   Accept any KMS key id, or only known keys (default: lenient)
  --account <12 digits>    Account id in ARNs and messages (default: ${DEFAULT_ACCOUNT_ID})
  --region <region>        Region in ARNs (default: ${DEFAULT_REGION})
  --seed <n>               Seed of the engine's random choices (default: the engine's)
  --events <on|off>        Server-Sent Events of engine events at GET /events, and the
                           command feed an attached page follows (default: on)
  --app <dir>              The built page served at / (default: dist/, made by npm run build)
  --cors <origin>          Let pages from this origin call the endpoint (repeatable); '*' lets
                           any page (default: loopback origins only)
  --allowed-hosts <name>   Accept this Host header name too (repeatable or comma-separated;
                           default: loopback names and the bound address)
  --headersTimeoutMs <ms>  Time for a request's headers to arrive (default: 60000)
  --requestTimeoutMs <ms>  Time for a whole request to arrive (default: 120000)
  --idleTimeoutMs <ms>     Close connections idle this long (default: 60000)
  --path <dir>             Keep streams and records in this directory across restarts (a
                           journal of every accepted change, and snapshots); without it they
                           are kept in memory only and lost when the endpoint exits
  --sync <always|none>     always: a call is answered once its journal entry is on disk (fsync),
                           so an acknowledged write survives a crash of the process or the
                           machine; none: answered at once and written moments later, never
                           synced, so a crash of the process can lose the last few
                           milliseconds of acknowledged calls and a power loss or OS crash
                           the last seconds (default: always)
  --import <file>          Start from a session file saved in the page (its Kinesis and KMS
                           calls are replayed; simulated traffic stays in the page). With --path,
                           the directory must be new or empty
  --help                   Show this help

Data: without --path everything is kept in memory only and is lost when the endpoint exits.

Security: the endpoint has no authentication (signatures are not checked). It listens on
loopback, answers browsers only from loopback origins and refuses Host names it does not know
(so another web page, or a DNS name rebound to 127.0.0.1, cannot drive it). Binding another
interface with --host lets anyone who can reach it read, write and delete streams.
`;

export class UsageError extends Error {}

const integer = (flag: string, text: string, min: number): number => {
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new UsageError(`--${flag} must be an integer ≥ ${min}, got '${text}'`);
  return Number(text);
};

const oneOf = <T extends string>(flag: string, text: string, values: readonly T[]): T => {
  if (!(values as readonly string[]).includes(text)) {
    throw new UsageError(`--${flag} must be one of ${values.join(', ')}, got '${text}'`);
  }
  return text as T;
};

const onOff = (flag: string, text: string): boolean => oneOf(flag, text, ['on', 'off'] as const) === 'on';

/** Parses `--flag value` and `--flag=value` arguments; 'help' when --help is given. */
export function parseArgs(argv: readonly string[]): ServerOptions | 'help' {
  const options: { -readonly [K in keyof ServerOptions]: ServerOptions[K] } = { ...DEFAULT_SERVER_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    if (!arg.startsWith('--')) throw new UsageError(`Unexpected argument '${arg}'`);
    const eq = arg.indexOf('=');
    const flag = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`--${flag} needs a value`);
      value = next;
      i++;
    }
    switch (flag) {
      case 'port':
        options.port = integer(flag, value, 0);
        break;
      case 'host':
        options.host = value;
        break;
      case 'profile':
        options.profile = oneOf(flag, value, PROFILES);
        break;
      case 'createStreamMs':
        options.createStreamMs = integer(flag, value, 0);
        break;
      case 'deleteStreamMs':
        options.deleteStreamMs = integer(flag, value, 0);
        break;
      case 'updateStreamMs':
        options.updateStreamMs = integer(flag, value, 0);
        break;
      case 'shardLimit':
        options.shardLimit = integer(flag, value, 1);
        break;
      case 'throttling':
        options.throttling = onOff(flag, value);
        break;
      case 'kms':
        options.kms = oneOf(flag, value, ['lenient', 'strict'] as const);
        break;
      case 'account':
        if (!/^\d{12}$/.test(value)) throw new UsageError(`--account must be 12 digits, got '${value}'`);
        options.accountId = value;
        break;
      case 'region':
        if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value))
          throw new UsageError(`--region must look like us-east-1, got '${value}'`);
        options.region = value;
        break;
      case 'seed':
        options.seed = integer(flag, value, 0);
        break;
      case 'events':
        options.events = onOff(flag, value);
        break;
      case 'app':
        if (value === '') throw new UsageError('--app needs a directory');
        options.appDir = value;
        break;
      case 'cors':
        options.cors = [...options.cors, corsOrigin(value)];
        break;
      case 'allowed-hosts':
        options.allowedHosts = [...options.allowedHosts, ...hostNames(value)];
        break;
      case 'headersTimeoutMs':
        options.headersTimeoutMs = integer(flag, value, 1);
        break;
      case 'requestTimeoutMs':
        options.requestTimeoutMs = integer(flag, value, 1);
        break;
      case 'idleTimeoutMs':
        options.idleTimeoutMs = integer(flag, value, 1);
        break;
      case 'path':
        if (value === '') throw new UsageError('--path needs a directory');
        options.path = value;
        break;
      case 'sync':
        options.sync = oneOf(flag, value, ['always', 'none'] as const);
        break;
      case 'import':
        if (value === '') throw new UsageError('--import needs a session file');
        options.importFile = value;
        break;
      case 'ssl':
        // kinesalite's HTTPS: say so rather than "unknown".
        throw new UsageError(`--${flag} is a kinesalite option this endpoint does not have (it serves plain HTTP)`);
      default:
        throw new UsageError(`Unknown option --${flag}`);
    }
  }
  if (options.port > 65535) throw new UsageError(`--port must be at most 65535, got ${options.port}`);
  if (options.headersTimeoutMs > options.requestTimeoutMs)
    throw new UsageError('--headersTimeoutMs must not be longer than --requestTimeoutMs');
  return options;
}

/** An origin as browsers send it (scheme://host[:port]), or '*'. */
function corsOrigin(text: string): string {
  if (text === '*') return text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, ''))
    throw new UsageError(`--cors must be an origin such as http://host:8080, or '*', got '${text}'`);
  return url.origin;
}

/** Host names, lower case, from one comma-separated argument. */
function hostNames(text: string): string[] {
  const names = text.split(',').map((name) => name.trim().toLowerCase());
  for (const name of names)
    if (!/^[a-z0-9.-]{1,253}$|^\[[0-9a-f:.]{2,45}\]$/.test(name))
      throw new UsageError(`--allowed-hosts takes host names without ports, got '${name}'`);
  return names;
}
