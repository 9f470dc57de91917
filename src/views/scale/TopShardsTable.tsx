import { percent } from '../format';
import type { Theme } from '../palette';
import { ShardRangeRow, ShardRangeTable } from '../ShardRangeTable';
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
    <ShardRangeTable
      label="Busiest open shards in view, scrollable"
      caption="The busiest open shards in view and their hash-key ranges"
      testId="top-shards"
    >
      {[...ranked.top]
        .sort((a, b) => loads.records[b]! - loads.records[a]! || a - b)
        .map((i) => {
          const s = shards[i]!;
          return (
            <ShardRangeRow
              key={s.id}
              shardId={s.id}
              name={
                <>
                  <span title={s.id}>{s.id.replace(/^shardId-0*(?=\d)/, 'shardId-…')}</span>
                  {hotAt(loads, i) ? ` HOT ×${loadAt(loads, i).toFixed(1)}` : ''}
                </>
              }
              colorIndex={s.index}
              theme={theme}
              startingHashKey={s.startingHashKey.toString()}
              endingHashKey={s.endingHashKey.toString()}
              share={percent(loads.geometry.share[i]!, 4)}
              records={loads.records[i]!.toLocaleString('en-US')}
              selected={focus === s.id}
              onSelect={onSelect}
            />
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
    </ShardRangeTable>
  );
}
