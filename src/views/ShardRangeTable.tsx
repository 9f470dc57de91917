/**
 * The hash key space's table of open shards: one row per shard with its hash-key range, share and
 * records; a row selects its shard on click, Enter or Space. The whole stream and the summary for
 * many shards draw the same table, each with its own rows (and, at scale, a closing line).
 */
import type { ReactNode } from 'react';
import { ellipsize } from './format';
import { shardColor, type Theme } from './palette';

export function ShardRangeTable({
  label,
  caption,
  testId,
  children,
}: {
  label: string;
  caption: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="ss-seg-wrap" tabIndex={0} aria-label={label}>
      <table className="ss-seg-table" data-testid={testId}>
        <caption className="ss-sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Shard</th>
            <th scope="col">StartingHashKey</th>
            <th scope="col">EndingHashKey</th>
            <th scope="col">Share</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function ShardRangeRow({
  shardId,
  name,
  colorIndex,
  theme,
  startingHashKey,
  endingHashKey,
  share,
  records,
  selected,
  onSelect,
}: {
  shardId: string;
  /** What the first cell reads after the swatch (a short id, a HOT mark). */
  name: ReactNode;
  colorIndex: number;
  theme: Theme;
  startingHashKey: string;
  endingHashKey: string;
  share: string;
  records: string;
  selected: boolean;
  onSelect: (shardId: string) => void;
}) {
  return (
    <tr
      data-shard-id={shardId}
      className={selected ? 'ss-row-selected' : undefined}
      onClick={() => onSelect(shardId)}
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(shardId);
        }
      }}
    >
      <td>
        <span
          className="ss-swatch"
          style={{ ['--swatch' as string]: shardColor(colorIndex, theme) }}
          aria-hidden="true"
        />{' '}
        {name}
      </td>
      <td title={startingHashKey}>
        <code>{ellipsize(startingHashKey, 6)}</code>
      </td>
      <td title={endingHashKey}>
        <code>{ellipsize(endingHashKey, 6)}</code>
      </td>
      <td>{share}</td>
      <td>{records}</td>
    </tr>
  );
}
