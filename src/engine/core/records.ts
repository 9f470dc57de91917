import { DecimalCursor, MAX_SECONDS_STEP, SEQUENCE_DIGITS } from './decimalCursor';
import { BLOCK, RecordStore } from './recordStore';
import { SequenceNumbering } from './sequenceNumbering';

/** A shard's index: where its records are in the store, in pages of 1024 positions. */
const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;
/** The first page starts this small and doubles: a shard of a few records holds a few slots. */
const FIRST_PAGE = 4;
/** The page list of every log never written to (shared and frozen: a first write gives a log its own). */
const NO_PAGES = Object.freeze([]) as unknown as Float64Array[];

/**
 * How many records a set of logs holds (appended and not yet released), kept as they append and
 * release, so an engine knows its total without visiting every shard.
 */
export interface RecordTally {
  held: number;
}

/**
 * A log's retained records as plain columns (typed arrays, strings), for a snapshot saved to disk:
 * what `RecordLog.columns` gives and `RecordLog.fromColumns` takes back. Record r of the columns
 * is the log's position retainedFrom + r.
 */
export interface LogColumns {
  readonly shardCreatedSeconds: number;
  readonly shardIndex: number;
  readonly length: number;
  readonly retainedFrom: number;
  /** Where SequenceNumberForOrdering made the sequence index jump, and to what. */
  readonly jumpPositions: readonly number[];
  readonly jumpIndexes: readonly bigint[];
  /** Two per record: arrival (epoch ms) and hash fraction. */
  readonly numbers: Float64Array;
  /** Two per record: payload size, and encryption | partition key's UTF-8 bytes << 16. */
  readonly words: Uint32Array;
  readonly keys: readonly string[];
  /** The payloads, end to end. */
  readonly data: Uint8Array;
}

/**
 * One shard's records: where each lies in its stream's RecordStore (the records of every shard of
 * the stream, in the order they arrived), and the shard's sequence numbers. A position is the
 * record's place in the shard (0 for its first record).
 *
 * What a write touches of its shard is this one object: the store is shared and in cache, and
 * the log is its length, its last record's store position and the digits of its next sequence
 * number (the DecimalCursor it extends, fields rather than an object of their own). With 10,000
 * shards a call's records each go to a different shard, and each object more to fetch per record
 * costs about as much as the rest of its bookkeeping. Each record in the store names its shard's previous
 * one, and the index from positions to store positions is filled from that chain when a read,
 * a release or a snapshot needs it, in pages of 1024 positions (an array that doubles is copied at
 * every size and leaves each outgrown copy to the garbage collector). That work follows the
 * records read: a shard's records are indexed once, by whatever reaches them first.
 *
 * The log is append-only: a record's position never changes, so a snapshot only needs the
 * length. Storage follows the records, not the shard: an empty log holds no page, and `release`
 * lets go of the pages that hold only records trimmed away, and of their records in the store.
 * Positions before `retainedFrom` must not be read.
 */
export class RecordLog extends DecimalCursor {
  length = 0;
  /** Records before this position were released: trimmed, their memory given back. */
  retainedFrom = 0;
  /** The store position of the last record (-1: none yet). */
  private last = -1;
  /** Positions before this one are in the pages; the rest are found from `last`. */
  private indexed = 0;
  /** The position the cursor's digits are for (-1: none) and its second, less the shard's creation second. */
  private cursorAt = -1;
  private cursorSince = 0;
  /** pages[k] maps positions from (pageBase + k) · 1024 to store positions: pages before pageBase were released. */
  private pages: Float64Array[] = NO_PAGES;
  private pageBase = 0;

  /**
   * A shard's log in `store` (its stream's): its creation second and index are part of every
   * sequence number it issues (its SequenceNumbering, made on first use, keeps the indexes
   * SequenceNumberForOrdering set). The store's tally counts the records the log holds.
   */
  private constructor(
    private readonly store: RecordStore,
    private readonly shardCreatedSeconds: number,
    private readonly shardIndex: number,
    private numbering?: SequenceNumbering,
  ) {
    super();
  }

