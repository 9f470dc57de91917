/**
 * The call log and the engine's events, drawn from the feed (store/callLog, store/eventLog): every
 * call is in the model, the list renders only the rows in view (a virtualised window), and the
 * calls of traffic are grouped per producer or consumer per virtual second. The list redraws at
 * most a few times a second, however many calls arrive.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { EngineEvent } from '../engine';
import { rowOutcome, type CallLog, type CallRow, type CallSummary, type Outcome } from '../store/callLog';
import { useSimulator, useSimulatorApi } from '../store/react';
import { useFrameTick } from '../views/hooks';
import { useConsoleApi } from './console/consoleState';
import { toWire, wireJson } from './console/wire';
import { formatClock, formatElapsed } from './format';

type OutcomeFilter = 'all' | 'ok' | 'failed';
type OriginFilter = 'all' | 'yours' | 'traffic';

/** How often the lists redraw at most while calls arrive (wall ms). */
const LIST_MS = 250;
const ROW_HEIGHT = 26;

export function LogPanel() {
  const [tab, setTab] = useState<'calls' | 'events'>('calls');
  const calls = useRef<HTMLButtonElement>(null);
  const events = useRef<HTMLButtonElement>(null);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const next = tab === 'calls' ? 'events' : 'calls';
    setTab(next);
    (next === 'calls' ? calls : events).current?.focus();
  };
  return (
    <section className="log panel" aria-label="Call log and engine events">
      <div className="tabs" role="tablist" aria-label="Log" onKeyDown={onKey}>
        <button
          ref={calls}
          type="button"
          role="tab"
          id="tab-calls"
          aria-controls="panel-calls"
          aria-selected={tab === 'calls'}
          tabIndex={tab === 'calls' ? 0 : -1}
          onClick={() => setTab('calls')}
        >
          Call log
        </button>
        <button
          ref={events}
          type="button"
          role="tab"
          id="tab-events"
          aria-controls="panel-events"
          aria-selected={tab === 'events'}
          tabIndex={tab === 'events' ? 0 : -1}
          onClick={() => setTab('events')}
        >
          Engine events
        </button>
      </div>
      {tab === 'calls' ? (
        <div role="tabpanel" id="panel-calls" aria-labelledby="tab-calls" className="tabpanel">
          <CallLogList />
        </div>
      ) : (
        <div role="tabpanel" id="panel-events" aria-labelledby="tab-events" className="tabpanel">
          <EventList />
        </div>
      )}
    </section>
  );
}

/**
 * Keeps a virtual list scrolled to its end while it was at its end (a person scrolling up stops
 * that). It writes the offset from the list's known size rather than asking the virtualizer to
 * scroll to an index, which reads the layout back (a forced layout each time the list grows).
 */
function useFollowEnd(count: number, totalSize: number, element: React.RefObject<HTMLElement | null>) {
  const atEnd = useRef(true);
  useLayoutEffect(() => {
    const el = element.current;
    // The browser holds an offset past the end at the end.
    if (el && atEnd.current && count > 0) el.scrollTop = totalSize + ROW_HEIGHT;
  }, [count, totalSize, element]);
  return () => {
    const el = element.current;
    if (el) atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
  };
}

const originLabel = (origin: string | undefined): string =>
  origin === undefined
    ? 'you'
    : origin.startsWith('producer:') || origin.startsWith('consumer:')
      ? origin.slice(9)
      : // An application's user agent ("aws-sdk-js/3.x ua/2.1 …"): its product name; the title has it all.
        (/^([\w.-]+)\/\S*\s/.exec(origin)?.[1] ?? origin);
const originKind = (origin: string | undefined): string =>
  origin === undefined
    ? 'you'
    : origin.startsWith('producer:')
      ? 'producer'
      : origin.startsWith('consumer:')
        ? 'consumer'
        : 'other';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A row's outcome in words: "OK", the error, "96 of 100 records failed", or a group's counts. */
export function outcomeText(row: CallRow): string {
  if (row.kind === 'call') {
    const call = row.calls?.[0];
    if (call?.error) return call.error.name;
    if (row.failedRecords > 0)
      return `${row.failedRecords} of ${row.records} records failed${row.throttledRecords === row.failedRecords ? ' (throttled)' : ''}`;
    return 'OK';
  }
  const ok = row.callCount - row.errorCalls;
  const parts = [`${plural(ok, 'call')} ok`];
  if (row.throttledCalls > 0) parts.push(`${plural(row.throttledCalls, 'call')} throttled`);
  if (row.errorCalls - row.throttledCalls > 0)
    parts.push(`${plural(row.errorCalls - row.throttledCalls, 'call')} failed`);
  if (row.throttledRecords > 0) parts.push(`${plural(row.throttledRecords, 'record')} throttled`);
  if (row.failedRecords - row.throttledRecords > 0)
    parts.push(`${plural(row.failedRecords - row.throttledRecords, 'record')} failed`);
  return parts.join(' · ');
}

