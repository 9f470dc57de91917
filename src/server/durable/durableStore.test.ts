// The directory behind --path, in process: recovery from a torn tail and refusal of damage,
// compaction, time after a restart, group commit, locks and session imports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointDigest, createEngine, type Engine } from '../../engine/index';
import { DurableStore } from './durableStore';
import { encodeEntryVersion1, type JournalEntry } from './commands';
import { CorruptionError, FILE_HEADER_BYTES, FORMAT_VERSION, fileHeader, frame } from './frames';
import { journaledEngine } from './journaled';
import { JournalWriter, type JournalIo } from './journalWriter';
import { LockedError } from './lock';
import { ImportError, importSessionDocument } from './session';

const dirs: string[] = [];
const stores: DurableStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close(false).catch(() => {});
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const START = 1_700_000_000_000;
const fresh = () =>
  createEngine({
    startTime: START,
    timings: 'fast',
    limits: { throughput: false, apiRates: false },
    commandLog: false,
  });
const newDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shardscope-store-'));
  dirs.push(dir);
  return dir;
};

async function open(dir: string, options: { wall?: () => number; every?: number } = {}) {
  const store = await DurableStore.open(
    {
      dir,
      sync: 'always',
      ...(options.wall ? { wallNow: options.wall } : {}),
      ...(options.every !== undefined ? { snapshotEveryBytes: options.every } : {}),
    },
    fresh,
  );
  stores.push(store);
  return { store, engine: journaledEngine(store.engine, store) };
}

/** Writes `count` records to a one-shard stream through the journal; answers their sequence numbers. */
async function write(engine: Engine, store: DurableStore, count: number, from = 0): Promise<string[]> {
  if (!engine.stream('s')) {
    engine.call('CreateStream', { StreamName: 's', ShardCount: 1 });
    engine.advanceBy(500);
  }
  const numbers: string[] = [];
  for (let i = from; i < from + count; i++) {
    engine.advanceBy(1);
    const out = engine.call('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: Buffer.from(`r${i}`) });
    numbers.push(out.SequenceNumber!);
  }
  await store.barrier();
  return numbers;
}

const records = (engine: Engine) => {
  const log = engine.stream('s')!.shards[0]!.records;
  return Array.from({ length: log.length - log.retainedFrom }, (_, i) => {
    const at = log.retainedFrom + i;
    return `${log.sequenceNumber(at)}:${Buffer.from(log.data(at)).toString()}`;
  });
};
const digest = (engine: Engine) => checkpointDigest(engine.snapshot().checkpoint);

const journalOf = (dir: string) =>
  path.join(
    dir,
    fs.readdirSync(dir).find((f) => f.startsWith('journal-'))!,
  );

describe('DurableStore: recovery', () => {
  it('should restart into the same state, records and payloads included', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir);
    await write(engine, store, 50);
    const before = { digest: digest(engine), records: records(engine) };
    await store.close(false);
    const again = await open(dir, { wall: () => Date.now() });
    expect(records(again.engine)).toEqual(before.records);
    expect(again.store.report.entries).toBe(51);
    expect(digest(again.engine).length).toBeGreaterThan(0);
  });

  it('should drop a torn last entry, report it, and keep every whole one', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir);
    await write(engine, store, 10);
    const kept = records(engine);
    await store.close(false);
    const file = journalOf(dir);
    const whole = fs.statSync(file).size;
    // A crash in the middle of appending the next entry: its first bytes only.
    const next = frame(Buffer.from('{"t":1,"w":1,"op":"PutRecord","in":{}}')).subarray(0, 20);
    fs.appendFileSync(file, next);
    const again = await open(dir);
    expect(records(again.engine)).toEqual(kept);
    expect(again.store.report.notes.join('\n')).toMatch(
      new RegExp(`dropped a torn last entry \\(20 bytes at offset ${whole} of .*journal-000000000000\\.log`),
    );
    // Cut off, so that what is appended next follows the good entries.
    expect(fs.statSync(file).size).toBe(whole);
  });

  it('should treat a damaged last entry that ends the file as torn', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir);
    await write(engine, store, 5);
    await store.close(false);
    const file = journalOf(dir);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 3] = bytes[bytes.length - 3]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const again = await open(dir);
    expect(records(again.engine)).toHaveLength(4);
    expect(again.store.report.notes.join('\n')).toContain('an entry fails its checksum');
  });

  it('should stop on a damaged entry in the middle, naming the file and offset, and change nothing', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir);
    await write(engine, store, 20);
    await store.close(false);
    const file = journalOf(dir);
    const bytes = fs.readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const error = await open(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorruptionError);
    const { file: named, offset, message } = error as CorruptionError;
    expect(named).toBe(file);
    expect(offset).toBeGreaterThan(FILE_HEADER_BYTES);
    expect(offset).toBeLessThanOrEqual(middle);
    expect(message).toContain(`is damaged at byte offset ${offset}`);
    expect(fs.readFileSync(file)).toEqual(bytes);
    // The lock went with the failed start.
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });

  it('should continue virtual time from where it was plus the wall-clock time that passed', async () => {
    const dir = newDir();
    let wall = 5_000_000;
    const { store, engine } = await open(dir, { wall: () => wall });
    await write(engine, store, 3);
    const then = engine.now();
    await store.close(false);
    wall += 90_000;
    const again = await open(dir, { wall: () => wall });
    expect(again.engine.now()).toBe(then + 90_000);
  });
});

