/** The few shards a summary names, and what it says of the others in one line. */
export interface TopAndRest {
  /** Positions of the shards shown one by one, ascending (so they keep their hash-axis order). */
  readonly top: readonly number[];
  /** How many others there are, and the sum of their scores. */
  readonly restCount: number;
  readonly restTotal: number;
}

/**
 * The `n` highest-scoring positions of from … to-1 (ties to the lower position), plus any of
 * `keep` in that range (the selected shard is always shown), and the rest summed. O(range · n).
 */
export function topAndRest(
  from: number,
  to: number,
  score: (position: number) => number,
  n: number,
  keep: readonly number[] = [],
): TopAndRest {
  const best: { at: number; s: number }[] = [];
  let sum = 0;
  for (let i = from; i < to; i++) {
    const s = score(i);
    sum += s;
    if (best.length < n || (best.length > 0 && s > best[best.length - 1]!.s)) {
      let k = best.length;
      while (k > 0 && best[k - 1]!.s < s) k--;
      best.splice(k, 0, { at: i, s });
      if (best.length > n) best.pop();
    }
  }
  const chosen = new Set(best.map((b) => b.at));
  for (const k of keep) if (k >= from && k < to) chosen.add(k);
  const top = [...chosen].sort((a, b) => a - b);
  let shownTotal = 0;
  for (const i of top) shownTotal += score(i);
  return { top, restCount: Math.max(0, to - from - top.length), restTotal: sum - shownTotal };
}
