import type { ScaleLinear } from 'd3';
import type { KeyspaceAtScale } from './keyspaceAtScale';

/**
 * What the keyspace map draws in place of marks too many to draw: one line per instant of
 * resharding with how many splits and merges it held.
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
    </g>
  );
}

/** The line under the keyspace map while its bands are thinner than a pixel. */
export function BandsSummarised({ atScale }: { atScale: KeyspaceAtScale | undefined }) {
  if (!atScale || atScale.summarisedShards === 0) return null;
  return (
    <p className="ss-muted ss-small ss-scale-note" data-testid="bands-summarised">
      {atScale.summarisedShards.toLocaleString('en-US')} shards in view, each band thinner than a pixel: zoom the hash
      space (Hash +, a drag on the hash key space, or Find) to see them.
    </p>
  );
}