  /**
   * A new shard's log. A stream's shards share one store: pass any log of the stream as
   * `sibling` (none for its first shard). `tally`, when given, counts the records the logs of a
   * new store hold, along with others' (a sibling's store has its own).
   */
  static forShard(
    shardCreatedSeconds: number,
    shardIndex: number,
    tally?: RecordTally,
    sibling?: RecordLog,
  ): RecordLog {
    return new RecordLog(sibling?.store ?? new RecordStore(tally), shardCreatedSeconds, shardIndex);
  }

  private get tally(): RecordTally | undefined {
    return this.store.tally;
  }

  /**
   * A sum of fields from the start, middle and end of the object, all of which a write reads:
   * PutRecords reads it for every shard it will write to before writing (writes.fetchShards),
   * so that the object is in cache, whole, when the write comes.
   */
  fetch(): number {
    return this.lowLimb + this.length + this.cursorSince;
  }

  private get sequences(): SequenceNumbering {
    return (this.numbering ??= new SequenceNumbering(this.shardCreatedSeconds, this.shardIndex));
  }

  private copyNumbering(length: number): SequenceNumbering | undefined {
    return this.numbering?.copy(length);
  }

  /**
   * Appends a record and returns its position (`sequenceNumber` gives its number). `keyBytes` is
   * the partition key's length in UTF-8 (see writes.keyBytes); `atLeastIndex`
   * is the least sequence index it may take (SequenceNumberForOrdering). The number's digits also
   * go to slot `numberSlot` of `numberOut` when given (see slotsText). The write path calls this
   * once per record.
   */
  push(
    partitionKey: string,
    keyBytes: number,
    data: Uint8Array,
    arrival: number,
    hashFraction: number,
    encryption: number,
    atLeastIndex?: bigint,
    numberOut?: Uint32Array,
    numberSlot = 0,
  ): number {
    const i = this.append(partitionKey, keyBytes, data, arrival, hashFraction, encryption);
    if (atLeastIndex !== undefined && this.sequences.jump(i, atLeastIndex)) this.cursorAt = -1;
    if (numberOut !== undefined) this.echo(i, Math.floor(arrival / 1000), numberOut, numberSlot);
    if (this.tally) this.tally.held++;
    return i;
  }

  /**
   * Writes the number of the record at position i, the last appended, which arrived in `second`,
   * to slot `slot` of `out`, and steps the cursor to the next index. From the previous record's
   * number that is a few additions; a BigInt only after a jump or on a shard's first write.
   */
  private echo(i: number, second: number, out: Uint32Array, slot: number): void {
    const since = second - this.shardCreatedSeconds;
    const later = since - this.cursorSince;
    if (this.cursorAt === i && later > 0 && later < MAX_SECONDS_STEP) this.stepSeconds(later);
    else if (this.cursorAt !== i || later !== 0) {
      const { shardCreatedSeconds, shardIndex, numbering } = this;
      const sequenceIndex = numbering ? numbering.indexAt(i) : BigInt(i + 1);
      this.setParts({ shardCreatedSeconds, shardIndex, sequenceIndex, recordSeconds: second });
    }
    this.cursorSince = since;
    this.write(out, slot);
    this.stepIndex();
    this.cursorAt = i + 1;
  }

  /** Stores a record in the store as the next position (its number aside). */
  private append(
    partitionKey: string,
    keyBytes: number,
    data: Uint8Array,
    arrival: number,
    hashFraction: number,
    encryption: number,
  ): number {
    const i = this.length;
    this.last = this.store.push(partitionKey, keyBytes, data, arrival, hashFraction, encryption, this.last);
    this.length = i + 1;
    return i;
  }

