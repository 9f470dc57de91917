/**
 * Writing a long-lived response (an event stream) to a reader that may stop reading. Node
 * buffers whatever `write` is given, without limit, so: once `write` answers false nothing more
 * is handed to Node until 'drain'; chunks made meanwhile wait here, up to a byte budget; past the
 * budget the owner decides (cut the stream, or skip what does not fit).
 */

/** The part of a response (HTTP/1.1 or HTTP/2) this needs. */
export interface WritableResponse {
  write(chunk: Uint8Array | string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
  /** HTTP/1.1: the connection, which says 'drain' whenever its buffer empties. */
  readonly socket?: Drainable | null;
  /** HTTP/2: the stream (the compatibility response's socket is the whole session's). */
  readonly stream?: Drainable;
}

interface Drainable {
  once(event: 'drain', listener: () => void): unknown;
  off(event: 'drain', listener: () => void): unknown;
}

/**
 * Where 'drain' is told reliably: the transport itself. The HTTP/1.1 response relays its
 * socket's 'drain' only under conditions of its own, and a relay missed would stall the reader.
 */
const drainSource = (res: WritableResponse): Drainable => res.stream ?? res.socket ?? res;

export class FlowControlledWriter {
  private readonly waiting: (Uint8Array | string)[] = [];
  private waitingBytes = 0;
  private blocked = false;
  private closed = false;

  constructor(
    private readonly res: WritableResponse,
    /** Most bytes held here while the reader does not drain. */
    private readonly budget: number,
    /** Called once a chunk would take the held bytes past the budget (the chunk is not kept). */
    private readonly onOverflow: () => void,
    /** Called when the reader has taken everything held. */
    private readonly onDrained: () => void = () => {},
  ) {}

  /** Bytes held here, waiting for the reader. */
  get pendingBytes(): number {
    return this.waitingBytes;
  }

  /** Whether the reader is behind (chunks are being held). */
  get isBlocked(): boolean {
    return this.blocked;
  }

  /** Sends or holds a chunk; false when it did not fit and overflow was called. */
  write(chunk: Uint8Array | string): boolean {
    if (this.closed) return false;
    if (!this.blocked) {
      if (!this.res.write(chunk)) this.block();
      return true;
    }
    const size = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    if (this.waitingBytes + size > this.budget) {
      this.onOverflow();
      return false;
    }
    this.waiting.push(chunk);
    this.waitingBytes += size;
    return true;
  }

  /** Drops what is held and stops writing (the response is ending or gone). */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.waitingBytes = 0;
    drainSource(this.res).off('drain', this.drain);
  }

  private block(): void {
    this.blocked = true;
    drainSource(this.res).once('drain', this.drain);
  }

  private readonly drain = (): void => {
    if (this.closed) return;
    this.blocked = false;
    for (let i = 0; i < this.waiting.length; i++) {
      const chunk = this.waiting[i]!;
      this.waitingBytes -= typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (!this.res.write(chunk)) {
        this.waiting.splice(0, i + 1);
        this.block();
        return;
      }
    }
    this.waiting.length = 0;
    this.onDrained();
  };
}