describe('DurableStore: journals of format version 1', () => {
  /** A directory as the endpoint wrote it with format 1: tagged-JSON entries after the options. */
  function version1Directory(count: number): { dir: string; expected: string[] } {
    const dir = newDir();
    const engine = fresh();
    const entries: JournalEntry[] = [];
    const run = (operation: string, input: unknown) => {
      entries.push({ t: engine.now(), w: START, operation, input });
      return engine.call(operation, input) as { SequenceNumber?: string };
    };
    run('CreateStream', { StreamName: 's', ShardCount: 1 });
    engine.advanceBy(500);
    for (let i = 0; i < count; i++) {
      engine.advanceBy(1);
      run('PutRecord', { StreamName: 's', PartitionKey: 'k', Data: Buffer.from(`r${i}`) });
    }
    const meta = { options: fresh().options, gen: 0, wall: START, virtual: START };
    fs.writeFileSync(
      path.join(dir, 'journal-000000000000.log'),
      Buffer.concat([
        fileHeader('journal', 1),
        frame(Buffer.from(JSON.stringify({ meta }))),
        ...entries.map((entry) => frame(encodeEntryVersion1(entry))),
      ]),
    );
    return { dir, expected: records(engine) };
  }

  it('should read a format 1 journal and go on in the current format, keeping every record', async () => {
    const { dir, expected } = version1Directory(20);
    const { store, engine } = await open(dir, { wall: () => START });
    expect(records(engine)).toEqual(expected);
    expect(store.report.entries).toBe(21);
    expect(store.report.notes.join('\n')).toContain(
      `upgraded the journal from format version 1 to ${FORMAT_VERSION.journal}`,
    );
    // The older generation is gone; the new journal is in the current format.
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['LOCK', 'journal-000000000001.log', 'snapshot-000000000001.snap']);
    expect(fs.readFileSync(path.join(dir, files[1]!)).readUInt32LE(8)).toBe(FORMAT_VERSION.journal);
    const more = await write(engine, store, 5, 20);
    await store.close(false);
    const again = await open(dir, { wall: () => START });
    expect(records(again.engine)).toEqual([...expected, ...records(engine).slice(20)]);
    expect(
      records(again.engine)
        .slice(20)
        .map((r) => r.split(':')[0]),
    ).toEqual(more);
  });

  it('should refuse a format it does not know, naming the versions it reads', async () => {
    const { dir } = version1Directory(1);
    const file = path.join(dir, 'journal-000000000000.log');
    const bytes = fs.readFileSync(file);
    fileHeader('journal', 9).copy(bytes, 0);
    fs.writeFileSync(file, bytes);
    await expect(open(dir)).rejects.toThrow(
      `${file} is damaged at byte offset 8: format version 9; this endpoint reads version 1 or 2`,
    );
  });
});

describe('DurableStore: compaction', () => {
  it('should snapshot past the threshold, remove the older files, and restart from the snapshot', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir, { every: 2_000 });
    await write(engine, store, 200);
    // Let the background snapshot finish.
    await store.close(false);
    const files = fs.readdirSync(dir).sort();
    expect(files.some((f) => f.endsWith('.snap'))).toBe(true);
    expect(files).not.toContain('journal-000000000000.log');
    const kept = records(engine);
    const again = await open(dir, { every: 2_000 });
    expect(again.store.report.snapshot).toBeDefined();
    expect(again.store.report.entries).toBeLessThan(200);
    expect(records(again.engine)).toEqual(kept);
  });

  it('should refuse a damaged snapshot rather than start without it', async () => {
    const dir = newDir();
    const { store, engine } = await open(dir);
    await write(engine, store, 30);
    await store.close(true);
    const snapshot = path.join(
      dir,
      fs.readdirSync(dir).find((f) => f.endsWith('.snap'))!,
    );
    const bytes = fs.readFileSync(snapshot);
    bytes[FILE_HEADER_BYTES + 40] = bytes[FILE_HEADER_BYTES + 40]! ^ 0x10;
    fs.writeFileSync(snapshot, bytes);
    await expect(open(dir)).rejects.toThrow(`${snapshot} is damaged at byte offset ${FILE_HEADER_BYTES}`);
  });
});

describe('DurableStore: lock', () => {
  it('should refuse a second opening of a directory in use', async () => {
    const dir = newDir();
    await open(dir);
    await expect(open(dir)).rejects.toThrow(LockedError);
    await expect(open(dir)).rejects.toThrow(`is in use by another Shardscope endpoint (process ${process.pid}`);
  });
});