/** What a row did, in a few words: "key-1 → shardId-000000000003", "6,000 records". */
function whatText(row: CallRow): string {
  const call = row.kind === 'call' ? row.calls?.[0] : undefined;
  if (call?.partitionKey !== undefined) {
    return call.shardId !== undefined ? `${call.partitionKey} → ${call.shardId}` : call.partitionKey;
  }
  if (row.records > 0) {
    const verb = row.operation === 'GetRecords' ? 'read' : 'written';
    return `${plural(row.records, 'record')}${row.kind === 'group' || row.operation !== 'GetRecords' ? '' : ` ${verb}`}`;
  }
  return '';
}

const OUTCOME_CLASS: Record<Outcome, string> = { ok: 'ok-text', partial: 'warn-text', failed: 'danger' };

function matches(
  row: CallRow,
  operation: string,
  stream: string,
  outcome: OutcomeFilter,
  origin: OriginFilter,
): boolean {
  if (operation && row.operation !== operation && !row.mixed) return false;
  if (stream && row.stream !== stream) return false;
  if (origin === 'yours' && row.origin !== undefined && row.origin !== 'lesson') return false;
  if (origin === 'traffic' && (row.origin === undefined || row.origin === 'lesson')) return false;
  if (outcome === 'ok' && rowOutcome(row) !== 'ok') return false;
  if (outcome === 'failed' && rowOutcome(row) === 'ok') return false;
  return true;
}

