import { memo, useEffect } from 'react';
import { useSimulator, useSimulatorApi } from '../store/react';
import { ErrorBoundary } from './ErrorBoundary';
import { clockTime } from './format';
import HashKeySpaceView from './HashKeySpace';
import { useFrameTick, useStreamName } from './hooks';
import InspectorView from './Inspector';
import KeyspaceMapView from './KeyspaceMap';
import { Panel } from './Panel';
import { ScaleBarSlot } from './scale/ScaleBarSlot';
import ShardLanesView from './ShardLanes';
import ThroughputView from './Throughput';
import TimelineView from './Timeline';
import { viewsApi } from './viewsApi';
import './views.css';

// Each view subscribes to what it draws; memo keeps a re-render here from redrawing them all.
const KeyspaceMap = memo(KeyspaceMapView);
const HashKeySpace = memo(HashKeySpaceView);
const Inspector = memo(InspectorView);
const ShardLanes = memo(ShardLanesView);
const Timeline = memo(TimelineView);
const Throughput = memo(ThroughputView);

export const VIEW_TITLES = ['Keyspace map', 'Hash key space', 'Shard lanes', 'Timeline', 'Throughput'] as const;

/** The five linked views and the inspector. Selecting in one highlights in all (store `selection`). */
export default function ViewsArea() {
  const api = useSimulatorApi();
  useFrameTick(250);
  const streamName = useStreamName();
  const timeRange = useSimulator((s) => s.selection.timeRange);
  // A view that failed tries again with the next session.
  const engineVersion = useSimulator((s) => s.engineVersion);
  const streams = api.getState().engine.streams();
  useEffect(() => {
    viewsApi();
  });

  const pick = (name: string) => api.getState().select({ stream: name });
  const clearRange = () => {
    const { timeRange: _drop, ...rest } = api.getState().selection;
    api.getState().select(rest);
  };

  return (
    <div className="ss-views" data-stream={streamName ?? ''}>
      <div className="ss-views-bar">
        <label>
          Stream{' '}
          <select
            value={streamName ?? ''}
            onChange={(e) => pick(e.target.value)}
            disabled={streams.length === 0}
            aria-label="Stream shown in the views"
          >
            {streams.length === 0 && <option value="">(no streams yet)</option>}
            {streams.map((s) => (
              <option key={`${s.name}-${s.generation}`} value={s.name}>
                {s.name} · {s.status}
              </option>
            ))}
          </select>
        </label>
        {timeRange && (
          <span className="ss-range" data-testid="time-range">
            Time range {clockTime(timeRange[0])} → {clockTime(timeRange[1])}{' '}
            <button type="button" onClick={clearRange}>
              Clear range
            </button>
          </span>
        )}
      </div>
      <ScaleBarSlot stream={streamName ? api.getState().engine.stream(streamName) : undefined} />
      {streamName && api.getState().engine.stream(streamName) ? (
        <div className="ss-views-grid">
          <ErrorBoundary name="Keyspace map" resetKey={engineVersion}>
            <KeyspaceMap streamName={streamName} />
          </ErrorBoundary>
          <ErrorBoundary name="Hash key space" resetKey={engineVersion}>
            <HashKeySpace streamName={streamName} />
          </ErrorBoundary>
          <ErrorBoundary name="Inspector" resetKey={engineVersion}>
            <Inspector streamName={streamName} />
          </ErrorBoundary>
          <ErrorBoundary name="Shard lanes" resetKey={engineVersion}>
            <ShardLanes streamName={streamName} />
          </ErrorBoundary>
          <ErrorBoundary name="Timeline" resetKey={engineVersion}>
            <Timeline streamName={streamName} />
          </ErrorBoundary>
          <ErrorBoundary name="Throughput" resetKey={engineVersion}>
            <Throughput streamName={streamName} />
          </ErrorBoundary>
        </div>
      ) : (
        <div className="ss-views-grid">
          {VIEW_TITLES.map((t) => (
            <Panel key={t} title={t} legend={[]} className="ss-view-wide">
              <p className="ss-muted ss-empty">No stream yet: create one with CreateStream to see it here.</p>
            </Panel>
          ))}
        </div>
      )}
    </div>
  );
}
