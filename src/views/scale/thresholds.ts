/**
 * Where the views stop drawing one mark per shard. Above these, a mark would be thinner than a
 * pixel or a panel taller than a screen, so the view summarises instead (see the views' scale/).
 */

/** Open shards above which the zoom and search bar appears over the views. */
export const SCALE_BAR_SHARDS = 64;

/** The hash key space draws shards one by one while each is at least this many pixels wide. */
export const MIN_SEGMENT_PX = 6;

/** Shard lanes and throughput rows drawn one by one at most; past it, the busiest and the rest summed. */
export const MAX_ROWS = 24;
/** How many of the busiest shards a summarised lane or throughput list names. */
export const TOP_ROWS = 10;

/** The keyspace map draws bands as SVG while at most this many are in view and each is 2 px tall. */
export const MAX_BANDS = 400;
export const MIN_BAND_PX = 2;
/** Lineage edges drawn one by one at most; past it, one mark per moment says how many. */
export const MAX_EDGES = 300;
