/**
 * Failures drawn where they happened. A hot producer can fail thousands of times a second, so the
 * views do not draw one mark per failure: failures of one shard, one kind (throttled or failed
 * otherwise) and one column of the drawing are one spot, counted, and only the newest spots are
 * drawn. What a spot stands for stays in its title.
 */
import type { FailureMark } from '../../store/history';

export const THROTTLING = 'ProvisionedThroughputExceededException';

export interface FailureSpot {
  /** The shard it happened on; none for a call refused for the whole stream. */
  readonly shardId?: string;
  /** Where along the view's axis: the column the caller put it in. */
  readonly column: number;
  readonly throttled: boolean;
  /** Records (writes) or calls (reads and the rest) that failed here. */
  count: number;
  /** The error names, with how many of each. */
  readonly errors: Map<string, number>;
  /** The newest failure's time (virtual epoch ms). */
  readonly newest: number;
}

/** Failures within this many pixels along a view's axis (on one shard, of one kind) are one spot. */
export const SPOT_PX = 4;
/** The most spots a view draws (the newest). */
export const MAX_SPOTS = 400;

/**
 * The failures between `from` and `to` (virtual epoch ms), newest first, grouped into spots.
 * `columnOf` places a failure along the view's axis (undefined leaves it out: off the drawing,
 * or on a shard the view does not show). Failures are in time order, newest last.
 */
export function failureSpots(
  failures: readonly FailureMark[],
  from: number,
  to: number,
  columnOf: (failure: FailureMark) => number | undefined,
  max = MAX_SPOTS,
): FailureSpot[] {
  // By shard, then by column and kind as one number: no key strings to build per failure.
  const byShard = new Map<string | undefined, Map<number, FailureSpot>>();
  const spots: FailureSpot[] = [];
  for (let i = failures.length - 1; i >= 0; i--) {
    const f = failures[i]!;
    if (f.t < from) break;
    if (f.t > to) continue;
    const column = columnOf(f);
    if (column === undefined) continue;
    const throttled = f.errorCode === THROTTLING;
    let ofShard = byShard.get(f.shardId);
    if (!ofShard) byShard.set(f.shardId, (ofShard = new Map()));
    const key = column * 2 + (throttled ? 1 : 0);
    let spot = ofShard.get(key);
    if (!spot) {
      if (spots.length >= max) continue;
      spot = {
        column,
        throttled,
        count: 0,
        errors: new Map(),
        newest: f.t,
        ...(f.shardId ? { shardId: f.shardId } : {}),
      };
      ofShard.set(key, spot);
      spots.push(spot);
    }
    spot.count += f.count;
    spot.errors.set(f.errorCode, (spot.errors.get(f.errorCode) ?? 0) + f.count);
  }
  return spots;
}

/** What a spot stands for, in words: "96 records throttled (ProvisionedThroughputExceededException) on shardId-…". */
export function describeSpot(spot: FailureSpot): string {
  const what = [...spot.errors].map(([code, n]) => `${n} × ${code}`).join(', ');
  return `${spot.throttled ? 'Throttled' : 'Failed'}: ${what}${spot.shardId ? ` on ${spot.shardId}` : ''}`;
}

/** The failures since `since`, counted: throttled records and calls, and the others by error name. */
export interface FailureCounts {
  readonly throttled: number;
  readonly byType: Map<string, number>;
}

export function countFailures(failures: readonly FailureMark[], since: number): FailureCounts {
  let throttled = 0;
  const byType = new Map<string, number>();
  for (let i = failures.length - 1; i >= 0 && failures[i]!.t > since; i--) {
    const f = failures[i]!;
    if (f.errorCode === THROTTLING) throttled += f.count;
    else byType.set(f.errorCode, (byType.get(f.errorCode) ?? 0) + f.count);
  }
  return { throttled, byType };
}

/** "100 throttled · 36 failed (KMSDisabledException)"; "0 throttled" when nothing failed. */
export function describeCounts({ throttled, byType }: FailureCounts): string {
  const failed = [...byType].map(([code, n]) => `${n} failed (${code})`);
  return [...(throttled > 0 || failed.length === 0 ? [`${throttled} throttled`] : []), ...failed].join(' · ');
}
