import type { ScaledRows } from './scaledRows';

/** The line under a summarised per-shard list: what it shows, and what the rest of the window holds. */
export function RowsNote({ rows, what, rest }: { rows: ScaledRows; what: string; rest: (total: string) => string }) {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  return (
    <p className="ss-muted ss-small ss-scale-note" data-testid="rows-note" data-rest={rows.restCount}>
      {rows.restCount > 0
        ? `${rows.positions.length} of ${n(rows.inWindow)} shards in view: the ${what} (and the selected one). The other ${n(rows.restCount)} ${rest(n(rows.restTotal))}; zoom the hash space or find a shard to see them.`
        : `${n(rows.inWindow)} shard${rows.inWindow === 1 ? '' : 's'} in the zoomed hash range.`}
    </p>
  );
}
