import { useId, useState } from 'react';
import type { StreamState } from '../../engine/index';
import { useSimulatorApi } from '../../store/react';
import { ellipsize } from '../format';
import { findTarget, MAX_SEARCH, type Found } from './findTarget';
import { isWhole, windowAround, windowShareText, zoomWindow } from './hashWindow';
import { useHashWindow, useSetHashWindow } from './hashZoom';
import { openShardsOf } from './openShards';
import { lastStartingAtOrBefore } from './shardBins';

/** Neighbours shown on each side of a found shard, in shard widths. */
const FOUND_PAD = 8;

/**
 * Over the views of a stream with many shards: which part of the hash-key space they show, buttons
 * to zoom it, and a search by shard id or partition key that selects the shard and zooms to it.
 */
export function ScaleBar({ stream }: { stream: StreamState }) {
  const api = useSimulatorApi();
  const window = useHashWindow(stream.name);
  const setWindow = useSetHashWindow();
  const [text, setText] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const ids = useId();
  const open = openShardsOf(stream);
  const inView =
    open.starts.length === 0
      ? 0
      : lastStartingAtOrBefore(open.starts, window.end - 1n) -
        Math.max(0, lastStartingAtOrBefore(open.starts, window.start)) +
        1;
  const middle = (window.start + window.end) / 2n;

  const find = () => {
    const result = findTarget(stream, text);
    setFound(result);
    if (result.kind === 'none') return;
    const { shard } = result;
    setWindow(stream.name, windowAround(shard.startingHashKey, shard.endingHashKey, FOUND_PAD));
    const s = api.getState();
    s.select({
      stream: stream.name,
      shardId: shard.id,
      ...(s.selection.timeRange ? { timeRange: s.selection.timeRange } : {}),
    });
  };

  return (
    <div
      className="ss-scale-bar"
      data-testid="scale-bar"
      data-window-start={window.start.toString()}
      data-window-end={window.end.toString()}
      data-shards-in-view={inView}
    >
      <span className="ss-scale-where" data-testid="hash-window">
        {open.shards.length.toLocaleString('en-US')} open shards · showing{' '}
        {isWhole(window) ? 'the whole hash space' : `${windowShareText(window)} of the hash space`} (
        {inView.toLocaleString('en-US')} shard{inView === 1 ? '' : 's'})
      </span>
      <span className="ss-scale-zoom" role="group" aria-label="Zoom the hash key axis">
        <button
          type="button"
          onClick={() => setWindow(stream.name, zoomWindow(window, middle, 4))}
          aria-label="Zoom in on the hash space"
        >
          Hash +
        </button>
        <button
          type="button"
          disabled={isWhole(window)}
          onClick={() => setWindow(stream.name, zoomWindow(window, middle, 0.25))}
          aria-label="Zoom out on the hash space"
        >
          Hash −
        </button>
        <button
          type="button"
          disabled={isWhole(window)}
          onClick={() => setWindow(stream.name, null)}
          aria-label="Show the whole hash space"
        >
          Whole space
        </button>
      </span>
      <form
        className="ss-scale-find"
        role="search"
        aria-label="Find a shard or partition key"
        onSubmit={(e) => {
          e.preventDefault();
          find();
        }}
      >
        <label htmlFor={`${ids}-find`}>Find shard or key</label>
        <input
          id={`${ids}-find`}
          value={text}
          maxLength={MAX_SEARCH}
          spellCheck={false}
          placeholder="shardId-… or a partition key"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">Find</button>
      </form>
      {found && (
        <span className="ss-scale-found" data-testid="scale-found" role="status">
          {found.kind === 'none' ? (
            <span className="ss-keybox-error">{found.message}</span>
          ) : found.kind === 'shard' ? (
            <>
              <strong data-testid="found-shard">{found.shard.id}</strong>
              {found.shard.closedAt === undefined ? ' (open)' : ' (closed)'}, zoomed to its range and {FOUND_PAD} shard
              widths either side
            </>
          ) : (
            <>
              key <code>{ellipsize(found.partitionKey, 12)}</code> → MD5 <code>{ellipsize(found.md5, 6)}</code> →{' '}
              <strong data-testid="found-shard">{found.shard.id}</strong>
            </>
          )}
        </span>
      )}
    </div>
  );
}
