/**
 * GET /events: the engine's events as Server-Sent Events, for pages and tools watching the
 * endpoint. Each reader has a bounded buffer: one that does not keep up has the events that do
 * not fit skipped, then, once it has taken everything held, an `event: dropped` message saying
 * how many. Skipping goes on until then, even for events that would fit again, so the message
 * stands exactly where the gap is: what came before it is older, what comes after newer.
 */
import type { Engine, EngineEvent } from '../engine/index';
import { toWire } from '../protocol/index';
import { NODE_CODECS } from './codecs';
import { FlowControlledWriter } from './flow';
import type { Request, Response } from './http';

/** One reader: its writer, and how many events it has had skipped since it last caught up. */
interface Reader {
  readonly writer: FlowControlledWriter;
  skipped: number;
}

export class EventFeed {
  private readonly readers = new Set<Reader>();
  /** How to stop following each reader, and its response (ended at shutdown). */
  private readonly ends = new Map<() => void, Response>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly bufferBytes: number,
  ) {}

  /** Bytes held for readers that are behind. */
  get pendingBytes(): number {
    let total = 0;
    for (const reader of this.readers) total += reader.writer.pendingBytes;
    return total;
  }

  open(req: Request, res: Response, corsHeaders: Record<string, string>): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...corsHeaders });
    const reader: Reader = {
      writer: new FlowControlledWriter(
        res,
        this.bufferBytes,
        () => reader.skipped++,
        () => {
          if (reader.skipped === 0) return;
          const count = reader.skipped;
          reader.skipped = 0;
          reader.writer.write(`event: dropped\ndata: ${JSON.stringify({ dropped: count })}\n\n`);
        },
      ),
      skipped: 0,
    };
    reader.writer.write(
      `event: hello\ndata: ${JSON.stringify({ options: this.engine.options, now: this.engine.now() })}\n\n`,
    );
    this.readers.add(reader);
    this.unsubscribe ??= this.engine.subscribe((event: EngineEvent) => {
      const line = `data: ${JSON.stringify(toWire(event, NODE_CODECS.encodeBase64))}\n\n`;
      for (const each of this.readers) {
        if (each.skipped > 0) each.skipped++;
        else each.writer.write(line);
      }
    });
    const end = () => {
      reader.writer.close();
      this.ends.delete(end);
      this.readers.delete(reader);
      if (this.readers.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = undefined;
      }
    };
    this.ends.set(end, res);
    req.on('close', end);
    res.on('close', end);
  }

  /** Ends every reader's stream (shutdown). */
  close(): void {
    for (const [end, res] of [...this.ends]) {
      end();
      res.end();
    }
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
