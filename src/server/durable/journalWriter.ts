/**
 * Appends framed entries to journal files with group commit: entries accepted while one write and
 * fsync are under way wait together and go to disk in the next, so many concurrent producers share
 * one fsync instead of queueing one each. `whenDurable(ticket)` resolves once the entry has reached
 * the disk (`sync: 'always'`), or at once (`sync: 'none'`: written soon after, never fsynced).
 *
 * `rotate` starts a new file for the entries that follow (the next snapshot begins there); the old
 * file is finished and closed once everything queued for it is on disk.
 *
 * An error writing or syncing is final: it fails every waiting and later entry, because the engine
 * in memory is then ahead of the disk and retrying an fsync cannot say what reached it.
 */
import fs from 'node:fs';
import { fileHeader, frame } from './frames';

export type SyncMode = 'always' | 'none';

/** The file operations the writer needs (tests count fsyncs and inject failures). */
export interface JournalIo {
  write(fd: number, bytes: Buffer): Promise<void>;
  sync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
}

export const NODE_IO: JournalIo = {
  write: (fd, bytes) =>
    new Promise((resolve, reject) => {
      let done = 0;
      const more = () =>
        fs.write(fd, bytes, done, bytes.length - done, null, (error, written) => {
          if (error) return reject(error);
          done += written;
          if (done < bytes.length) more();
          else resolve();
        });
      more();
    }),
  sync: (fd) => new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve()))),
  close: (fd) => new Promise((resolve, reject) => fs.close(fd, (error) => (error ? reject(error) : resolve()))),
};

interface Segment {
  readonly fd: number;
  queued: Buffer[];
  /** The ticket of the last entry queued for this file. */
  lastTicket: number;
}

interface Waiter {
  readonly ticket: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** Creates a journal file holding only its header, synced with its directory entry. */
export function createJournalFile(path: string): number {
  const fd = fs.openSync(path, 'wx');
  fs.writeSync(fd, fileHeader('journal'));
  fs.fdatasyncSync(fd);
  return fd;
}

export class JournalWriter {
  private readonly segments: Segment[];
  private issued = 0;
  private durableTicket = 0;
  private flushing: Promise<void> | undefined;
  private failure: Error | undefined;
  private waiters: Waiter[] = [];
  /** Bytes appended to the current file since it was started (the compaction trigger). */
  bytesSinceRotate = 0;
  /** fsyncs done, for the statistics and the group-commit test. */
  syncs = 0;

  constructor(
    fd: number,
    private readonly sync: SyncMode,
    private readonly io: JournalIo = NODE_IO,
    private readonly onFailure: (error: Error) => void = () => {},
  ) {
    this.segments = [{ fd, queued: [], lastTicket: 0 }];
  }

  get failed(): Error | undefined {
    return this.failure;
  }

  /** The ticket of the last entry appended (0 before any). */
  get lastTicket(): number {
    return this.issued;
  }

  /** Queues one entry; returns its ticket for whenDurable. */
  append(payload: Uint8Array): number {
    return this.appendFrame(frame(payload));
  }

  /** Queues one entry already framed (frames.ts); returns its ticket for whenDurable. */
  appendFrame(framed: Buffer): number {
    if (this.failure) throw this.failure;
    const segment = this.segments[this.segments.length - 1]!;
    segment.queued.push(framed);
    segment.lastTicket = ++this.issued;
    this.bytesSinceRotate += framed.length;
    this.kick();
    return this.issued;
  }

  /** Resolves when entry `ticket` is on disk (sync always) or at once (sync none). */
  whenDurable(ticket: number = this.issued): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.sync === 'none' || ticket <= this.durableTicket) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ ticket, resolve, reject }));
  }

  /** Entries from now on go to the file `fd` (already holding its header). */
  rotate(fd: number): void {
    this.segments.push({ fd, queued: [], lastTicket: this.issued });
    this.bytesSinceRotate = 0;
    this.kick();
  }

  /** Writes and syncs everything queued (whatever the sync mode), then closes the files. */
  async close(): Promise<void> {
    await this.drain();
    for (const segment of this.segments.splice(0)) {
      if (this.sync === 'none') await this.io.sync(segment.fd);
      await this.io.close(segment.fd);
    }
  }

  /** Resolves when everything appended so far is written (and synced, in mode always). */
  async drain(): Promise<void> {
    for (;;) {
      while (this.flushing) await this.flushing;
      if (this.failure) throw this.failure;
      if (!this.hasQueued()) return;
      this.kick();
    }
  }

  private kick(): void {
    if (this.flushing || this.failure) return;
    this.flushing = this.flushAll().finally(() => (this.flushing = undefined));
  }

  private async flushAll(): Promise<void> {
    // Let the entries accepted in this turn of the event loop join the first write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.failure && this.hasQueued()) await this.flush(this.sync === 'always');
  }

  private hasQueued(): boolean {
    return this.segments.some((segment) => segment.queued.length > 0) || this.segments.length > 1;
  }

  /** One group: everything queued for the oldest file with entries, written then synced. */
  private async flush(sync: boolean): Promise<void> {
    try {
      while (this.segments.length > 1 && this.segments[0]!.queued.length === 0) {
        // An older file is complete: sync what reached it and close it.
        const done = this.segments.shift()!;
        await this.io.close(done.fd);
      }
      const segment = this.segments[0]!;
      const batch = segment.queued;
      const upTo = segment.queued.length > 0 ? segment.lastTicket : this.durableTicket;
      segment.queued = [];
      if (batch.length > 0) await this.io.write(segment.fd, batch.length === 1 ? batch[0]! : Buffer.concat(batch));
      if (sync && batch.length > 0) {
        await this.io.sync(segment.fd);
        this.syncs++;
      }
      if (sync || this.sync === 'none') this.settle(upTo);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private settle(ticket: number): void {
    if (ticket <= this.durableTicket) return;
    this.durableTicket = ticket;
    const ready = this.waiters.filter((w) => w.ticket <= ticket);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.ticket > ticket);
    for (const waiter of ready) waiter.resolve();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.onFailure(error);
  }
}