export function CallLogList() {
  const api = useSimulatorApi();
  useFrameTick(LIST_MS);
  const log: CallLog = api.getState().feed.calls;
  const start = useSimulator((s) => s.settings.startTime);
  const [operation, setOperation] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<OutcomeFilter>('all');
  const [origin, setOrigin] = useState<OriginFilter>('all');
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const scroller = useRef<HTMLDivElement>(null);
  const filtering = operation !== '' || stream !== '' || outcome !== 'all' || origin !== 'all';
  const version = log.version;
  // With no filter, row i of the list is row i of the log: no work per call. With one, the list
  // is the matching rows' places, recomputed when the log or a filter changes (a few times a second).
  const shown = useMemo(
    () => {
      if (!filtering) return undefined;
      const out: number[] = [];
      log.rows.forEach((row, i) => {
        if (matches(row, operation, stream, outcome, origin)) out.push(i);
      });
      return out;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filtering, version, operation, stream, outcome, origin, log],
  );
  const count = shown ? shown.length : log.rows.length;
  const { operations, streams } = useMemo(() => {
    const ops = new Set<string>();
    const names = new Set<string>();
    // The newest rows tell which operations and streams are in use (bounded work per redraw).
    for (let i = log.rows.length - 1, n = 0; i >= 0 && n < 2000; i--, n++) {
      ops.add(log.rows[i]!.operation);
      const name = log.rows[i]!.stream;
      if (name !== undefined) names.add(name);
    }
    if (operation) ops.add(operation);
    if (stream) names.add(stream);
    return { operations: [...ops].sort(), streams: [...names].sort() };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, log, operation, stream]);

  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => log.rows[shown ? shown[i]! : i]?.id ?? i,
  });
  const onScroll = useFollowEnd(count, virtual.getTotalSize(), scroller);
  const toggle = (id: number) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
    // A closed row is one line again: forget its measured height.
    virtual.measure();
  };

  return (
    <>
      <div className="filters" role="group" aria-label="Filter calls">
        <label>
          Operation{' '}
          <select value={operation} onChange={(e) => setOperation(e.target.value)}>
            <option value="">all</option>
            {operations.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Stream{' '}
          <select value={stream} onChange={(e) => setStream(e.target.value)}>
            <option value="">all</option>
            {streams.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          Outcome{' '}
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as OutcomeFilter)}>
            <option value="all">all</option>
            <option value="ok">succeeded</option>
            <option value="failed">failed or partly failed</option>
          </select>
        </label>
        <label>
          By{' '}
          <select value={origin} onChange={(e) => setOrigin(e.target.value as OriginFilter)}>
            <option value="all">anyone</option>
            <option value="yours">you and lessons</option>
            <option value="traffic">traffic</option>
          </select>
        </label>
        <span className="muted" aria-live="polite" data-testid="call-count">
          {plural(log.total, 'call')}
          {filtering ? `, ${plural(count, 'row')} shown` : ''}
          {log.droppedRows > 0 ? ` (oldest ${plural(log.droppedRows, 'row')} no longer kept)` : ''}
        </span>
      </div>
      {log.total === 0 ? (
        <p className="muted empty">No calls yet. Pick an operation in the console and press Send.</p>
      ) : (
        <div className="entries" ref={scroller} onScroll={onScroll} data-testid="call-log">
          <ol
            aria-label="Calls"
            style={{ height: virtual.getTotalSize(), position: 'relative', margin: 0, padding: 0 }}
          >
            {virtual.getVirtualItems().map((item) => {
              const row = log.rows[shown ? shown[item.index]! : item.index]!;
              return (
                <li
                  key={item.key}
                  data-index={item.index}
                  // Only an open row's height is measured (a read of the layout); closed rows are one line.
                  ref={open.has(row.id) ? virtual.measureElement : undefined}
                  className={`entry ${rowOutcome(row)}`}
                  data-operation={row.operation}
                  data-origin={originKind(row.origin)}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: open.has(row.id) ? undefined : ROW_HEIGHT,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <CallRowView row={row} start={start} open={open.has(row.id)} onToggle={() => toggle(row.id)} />
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </>
  );
}

function CallRowView({ row, start, open, onToggle }: { row: CallRow; start: number; open: boolean; onToggle(): void }) {
  const outcome = rowOutcome(row);
  const label = row.kind === 'group' ? `${row.mixed ? 'calls' : row.operation} ×${row.callCount}` : row.operation;
  return (
    <div className="entry-main">
      <button type="button" className="entry-summary" aria-expanded={open} onClick={onToggle}>
        <span className="time" title={formatClock(row.t)}>
          {formatElapsed(row.t - start)}
        </span>
        <span className={`origin origin-${originKind(row.origin)}`} title={row.origin ?? 'a call you made'}>
          {originLabel(row.origin)}
        </span>
        <span className="param">{label}</span>
        <span className="stream">{row.stream ?? ''}</span>
        <span className="what">{whatText(row)}</span>
        <span className={`outcome ${OUTCOME_CLASS[outcome]}`} data-testid="call-outcome">
          {outcomeText(row)}
        </span>
      </button>
      {open ? (
        row.kind === 'call' && row.calls?.[0] ? (
          <CallDetail call={row.calls[0]} start={start} />
        ) : (
          <GroupDetail row={row} start={start} />
        )
      ) : null}
    </div>
  );
}

function GroupDetail({ row, start }: { row: CallRow; start: number }) {
  const [open, setOpen] = useState<number | null>(null);
  if (!row.calls) {
    return (
      <p className="entry-body muted">
        The {plural(row.callCount, 'call')} of this second are no longer kept one by one (the log keeps the newest);
        their counts are above.
      </p>
    );
  }
  return (
    <div className="entry-body">
      <ol className="group-calls" aria-label={`Calls of ${row.origin ?? 'this row'}`}>
        {row.calls.map((call) => (
          <li key={call.seq}>
            <button
              type="button"
              className="entry-summary nested"
              aria-expanded={open === call.seq}
              onClick={() => setOpen(open === call.seq ? null : call.seq)}
            >
              <span className="time">{formatElapsed(call.t - start)}</span>
              <span className="param">{call.operation}</span>
              <span className="what">{call.records > 0 ? plural(call.records, 'record') : ''}</span>
              <span
                className={
                  call.error ? 'outcome danger' : call.failedRecords > 0 ? 'outcome warn-text' : 'outcome ok-text'
                }
              >
                {call.error ? call.error.name : call.failedRecords > 0 ? `${call.failedRecords} records failed` : 'OK'}
              </span>
            </button>
            {open === call.seq ? <CallDetail call={call} start={start} /> : null}
          </li>
        ))}
      </ol>
      {row.droppedCalls > 0 ? (
        <p className="muted">…and {plural(row.droppedCalls, 'more call')} not kept one by one.</p>
      ) : null}
    </div>
  );
}

function CallDetail({ call, start }: { call: CallSummary; start: number }) {
  const consoleApi = useConsoleApi();
  const detail = call.detail;
  return (
    <div className="entry-body">
      {detail ? (
        <>
          <h4>Request</h4>
          <pre className="code" tabIndex={0}>
            {truncate(wireJson(detail.input))}
          </pre>
          <h4>{call.error ? `Error ${call.error.httpStatus}` : 'Response'}</h4>
          <pre className="code" tabIndex={0}>
            {call.error
              ? JSON.stringify({ __type: call.error.name, message: call.error.message }, null, 2)
              : truncate(wireJson(detail.output))}
          </pre>
          <button
            type="button"
            className="small load"
            aria-label={`Load into form: ${call.operation} at ${formatElapsed(call.t - start)}`}
            title="Load this request into the form"
            onClick={() => {
              consoleApi.getState().load(call.operation, (toWire(detail.input) ?? {}) as Record<string, unknown>);
              document.getElementById('op-select')?.focus();
            }}
          >
            Load into form
          </button>
        </>
      ) : (
        <p className="muted">
          {call.error
            ? `${call.error.name}: ${call.error.message}`
            : 'The request and answer of this call are no longer kept (the log keeps those of the newest calls).'}
        </p>
      )}
    </div>
  );
}

const truncate = (text: string, max = 20_000) =>
  text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters)` : text;

/** One line of plain words for an engine event. */
export function describeEvent(e: EngineEvent): string {
  switch (e.type) {
    case 'call':
      return `${e.operation} ${e.error ? `failed: ${e.error.name}` : 'succeeded'}`;
    case 'streamStatus':
      return `Stream ${e.stream}: ${e.previous ? `${e.previous} → ` : ''}${e.status}${e.reason ? ` (${e.reason})` : ''}`;
    case 'shardOpened':
      return `Shard ${e.shardId} opened in ${e.stream}${e.parentShardIds.length ? ` from ${e.parentShardIds.join(' + ')}` : ''}`;
    case 'shardClosed':
      return `Shard ${e.shardId} closed in ${e.stream}${e.childShardIds.length ? `; children ${e.childShardIds.join(', ')}` : ''}`;
    case 'iteratorIssued':
      return `Iterator #${e.iteratorId} (${e.iteratorType}) on ${e.stream}/${e.shardId} at record ${e.position}`;
    case 'iteratorExpired':
      return `Iterator #${e.iteratorId} on ${e.stream}/${e.shardId} expired`;
    case 'recordsTrimmed':
      return `${e.count} record${e.count === 1 ? '' : 's'} trimmed from ${e.stream}/${e.shardId} (retention)`;
    case 'shardExpired':
      return `Closed shard ${e.stream}/${e.shardId} expired (all its records are past retention)`;
    case 'throttled':
      return `${e.operation} throttled (${e.direction}) on ${e.stream}${e.shardId ? `/${e.shardId}` : ''}: ${e.count}×`;
    case 'failed':
      return `${e.operation} failed on ${e.stream}${e.shardId ? `/${e.shardId}` : ''}: ${e.errorCode} ×${e.count}`;
    case 'encryptionReachedShard':
      return `Encryption ${e.encryptionType}${e.keyId ? ` (${e.keyId})` : ''} reached ${e.stream}/${e.shardId}`;
    case 'streamChanged':
      return `Stream ${e.stream}: retention ${e.retentionHours} h, encryption ${e.encryptionType}${e.keyId ? ` (${e.keyId})` : ''}, ${e.streamMode}`;
    case 'subscriptionEnded':
      return `Subscription #${e.subscriptionId} of ${e.consumerArn} to ${e.stream}/${e.shardId} ended`;
    case 'recordsWritten':
      return `${e.count} records written to ${e.stream}/${e.shardId}`;
    case 'recordsRead':
      return `${e.count} records read from ${e.stream}/${e.shardId} (${e.via})`;
  }
}

export function EventList() {
  const api = useSimulatorApi();
  useFrameTick(LIST_MS);
  const events = api.getState().feed.events;
  const start = useSimulator((s) => s.settings.startTime);
  const scroller = useRef<HTMLDivElement>(null);
  const count = events.size;
  const virtual = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const onScroll = useFollowEnd(count, virtual.getTotalSize(), scroller);
  return (
    <>
      <div className="filters">
        <span className="muted">
          {plural(events.total, 'event')}
          {events.total > count ? `, newest ${count.toLocaleString('en-US')} shown` : ''}
        </span>
      </div>
      {count === 0 ? (
        <p className="muted empty">
          No engine events yet: status changes, shards opening and closing, iterator expiry, trimming and throttling
          appear here.
        </p>
      ) : (
        <div className="entries" ref={scroller} onScroll={onScroll} data-testid="event-log" tabIndex={0}>
          <ol
            aria-label="Engine events"
            style={{ height: virtual.getTotalSize(), position: 'relative', margin: 0, padding: 0 }}
          >
            {virtual.getVirtualItems().map((item) => {
              const e = events.at(item.index);
              return (
                <li
                  key={e.seq}
                  className={`entry event-${e.type}`}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    right: 0,
                    height: item.size,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <span className="time" title={formatClock(e.t)}>
                    {formatElapsed(e.t - start)}
                  </span>
                  <span className="event-type">{e.type}</span>
                  <span className="event-text">{describeEvent(e)}</span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
    </>
  );
}