  /** Fills the pages up to `length`, walking back from the last record. */
  private index(): void {
    const { indexed, length, store } = this;
    if (indexed === length) return;
    for (let n = indexed >> PAGE_BITS; n <= (length - 1) >> PAGE_BITS; n++)
      this.pageFor(Math.min(length - 1, (n << PAGE_BITS) + PAGE - 1));
    let p = this.last;
    let number = (length - 1) >> PAGE_BITS;
    let page = this.pages[number - this.pageBase]!;
    for (let i = length - 1; i >= indexed; i--) {
      if (i >> PAGE_BITS !== number) page = this.pages[(number = i >> PAGE_BITS) - this.pageBase]!;
      page[i & (PAGE - 1)] = p;
      p = store.previous(p);
    }
    this.indexed = length;
  }

  /** The page holding position i, made (or the first one grown) big enough to hold it. */
  private pageFor(i: number): Float64Array {
    const number = i >> PAGE_BITS;
    const index = number - this.pageBase;
    const page = this.pages[index];
    const slot = i & (PAGE - 1);
    if (page !== undefined && slot < page.length) return page;
    if (this.pages === NO_PAGES) this.pages = [];
    // The first page starts small and doubles; a copy that starts past its first records makes it big enough.
    const size = number > 0 ? PAGE : Math.min(PAGE, Math.max(FIRST_PAGE, 2 ** Math.ceil(Math.log2(slot + 1))));
    const next = new Float64Array(size);
    if (page !== undefined) next.set(page);
    this.pages[index] = next;
    return next;
  }

  /** Where the record at position i lies in the store. */
  private at(i: number): number {
    if (i >= this.indexed) this.index();
    return this.pages[(i >> PAGE_BITS) - this.pageBase]![i & (PAGE - 1)]!;
  }

  /**
   * Lets go of the records before position `to` (trimmed by retention or by a record budget):
   * `retainedFrom` moves there, the pages that hold only released records are dropped, and the
   * store is told, so that it drops its blocks once no shard holds their records. Never moves back.
   */
  release(to: number): void {
    const from = this.retainedFrom;
    const until = Math.min(to, this.length);
    if (until <= from) return;
    this.retainedFrom = until;
    if (this.tally) this.tally.held -= until - from;
    const { store } = this;
    this.index();
    for (let i = from; i < until; i++) store.release(this.at(i));
    store.dropReleased();
    const keptPage = (until >> PAGE_BITS) - this.pageBase;
    if (keptPage > 0) {
      this.pages.splice(0, keptPage);
      this.pageBase += keptPage;
    }
  }

  /** When the record at position i arrived (epoch ms). */
  arrival(i: number): number {
    return this.store.arrival(this.at(i));
  }

  /** Where the record at position i lies in the hash-key space, as a fraction of it. */
  hashFraction(i: number): number {
    const p = this.at(i);
    return this.store.block(p).fraction(p & (BLOCK - 1));
  }

  /** What the record at position i was written with: 0 = NONE, else 1 + its KMS key slot. */
  encryption(i: number): number {
    const p = this.at(i);
    return this.store.block(p).encryption(p & (BLOCK - 1));
  }

  /** The partition key of the record at position i. */
  partitionKey(i: number): string {
    const p = this.at(i);
    return this.store.block(p).keys[p & (BLOCK - 1)]!;
  }

  /** The sequence number of the record at position i. */
  sequenceNumber(i: number): string {
    return this.sequences.numberAt(i, Math.floor(this.arrival(i) / 1000));
  }

  /** A sequence number between the records before position i and those from i on, as of epoch ms `now`. */
  sequenceNumberBefore(i: number, now: number): string {
    return this.sequences.numberBefore(i, Math.floor(now / 1000));
  }

  /** The index the next record takes (unless SequenceNumberForOrdering asks for more). */
  nextSequenceIndex(): bigint {
    return this.sequences.indexAt(this.length);
  }

  /** The record's payload, as a read-only view into the store (no copy). */
  data(i: number): Uint8Array {
    return this.store.data(this.at(i));
  }

  dataSize(i: number): number {
    const p = this.at(i);
    return this.store.block(p).size(p & (BLOCK - 1));
  }

