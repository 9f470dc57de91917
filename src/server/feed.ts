/**
 * GET /events: the engine's events as Server-Sent Events, for pages and tools watching the
 * endpoint. Each reader has a bounded buffer: one that does not keep up has the events that do
 * not fit skipped, then, once it catches up, an `event: dropped` message saying how many.
 */
import type { Engine, EngineEvent } from '../engine/index';
import { toWire } from '../protocol/index';
import { NODE_CODECS } from './codecs';
import { FlowControlledWriter } from './flow';
import type { Request, Response } from './http';

export class EventFeed {
  private readonly readers = new Set<FlowControlledWriter>();
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
    for (const reader of this.readers) total += reader.pendingBytes;
    return total;
  }

  open(req: Request, res: Response, corsHeaders: Record<string, string>): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...corsHeaders });
    let dropped = 0;
    const writer: FlowControlledWriter = new FlowControlledWriter(
      res,
      this.bufferBytes,
      () => dropped++,
      () => {
        if (dropped === 0) return;
        const count = dropped;
        dropped = 0;
        writer.write(`event: dropped\ndata: ${JSON.stringify({ dropped: count })}\n\n`);
      },
    );
    writer.write(`event: hello\ndata: ${JSON.stringify({ options: this.engine.options, now: this.engine.now() })}\n\n`);
    this.readers.add(writer);
    this.unsubscribe ??= this.engine.subscribe((event: EngineEvent) => {
      const line = `data: ${JSON.stringify(toWire(event, NODE_CODECS.encodeBase64))}\n\n`;
      for (const reader of this.readers) reader.write(line);
    });
    const end = () => {
      writer.close();
      this.ends.delete(end);
      this.readers.delete(writer);
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
