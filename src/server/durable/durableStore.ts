/**
 * A directory that keeps the endpoint's state across restarts (`--path DIR`):
 *
 *   journal-<gen>.log   a first entry naming the engine options and the times it was started at,
 *                       then every accepted state-changing call (commands.ts), in order
 *   snapshot-<gen>.snap the whole state when journal <gen> was started (none for generation 0)
 *   LOCK                the process using the directory (lock.ts)
 *
 * Compaction: once the current journal has grown past `snapshotEveryBytes` (and past the size of
 * the last snapshot, so a large state is not rewritten for a little journal), a new journal is
 * started and a snapshot of that very instant is written beside it; once it is safely on disk,
 * the older generation's files are removed. Shutting down writes one too, so a restart is quick.
 *
 * Recovery: the latest snapshot, then the journals from its generation on, in order. A torn last
 * entry (a crash mid-append: it was never acknowledged) is dropped, cut off and reported; any
 * other damage stops start-up with a CorruptionError naming the file and offset. Virtual time then
 * continues from where it was plus the wall-clock time that passed since.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, type Engine, type EngineOptions } from '../../engine/index';
import { applyEntry, changesState, decodeEntry, encodeEntryFrame } from './commands';
import { CorruptionError, FORMAT_VERSION, fileHeader, frame, scanFile } from './frames';
import { JournalWriter, NODE_IO, type JournalIo, type SyncMode } from './journalWriter';
import { acquireLock, type Lock } from './lock';
import { readSnapshot, syncDirectory, writeSnapshot } from './snapshot';

/** Journal bytes after which a snapshot is taken and older files removed. */
export const DEFAULT_SNAPSHOT_EVERY_BYTES = 64 * 1024 * 1024;

export interface DurableOptions {
  readonly dir: string;
  readonly sync: SyncMode;
  readonly snapshotEveryBytes?: number;
  readonly wallNow?: () => number;
  readonly io?: JournalIo;
  /** Called once if the journal cannot be written: the endpoint must stop. */
  readonly onFailure?: (error: Error) => void;
  /** Where a snapshot that failed in the background is reported (the journal still holds everything). */
  readonly log?: (line: string) => void;
}

interface JournalMeta {
  readonly options: EngineOptions;
  readonly gen: number;
  /** Wall-clock and virtual epoch ms when the journal was started. */
  readonly wall: number;
  readonly virtual: number;
}

const name = (kind: 'journal' | 'snapshot', gen: number) =>
  `${kind}-${String(gen).padStart(12, '0')}.${kind === 'journal' ? 'log' : 'snap'}`;
const FILE_NAME = /^(journal|snapshot)-(\d{12})\.(log|snap)$/;

function metaFrame(meta: JournalMeta): Buffer {
  return frame(Buffer.from(JSON.stringify({ meta })));
}

function readMeta(payload: Buffer | undefined, file: string): JournalMeta {
  let meta: Partial<JournalMeta> | undefined;
  try {
    meta = payload ? (JSON.parse(payload.toString('utf8')) as { meta?: Partial<JournalMeta> }).meta : undefined;
  } catch {
    meta = undefined;
  }
  if (
    meta === undefined ||
    typeof meta.options !== 'object' ||
    typeof meta.gen !== 'number' ||
    typeof meta.wall !== 'number' ||
    typeof meta.virtual !== 'number'
  )
    throw new CorruptionError(file, 16, 'the journal does not start with its options');
  return meta as JournalMeta;
}

/** What recovery found, for the start-up message. */
export interface RecoveryReport {
  readonly fresh: boolean;
  readonly snapshot?: string;
  readonly entries: number;
  readonly notes: readonly string[];
}

export class DurableStore {
  private compacting: Promise<void> | undefined;
  private closed = false;
  /** Bytes of the last snapshot written (the compaction threshold follows it). */
  private lastSnapshotBytes = 0;

  private constructor(
    private readonly options: DurableOptions,
    readonly engine: Engine,
    private gen: number,
    private readonly writer: JournalWriter,
    private readonly lock: Lock,
    readonly report: RecoveryReport,
  ) {}

  private get wallNow(): () => number {
    return this.options.wallNow ?? Date.now;
  }

