/** Every call in order (filterable, expandable, re-loadable into the form) and the engine's own events. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EngineEvent } from '../engine';
import { useSimulator } from '../store/react';
import { useConsoleApi } from './console/consoleState';
import { toWire, wireJson } from './console/wire';
import { formatClock, formatElapsed, streamOf } from './format';

type CallEvent = Extract<EngineEvent, { type: 'call' }>;
type Outcome = 'all' | 'ok' | 'error';

/** How many rows a list draws at most (the newest ones). */
export const MAX_ROWS = 300;

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
          <CallLog />
        </div>
      ) : (
        <div role="tabpanel" id="panel-events" aria-labelledby="tab-events" className="tabpanel">
          <EventList />
        </div>
      )}
    </section>
  );
}

function useAutoScroll(dep: unknown) {
  const ref = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [dep]);
  const onScroll = () => {
    const el = ref.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return { ref, onScroll };
}

export function CallLog() {
  const events = useSimulator((s) => s.events);
  const start = useSimulator((s) => s.settings.startTime);
  const [operation, setOperation] = useState('');
  const [stream, setStream] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('all');
  const callList = useMemo(() => events.filter((e): e is CallEvent => e.type === 'call'), [events]);
  const operations = useMemo(() => [...new Set(callList.map((c) => c.operation))].sort(), [callList]);
  const streams = useMemo(
    () => [...new Set(callList.map((c) => streamOf(c.input)).filter((s): s is string => !!s))].sort(),
    [callList],
  );
  const shown = useMemo(
    () =>
      callList.filter(
        (c) =>
          (!operation || c.operation === operation) &&
          (!stream || streamOf(c.input) === stream) &&
          (outcome === 'all' || (outcome === 'ok') === !c.error),
      ),
    [callList, operation, stream, outcome],
  );
  const rows = shown.slice(-MAX_ROWS);
  const scroll = useAutoScroll(rows.length > 0 ? rows[rows.length - 1]!.seq : -1);
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
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome)}>
            <option value="all">all</option>
            <option value="ok">succeeded</option>
            <option value="error">failed</option>
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {shown.length} of {callList.length} calls{shown.length > MAX_ROWS ? `, newest ${MAX_ROWS} shown` : ''}
        </span>
      </div>
      {callList.length === 0 ? (
        <p className="muted empty">No calls yet. Pick an operation in the console and press Send.</p>
      ) : (
        <ol className="entries" ref={scroll.ref} onScroll={scroll.onScroll} data-testid="call-log" aria-label="Calls">
          {rows.map((call) => (
            <CallRow key={call.seq} call={call} start={start} />
          ))}
        </ol>
      )}
    </>
  );
}

function CallRow({ call, start }: { call: CallEvent; start: number }) {
  const consoleApi = useConsoleApi();
  const [open, setOpen] = useState(false);
  const stream = streamOf(call.input);
  return (
    <li className={call.error ? 'entry failed' : 'entry'} data-operation={call.operation}>
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <span className="time" title={formatClock(call.t)}>
            {formatElapsed(call.t - start)}
          </span>
          <span className="param">{call.operation}</span>
          <span className="stream">{stream ?? ''}</span>
          <span className={call.error ? 'outcome danger' : 'outcome ok-text'}>
            {call.error ? call.error.name : 'OK'}
          </span>
        </summary>
        {open ? (
          <div className="entry-body">
            <h4>Request</h4>
            <pre className="code" tabIndex={0}>
              {wireJson(call.input)}
            </pre>
            <h4>{call.error ? `Error ${call.error.httpStatus}` : 'Response'}</h4>
            <pre className="code" tabIndex={0}>
              {call.error
                ? JSON.stringify({ __type: call.error.name, message: call.error.message }, null, 2)
                : truncate(wireJson(call.output))}
            </pre>
          </div>
        ) : null}
      </details>
      <button
        type="button"
        className="small load"
        aria-label={`Load into form: ${call.operation} at ${formatElapsed(call.t - start)}`}
        title="Load this request into the form"
        onClick={() => {
          consoleApi.getState().load(call.operation, (toWire(call.input) ?? {}) as Record<string, unknown>);
          document.getElementById('op-select')?.focus();
        }}
      >
        Load
      </button>
    </li>
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
    case 'encryptionReachedShard':
      return `Encryption ${e.encryptionType}${e.keyId ? ` (${e.keyId})` : ''} reached ${e.stream}/${e.shardId}`;
    default:
      return (e as { type: string }).type;
  }
}

export function EventList() {
  const events = useSimulator((s) => s.events);
  const start = useSimulator((s) => s.settings.startTime);
  const [withCalls, setWithCalls] = useState(false);
  const list = useMemo(() => events.filter((e) => withCalls || e.type !== 'call'), [events, withCalls]);
  const rows = list.slice(-MAX_ROWS);
  const scroll = useAutoScroll(rows.length > 0 ? rows[rows.length - 1]!.seq : -1);
  return (
    <>
      <div className="filters">
        <label>
          <input type="checkbox" checked={withCalls} onChange={(e) => setWithCalls(e.target.checked)} /> Interleave
          calls
        </label>
        <span className="muted">{list.length} events</span>
      </div>
      {rows.length === 0 ? (
        <p className="muted empty">
          No engine events yet: status changes, shards opening and closing, iterator expiry, trimming and throttling
          appear here.
        </p>
      ) : (
        <ol
          className="entries"
          ref={scroll.ref}
          onScroll={scroll.onScroll}
          data-testid="event-log"
          aria-label="Engine events"
          tabIndex={0}
        >
          {rows.map((e) => (
            <li key={e.seq} className={`entry event-${e.type}`}>
              <span className="time" title={formatClock(e.t)}>
                {formatElapsed(e.t - start)}
              </span>
              <span className="event-type">{e.type}</span>
              <span>{describeEvent(e)}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