describe('JournalWriter: group commit', () => {
  /** File operations whose syncs wait until released, counting them. */
  function slowIo() {
    const written: Buffer[] = [];
    const pending: (() => void)[] = [];
    const io: JournalIo = {
      write: async (_fd, bytes) => void written.push(bytes),
      sync: () => new Promise((resolve) => pending.push(resolve)),
      close: async () => {},
    };
    return { io, written, pending };
  }

  it('should answer entries only once synced, and share one fsync among those that waited together', async () => {
    const { io, written, pending } = slowIo();
    const writer = new JournalWriter(3, 'always', io);
    const first = writer.append(Buffer.from('a'));
    let firstDone = false;
    void writer.whenDurable(first).then(() => (firstDone = true));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending).toHaveLength(1);
    // 100 more arrive while the first sync is under way.
    const tickets = Array.from({ length: 100 }, (_, i) => writer.append(Buffer.from(`e${i}`)));
    const done = Promise.all(tickets.map((t) => writer.whenDurable(t)));
    expect(firstDone).toBe(false);
    pending.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(firstDone).toBe(true);
    while (pending.length === 0) await new Promise((resolve) => setImmediate(resolve));
    pending.shift()!();
    await done;
    expect(writer.syncs).toBe(2);
    expect(written).toHaveLength(2);
  });

  it('should fail every waiting and later entry once a write fails', async () => {
    const io: JournalIo = {
      write: () => Promise.reject(new Error('ENOSPC: no space left on device')),
      sync: async () => {},
      close: async () => {},
    };
    let reported: Error | undefined;
    const writer = new JournalWriter(3, 'always', io, (error) => (reported = error));
    const ticket = writer.append(Buffer.from('a'));
    await expect(writer.whenDurable(ticket)).rejects.toThrow('ENOSPC');
    expect(reported?.message).toContain('ENOSPC');
    expect(() => writer.append(Buffer.from('b'))).toThrow('ENOSPC');
  });
});

describe('importSessionDocument: a session saved in the page', () => {
  const session = (journal: unknown[], extra: Record<string, unknown> = {}) => ({
    schema: 'shardscope-session',
    version: 2,
    settings: {
      profile: 'current',
      timing: 'fast',
      throughput: true,
      apiRates: true,
      accountId: '123456789012',
      region: 'us-east-1',
      seed: 42,
      startTime: START,
    },
    now: START + 10_000,
    journal,
    ...extra,
  });

  it('should replay its calls with the page settings and leave traffic out with a note', () => {
    const { engine, notes } = importSessionDocument(
      session([
        { t: START, operation: 'CreateStream', input: { StreamName: 'w', ShardCount: 2 } },
        {
          t: START + 1000,
          operation: 'PutRecord',
          input: { StreamName: 'w', PartitionKey: 'a', Data: { $bytes: 'aGk=' } },
        },
        { t: START + 1000, operation: 'AddTagsToStream', input: { StreamName: 'w', Tags: { $object: { env: 'x' } } } },
        { t: START + 2000, operation: 'traffic:startProducer', input: { id: 'p1' } },
      ]),
      'workshop.json',
    );
    expect(engine.now()).toBe(START + 10_000);
    expect(engine.options.timings.createStreamMs).toBe(500);
    const stream = engine.stream('w')!;
    expect([...stream.tags]).toEqual([['env', 'x']]);
    const shard = stream.shards.find((s) => s.records.length > 0)!;
    expect(Buffer.from(shard.records.data(0)).toString()).toBe('hi');
    expect(notes.join('\n')).toContain('imported workshop.json: 3 calls replayed');
    expect(notes.join('\n')).toContain('1 traffic entries left out');
  });

  it('should refuse a file that is not a version 2 session, or a malformed entry, saying where', () => {
    expect(() => importSessionDocument({ schema: 'other' }, 'f.json')).toThrow(ImportError);
    expect(() => importSessionDocument({ ...session([]), version: 1 }, 'f.json')).toThrow('version 1');
    expect(() =>
      importSessionDocument(
        session([{ t: START, operation: 'PutRecord', input: { Data: { $bytes: '!!' } } }]),
        'f.json',
      ),
    ).toThrow('journal[0].input: a {"$bytes"} value must be base64 text');
    expect(() => importSessionDocument(session([{ t: START - 1, operation: 'X', input: {} }]), 'f.json')).toThrow(
      'journal[0].t must be a time no earlier than the one before it',
    );
  });

  it('should start a new directory from the imported state, and refuse one that holds a state', async () => {
    const dir = newDir();
    const { engine } = importSessionDocument(
      session([{ t: START, operation: 'CreateStream', input: { StreamName: 'w', ShardCount: 1 } }]),
      'f.json',
    );
    const store = await DurableStore.open({ dir, sync: 'always' }, fresh, engine);
    await store.close(false);
    const again = await open(dir);
    expect(again.engine.stream('w')?.status).toBe('ACTIVE');
    expect(again.engine.options.seed).toBe(42);
    await again.store.close(false);
    await expect(DurableStore.open({ dir, sync: 'always' }, fresh, engine)).rejects.toThrow(
      'already holds an endpoint',
    );
  });
});
