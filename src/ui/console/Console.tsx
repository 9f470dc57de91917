/** The API console: operation picker, generated form or raw JSON, Send, Copy as, and the answer. */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import {
  OPERATIONS,
  checkTypes,
  constraintProblems,
  validationProblems,
  isKinesisError,
  operationsFor,
  type OperationDef,
  type OperationGroup,
  type Shape,
  type StructureShape,
} from '../../engine';
import { useShallow, useSimulator, useSimulatorApi } from '../../store/react';
import { formatClock, formatElapsed } from '../format';
import { useConsoleApi } from './consoleState';
import { copyAs, type CopyTarget } from './copyAs';
import { defaultsFor, type DefaultsContext } from './defaults';
import { Fields, FormContext, type FormContextValue } from './Field';
import { useSimulation } from '../useSimulation';
import { useAttachment } from '../AttachedBar';
import { toSdk, wireJson } from './wire';

const GROUP_LABELS: Record<OperationGroup, string> = {
  streams: 'Streams',
  shards: 'Shards',
  records: 'Records',
  encryption: 'Encryption',
  tags: 'Tags',
  monitoring: 'Monitoring',
  limits: 'Limits',
  consumers: 'Consumers',
  policies: 'Policies',
  account: 'Account',
};
const GROUP_ORDER = Object.keys(GROUP_LABELS) as OperationGroup[];

/** Operations grouped in the picker's order, filtered by a search text. */
export function groupOperations(ops: readonly OperationDef[], query: string): [OperationGroup, OperationDef[]][] {
  const q = query.trim().toLowerCase();
  const match = (op: OperationDef) =>
    !q || op.name.toLowerCase().includes(q) || op.doc.toLowerCase().includes(q) || op.group.includes(q);
  return GROUP_ORDER.map(
    (group) => [group, ops.filter((op) => op.group === group && match(op))] as [OperationGroup, OperationDef[]],
  ).filter(([, list]) => list.length > 0);
}

export interface Validation {
  /** A SerializationException text when a value has the wrong JSON type. */
  serialization?: string;
  problems: string[];
  byPath: Map<string, string[]>;
}

export function validate(shape: StructureShape, draft: unknown): Validation {
  try {
    const typed = checkTypes(shape, draft, { mode: 'wire' });
    const problems = constraintProblems(shape, typed);
    // The engine says which field each problem is at: the form marks that field.
    const byPath = new Map<string, string[]>();
    for (const { path, constraint } of validationProblems(shape, typed)) {
      byPath.set(path, [...(byPath.get(path) ?? []), constraint]);
    }
    return { problems, byPath };
  } catch (error) {
    if (!isKinesisError(error)) throw error;
    return { serialization: error.message, problems: [], byPath: new Map() };
  }
}

function useDefaultsContext(operation: string): () => DefaultsContext {
  const api = useSimulatorApi();
  const serial = useRef(1);
  return () => {
    const { engine, selection, feed } = api.getState();
    return { operation, selection, streams: engine.streams(), recent: feed.calls.recent(20), serial: serial.current++ };
  };
}

