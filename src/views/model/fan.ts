/**
 * Records written at one instant (sent while paused, say) share an x on the keyspace map, and
 * records of one key share a y too: drawn where they are, they are one dot. Fanned out, each can
 * be seen and picked. Rings that would overlap one another are spread left of the instant by
 * sequence order: the newest stays on it, each earlier one a step further left. A ring that
 * overlaps none stays where it is.
 */

/** How far left a fan may reach, in CSS px (its steps shrink to fit, never below MIN_STEP). */
export const FAN_WIDTH = 160;
const MIN_STEP = 3;

/**
 * The x offset (≤ 0, CSS px from the instant's line) of each ring, given their y positions in
 * sequence order (earliest first) and the ring radius.
 */
export function fanOffsets(ys: readonly number[], radius: number): number[] {
  const offsets = new Array<number>(ys.length).fill(0);
  // A cluster: rings whose y's chain within a diameter of each other, in sequence order.
  const byY = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  let start = 0;
  for (let k = 1; k <= byY.length; k++) {
    if (k < byY.length && byY[k]!.y - byY[k - 1]!.y < 2 * radius) continue;
    const cluster = byY
      .slice(start, k)
      .map((r) => r.i)
      .sort((a, b) => a - b);
    if (cluster.length > 1) {
      const step = Math.max(MIN_STEP, Math.min(2 * radius + 2, FAN_WIDTH / (cluster.length - 1)));
      cluster.forEach((i, rank) => (offsets[i] = rank === cluster.length - 1 ? 0 : (rank - cluster.length + 1) * step));
    }
    start = k;
  }
  return offsets;
}
