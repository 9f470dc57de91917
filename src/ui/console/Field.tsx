/**
 * A form field generated from an input shape. Values are in wire form (base64 blobs,
 * epoch-second timestamps); each visible label is the exact API parameter name.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { base64Problem, decodeBase64, type Member, type Shape } from '../../engine';
import { bytesFromText, isText, textFromBytes, type BlobEncoding } from './wire';

export interface FormContextValue {
  /** Virtual now, for the timestamp picker's "Now" button. */
  now(): number;
  /** Suggestions for a parameter (stream names, shard ids). */
  suggestions(name: string): readonly string[];
  /** A fresh item for a list. */
  newItem(listName: string, member: Shape): unknown;
  /** Service problems by parameter path (streamName, records.1.member.data). */
  problems: ReadonlyMap<string, readonly string[]>;
}

export const FormContext = createContext<FormContextValue>({
  now: () => 0,
  suggestions: () => [],
  newItem: () => undefined,
  problems: new Map(),
});

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
export const childPath = (parent: string, name: string) =>
  parent ? `${parent}.${lowerFirst(name)}` : lowerFirst(name);
const cssId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldProps {
  /** The parameter's name (the label), or a list item's label. */
  label: string;
  /** The parameter name used for suggestions. */
  name: string;
  member: Member | Shape;
  value: unknown;
  onChange(value: unknown): void;
  /** The service's path for this value, e.g. records.1.member.data. */
  path: string;
  onRemove?: () => void;
}

function bounds(shape: Shape): string | undefined {
  const parts: string[] = [];
  if (shape.type === 'integer' || shape.type === 'long') {
    if (shape.min !== undefined && shape.max !== undefined) parts.push(`${shape.min} … ${shape.max}`);
    else if (shape.min !== undefined) parts.push(`≥ ${shape.min}`);
    else if (shape.max !== undefined) parts.push(`≤ ${shape.max}`);
  } else if (shape.type === 'string' && !shape.enum) {
    if (shape.min !== undefined || shape.max !== undefined)
      parts.push(`length ${shape.min ?? 0} … ${shape.max ?? '∞'}`);
  } else if (shape.type === 'list' || shape.type === 'map') {
    if (shape.min !== undefined || shape.max !== undefined) parts.push(`${shape.min ?? 0} … ${shape.max ?? '∞'} items`);
  } else if (shape.type === 'blob' && shape.max !== undefined) {
    parts.push(`at most ${shape.max >= 1048576 ? `${shape.max / 1048576} MiB` : `${shape.max} bytes`}`);
  }
  return parts.length ? parts.join(', ') : undefined;
}

function Label({ htmlFor, label, member }: { htmlFor: string; label: string; member: Member | Shape }) {
  const required = 'required' in member && member.required;
  return (
    <label htmlFor={htmlFor} className="field-label">
      <span className="param">{label}</span>
      {/* The control itself carries aria-required, so the star is only visual here. */}
      {required ? (
        <span className="required" title="required" aria-hidden="true">
          {' *'}
        </span>
      ) : null}
    </label>
  );
}

function Help({
  id,
  member,
  problems,
}: {
  id: string;
  member: Member | Shape;
  problems: readonly string[] | undefined;
}) {
  const limit = bounds(member);
  return (
    <>
      {member.doc || limit ? (
        <small id={`${id}-help`} className="field-help">
          {member.doc}
          {limit ? <span className="bounds"> ({limit})</span> : null}
        </small>
      ) : null}
      {problems?.length ? (
        <small id={`${id}-problems`} className="field-problem">
          {problems.join(' ')}
        </small>
      ) : null}
    </>
  );
}

function describedBy(id: string, member: Member | Shape, problems: readonly string[] | undefined): string | undefined {
  const ids = [];
  if (member.doc || bounds(member)) ids.push(`${id}-help`);
  if (problems?.length) ids.push(`${id}-problems`);
  return ids.length ? ids.join(' ') : undefined;
}

function RemoveButton({ onRemove, label }: { onRemove: (() => void) | undefined; label: string }) {
  if (!onRemove) return null;
  return (
    <button type="button" className="small" onClick={onRemove} aria-label={`Remove ${label}`}>
      Remove
    </button>
  );
}

export function Field(props: FieldProps): ReactNode {
  const { member } = props;
  switch (member.type) {
    case 'structure':
      return <StructureField {...props} member={member} />;
    case 'list':
      return <ListField {...props} member={member} />;
    case 'map':
      return <MapField {...props} member={member} />;
    case 'blob':
      return <BlobField {...props} />;
    default:
      return <ScalarField {...props} />;
  }
}

