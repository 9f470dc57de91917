/** Live traffic: add producers and consumers, start / pause / stop them, watch their figures. */
import { useState, type FormEvent } from 'react';
import { useSimulator, useSimulatorApi } from '../../store/react';
import { DEFAULT_BUFFER_MS, consumerLag, type KeyDistribution } from '../../traffic';
import { useSimulation, useSimulationUi } from '../useSimulation';

type KeyKind = KeyDistribution['kind'];

export function TrafficPanel() {
  const sim = useSimulation();
  useSimulationUi((s) => s.revision);
  const streams = useSimulator((s) =>
    s.engine
      .streams()
      .map((x) => x.name)
      .join('\n'),
  );
  const selected = useSimulator((s) => s.selection.stream);
  const names = streams ? streams.split('\n') : [];
  const traffic = sim.traffic();
  const api = useSimulatorApi();
  /** Where a worker's iterator points and how long it has left (the shard lanes draw the same marker). */
  const iteratorText = (id: number | undefined) => {
    const it =
      id === undefined
        ? undefined
        : api
            .getState()
            .engine.iterators()
            .find((i) => i.id === id);
    if (!it) return '';
    const left = Math.max(0, it.expiresAt - api.getState().engine.now());
    return ` · iterator #${it.id} at record ${it.position}${it.expired ? ' (expired)' : `, expires in ${Math.ceil(left / 1000)} s`}`;
  };
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<KeyKind>('uniform');
  const [producerCount, setProducerCount] = useState(1);
  const [consumerCount, setConsumerCount] = useState(1);

  const addProducer = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const get = (n: string) => String(f.get(n) ?? '');
    const keys: KeyDistribution =
      kind === 'fixed'
        ? {
            kind,
            keys: get('fixedKeys')
              .split(',')
              .map((k) => k.trim())
              .filter(Boolean),
          }
        : kind === 'hot'
          ? { kind, key: get('hotKey'), share: Number(get('hotShare')) / 100 }
          : kind === 'sequential'
            ? { kind, prefix: get('prefix') }
            : { kind };
    try {
      sim.addProducer({
        id: get('id'),
        stream: get('stream'),
        rate: Number(get('rate')),
        keys,
        payloadBytes: Number(get('payload')),
        batch: get('api') === 'PutRecord' ? 1 : Number(get('batch')),
        bufferMs: Number(get('buffer')),
        maxRetries: Number(get('retries')),
        backoffMs: Number(get('backoff')),
      });
      setError(null);
      setProducerCount(producerCount + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const addConsumer = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    try {
      sim.addConsumer({
        id: String(f.get('id')),
        stream: String(f.get('stream')),
        pollMs: Number(f.get('poll')),
        limit: Number(f.get('limit')),
        initialPosition: f.get('position') === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
      });
      setError(null);
      setConsumerCount(consumerCount + 1);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const streamField = (
    <label>
      Stream
      <select name="stream" defaultValue={selected ?? names[0]} key={names.join()}>
        {names.length === 0 ? (
          <option value="">(create a stream first)</option>
        ) : (
          names.map((n) => <option key={n}>{n}</option>)
        )}
      </select>
    </label>
  );

  return (
    <div className="ws-traffic">
      {error ? (
        <p className="ws-error" role="alert">
          {error}
        </p>
      ) : null}
      <form className="ws-form" onSubmit={addProducer} aria-label="New producer">
        <h3>Producer</h3>
        <label>
          Id
          <input name="id" defaultValue={`producer-${producerCount}`} key={`p${producerCount}`} required />
        </label>
        {streamField}
        <label>
          Records/s
          <input name="rate" type="number" min="0.1" max="10000" step="any" defaultValue="50" />
        </label>
        <label>
          Keys
          <select value={kind} onChange={(e) => setKind(e.target.value as KeyKind)} aria-label="Key distribution">
            <option value="uniform">Uniform random</option>
            <option value="fixed">Small fixed set</option>
            <option value="hot">One hot key</option>
            <option value="sequential">Sequential</option>
          </select>
        </label>
        {kind === 'fixed' ? (
          <label>
            Key set
            <input name="fixedKeys" defaultValue="red, green, blue" />
          </label>
        ) : null}
        {kind === 'hot' ? (
          <>
            <label>
              Hot key
              <input name="hotKey" defaultValue="user-42" />
            </label>
            <label>
              Hot share %<input name="hotShare" type="number" min="0" max="100" defaultValue="80" />
            </label>
          </>
        ) : null}
        {kind === 'sequential' ? (
          <label>
            Prefix
            <input name="prefix" defaultValue="key-" />
          </label>
        ) : null}
        <label>
          Payload bytes
          <input name="payload" type="number" min="1" max="1048576" defaultValue="100" />
        </label>
        <label>
          API
          <select name="api" defaultValue="PutRecords">
            <option>PutRecord</option>
            <option>PutRecords</option>
          </select>
        </label>
        <label title="A PutRecords carries at most this many records (500 at most, as the KPL sends)">
          Max batch
          <input name="batch" type="number" min="1" max="500" defaultValue="500" />
        </label>
        <label title="The longest a record waits to join a PutRecords (the KPL's RecordMaxBufferedTime)">
          Buffer ms
          <input name="buffer" type="number" min="1" max="60000" defaultValue={DEFAULT_BUFFER_MS} />
        </label>
        <label>
          Retries
          <input name="retries" type="number" min="0" max="20" defaultValue="3" />
        </label>
        <label>
          Backoff ms
          <input name="backoff" type="number" min="1" max="60000" defaultValue="100" />
        </label>
        <button type="submit" disabled={names.length === 0}>
          Start producer
        </button>
      </form>
      <form className="ws-form" onSubmit={addConsumer} aria-label="New consumer">
        <h3>Consumer (KCL-like)</h3>
        <label>
          Id
          <input name="id" defaultValue={`consumer-${consumerCount}`} key={`c${consumerCount}`} required />
        </label>
        {streamField}
        <label>
          Poll every ms
          <input name="poll" type="number" min="200" max="600000" defaultValue="1000" />
        </label>
        <label>
          Limit
          <input name="limit" type="number" min="1" max="10000" defaultValue="10000" />
        </label>
        <label>
          Start at
          <select name="position" defaultValue="TRIM_HORIZON">
            <option>TRIM_HORIZON</option>
            <option>LATEST</option>
          </select>
        </label>
        <button type="submit" disabled={names.length === 0}>
          Start consumer
        </button>
      </form>
      <table className="ws-generators" aria-label="Producers and consumers">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Id</th>
            <th>Stream</th>
            <th>Status</th>
            <th>Figures</th>
            <th>Controls</th>
          </tr>
        </thead>
        <tbody>
          {traffic.producers.length + traffic.consumers.length === 0 ? (
            <tr>
              <td colSpan={6} className="ss-muted">
                No traffic yet. Producers and consumers call the API on the virtual clock: press Play.
              </td>
            </tr>
          ) : null}
          {traffic.producers.map((p) => (
            <tr key={`p-${p.config.id}`} data-testid={`producer-${p.config.id}`}>
              <td>Producer</td>
              <td>{p.config.id}</td>
              <td>{p.config.stream}</td>
              <td>{p.status}</td>
              <td>
                {p.config.rate}/s ·{' '}
                {p.config.batch === 1
                  ? 'PutRecord each'
                  : `PutRecords of up to ${p.config.batch}, buffered ${p.config.bufferMs ?? DEFAULT_BUFFER_MS} ms`}{' '}
                · accepted {p.stats.accepted} · throttled {p.stats.throttled} · retried {p.stats.retried} · failed{' '}
                {p.stats.failed}
                {p.stats.lastError ? (
                  <div className="ws-last-error" title={p.stats.lastError}>
                    {p.stats.lastError.slice(0, 120)}
                  </div>
                ) : null}
              </td>
              <td>
                <Controls kind="producer" id={p.config.id} status={p.status} />
              </td>
            </tr>
          ))}
          {traffic.consumers.map((c) => (
            <tr key={`c-${c.config.id}`} data-testid={`consumer-${c.config.id}`}>
              <td>Consumer</td>
              <td>{c.config.id}</td>
              <td>{c.config.stream}</td>
              <td>{c.status}</td>
              <td>
                read {c.stats.records} · lag {consumerLag(c)} ms · throttles {c.stats.throttles} · errors{' '}
                {c.stats.errors}
                <ul className="ws-workers">
                  {c.workers.map((w) => (
                    <li key={w.shardId}>
                      {w.shardId}: {w.phase}
                      {w.phase === 'reading' ? ` · behind ${w.lagMs} ms` : ''} · {w.records} records
                      {w.checkpoint ? ` · checkpoint …${w.checkpoint.slice(-8)}` : ''}
                      {iteratorText(w.iteratorId)}
                      {w.throttles ? ` · throttled ${w.throttles}` : ''}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <Controls kind="consumer" id={c.config.id} status={c.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Controls({ kind, id, status }: { kind: 'producer' | 'consumer'; id: string; status: string }) {
  const sim = useSimulation();
  return (
    <span className="ws-controls">
      {status !== 'running' ? (
        <button
          type="button"
          className="small"
          onClick={() => sim.setStatus(kind, id, 'running')}
          aria-label={`Start ${kind} ${id}`}
        >
          Start
        </button>
      ) : null}
      {status === 'running' ? (
        <button
          type="button"
          className="small"
          onClick={() => sim.setStatus(kind, id, 'paused')}
          aria-label={`Pause ${kind} ${id}`}
        >
          Pause
        </button>
      ) : null}
      {status !== 'stopped' ? (
        <button
          type="button"
          className="small"
          onClick={() => sim.setStatus(kind, id, 'stopped')}
          aria-label={`Stop ${kind} ${id}`}
        >
          Stop
        </button>
      ) : null}
      <button type="button" className="small" onClick={() => sim.remove(kind, id)} aria-label={`Remove ${kind} ${id}`}>
        Remove
      </button>
    </span>
  );
}
