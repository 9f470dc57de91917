/**
 * The call log as rows to draw: each call a person (or a lesson) made is a row of its own; calls
 * made by traffic (a producer, a consumer, an application writing to the endpoint: anything with
 * an origin) are grouped into one row per origin per virtual second, with counts by outcome,
 * expandable to the calls inside. Built from call events in O(1) per call; bounded in memory:
 * the oldest rows go first, and only the most recent calls keep their request and response.
 */
import type { CallError, EngineEvent } from '../engine';

type CallEvent = Extract<EngineEvent, { type: 'call' }>;

const THROTTLED = 'ProvisionedThroughputExceededException';

/** One call, as the log shows it. */
export interface CallSummary {
  readonly seq: number;
  readonly t: number;
  readonly operation: string;
  readonly origin?: string;
  readonly stream?: string;
  readonly error?: CallError;
  /** Records the call wrote (asked to write) or read. */
  readonly records: number;
  /** Of a PutRecords: records that failed, and how many of those were throttled. */
  readonly failedRecords: number;
  readonly throttledRecords: number;
  /** A single-record write: its partition key and the shard it went to. */
  readonly partitionKey?: string;
  readonly shardId?: string;
  /** The request and the answer, while the log still keeps them (see DETAIL limits). */
  detail?: { readonly input: unknown; readonly output?: unknown };
}

/** A recent call's operation and answer. */
export interface RecentCall {
  readonly operation: string;
  readonly output?: unknown;
  readonly ok: boolean;
}

export interface CallRow {
  readonly id: number;
  /** A call of its own, or a group of one origin's calls in one virtual second. */
  readonly kind: 'call' | 'group';
  readonly origin?: string;
  /** Virtual epoch second of the row. */
  readonly second: number;
  readonly t: number;
  /** The first call's operation; `mixed` when later calls of the group had others. */
  readonly operation: string;
  mixed: boolean;
  stream?: string;
  callCount: number;
  /** Calls that answered an error (the whole call failed). */
  errorCalls: number;
  /** Of those, throttled. */
  throttledCalls: number;
  records: number;
  failedRecords: number;
  throttledRecords: number;
  /** The calls of the row, oldest first, until the log drops them to stay bounded. */
  calls: CallSummary[] | undefined;
  /** Calls of a group not kept in `calls` (it keeps at most GROUP_CALLS). */
  droppedCalls: number;
}

/** Bounds: rows kept, calls kept inside group rows, calls that keep their request and response. */
export const MAX_ROWS = 50_000;
export const GROUP_CALLS = 200;
export const MAX_KEPT_CALLS = 100_000;
export const DETAIL_USER_CALLS = 2000;
export const DETAIL_TRAFFIC_CALLS = 50;

export type Outcome = 'ok' | 'partial' | 'failed';

/** A row's outcome: failed when any call failed, partial when only records failed, else ok. */
export function rowOutcome(row: CallRow): Outcome {
  if (row.errorCalls > 0) return row.kind === 'call' || row.errorCalls === row.callCount ? 'failed' : 'partial';
  return row.failedRecords > 0 ? 'partial' : 'ok';
}

function summarise(event: CallEvent): CallSummary {
  const input = (event.input ?? {}) as Record<string, unknown>;
  const output = (event.output ?? {}) as Record<string, unknown>;
  let records = 0;
  let failedRecords = 0;
  let throttledRecords = 0;
  let partitionKey: string | undefined;
  let shardId: string | undefined;
  switch (event.operation) {
    case 'PutRecord':
      records = 1;
      if (typeof input.PartitionKey === 'string') partitionKey = input.PartitionKey;
      if (typeof output.ShardId === 'string') shardId = output.ShardId;
      break;
    case 'PutRecords': {
      const entries = input.Records;
      records = Array.isArray(entries) ? entries.length : 0;
      failedRecords = typeof output.FailedRecordCount === 'number' ? output.FailedRecordCount : 0;
      throttledRecords = event.failedRecords?.[THROTTLED] ?? 0;
      if (records === 1 && Array.isArray(entries)) {
        const first = entries[0] as Record<string, unknown> | undefined;
        const answer = (output.Records as Record<string, unknown>[] | undefined)?.[0];
        if (typeof first?.PartitionKey === 'string') partitionKey = first.PartitionKey;
        if (typeof answer?.ShardId === 'string') shardId = answer.ShardId;
      }
      break;
    }
    case 'GetRecords':
      records = Array.isArray(output.Records) ? output.Records.length : 0;
      break;
  }
  return {
    seq: event.seq,
    t: event.t,
    operation: event.operation,
    ...(event.origin !== undefined ? { origin: event.origin } : {}),
    ...(event.stream !== undefined ? { stream: event.stream } : {}),
    ...(event.error ? { error: event.error } : {}),
    records,
    failedRecords,
    throttledRecords,
    ...(partitionKey !== undefined ? { partitionKey } : {}),
    ...(shardId !== undefined ? { shardId } : {}),
  };
}

