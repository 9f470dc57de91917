import type { StreamState } from '../../engine/index';
import type { HashWindow } from './hashWindow';
import { isWhole } from './hashWindow';
import { shardsInWindow } from './shardsInWindow';
import { MAX_ROWS, TOP_ROWS } from './thresholds';
import { topAndRest } from './topShards';

/** Which shards a per-shard list (lanes, throughput rows) draws when the stream has many. */
export interface ScaledRows {
  /** Positions in the stream's shard list: in that order while all fit, else busiest first. */
  readonly positions: readonly number[];
  /** Shards in the window that are not drawn, and the sum of their scores. */
  readonly restCount: number;
  readonly restTotal: number;
  /** Shards whose range is in the window, open or closed. */
  readonly inWindow: number;
}

/**
 * undefined while every shard fits (the whole space and at most MAX_ROWS shards): the view draws
 * them all as before. Otherwise the shards in the window, all of them if they fit, else the
 * TOP_ROWS best by `score` plus the selected shard, with the rest summed.
 */
export function scaledRows(
  stream: StreamState,
  w: HashWindow,
  score: (position: number) => number,
  focus: string | undefined,
  eligible: (position: number) => boolean = () => true,
): ScaledRows | undefined {
  if (isWhole(w) && stream.shards.length <= MAX_ROWS) return undefined;
  const inWindow = shardsInWindow(stream, w).filter(eligible);
  const focusAt = focus === undefined ? -1 : inWindow.findIndex((p) => stream.shards[p]!.id === focus);
  if (inWindow.length <= MAX_ROWS)
    return { positions: inWindow, restCount: 0, restTotal: 0, inWindow: inWindow.length };
  const ranked = topAndRest(0, inWindow.length, (k) => score(inWindow[k]!), TOP_ROWS, focusAt >= 0 ? [focusAt] : []);
  // Busiest first (ties in shard order), so the list reads as a ranking.
  const ranking = ranked.top.map((k) => inWindow[k]!).sort((a, b) => score(b) - score(a) || a - b);
  return {
    positions: ranking,
    restCount: ranked.restCount,
    restTotal: ranked.restTotal,
    inWindow: inWindow.length,
  };
}

/** Rows ranked by the records each shard holds (the lanes and the timeline), the selected shard kept. */
export const rowsByRecords = (stream: StreamState, w: HashWindow, selected: string | undefined) =>
  scaledRows(stream, w, (p) => stream.shards[p]!.records.length, selected);