export function Console() {
  const api = useSimulatorApi();
  const sim = useSimulation();
  const consoleApi = useConsoleApi();
  const profile = useSimulator((s) => s.settings.profile);
  const operation = useStore(consoleApi, (s) => s.operation);
  const draft = useStore(consoleApi, (s) => s.draft);
  const version = useStore(consoleApi, (s) => s.version);
  const [query, setQuery] = useState('');
  const [raw, setRaw] = useState(false);

  const ops = useMemo(() => operationsFor(profile), [profile]);
  const def = ops.find((op) => op.name === operation) ?? OPERATIONS.get(operation);
  const supported = ops.some((op) => op.name === operation);
  const shape = useMemo(() => def?.input(profile) ?? { type: 'structure' as const, members: {} }, [def, profile]);
  const groups = useMemo(() => groupOperations(ops, query), [ops, query]);
  const context = useDefaultsContext(operation);

  const pick = (name: string) => {
    const next = OPERATIONS.get(name);
    if (!next) return;
    consoleApi.getState().load(name, defaultsFor(next.input(profile), { ...context(), operation: name }));
  };
  const reset = () => consoleApi.getState().load(operation, defaultsFor(shape, context()));

  // The first form of a session gets its defaults once.
  useEffect(() => {
    if (consoleApi.getState().version === 0) reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const attachment = useAttachment();
  const send = () => {
    // A stream just created becomes the selected one, so the views show it.
    const created = consoleApi.getState().draft.StreamName;
    const selectCreated = (ok: boolean) => {
      if (ok && operation === 'CreateStream' && typeof created === 'string') api.getState().select({ stream: created });
    };
    const input = toSdk(shape, consoleApi.getState().draft);
    // Attached, the call goes to the endpoint; the page sees its effect through the command feed.
    if (attachment) void attachment.call(operation, input).then((result) => selectCreated(result.ok));
    else selectCreated(sim.call(operation, input).ok);
  };
  useEffect(() => {
    consoleApi.setState({ send });
  });

  const validation = useMemo(() => validate(shape, draft), [shape, draft]);
  const streamNames = useSimulator(useShallow((s) => s.engine.streams().map((x) => x.name)));
  const revision = useSimulator((s) => s.revision);
  const formContext = useMemo<FormContextValue>(() => {
    const shardIds = (): string[] => {
      const stream = api.getState().engine.stream(typeof draft.StreamName === 'string' ? draft.StreamName : '');
      return stream?.shards.map((s) => s.id) ?? [];
    };
    return {
      now: () => api.getState().engine.now(),
      problems: validation.byPath,
      suggestions: (name) => {
        if (name === 'StreamName') return streamNames;
        if (/^(ShardId|ShardToSplit|ShardToMerge|AdjacentShardToMerge|ExclusiveStartShardId)$/.test(name))
          return shardIds();
        return [];
      },
      newItem: (listName: string, member: Shape) => {
        if (member.type === 'structure') return defaultsFor(member, { ...context(), operation });
        if (member.type === 'string') return member.enum?.[0] ?? '';
        return undefined;
      },
    };
    // revision: shard ids change as the engine runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [validation, streamNames, draft, revision, operation]);

  return (
    <section className="console panel" aria-labelledby="console-title">
      <div className="panel-head">
        <h2 id="console-title">API console</h2>
        <div className="segmented" role="group" aria-label="Request editor">
          <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
            Form
          </button>
          <button type="button" aria-pressed={raw} onClick={() => setRaw(true)}>
            Raw JSON
          </button>
        </div>
      </div>
      <div className="picker">
        <label htmlFor="op-search">Find operation</label>
        <input
          id="op-search"
          type="search"
          placeholder="Type to filter (press /)"
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            const first = groupOperations(ops, e.target.value)[0]?.[1][0];
            if (
              first &&
              e.target.value.trim() &&
              !groupOperations(ops, e.target.value).some(([, l]) => l.some((o) => o.name === operation))
            ) {
              pick(first.name);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              // Without this the same Enter would also reach the select and open its list.
              e.preventDefault();
              const first = groups[0]?.[1][0];
              if (first) pick(first.name);
              document.getElementById('op-select')?.focus();
            }
          }}
        />
        <label htmlFor="op-select">Operation</label>
        <select id="op-select" value={operation} onChange={(e) => pick(e.target.value)}>
          {!groups.some(([, list]) => list.some((op) => op.name === operation)) ? (
            <option value={operation}>{operation}</option>
          ) : null}
          {groups.map(([group, list]) => (
            <optgroup key={group} label={GROUP_LABELS[group]}>
              {list.map((op) => (
                <option key={op.name} value={op.name}>
                  {op.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <p className="op-doc">
        {def?.doc}
        {!supported ? (
          <strong className="danger">
            {' '}
            Not part of the {profile} profile: the service answers UnknownOperationException.
          </strong>
        ) : null}
      </p>
      <div className="request" aria-label={`${operation} request`} role="group">
        {raw ? (
          <RawEditor key={version} draft={draft} onChange={(d) => consoleApi.getState().setDraft(d)} />
        ) : (
          <FormContext.Provider value={formContext}>
            <div className="fields" key={version}>
              {Object.keys(shape.members).length === 0 ? (
                <p className="muted">This operation takes no parameters.</p>
              ) : null}
              <Fields shape={shape} value={draft} path="" onChange={(d) => consoleApi.getState().setDraft(d)} />
            </div>
          </FormContext.Provider>
        )}
      </div>
      <ValidationSummary validation={validation} />
      <div className="send-row">
        <button type="button" className="primary" onClick={send} aria-keyshortcuts="Control+Enter Meta+Enter">
          Send
        </button>
        <button type="button" onClick={reset}>
          Reset form
        </button>
        <span className="muted kbd-hint">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </div>
      <CopyAs operation={operation} shape={shape} draft={draft} />
      <ResponsePanel />
    </section>
  );
}

function RawEditor({
  draft,
  onChange,
}: {
  draft: Record<string, unknown>;
  onChange(d: Record<string, unknown>): void;
}) {
  const [text, setText] = useState(() => JSON.stringify(draft, null, 2));
  const [error, setError] = useState('');
  // Follow edits made elsewhere (e.g. nothing else edits while raw mode is open, but keep in sync).
  const lastDraft = useRef(draft);
  if (lastDraft.current !== draft) {
    lastDraft.current = draft;
    try {
      if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(draft)) setText(JSON.stringify(draft, null, 2));
    } catch {
      /* keep the person's half-typed text */
    }
  }
  return (
    <div className="field">
      <label htmlFor="raw-json" className="field-label">
        Request body (JSON, as the wire carries it: Data in base64, timestamps in epoch seconds)
      </label>
      <textarea
        id="raw-json"
        className="mono raw"
        rows={12}
        spellCheck={false}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'raw-json-error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
              setError('The request body must be a JSON object.');
              return;
            }
            setError('');
            lastDraft.current = parsed as Record<string, unknown>;
            onChange(parsed as Record<string, unknown>);
          } catch (err) {
            setError(`Not valid JSON yet: ${(err as Error).message}`);
          }
        }}
      />
      {error ? (
        <small id="raw-json-error" className="field-problem">
          {error}
        </small>
      ) : null}
    </div>
  );
}

function ValidationSummary({ validation }: { validation: Validation }) {
  const messages = validation.serialization
    ? [`SerializationException: ${validation.serialization}`]
    : validation.problems;
  return (
    <div className="validation" aria-live="polite">
      {messages.length === 0 ? (
        <p className="ok-text">The service would accept these parameters.</p>
      ) : (
        <>
          <p className="warn-text">The service would refuse this request (you can still send it):</p>
          <ul>
            {messages.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const COPY_TARGETS: [CopyTarget, string][] = [
  ['cli', 'AWS CLI'],
  ['sdk-js', 'AWS SDK for JavaScript v3'],
  ['boto3', 'boto3 (Python)'],
];

function CopyAs({
  operation,
  shape,
  draft,
}: {
  operation: string;
  shape: StructureShape;
  draft: Record<string, unknown>;
}) {
  const region = useSimulator((s) => s.settings.region);
  const [target, setTarget] = useState<CopyTarget>('cli');
  const [copied, setCopied] = useState('');
  const text = useMemo(
    () => copyAs(target, operation, shape, draft, region),
    [target, operation, shape, draft, region],
  );
  return (
    <details className="copy-as">
      <summary>Copy as…</summary>
      <div className="row">
        <label htmlFor="copy-target">Format</label>
        <select id="copy-target" value={target} onChange={(e) => setTarget(e.target.value as CopyTarget)}>
          {COPY_TARGETS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <button
          type="button"
          onClick={() => {
            navigator.clipboard?.writeText(text).then(
              () => setCopied('Copied.'),
              () => setCopied('Could not reach the clipboard; select the text below.'),
            );
          }}
        >
          Copy
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
      <pre className="code" data-testid="copy-as-text" tabIndex={0} aria-label={`${operation} as ${target}`}>
        {text}
      </pre>
    </details>
  );
}

const MAX_RESPONSE_CHARS = 200_000;

export function ResponsePanel() {
  const result = useSimulator((s) => s.lastResult);
  const ref = useRef<HTMLElement>(null);
  // A new answer scrolls into view, so it appears "at once" even below a long form.
  useEffect(() => {
    if (result) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [result]);
  const start = useSimulator((s) => s.settings.startTime);
  // A stream that is CREATING, UPDATING or DELETING waits for virtual time: say how to move it.
  const busy = useSimulator((s) => {
    const name = (s.lastResult?.input as { StreamName?: unknown } | undefined)?.StreamName;
    const status = typeof name === 'string' ? s.engine.stream(name)?.status : undefined;
    return !s.playing && (status === 'CREATING' || status === 'UPDATING' || status === 'DELETING') ? status : undefined;
  });
  const body = useMemo(() => {
    if (!result) return '';
    const text = result.ok
      ? wireJson(result.output)
      : JSON.stringify({ __type: result.error?.name, message: result.error?.message }, null, 2);
    return text.length > MAX_RESPONSE_CHARS
      ? `${text.slice(0, MAX_RESPONSE_CHARS)}\n… (${text.length - MAX_RESPONSE_CHARS} more characters)`
      : text;
  }, [result]);
  return (
    <section className="response" aria-labelledby="response-title" data-testid="response" ref={ref}>
      <h3 id="response-title">Response</h3>
      {!result ? (
        <p className="muted">Send a request to see the service's answer here.</p>
      ) : (
        <>
          <p className="response-status" role="status">
            <span className={result.ok ? 'badge ok' : 'badge error'} data-testid="response-status">
              {result.status} {result.ok ? 'OK' : result.error?.name}
            </span>{' '}
            <span className="param">{result.operation}</span>{' '}
            <span className="muted">
              at {formatElapsed(result.t - start)} ({formatClock(result.t)})
            </span>
          </p>
          {!result.ok ? (
            <p className="error-message" data-testid="response-error">
              {result.error?.message}
            </p>
          ) : null}
          {busy ? (
            <p className="hint" data-testid="response-hint">
              The stream is {busy}, and virtual time is paused: press ▶ Play or Next event (N) to let it{' '}
              {busy === 'DELETING' ? 'finish deleting' : 'become ACTIVE'}.
            </p>
          ) : null}
          <pre className="code response-body" tabIndex={0} aria-label="Response body" data-testid="response-body">
            {body}
          </pre>
        </>
      )}
    </section>
  );
}