  /**
   * Where a read from `from` ends: at most `limit` records and `maxBytes` of data plus keys (but
   * always one if there is one). Returns the end position and the bytes read.
   */
  span(from: number, limit: number, maxBytes: number): { next: number; bytes: number } {
    const last = Math.min(this.length, from + limit);
    const { store } = this;
    let bytes = 0;
    let end = from;
    for (; end < last; end++) {
      const p = this.at(end);
      const block = store.block(p);
      const slot = p & (BLOCK - 1);
      const size = block.size(slot) + block.keyBytes(slot);
      if (end > from && bytes + size > maxBytes) break;
      bytes += size;
    }
    return { next: end, bytes };
  }

  /**
   * Reads the records `span` delimits, as the objects GetRecords returns. Each record's Data is a
   * view into one copy of the read's payloads, end to end: consumers may edit it without touching
   * the log, the copy holds nothing but this read's records, and a read costs one allocation for
   * its payloads, not one per record.
   */
  readFrom<R>(
    from: number,
    limit: number,
    maxBytes: number,
    make: (sequenceNumber: string, arrival: number, data: Uint8Array, key: string, encryption: number) => R,
  ): { records: R[]; next: number; bytes: number } {
    const { store } = this;
    const { next: end, bytes } = this.span(from, limit, maxBytes);
    let dataBytes = 0;
    for (let i = from; i < end; i++) dataBytes += this.dataSize(i);
    const payloads = new Uint8Array(dataBytes);
    const out: R[] = new Array(end - from);
    const numbers = this.sequences.text(from, end, this);
    // Payloads that lie end to end in one chunk (a shard written alone, or a restored one) are
    // copied as one run.
    let runChunk = -1;
    let runStart = 0;
    let runEnd = 0;
    let runAt = 0;
    let at = 0;
    for (let i = from; i < end; i++) {
      const p = this.at(i);
      const block = store.block(p);
      const slot = p & (BLOCK - 1);
      const chunk = block.chunk(slot);
      const offset = block.offset(slot);
      const size = block.size(slot);
      if (chunk !== runChunk || offset !== runEnd) {
        if (runEnd > runStart) payloads.set(store.chunk(runChunk).subarray(runStart, runEnd), runAt);
        runChunk = chunk;
        runStart = offset;
        runAt = at;
      }
      runEnd = offset + size;
      const digits = (i - from) * SEQUENCE_DIGITS;
      out[i - from] = make(
        numbers.slice(digits, digits + SEQUENCE_DIGITS),
        block.arrival(slot),
        payloads.subarray(at, at + size),
        block.keys[slot]!,
        block.encryption(slot),
      );
      at += size;
    }
    if (runEnd > runStart) payloads.set(store.chunk(runChunk).subarray(runStart, runEnd), runAt);
    return { records: out, next: end, bytes };
  }

