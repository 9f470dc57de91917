/**
 * What an embed shows inside its root (controls, an error, one view), for the store in the
 * provider: the embed itself draws it, and so does the stand-in that measures a lesson's height.
 */
import { useSimulator, useSimulatorApi } from '../../store/react';
import { useStreamName } from '../../views/hooks';
import HashKeySpace from '../../views/HashKeySpace';
import KeyspaceMap from '../../views/KeyspaceMap';
import ShardLanes from '../../views/ShardLanes';
import Throughput from '../../views/Throughput';
import Timeline from '../../views/Timeline';
import { Console } from '../console/Console';
import { progressOf } from '../../app/simulation';
import { useSimulation, useSimulationUi } from '../useSimulation';
import type { EmbedOptions } from './protocol';
import '../../views/views.css';
import './workshop.css';

export function EmbedFrame({ options, error }: { options: EmbedOptions; error?: string | null }) {
  const api = useSimulatorApi();
  const streamName = useStreamName();
  // Only a stream that exists is drawn (as ViewsArea does): a view must not mount before its stream.
  const stream = streamName ? api.getState().engine.stream(streamName) : undefined;
  const view =
    !streamName || !stream ? (
      <p className="ss-muted ss-empty">No stream yet.</p>
    ) : options.view === 'keyspace' ? (
      <KeyspaceMap streamName={streamName} />
    ) : options.view === 'hash' ? (
      <HashKeySpace streamName={streamName} />
    ) : options.view === 'lanes' ? (
      <ShardLanes streamName={streamName} />
    ) : options.view === 'timeline' ? (
      <Timeline streamName={streamName} />
    ) : options.view === 'throughput' ? (
      <Throughput streamName={streamName} />
    ) : null;
  return (
    <>
      {options.controls !== 'none' ? <EmbedControls full={options.controls === 'full'} /> : null}
      {error ? (
        <p className="ws-error" role="alert" data-testid="embed-error">
          {error}
        </p>
      ) : null}
      <div className="ws-embed-view" key={`${stream?.name ?? ''}-${stream?.generation ?? 0}`}>
        {options.view === 'console' ? <Console /> : view}
      </div>
    </>
  );
}

function EmbedControls({ full }: { full: boolean }) {
  const api = useSimulatorApi();
  const sim = useSimulation();
  useSimulationUi((s) => s.revision);
  const playing = useSimulator((s) => s.playing);
  const speed = useSimulator((s) => s.speed);
  const elapsed = useSimulator((s) => s.now - s.settings.startTime);
  const guide = sim.guide();
  const caption = guide?.state.caption;
  return (
    <>
      <div className="ws-embed-controls">
        <button type="button" onClick={() => api.getState().togglePlay()} aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => sim.seek(api.getState().settings.startTime)} aria-label="Restart">
          ⟲ Restart
        </button>
        <span className="ws-status" data-testid="embed-time">
          t = {(elapsed / 1000).toFixed(1)} s
        </span>
        {full ? (
          <label>
            Speed{' '}
            <select value={speed} onChange={(e) => api.getState().setSpeed(Number(e.target.value))}>
              {[0.5, 1, 2, 5, 10, 50, 100].map((v) => (
                <option key={v} value={v}>
                  {v}×
                </option>
              ))}
              {[0.5, 1, 2, 5, 10, 50, 100].includes(speed) ? null : <option value={speed}>{speed}×</option>}
            </select>
          </label>
        ) : null}
        {full && guide ? (
          <span className="ws-status">
            step {progressOf(guide).step} of {progressOf(guide).steps}
          </span>
        ) : null}
      </div>
      {full && caption ? (
        <div className="ws-caption ws-embed-caption" aria-live="polite">
          {caption.title ? <strong>{caption.title}: </strong> : null}
          {caption.text}
        </div>
      ) : null}
    </>
  );
}
