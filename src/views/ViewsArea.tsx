import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
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
import {
  LAYOUT_NAMES,
  LAYOUTS,
  StageCellContext,
  stageCells,
  VIEW_NAMES,
  type Layout,
  type ViewId,
} from './stageLayout';
import ThroughputView from './Throughput';
import TimelineView from './Timeline';
import { viewsApi } from './viewsApi';
import { countFailures, describeCounts } from './model/failureSpots';
import './views.css';

/** The failure counter above the stage counts this far back (virtual ms), as Throughput does. */
const FAILURE_WINDOW_MS = 60_000;

// Each view subscribes to what it draws; memo keeps a re-render here from redrawing them all.
const KeyspaceMap = memo(KeyspaceMapView);
const HashKeySpace = memo(HashKeySpaceView);
const Inspector = memo(InspectorView);
const ShardLanes = memo(ShardLanesView);
const Timeline = memo(TimelineView);
const Throughput = memo(ThroughputView);

export const VIEW_TITLES = ['Keyspace map', 'Hash key space', 'Shard lanes', 'Timeline', 'Throughput'] as const;

/** The layout the stage shows and the views a lesson step points at (they take the stage). */
export interface StageProps {
  layout: Layout;
  onLayout(layout: Layout): void;
  spotlight?: readonly ViewId[];
}

/** Where the stage has room for: a phone column, a projector's few cells, or every view at once. */
type Room = 'narrow' | 'compact' | 'wide';

function useRoom(): [React.RefObject<HTMLDivElement | null>, Room] {
  const ref = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState<Room>('compact');
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const { width, height } = el.getBoundingClientRect();
      setRoom(width < 600 ? 'narrow' : width >= 1300 && height >= 600 ? 'wide' : 'compact');
    };
    measure();
    const obs = new ResizeObserver(measure);
    obs.observe(el);
    return () => obs.disconnect();
  }, []);
  return [ref, room];
}

/** The five linked views and the inspector. Selecting in one highlights in all (store `selection`). */
export default function ViewsArea({ layout, onLayout, spotlight = [] }: StageProps) {
  const api = useSimulatorApi();
  useFrameTick(250);
  const streamName = useStreamName();
  const timeRange = useSimulator((s) => s.selection.timeRange);
  // A view that failed tries again with the next session.
  const engineVersion = useSimulator((s) => s.engineVersion);
  const streams = api.getState().engine.streams();
  const [stage, room] = useRoom();
  useEffect(() => {
    viewsApi();
  });

  const pick = (name: string) => api.getState().select({ stream: name });
  const clearRange = () => {
    const { timeRange: _drop, ...rest } = api.getState().selection;
    api.getState().select(rest);
  };
  const hasStream = !!streamName && !!api.getState().engine.stream(streamName);

  const view = (id: ViewId): ReactNode => {
    if (!hasStream) {
      return (
        <Panel title={VIEW_NAMES[id]} legend={[]}>
          <p className="ss-muted ss-empty">No stream yet: create one with CreateStream to see it here.</p>
        </Panel>
      );
    }
    const body =
      id === 'keyspace-map' ? (
        <KeyspaceMap streamName={streamName} />
      ) : id === 'hash-key-space' ? (
        <HashKeySpace streamName={streamName} />
      ) : id === 'shard-lanes' ? (
        <ShardLanes streamName={streamName} />
      ) : id === 'timeline' ? (
        <Timeline streamName={streamName} />
      ) : id === 'throughput' ? (
        <Throughput streamName={streamName} />
      ) : (
        <Inspector streamName={streamName} />
      );
    return (
      <ErrorBoundary name={VIEW_NAMES[id]} resetKey={engineVersion}>
        {body}
      </ErrorBoundary>
    );
  };

  const cells = stageCells(layout, room, spotlight);
  return (
    <div className="ss-views" data-stream={streamName ?? ''} data-layout={layout} data-room={room}>
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
        {streamName && <FailureCounter streamName={streamName} />}
        {timeRange && (
          <span className="ss-range" data-testid="time-range">
            Time range {clockTime(timeRange[0])} → {clockTime(timeRange[1])}{' '}
            <button type="button" onClick={clearRange}>
              Clear range
            </button>
          </span>
        )}
        <div className="ss-layouts" role="group" aria-label="Layout of the views">
          {LAYOUTS.map((l) => (
            <button key={l} type="button" aria-pressed={layout === l} onClick={() => onLayout(l)}>
              {LAYOUT_NAMES[l]}
            </button>
          ))}
        </div>
      </div>
      <ScaleBarSlot stream={streamName ? api.getState().engine.stream(streamName) : undefined} />
      <div
        ref={stage}
        className="ss-stage"
        data-cells={cells.length}
        data-spotlight={spotlight.length > 0 ? spotlight.join(' ') : undefined}
      >
        {cells.map((ids) => (
          <StageCell
            key={ids.join(' ')}
            ids={ids}
            fill={room !== 'narrow'}
            spotlit={spotlight.includes(ids[0]!)}
            render={view}
          />
        ))}
      </div>
    </div>
  );
}

/**
 * The stream's failures of the last minute by error type, above the stage in every layout and in
 * presenter mode, whichever views are shown: a producer failing never looks calm. (The marks are
 * in the views: crosses on the keyspace map and the lanes, ticks in Throughput.)
 */
function FailureCounter({ streamName }: { streamName: string }) {
  const api = useSimulatorApi();
  const { feed, now } = api.getState();
  const counts = countFailures(feed.history.stream(streamName).failures, now - FAILURE_WINDOW_MS);
  if (counts.throttled === 0 && counts.byType.size === 0) return null;
  const text = `${describeCounts(counts)} in the last minute`;
  return (
    <span className="ss-failure-count" data-testid="failure-count" title={text}>
      ⚠ {text}
    </span>
  );
}

/** One place on the stage: a view, or a few behind tabs (the one shown is remembered while the cell lives). */
function StageCell({
  ids,
  fill,
  spotlit,
  render,
}: {
  ids: readonly ViewId[];
  fill: boolean;
  spotlit: boolean;
  render(id: ViewId): ReactNode;
}) {
  const [shown, setShown] = useState<ViewId>(ids[0]!);
  const current = ids.includes(shown) ? shown : ids[0]!;
  const cellId = `ss-cell-${ids[0]}`;
  return (
    <div className={`ss-cell${spotlit ? ' ss-spotlit' : ''}`} data-view={current}>
      {ids.length > 1 ? (
        <div role="tablist" aria-label="Views in this place" className="ss-cell-tabs">
          {ids.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`${cellId}-${id}`}
              aria-selected={id === current}
              aria-controls={`${cellId}-panel`}
              tabIndex={id === current ? 0 : -1}
              onClick={() => setShown(id)}
              onKeyDown={(e) => {
                if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
                e.preventDefault();
                const i = ids.indexOf(current) + (e.key === 'ArrowRight' ? 1 : -1);
                const next = ids[(i + ids.length) % ids.length]!;
                setShown(next);
                document.getElementById(`${cellId}-${next}`)?.focus();
              }}
            >
              {VIEW_NAMES[id]}
            </button>
          ))}
        </div>
      ) : null}
      <div
        className="ss-cell-body"
        {...(ids.length > 1
          ? { role: 'tabpanel', id: `${cellId}-panel`, 'aria-labelledby': `${cellId}-${current}` }
          : {})}
      >
        <StageCellContext.Provider value={fill}>{render(current)}</StageCellContext.Provider>
      </div>
    </div>
  );
}
