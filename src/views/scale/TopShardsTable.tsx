import { ellipsize, percent } from '../format';
import { shardColor, type Theme } from '../palette';
import { lastStartingAtOrBefore } from './shardBins';
import { hotAt, loadAt, type ShardLoads } from './shardLoads';
import type { HashWindow } from './hashWindow';
import { TOP_ROWS } from './thresholds';
import { topAndRest } from './topShards';

/**
 * The open-shards table for many shards: the window's busiest shards (and the selected one), the
 * busiest first, then one line for the others in the window.
 */
export function TopShardsTable({
  loads,
  window: w,
  theme,
  focus,
  onSelect,
}: {
  loads: ShardLoads;
  window: HashWindow;
  theme: Theme;
  focus: string | undefined;
  onSelect: (shardId: string) => void;
}) {
  const { starts, shards, positionOf } = loads.open;
  const first = Math.max(0, lastStartingAtOrBefore(starts, w.start));
  const end = starts.length === 0 ? 0 : lastStartingAtOrBefore(starts, w.end - 1n) + 1;
  const focusPos = focus !== undefined ? positionOf.get(focus) : undefined;
  const ranked = topAndRest(first, end, (i) => loads.records[i]!, TOP_ROWS, focusPos !== undefined ? [focusPos] : []);
  return (
    <div className="ss-seg-wrap" tabIndex={0} aria-label="Busiest open shards in view, scrollable">
      <table className="ss-seg-table" data-testid="top-shards">
        <caption className="ss-sr-only">The busiest open shards in view and their hash-key ranges</caption>
        <thead>
          <tr>
            <th scope="col">Shard</th>
            <th scope="col">StartingHashKey</th>
            <th scope="col">EndingHashKey</th>
            <th scope="col">Share</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {[...ranked.top]
            .sort((a, b) => loads.records[b]! - loads.records[a]! || a - b)
            .map((i) => {
              const s = shards[i]!;
              return (
                <tr
                  key={s.id}
                  data-shard-id={s.id}
                  className={focus === s.id ? 'ss-row-selected' : undefined}
                  onClick={() => onSelect(s.id)}
                  tabIndex={0}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      onSelect(s.id);
                    }
                  }}
                >
                  <td>
                    <span
                      className="ss-swatch"
                      style={{ ['--swatch' as string]: shardColor(s.index, theme) }}
                      aria-hidden="true"
                    />{' '}
                    <span title={s.id}>{s.id.replace(/^shardId-0*(?=\d)/, 'shardId-…')}</span>
                    {hotAt(loads, i) ? ` HOT ×${loadAt(loads, i).toFixed(1)}` : ''}
                  </td>
                  <td title={s.startingHashKey.toString()}>
                    <code>{ellipsize(s.startingHashKey.toString(), 6)}</code>
                  </td>
                  <td title={s.endingHashKey.toString()}>
                    <code>{ellipsize(s.endingHashKey.toString(), 6)}</code>
                  </td>
                  <td>{percent(loads.geometry.share[i]!, 4)}</td>
                  <td>{loads.records[i]!.toLocaleString('en-US')}</td>
                </tr>
              );
            })}
          {ranked.restCount > 0 && (
            <tr className="ss-rest-row" data-testid="rest-row">
              <td colSpan={5}>
                … and {ranked.restCount.toLocaleString('en-US')} more shards in view with{' '}
                {ranked.restTotal.toLocaleString('en-US')} records (zoom in, or find a shard, to list them)
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
