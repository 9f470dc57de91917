/**
 * The page's link to an endpoint's command feed (protocol/liveFeed.ts): a snapshot first, then
 * the commands after it, resuming after the last one held when the stream breaks, and starting
 * again from a snapshot when the endpoint restarted (another instance), when commands are
 * missing, or when the endpoint says the page fell behind. Retries back off up to 2 s.
 */
import {
  COMMANDS_PATH,
  SNAPSHOT_PATH,
  decodeCommand,
  decodeHello,
  decodeSnapshot,
  decodeTick,
  type FeedCommand,
  type FeedSnapshot,
} from '../../protocol/liveFeed';
import type { EngineOptions } from '../../engine';
import { readSse } from './sse';

export type LinkState = 'connecting' | 'connected' | 'reconnecting' | 'restarted';

export interface ConnectionHost {
  /** A state to show from now on (the page installs it; commands continue after its `seq`). */
  onSnapshot(snapshot: FeedSnapshot): void;
  onCommand(command: FeedCommand): void;
  /** The endpoint's clock: every command before it has arrived. */
  onTick(now: number): void;
  onState(state: LinkState, detail?: string): void;
}

export interface ConnectionDeps {
  readonly fetch: typeof fetch;
  readonly delay: (ms: number) => Promise<void>;
  /** The engine options the page runs a snapshot with (a page bounds the records it keeps). */
  readonly adjust?: (options: EngineOptions) => EngineOptions;
}

/** The largest snapshot a page takes (a million records of ~100 bytes, with room). */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 2000;

class Restart extends Error {}

export class EndpointConnection {
  private stopped = false;
  private instance: string | undefined;
  /** The last command held; undefined when the next step is a snapshot. */
  private seq: number | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(
    readonly endpoint: string,
    private readonly host: ConnectionHost,
    private readonly deps: ConnectionDeps,
  ) {}

  start(): void {
    this.running ??= this.run();
  }

  /** Stops at the next snapshot (the page dropped commands it could not hold). */
  resync(): void {
    this.seq = undefined;
    this.abort?.abort();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<void> {
    let retry = FIRST_RETRY_MS;
    this.host.onState('connecting');
    while (!this.stopped) {
      try {
        if (this.seq === undefined) await this.takeSnapshot();
        await this.follow(() => (retry = FIRST_RETRY_MS));
        // The stream ended: the endpoint closed it (shutting down) or asked for a snapshot.
        if (this.seq !== undefined && !this.stopped) throw new Error('the endpoint closed the stream');
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof Restart) continue;
        this.host.onState('reconnecting', reasonOf(error));
        await this.deps.delay(retry);
        retry = Math.min(retry * 2, LAST_RETRY_MS);
      }
    }
  }

  private async takeSnapshot(): Promise<void> {
    const response = await this.deps.fetch(`${this.endpoint}${SNAPSHOT_PATH}`, { cache: 'no-store' });
    if (!response.ok)
      throw new Error(
        `the endpoint answered ${response.status} for its snapshot (a Shardscope endpoint with --events on offers one)`,
      );
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_SNAPSHOT_BYTES) throw new Error('the endpoint’s state is larger than a page holds');
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAX_SNAPSHOT_BYTES) throw new Error('the endpoint’s state is larger than a page holds');
    const snapshot = decodeSnapshot(bytes, this.deps.adjust);
    if (this.stopped) return;
    const restarted = this.instance !== undefined && this.instance !== snapshot.instance;
    this.instance = snapshot.instance;
    this.seq = snapshot.seq;
    this.host.onSnapshot(snapshot);
    if (restarted) this.host.onState('restarted');
  }

  private async follow(connected: () => void): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const response = await this.deps.fetch(`${this.endpoint}${COMMANDS_PATH}?after=${this.seq}`, {
      signal: abort.signal,
      headers: { Accept: 'text/event-stream' },
    });
    if (!response.ok || response.body === null)
      throw new Error(`the endpoint answered ${response.status} for its command feed`);
    try {
      await readSse(response.body, (message) => {
        if (this.stopped || abort.signal.aborted) return;
        switch (message.event) {
          case 'hello': {
            const hello = decodeHello(message.data);
            if (hello.instance !== this.instance) {
              // Another run of the endpoint: what the page holds is of the one before.
              this.host.onState('restarted');
              this.seq = undefined;
              abort.abort();
              throw new Restart();
            }
            connected();
            this.host.onState('connected');
            this.host.onTick(hello.now);
            return;
          }
          case 'message': {
            const command = decodeCommand(message.data);
            if (command.seq !== this.seq! + 1) {
              this.seq = undefined;
              abort.abort();
              throw new Restart();
            }
            this.seq = command.seq;
            this.host.onCommand(command);
            return;
          }
          case 'tick':
            this.host.onTick(decodeTick(message.data));
            return;
          case 'resnapshot':
            this.seq = undefined;
            return;
        }
      });
    } catch (error) {
      if (error instanceof Restart || this.seq === undefined) throw new Restart();
      throw error;
    }
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 199)}…` : message;
}