export class CallLog {
  /** Rows, oldest first; `first` is the id of rows[0] (ids keep counting when old rows go). */
  readonly rows: CallRow[] = [];
  first = 0;
  /** Calls seen since the log began, and rows dropped to stay bounded. */
  total = 0;
  droppedRows = 0;
  version = 0;
  /** Per origin, its open group row (the one for the latest second it called in). */
  private readonly open = new Map<string, CallRow>();
  private kept = 0;
  /** Rows before this one have had their calls dropped (or are single calls, which keep theirs). */
  private stripped = 0;
  private readonly detailed: { user: CallSummary[]; traffic: CallSummary[] } = { user: [], traffic: [] };
  private nextId = 0;

  ingest(event: EngineEvent): void {
    if (event.type !== 'call') return;
    this.total++;
    this.version++;
    const call = summarise(event);
    this.keepDetail(call, event);
    const failedCall = call.error !== undefined;
    const throttledCall = call.error?.name === THROTTLED;
    if (call.origin === undefined) {
      this.push({
        id: this.nextId++,
        kind: 'call',
        second: Math.floor(call.t / 1000),
        t: call.t,
        operation: call.operation,
        mixed: false,
        ...(call.stream !== undefined ? { stream: call.stream } : {}),
        callCount: 1,
        errorCalls: failedCall ? 1 : 0,
        throttledCalls: throttledCall ? 1 : 0,
        records: call.records,
        failedRecords: call.failedRecords,
        throttledRecords: call.throttledRecords,
        calls: [call],
        droppedCalls: 0,
      });
      return;
    }
    const second = Math.floor(call.t / 1000);
    let row = this.open.get(call.origin);
    if (!row || row.second !== second || row.calls === undefined) {
      row = {
        id: this.nextId++,
        kind: 'group',
        origin: call.origin,
        second,
        t: call.t,
        operation: call.operation,
        mixed: false,
        ...(call.stream !== undefined ? { stream: call.stream } : {}),
        callCount: 0,
        errorCalls: 0,
        throttledCalls: 0,
        records: 0,
        failedRecords: 0,
        throttledRecords: 0,
        calls: [],
        droppedCalls: 0,
      };
      this.open.set(call.origin, row);
      this.push(row);
    }
    if (call.operation !== row.operation) row.mixed = true;
    row.callCount++;
    if (failedCall) row.errorCalls++;
    if (throttledCall) row.throttledCalls++;
    row.records += call.records;
    row.failedRecords += call.failedRecords;
    row.throttledRecords += call.throttledRecords;
    if (row.calls!.length < GROUP_CALLS) {
      row.calls!.push(call);
      this.kept++;
      this.bound();
    } else {
      row.droppedCalls++;
    }
  }

  /** The newest calls that still keep their answer, newest first (the console fills forms from them). */
  recent(count: number): RecentCall[] {
    const merged = [...this.detailed.user.slice(-count), ...this.detailed.traffic.slice(-count)];
    merged.sort((a, b) => b.seq - a.seq);
    return merged.slice(0, count).map((call) => ({
      operation: call.operation,
      ok: call.error === undefined,
      ...(call.detail?.output !== undefined ? { output: call.detail.output } : {}),
    }));
  }

  /** The row with this id, if it is still kept. */
  row(id: number): CallRow | undefined {
    return this.rows[id - this.first];
  }

  private push(row: CallRow): void {
    this.rows.push(row);
    if (row.kind === 'call') this.kept++;
    this.bound();
  }

  /**
   * Drops the oldest rows once there are a tenth more than MAX_ROWS, and the oldest rows' calls
   * past MAX_KEPT_CALLS (rows keep their counts): amortised O(1) per call.
   */
  private bound(): void {
    if (this.rows.length > MAX_ROWS + MAX_ROWS / 10) {
      const gone = this.rows.splice(0, this.rows.length - MAX_ROWS);
      for (const row of gone) {
        this.kept -= row.calls?.length ?? 0;
        if (row.origin !== undefined && this.open.get(row.origin) === row) this.open.delete(row.origin);
      }
      this.first += gone.length;
      this.droppedRows += gone.length;
      this.stripped = Math.max(0, this.stripped - gone.length);
    }
    for (; this.kept > MAX_KEPT_CALLS && this.stripped < this.rows.length; this.stripped++) {
      const row = this.rows[this.stripped]!;
      if (row.kind !== 'group' || row.calls === undefined) continue;
      this.kept -= row.calls.length;
      row.droppedCalls += row.calls.length;
      row.calls = undefined;
    }
  }

  /**
   * The request and answer stay with the newest calls only: a person's own calls (few, and what
   * they look at), and a handful of traffic calls (each may carry 500 records).
   */
  private keepDetail(call: CallSummary, event: CallEvent): void {
    call.detail = { input: event.input, ...(event.output !== undefined ? { output: event.output } : {}) };
    const list = call.origin === undefined ? this.detailed.user : this.detailed.traffic;
    const max = call.origin === undefined ? DETAIL_USER_CALLS : DETAIL_TRAFFIC_CALLS;
    list.push(call);
    if (list.length > max) delete list.shift()!.detail;
  }
}