function ScalarField({ label, name, member, value, onChange, path, onRemove }: FieldProps) {
  const ctx = useContext(FormContext);
  const id = cssId(path);
  const problems = ctx.problems.get(path);
  const common = {
    id,
    'aria-describedby': describedBy(id, member, problems),
    'aria-invalid': problems?.length ? true : undefined,
    'aria-required': 'required' in member && member.required ? true : undefined,
  } as const;
  let control: ReactNode;
  if (member.type === 'string' && member.enum) {
    control = (
      <select
        {...common}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">(not set)</option>
        {member.enum.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (member.type === 'boolean') {
    control = (
      <select
        {...common}
        value={value === true ? 'true' : value === false ? 'false' : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">(not set)</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  } else if (member.type === 'integer' || member.type === 'long') {
    control = (
      <input
        {...common}
        type="number"
        inputMode="numeric"
        min={member.min}
        max={member.max}
        value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
        onChange={(e) => {
          const text = e.target.value;
          onChange(text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);
        }}
      />
    );
  } else if (member.type === 'timestamp') {
    const seconds = typeof value === 'number' ? value : undefined;
    const local = seconds === undefined ? '' : new Date(seconds * 1000).toISOString().slice(0, 23);
    control = (
      <span className="inline">
        <input
          {...common}
          type="datetime-local"
          step="0.001"
          value={local}
          onChange={(e) => {
            const t = Date.parse(`${e.target.value}Z`);
            onChange(Number.isFinite(t) ? t / 1000 : undefined);
          }}
        />
        <span className="muted">UTC</span>
        <button
          type="button"
          className="small"
          onClick={() => onChange(ctx.now() / 1000)}
          aria-label={`Set ${label} to the virtual now`}
        >
          Now
        </button>
      </span>
    );
  } else {
    const suggestions = ctx.suggestions(name);
    const listId = suggestions.length ? `${id}-list` : undefined;
    control = (
      <>
        <input
          {...common}
          type="text"
          spellCheck={false}
          autoComplete="off"
          list={listId}
          value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
        {listId ? (
          <datalist id={listId}>
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        ) : null}
      </>
    );
  }
  return (
    <div className="field" data-param={name}>
      <div className="field-head">
        <Label htmlFor={id} label={label} member={member} />
        <RemoveButton onRemove={onRemove} label={label} />
      </div>
      {control}
      <Help id={id} member={member} problems={problems} />
    </div>
  );
}

function displayBlob(value: unknown, encoding: BlobEncoding): string {
  if (typeof value !== 'string') return '';
  if (encoding === 'base64' || base64Problem(value)) return value;
  return textFromBytes(decodeBase64(value), encoding);
}

function BlobField({ label, name, member, value, onChange, path, onRemove }: FieldProps) {
  const ctx = useContext(FormContext);
  const id = cssId(path);
  const problems = ctx.problems.get(path);
  const [encoding, setEncoding] = useState<BlobEncoding>(() =>
    typeof value === 'string' && !base64Problem(value) && !isText(decodeBase64(value)) ? 'hex' : 'text',
  );
  const [local, setLocal] = useState({ value, text: displayBlob(value, encoding), problem: '' });
  if (local.value !== value) setLocal({ value, text: displayBlob(value, encoding), problem: '' });

  const edit = (text: string, enc: BlobEncoding) => {
    const bytes = bytesFromText(text, enc);
    if (typeof bytes === 'string' && bytes !== 'base64') {
      setLocal({ value: local.value, text, problem: bytes });
      return;
    }
    const next = bytes === 'base64' ? text : textFromBytes(bytes, 'base64');
    const emitted = next === '' && !('required' in member && member.required) ? undefined : next;
    setLocal({ value: emitted, text, problem: '' });
    onChange(emitted);
  };
  const allProblems = [...(local.problem ? [local.problem] : []), ...(problems ?? [])];
  return (
    <div className="field" data-param={name}>
      <div className="field-head">
        <Label htmlFor={id} label={label} member={member} />
        <span className="inline">
          <label className="muted" htmlFor={`${id}-enc`}>
            as
          </label>
          <select
            id={`${id}-enc`}
            className="small"
            value={encoding}
            onChange={(e) => {
              const enc = e.target.value as BlobEncoding;
              setEncoding(enc);
              setLocal({ value, text: displayBlob(value, enc), problem: '' });
            }}
          >
            <option value="text">text (UTF-8)</option>
            <option value="hex">hex</option>
            <option value="base64">base64</option>
          </select>
          <RemoveButton onRemove={onRemove} label={label} />
        </span>
      </div>
      <textarea
        id={id}
        rows={2}
        spellCheck={false}
        className={encoding === 'text' ? undefined : 'mono'}
        aria-describedby={describedBy(id, member, allProblems)}
        aria-invalid={allProblems.length ? true : undefined}
        aria-required={'required' in member && member.required ? true : undefined}
        value={local.text}
        onChange={(e) => edit(e.target.value, encoding)}
      />
      <Help id={id} member={member} problems={allProblems} />
    </div>
  );
}

function StructureField({
  label,
  name,
  member,
  value,
  onChange,
  path,
  onRemove,
}: FieldProps & { member: Extract<Shape, { type: 'structure' }> }) {
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return (
    <fieldset className="group" data-param={name}>
      <legend>
        <span className="param">{label}</span>
        {('required' in member && member.required) || onRemove ? null : (
          <span className="muted optional"> optional: sent only when filled in</span>
        )}
      </legend>
      <div className="field-head end">
        <RemoveButton onRemove={onRemove} label={label} />
      </div>
      <Fields
        shape={member}
        value={record}
        path={path}
        // An optional structure left empty is absent, not {} (which would make its required members "null").
        onChange={(v) =>
          onChange(Object.keys(v).length === 0 && !('required' in member && member.required) ? undefined : v)
        }
      />
    </fieldset>
  );
}

/** The fields of a structure's members, in the model's order. */
export function Fields({
  shape,
  value,
  path,
  onChange,
}: {
  shape: Extract<Shape, { type: 'structure' }>;
  value: Record<string, unknown>;
  path: string;
  onChange(value: Record<string, unknown>): void;
}) {
  return (
    <>
      {Object.entries(shape.members).map(([name, member]) => (
        <Field
          key={name}
          label={name}
          name={name}
          member={member}
          value={value[name]}
          path={childPath(path, name)}
          onChange={(v) => {
            const next = { ...value };
            if (v === undefined) delete next[name];
            else next[name] = v;
            onChange(next);
          }}
        />
      ))}
    </>
  );
}

function GroupHead({ label, member, id }: { label: string; member: Member | Shape; id: string }) {
  const required = 'required' in member && member.required;
  return (
    <legend id={`${id}-legend`}>
      <span className="param">{label}</span>
      {required ? (
        <span className="required" title="required">
          <span aria-hidden="true"> *</span>
          <span className="sr-only"> (required)</span>
        </span>
      ) : null}
    </legend>
  );
}

function ListField({
  label,
  name,
  member,
  value,
  onChange,
  path,
  onRemove,
}: FieldProps & { member: Extract<Shape, { type: 'list' }> }) {
  const ctx = useContext(FormContext);
  const id = cssId(path);
  const items = Array.isArray(value) ? value : [];
  const problems = ctx.problems.get(path);
  const set = (next: unknown[]) =>
    onChange(next.length === 0 && !('required' in member && member.required) ? undefined : next);
  return (
    <fieldset className="group" data-param={name}>
      <GroupHead label={label} member={member} id={id} />
      <Help id={id} member={member} problems={problems} />
      {items.map((item, i) => (
        <Field
          key={i}
          label={`${label} ${i + 1}`}
          name={name}
          member={member.member}
          value={item}
          path={`${path}.${i + 1}.member`}
          onChange={(v) => set(items.map((old, j) => (j === i ? v : old)))}
          onRemove={() => set(items.filter((_, j) => j !== i))}
        />
      ))}
      <div className="row">
        <button type="button" className="small" onClick={() => set([...items, ctx.newItem(name, member.member)])}>
          Add {label} item
        </button>
        <RemoveButton onRemove={onRemove} label={label} />
      </div>
    </fieldset>
  );
}

function MapField({
  label,
  name,
  member,
  value,
  onChange,
  path,
  onRemove,
}: FieldProps & { member: Extract<Shape, { type: 'map' }> }) {
  const ctx = useContext(FormContext);
  const id = cssId(path);
  const record =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const entries = Object.entries(record);
  const problems = ctx.problems.get(path);
  const set = (next: [string, unknown][]) =>
    onChange(next.length === 0 && !('required' in member && member.required) ? undefined : Object.fromEntries(next));
  const freshKey = () => {
    for (let i = entries.length + 1; ; i++) if (!(`key${i}` in record)) return `key${i}`;
  };
  return (
    <fieldset className="group" data-param={name}>
      <GroupHead label={label} member={member} id={id} />
      <Help id={id} member={member} problems={problems} />
      {entries.map(([key, item], i) => (
        <div className="map-row" key={i}>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-k${i}`}>
              <span className="param">{label}</span> key {i + 1}
            </label>
            <input
              id={`${id}-k${i}`}
              type="text"
              spellCheck={false}
              value={key}
              onChange={(e) => set(entries.map(([k, v], j) => (j === i ? [e.target.value, v] : [k, v])))}
            />
          </div>
          <Field
            label={`${label} value ${i + 1}`}
            name={name}
            member={member.value}
            value={item}
            path={`${path}.${key}.value`}
            onChange={(v) => set(entries.map(([k, old], j) => (j === i ? [k, v ?? ''] : [k, old])))}
            onRemove={() => set(entries.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <div className="row">
        <button type="button" className="small" onClick={() => set([...entries, [freshKey(), '']])}>
          Add {label} entry
        </button>
        <RemoveButton onRemove={onRemove} label={label} />
      </div>
    </fieldset>
  );
}
