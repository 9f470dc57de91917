/**
 * The command feed (GET /snapshot, GET /commands; formats in protocol/liveFeed.ts): what an
 * attached page needs to hold the endpoint's state in its own engine. Once a page has asked for
 * either, every call the engine runs gets the next sequence number and the most recent are held
 * (up to `holdBytes`), so a page that fetched a snapshot, or lost its connection, continues from
 * where it was; a page asking for commands no longer held is told to start from a snapshot.
 *
 * Each reader has a bounded buffer: a reader that falls behind by more than `bufferBytes` is sent
 * `resnapshot` once it has taken what is held, and its stream ends; it costs at most that much
 * memory, however far behind it is.
 */
import { randomUUID } from 'node:crypto';
import { portableSnapshot, type Engine, type EngineEvent } from '../engine/index';
import { encodeCommand, encodeSnapshot, SNAPSHOT_CONTENT_TYPE } from '../protocol/liveFeed';
import { NODE_CODECS } from './codecs';
import { FlowControlledWriter } from './flow';
import type { Request, Response } from './http';

/** How often readers are told the endpoint's clock between calls. */
export const TICK_MS = 100;

export interface CommandFeedOptions {
  /** Bytes held for one reader that does not keep up. */
  readonly bufferBytes: number;
  /** Bytes of recent commands kept for readers resuming after a snapshot or a reconnection. */
  readonly holdBytes: number;
  /** The endpoint's clock, brought up to date (time moves before it is told). */
  readonly now: () => number;
  readonly instance?: string;
}

interface Reader {
  readonly writer: FlowControlledWriter;
  /** Fell behind: nothing more is sent; once drained it is told to start again and ended. */
  behind: boolean;
  readonly res: Response;
  readonly end: () => void;
}

interface Held {
  readonly seq: number;
  readonly line: string;
  readonly bytes: number;
}

const TAGGED_CODECS = {
  encodeBase64: NODE_CODECS.encodeBase64!,
  decodeBase64: (text: string) => NODE_CODECS.decodeBase64!(text)!,
};

export class CommandFeed {
  readonly instance: string;
  private seq = 0;
  /** Recent commands, oldest first; `heldFrom` is the index of the oldest still held. */
  private held: Held[] = [];
  private heldFrom = 0;
  private heldBytes = 0;
  private readonly readers = new Set<Reader>();
  /**
   * The feed follows the engine only once a page has asked: until then the engine has no listener
   * (and makes no events), so an endpoint nobody watches pays nothing. Sequence numbers count from
   * then on; no page holds an earlier one.
   */
  private unsubscribe: (() => void) | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly options: CommandFeedOptions,
  ) {
    this.instance = options.instance ?? randomUUID();
  }

  private use(): void {
    this.unsubscribe ??= this.engine.subscribe((event) => this.onEvent(event));
  }

  /** The sequence number of the last command run. */
  get lastSeq(): number {
    return this.seq;
  }

  /** The oldest sequence number a reader can resume after (it gets every command after it). */
  get resumableAfter(): number {
    const oldest = this.held[this.heldFrom];
    return oldest === undefined ? this.seq : oldest.seq - 1;
  }

  get pendingBytes(): number {
    let total = 0;
    for (const reader of this.readers) total += reader.writer.pendingBytes;
    return total;
  }

  private onEvent(event: EngineEvent): void {
    if (event.type !== 'call') return;
    const seq = ++this.seq;
    const data = encodeCommand(
      { seq, t: event.t, operation: event.operation, input: event.input, ...originOf(event) },
      TAGGED_CODECS,
    );
    const line = `id: ${seq}\ndata: ${data}\n\n`;
    const bytes = Buffer.byteLength(line);
    this.held.push({ seq, line, bytes });
    this.heldBytes += bytes;
    while (this.heldBytes > this.options.holdBytes && this.heldFrom < this.held.length) {
      this.heldBytes -= this.held[this.heldFrom]!.bytes;
      this.heldFrom++;
    }
    // Compact now and then rather than shifting on every command.
    if (this.heldFrom > 1024 && this.heldFrom * 2 > this.held.length) {
      this.held = this.held.slice(this.heldFrom);
      this.heldFrom = 0;
    }
    for (const reader of this.readers) if (!reader.behind) reader.writer.write(line);
  }

  /** GET /snapshot: the whole state now, with the sequence number of the last command in it. */
  snapshot(res: Response, headers: Record<string, string>, head: boolean): void {
    this.use();
    this.options.now();
    const body = encodeSnapshot(this.instance, this.seq, portableSnapshot(this.engine.snapshot()));
    res.writeHead(200, {
      ...headers,
      'Content-Type': SNAPSHOT_CONTENT_TYPE,
      'Content-Length': String(body.byteLength),
      'Cache-Control': 'no-store',
    });
    res.end(head ? undefined : body);
  }

  /**
   * GET /commands: the stream of commands after `after` (the query's, else Last-Event-ID, else
   * the last one run: only what comes next).
   */
  open(req: Request, res: Response, headers: Record<string, string>): void {
    this.use();
    const after = afterOf(req, this.seq);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
    });
    const now = this.options.now();
    const reader: Reader = {
      behind: false,
      res,
      writer: new FlowControlledWriter(
        res,
        this.options.bufferBytes,
        () => (reader.behind = true),
        () => {
          if (reader.behind) this.restart(reader, res, 'the page fell behind the endpoint');
        },
      ),
      end: () => {
        reader.writer.close();
        this.readers.delete(reader);
        if (this.readers.size === 0 && this.ticker !== undefined) {
          clearInterval(this.ticker);
          this.ticker = undefined;
        }
      },
    };
    req.on('close', reader.end);
    res.on('close', reader.end);
    reader.writer.write(`event: hello\ndata: ${JSON.stringify({ instance: this.instance, seq: this.seq, now })}\n\n`);
    if (after > this.seq || after < this.resumableAfter) {
      this.restart(
        reader,
        res,
        after > this.seq ? 'the endpoint restarted' : 'the commands asked for are no longer held',
      );
      return;
    }
    this.readers.add(reader);
    for (let i = this.heldFrom; i < this.held.length; i++) {
      const held = this.held[i]!;
      if (held.seq > after) reader.writer.write(held.line);
    }
    this.ticker ??= setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref?.();
  }

  /** Tells every reader the endpoint's clock (calls before it have all been sent). */
  tick(): void {
    if (this.readers.size === 0) return;
    const line = `event: tick\ndata: ${JSON.stringify({ now: this.options.now() })}\n\n`;
    for (const reader of this.readers) if (!reader.behind) reader.writer.write(line);
  }

  private restart(reader: Reader, res: Response, reason: string): void {
    reader.behind = true;
    res.write(`event: resnapshot\ndata: ${JSON.stringify({ reason })}\n\n`);
    reader.end();
    res.end();
  }

  /** Ends every stream (shutdown). */
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.ticker !== undefined) clearInterval(this.ticker);
    this.ticker = undefined;
    for (const reader of [...this.readers]) {
      reader.end();
      reader.res.end();
    }
  }
}

function originOf(event: Extract<EngineEvent, { type: 'call' }>): { origin?: string } {
  return event.origin !== undefined ? { origin: event.origin } : {};
}

/** The sequence number a reader asks to continue after. */
function afterOf(req: Request, last: number): number {
  const query = (req.url ?? '').split('?')[1] ?? '';
  const asked = new URLSearchParams(query).get('after') ?? req.headers['last-event-id'];
  const text = Array.isArray(asked) ? asked[0] : asked;
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : last;
}