  /** First position whose arrival is at or after `time` (arrivals never decrease), released ones aside. */
  firstAtOrAfter(time: number, from = 0): number {
    let lo = Math.max(from, this.retainedFrom);
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.arrival(mid) < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * This log's first `length` records as they are now, for a checkpoint: a log that shares the
   * store's blocks and chunks and this log's pages (never written below `length` again) but not
   * the lists of them, so the records stay readable there after this log releases them. Read it
   * or copy it; never push to it or release from it.
   */
  frozen(length = this.length): RecordLog {
    this.index();
    const out = new RecordLog(
      this.store.frozen(),
      this.shardCreatedSeconds,
      this.shardIndex,
      this.copyNumbering(length),
    );
    out.length = length;
    out.indexed = length;
    out.retainedFrom = Math.min(this.retainedFrom, length);
    out.pages = this.pages.slice();
    out.pageBase = this.pageBase;
    return out;
  }

  /**
   * A log holding this log's records [retainedFrom, length), at the same positions, sharing
   * nothing mutable with it. `tally` counts the copy's records; the copy's records go to the store
   * of `sibling` when given (the copies of a stream's shards share one), else to a store of its own.
   */
  copy(length = this.length, tally?: RecordTally, sibling?: RecordLog): RecordLog {
    const from = Math.min(this.retainedFrom, length);
    const out = new RecordLog(
      sibling?.store ?? new RecordStore(tally),
      this.shardCreatedSeconds,
      this.shardIndex,
      this.copyNumbering(length),
    );
    out.startAt(from);
    const { store } = this;
    for (let i = from; i < length; i++) {
      const p = this.at(i);
      const block = store.block(p);
      const slot = p & (BLOCK - 1);
      out.append(
        block.keys[slot]!,
        block.keyBytes(slot),
        store.data(p),
        block.arrival(slot),
        block.fraction(slot),
        block.encryption(slot),
      );
    }
    if (tally) tally.held += length - from;
    return out;
  }

  /** An empty log made to take its first record at position `from` (a copy of a trimmed log). */
  private startAt(from: number): void {
    this.retainedFrom = from;
    this.length = from;
    this.indexed = from;
    this.pageBase = from >> PAGE_BITS;
  }

  /** This log's retained records as columns (a copy), for a snapshot saved to disk. */
  columns(): LogColumns {
    const from = this.retainedFrom;
    const count = this.length - from;
    const numbers = new Float64Array(count * 2);
    const words = new Uint32Array(count * 2);
    const keys = new Array<string>(count);
    let bytes = 0;
    for (let i = from; i < this.length; i++) bytes += this.dataSize(i);
    const data = new Uint8Array(bytes);
    const { store } = this;
    let at = 0;
    for (let r = 0; r < count; r++) {
      const p = this.at(from + r);
      const block = store.block(p);
      const slot = p & (BLOCK - 1);
      numbers[2 * r] = block.arrival(slot);
      numbers[2 * r + 1] = block.fraction(slot);
      words[2 * r] = block.size(slot);
      words[2 * r + 1] = (block.encryption(slot) & 0xffff) | (block.keyBytes(slot) << 16);
      keys[r] = block.keys[slot]!;
      data.set(store.data(p), at);
      at += block.size(slot);
    }
    const jumps = this.numbering?.jumps();
    return {
      shardCreatedSeconds: this.shardCreatedSeconds,
      shardIndex: this.shardIndex,
      length: this.length,
      retainedFrom: from,
      jumpPositions: jumps ? [...jumps.positions] : [],
      jumpIndexes: jumps ? [...jumps.indexes] : [],
      numbers,
      words,
      keys,
      data,
    };
  }

  /**
   * The log `columns` described, records at the same positions, in a store of its own. Throws
   * RangeError when the columns do not fit together (a snapshot file that passed its checksum but
   * was not made here).
   */
  static fromColumns(columns: LogColumns, tally?: RecordTally): RecordLog {
    const { length, retainedFrom: from, numbers, words, keys, data } = columns;
    const count = length - from;
    if (
      !Number.isSafeInteger(from) ||
      from < 0 ||
      !Number.isSafeInteger(count) ||
      count < 0 ||
      numbers.length !== count * 2 ||
      words.length !== count * 2 ||
      keys.length !== count
    )
      throw new RangeError(`Record columns do not fit together (records ${from} to ${length})`);
    const numbering = SequenceNumbering.restored(
      columns.shardCreatedSeconds,
      columns.shardIndex,
      length,
      columns.jumpPositions,
      columns.jumpIndexes,
    );
    const out = new RecordLog(new RecordStore(tally), columns.shardCreatedSeconds, columns.shardIndex, numbering);
    out.startAt(from);
    let at = 0;
    for (let r = 0; r < count; r++) {
      const size = words[2 * r]!;
      const flags = words[2 * r + 1]!;
      if (at + size > data.length) throw new RangeError(`Record columns: payload ${r} runs past the data`);
      out.append(
        keys[r]!,
        flags >>> 16,
        data.subarray(at, at + size),
        numbers[2 * r]!,
        numbers[2 * r + 1]!,
        flags & 0xffff,
      );
      at += size;
    }
    if (at !== data.length) throw new RangeError('Record columns: data left over after the last payload');
    if (tally) tally.held += count;
    return out;
  }
}