  /**
   * Opens (or creates) the directory: takes its lock, recovers the engine, and continues the
   * journal. A new directory starts from `fresh()`; `imported`, when given, is a state to start
   * the new directory from (an error if the directory already holds one).
   */
  static async open(options: DurableOptions, fresh: () => Engine, imported?: Engine): Promise<DurableStore> {
    const { dir } = options;
    fs.mkdirSync(dir, { recursive: true });
    const lock = acquireLock(dir);
    try {
      return await DurableStore.recover(options, lock, fresh, imported);
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  private static async recover(
    options: DurableOptions,
    lock: Lock,
    fresh: () => Engine,
    imported: Engine | undefined,
  ): Promise<DurableStore> {
    const { dir } = options;
    const wallNow = options.wallNow ?? Date.now;
    const notes: string[] = lock.note ? [lock.note] : [];
    const journals = new Map<number, string>();
    const snapshots = new Map<number, string>();
    for (const file of fs.readdirSync(dir)) {
      if (file.endsWith('.tmp')) {
        // A snapshot that was being written when the process stopped; the journal still has it all.
        fs.rmSync(path.join(dir, file), { force: true });
        notes.push(`removed ${file}, an unfinished snapshot`);
        continue;
      }
      const match = FILE_NAME.exec(file);
      if (!match) continue;
      (match[1] === 'journal' ? journals : snapshots).set(Number(match[2]), path.join(dir, file));
    }
    const journalPath = (gen: number) => path.join(dir, name('journal', gen));

    if (journals.size === 0 && snapshots.size === 0) {
      const engine = imported ?? fresh();
      const gen = imported ? 1 : 0;
      const writer = DurableStore.startJournal(options, journalPath(gen), engine, gen, wallNow());
      const store = new DurableStore(options, engine, gen, writer, lock, { fresh: true, entries: 0, notes });
      if (imported) await writeSnapshot(path.join(dir, name('snapshot', gen)), engine, wallNow());
      syncDirectory(dir);
      return store;
    }
    if (imported)
      throw new Error(`${dir} already holds an endpoint's state; --import needs a new or empty --path directory`);

    const base = Math.max(-1, ...snapshots.keys());
    let engine: Engine | undefined;
    let wall: number;
    let virtual: number;
    let from: number;
    let snapshotFile: string | undefined;
    if (base >= 0) {
      snapshotFile = snapshots.get(base)!;
      const loaded = readSnapshot(snapshotFile);
      engine = loaded.engine;
      wall = loaded.wall;
      virtual = engine.now();
      from = base;
    } else {
      from = Math.min(...journals.keys());
      if (from !== 0)
        throw new CorruptionError(journalPath(from), 0, `there is no snapshot for journal ${from} to start from`);
      // The first journal's options make the engine (below).
      wall = 0;
      virtual = 0;
    }
    const last = Math.max(...journals.keys(), from);
    let entries = 0;
    let lastFile = journalPath(from);
    let lastVersion = FORMAT_VERSION.journal;
    let entryBytes = 0;
    const scans = [];
    for (let gen = from; gen <= last; gen++) {
      const file = journals.get(gen);
      if (file === undefined) throw new CorruptionError(journalPath(gen), 0, 'this journal is missing');
      scans.push({ gen, file, scanned: scanFile(fs.readFileSync(file), file, 'journal', true) });
    }
    for (const [i, { gen, file, scanned }] of scans.entries()) {
      const laterEntries = scans.slice(i + 1).some((s) => s.scanned.payloads.length > 1);
      if (scanned.torn && laterEntries)
        throw new CorruptionError(file, scanned.torn.offset, `${scanned.torn.reason}, and later journals go on`);
      const meta = readMeta(scanned.payloads[0], file);
      if (meta.gen !== gen) throw new CorruptionError(file, 16, `the journal says it is generation ${meta.gen}`);
      if (base < 0 && gen === from) {
        engine = createEngine(meta.options);
        wall = meta.wall;
        virtual = meta.virtual;
      }
      if (engine === undefined) throw new CorruptionError(file, 16, 'the journal has no state to start from');
      for (let k = 1; k < scanned.payloads.length; k++) {
        const offset = scanned.offsets[k]!;
        try {
          const entry = decodeEntry(scanned.payloads[k]!, scanned.version);
          applyEntry(engine, entry);
          wall = entry.w;
          virtual = entry.t;
          entries++;
        } catch (error) {
          throw new CorruptionError(file, offset, `an entry does not replay (${(error as Error).message})`);
        }
      }
      if (scanned.torn) {
        fs.truncateSync(file, scanned.end);
        notes.push(
          `dropped a torn last entry (${scanned.torn.bytes} bytes at offset ${scanned.torn.offset} of ${file}: ` +
            `${scanned.torn.reason}); it was never acknowledged`,
        );
      }
      lastFile = file;
      lastVersion = scanned.version;
      entryBytes = scanned.end - (scanned.offsets[1] ?? scanned.end);
    }
    if (engine === undefined) throw new CorruptionError(lastFile, 0, 'the directory holds no state to start from');
    // Virtual time goes on from where it was, plus the time that passed (none if the clock went back).
    const target = Math.max(engine.now(), virtual + Math.max(0, wallNow() - wall));
    engine.advanceTo(target);
    const writer = new JournalWriter(fs.openSync(lastFile, 'a'), options.sync, options.io ?? NODE_IO, (error) =>
      options.onFailure?.(error),
    );
    writer.bytesSinceRotate = entryBytes;
    const store = new DurableStore(options, engine, last, writer, lock, {
      fresh: false,
      ...(snapshotFile !== undefined ? { snapshot: snapshotFile } : {}),
      entries,
      notes,
    });
    if (lastVersion !== FORMAT_VERSION.journal) {
      // Entries of the current format never go into an older journal: a new generation starts
      // in the current format (with a snapshot of this state), and the older files are removed.
      await store.compact();
      notes.push(`upgraded the journal from format version ${lastVersion} to ${FORMAT_VERSION.journal}`);
    } else store.maybeCompact();
    return store;
  }

  /** Creates journal `gen` holding its header and first entry, synced; answers its writer. */
  private static startJournal(
    options: DurableOptions,
    file: string,
    engine: Engine,
    gen: number,
    wall: number,
  ): JournalWriter {
    const fd = DurableStore.createJournal(file, { options: engine.options, gen, wall, virtual: engine.now() });
    return new JournalWriter(fd, options.sync, options.io ?? NODE_IO, (error) => options.onFailure?.(error));
  }

  /**
   * Creates a journal holding its header and first entry, synced, under a temporary name first:
   * a crash while creating it leaves a .tmp file (removed on start), never a journal cut short.
   */
  private static createJournal(file: string, meta: JournalMeta): number {
    const temporary = `${file}.tmp`;
    const fd = fs.openSync(temporary, 'w');
    fs.writeSync(fd, Buffer.concat([fileHeader('journal'), metaFrame(meta)]));
    fs.fdatasyncSync(fd);
    fs.renameSync(temporary, file);
    return fd;
  }

  /** The engine options the directory was made with (they win over the command line's). */
  get engineOptions(): EngineOptions {
    return this.engine.options;
  }

  /** The journal's failure, once it has failed: every call must then be refused. */
  get failed(): Error | undefined {
    return this.writer.failed;
  }

  /** fsyncs done so far (group commit makes this far fewer than the entries). */
  get syncs(): number {
    return this.writer.syncs;
  }

  /** Journals a call the engine has just accepted at virtual time `t` (nothing for reads). */
  record(t: number, operation: string, input: unknown): void {
    if (!changesState(operation)) return;
    this.writer.appendFrame(encodeEntryFrame({ t, w: this.wallNow(), operation, input }));
    this.maybeCompact();
  }

  /**
   * Resolves when every call accepted so far is on disk: an answer waits for it, so nothing is
   * acknowledged (nor read back) before it would survive a crash. Undefined when nothing waits.
   */
  barrier(): Promise<void> | undefined {
    if (this.writer.failed) return Promise.reject(this.writer.failed);
    const ticket = this.writer.lastTicket;
    return ticket === 0 ? undefined : this.writer.whenDurable(ticket);
  }

  private maybeCompact(): void {
    // Never before the journal is as large as the last snapshot: writing the whole state then
    // costs at most as much again as the journal did, however many records are retained.
    const every = Math.max(this.options.snapshotEveryBytes ?? DEFAULT_SNAPSHOT_EVERY_BYTES, this.lastSnapshotBytes);
    if (this.compacting || this.closed || this.writer.bytesSinceRotate < every) return;
    this.compacting = this.compact()
      .catch((error: unknown) =>
        this.options.log?.(
          `Snapshot failed (the journal still holds everything): ${error instanceof Error ? error.message : String(error)}\n`,
        ),
      )
      .finally(() => (this.compacting = undefined));
  }

  /** Starts the next generation: a new journal and a snapshot of this instant, then drops the old. */
  private async compact(): Promise<void> {
    const gen = this.gen + 1;
    const wall = this.wallNow();
    const fd = DurableStore.createJournal(path.join(this.options.dir, name('journal', gen)), {
      options: this.engine.options,
      gen,
      wall,
      virtual: this.engine.now(),
    });
    this.writer.rotate(fd);
    // Taken now, in this turn: exactly the state the new journal starts from.
    const file = path.join(this.options.dir, name('snapshot', gen));
    const writing = writeSnapshot(file, this.engine, wall);
    syncDirectory(this.options.dir);
    await writing;
    this.lastSnapshotBytes = fs.statSync(file).size;
    syncDirectory(this.options.dir);
    this.gen = gen;
    for (const file of fs.readdirSync(this.options.dir)) {
      const match = FILE_NAME.exec(file);
      if (match && Number(match[2]) < gen) fs.rmSync(path.join(this.options.dir, file), { force: true });
    }
    syncDirectory(this.options.dir);
  }

  /**
   * Puts everything on disk and lets the directory go: the journal synced, then (when it grew since
   * the last one) a snapshot so that the next start is quick.
   */
  async close(snapshot = true): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.compacting;
      await this.writer.drain();
      if (snapshot && !this.writer.failed && this.writer.bytesSinceRotate > 0) {
        this.closed = false;
        try {
          await this.compact();
        } finally {
          this.closed = true;
        }
      }
      await this.writer.close();
    } finally {
      this.lock.release();
    }
  }
}
