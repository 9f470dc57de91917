import type { ScaleLinear } from 'd3';
import type { KeyspaceAtScale } from './keyspaceAtScale';

/**
 * What the keyspace map draws in place of marks too many to draw: one line per instant of
 * resharding with how many splits and merges it held, and a note while bands are thinner than a
 * pixel.
 */
export function ScaleMarks({
  atScale,
  x,
  width,
  height,
}: {
  atScale: KeyspaceAtScale;
  x: ScaleLinear<number, number>;
  width: number;
  height: number;
}) {
  const [d0, d1] = x.domain() as [number, number];
  const visible = atScale.moments.filter((m) => m.t >= d0 && m.t <= d1);
  return (
    <g className="ss-scale-marks">
      {visible.map((m, k) => {
        const mx = x(m.t);
        const label = [
          m.splits ? `${m.splits.toLocaleString('en-US')} splits` : '',
          m.merges ? `${m.merges.toLocaleString('en-US')} merges` : '',
        ]
          .filter(Boolean)
          .join(' · ');
        return (
          <g key={m.t} data-testid="lineage-moment" data-splits={m.splits} data-merges={m.merges}>
            <line x1={mx} x2={mx} y1={0} y2={height} stroke="var(--ss-fg)" strokeWidth={1.5} strokeDasharray="5 3" />
            <text
              x={mx > width - 150 ? mx - 4 : mx + 4}
              y={14 + (k % 3) * 14}
              textAnchor={mx > width - 150 ? 'end' : 'start'}
              className="ss-band-label ss-scale-moment"
            >
              {label}
            </text>
          </g>
        );
      })}
      {atScale.summarisedShards > 0 && (
        <text x={8} y={height - 8} className="ss-band-label ss-scale-hint" data-testid="bands-summarised">
          {atScale.summarisedShards.toLocaleString('en-US')} shards in view, each thinner than a pixel: zoom the hash
          space (bar above) or find a shard to see their bands
        </text>
      )}
    </g>
  );
}
