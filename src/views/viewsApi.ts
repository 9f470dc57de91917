/**
 * What the views expose to tests and benchmarks on `window.__shardscope.views` (and on
 * `window.__shardscopeViews`, in case the app's test API is installed later): the positions they
 * draw, so a test can check a record sits where MD5 says without reading pixels.
 */
export interface ViewsTestApi {
  /** Keyspace map: where a record's dot is, in CSS px relative to the map's plot area. */
  recordPoint?: (
    shardId: string,
    index: number,
  ) => { x: number; y: number; hashFraction: number; arrival: number } | null;
  /** Keyspace map: the visible time domain and plot size. */
  keyspace?: () => { domain: [number, number]; width: number; height: number; drawnDots: number; paintMs: number };
  /** Wall-clock ms (performance.now) of the last keyspace paint and the newest arrival it drew. */
  lastPaint?: { at: number; newestArrival: number; dots: number; saturated?: number };
  /** Timeline: how many tick columns were drawn for NONE and for KMS records in its last paint. */
  timelineTicks?: { none: number; kms: number };
}

type Host = Window & { __shardscope?: Record<string, unknown>; __shardscopeViews?: ViewsTestApi };

export function viewsApi(): ViewsTestApi {
  const w = window as unknown as Host;
  w.__shardscopeViews ??= {};
  if (w.__shardscope && w.__shardscope.views !== w.__shardscopeViews) w.__shardscope.views = w.__shardscopeViews;
  return w.__shardscopeViews;
}
