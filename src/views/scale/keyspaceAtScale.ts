import type { StreamState } from '../../engine/index';
import { bandOf, lineageOf, type Band, type LineageEdge } from '../model/bands';
import { isWhole, type HashWindow } from './hashWindow';
import { shardsInWindow } from './shardsInWindow';
import { MAX_BANDS, MAX_EDGES } from './thresholds';

/** Splits and merges that happened at one instant, drawn as one mark when edges are too many to draw. */
export interface LineageMoment {
  readonly t: number;
  readonly splits: number;
  readonly merges: number;
}

/** What the keyspace map draws of a stream with many shards, or zoomed to a hash range. */
export interface KeyspaceAtScale {
  /** Positions (in the stream's shard list) of the shards in the window: the only ones whose records are visited. */
  readonly positions: readonly number[];
  /** Bands to draw one by one: those in the window while they are few enough, else none. */
  readonly bands: readonly Band[];
  readonly edges: readonly LineageEdge[];
  /** When edges are too many: one mark per instant, counted. */
  readonly moments: readonly LineageMoment[];
  /** Shards in the window when their bands are summarised (not drawn one by one). */
  readonly summarisedShards: number;
}

/** Lineage never changes once made: computed once per reshard. */
const lineageCache = new WeakMap<StreamState, { length: number; edges: LineageEdge[] }>();
function lineage(stream: StreamState): LineageEdge[] {
  const hit = lineageCache.get(stream);
  if (hit && hit.length === stream.shards.length) return hit.edges;
  const edges = lineageOf(stream);
  lineageCache.set(stream, { length: stream.shards.length, edges });
  return edges;
}

/**
 * undefined for a stream the map draws whole (the whole space, at most MAX_BANDS shards). Else
 * the window's shards: their bands while at most MAX_BANDS, and the lineage edges with a parent
 * or child in the window (a split child lies inside its parent's range and a merged child covers
 * its parents', so these are all the edges that cross the window), counted per instant when
 * there are more than MAX_EDGES.
 */
export function keyspaceAtScale(stream: StreamState, now: number, w: HashWindow): KeyspaceAtScale | undefined {
  if (isWhole(w) && stream.shards.length <= MAX_BANDS) return undefined;
  const { positions, edges, moments } = lineageInWindow(stream, w);
  const few = positions.length <= MAX_BANDS;
  // Bands end at `now` while open: the only part made again each frame, and only while few.
  const bands = few ? positions.map((p) => bandOf(stream.shards[p]!, now)) : [];
  return { positions, bands, edges, moments, summarisedShards: few ? 0 : positions.length };
}

/** The window's shards and lineage: fixed until the shard list grows or the window moves. */
const windowCache = new WeakMap<
  StreamState,
  { length: number; w: HashWindow; positions: readonly number[]; edges: LineageEdge[]; moments: LineageMoment[] }
>();

function lineageInWindow(stream: StreamState, w: HashWindow) {
  const hit = windowCache.get(stream);
  if (hit && hit.length === stream.shards.length && hit.w.start === w.start && hit.w.end === w.end) return hit;
  const positions = shardsInWindow(stream, w);
  const ids = new Set(positions.map((p) => stream.shards[p]!.id));
  let edges = lineage(stream).filter((e) => ids.has(e.child) || ids.has(e.parent));
  let moments: LineageMoment[] = [];
  if (edges.length > MAX_EDGES) {
    // A split is one parent with two children, a merge two parents with one child: count each once.
    const splits = new Map<number, Set<string>>();
    const merges = new Map<number, Set<string>>();
    for (const e of edges) {
      const [into, key] = e.kind === 'split' ? [splits, e.parent] : [merges, e.child];
      let at = into.get(e.t);
      if (!at) into.set(e.t, (at = new Set()));
      at.add(key);
    }
    const times = [...new Set([...splits.keys(), ...merges.keys()])].sort((a, b) => a - b);
    moments = times.map((t) => ({ t, splits: splits.get(t)?.size ?? 0, merges: merges.get(t)?.size ?? 0 }));
    edges = [];
  }
  const entry = { length: stream.shards.length, w, positions, edges, moments };
  windowCache.set(stream, entry);
  return entry;
}
