import { useSimulator, useSimulatorApi } from '../store/react';
import { useFrameTick } from './hooks';
import { inspect } from './model/inspect';

/** Shows the selected thing's exact data, as the API would return it. */
export default function Inspector({ streamName }: { streamName: string | undefined }) {
  const api = useSimulatorApi();
  useFrameTick(250);
  const selection = useSimulator((s) => s.selection);
  const { engine } = api.getState();
  const result = inspect(engine, streamName, selection);
  const json = result
    ? JSON.stringify(result.json, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)
    : '';
  return (
    <section role="region" aria-label="Inspector" className="ss-inspector">
      <header className="ss-view-head">
        <h2>Inspector</h2>
        <div className="ss-view-tools">
          <button type="button" onClick={() => api.getState().select(streamName ? { stream: streamName } : {})}>
            Clear selection
          </button>
        </div>
      </header>
      {result ? (
        <>
          <p className="ss-inspector-title" data-testid="inspector-title">
            {result.title}
          </p>
          <pre className="ss-json" data-testid="inspector-json" tabIndex={0} aria-label="Selected item as JSON">
            {json}
          </pre>
        </>
      ) : (
        <p className="ss-muted">Create a stream to see it here. Click anything in a view to inspect it.</p>
      )}
    </section>
  );
}
