/**
 * The stage's layouts and which views each shows at once. The views are the product, so every
 * layout keeps the keyspace map, the hash key space and the shard lanes in sight when there is
 * room; the rest sit behind a tab, one click away.
 */
import { createContext, useContext, useLayoutEffect, useState, type RefObject } from 'react';

import { CAPTION_VIEWS, type CaptionView } from '../scenarios/format';

/** The stage's views, by the names a lesson caption uses for them. */
export const VIEW_IDS = CAPTION_VIEWS;
export type ViewId = CaptionView;

export const VIEW_NAMES: Record<ViewId, string> = {
  'keyspace-map': 'Keyspace map',
  'hash-key-space': 'Hash key space',
  'shard-lanes': 'Shard lanes',
  timeline: 'Timeline',
  throughput: 'Throughput',
  inspector: 'Inspector',
};

export const LAYOUTS = ['grid', 'focus', 'console-wide'] as const;
export type Layout = (typeof LAYOUTS)[number];

export const LAYOUT_NAMES: Record<Layout, string> = {
  grid: 'Grid',
  focus: 'Focus',
  'console-wide': 'Console wide',
};

const LAYOUT_KEY = 'shardscope.layout';

/** The layout chosen last time in this browser; the grid when none was or storage is closed. */
export function savedLayout(): Layout {
  try {
    const v = localStorage.getItem(LAYOUT_KEY);
    return (LAYOUTS as readonly string[]).includes(v ?? '') ? (v as Layout) : 'grid';
  } catch {
    return 'grid';
  }
}

export function saveLayout(layout: Layout): void {
  try {
    localStorage.setItem(LAYOUT_KEY, layout);
  } catch {
    // Private mode or a full storage: the layout holds for this visit only.
  }
}

/** The cells of the stage: each lists the views it can show (the first by default); more than one makes tabs. */
export type Cells = readonly (readonly ViewId[])[];

const SECONDARY: readonly ViewId[] = ['timeline', 'throughput', 'inspector'];

/**
 * Which views share the stage. `wide` is room for every view side by side (a 1920×1080 screen);
 * `spotlight` is the views a lesson step talks about, brought to full size.
 */
export function stageCells(
  layout: Layout,
  room: 'narrow' | 'compact' | 'wide',
  spotlight: readonly ViewId[] = [],
): Cells {
  // A phone stacks every view; the ones a caption names come first, at the top of the page.
  if (room === 'narrow') return [...spotlight, ...VIEW_IDS.filter((v) => !spotlight.includes(v))].map((v) => [v]);
  if (spotlight.length > 0) {
    const rest = VIEW_IDS.filter((v) => !spotlight.includes(v));
    return spotlight.map((v, i) => (i === spotlight.length - 1 ? [v, ...rest] : [v]));
  }
  if (layout === 'focus') return [VIEW_IDS];
  if (room === 'wide') return VIEW_IDS.map((v) => [v]);
  return [['keyspace-map'], ['hash-key-space'], ['shard-lanes'], SECONDARY];
}

/** Set inside a stage cell with a height of its own: the view fills the cell instead of taking its own height. */
export const StageCellContext = createContext(false);
export const useInStageCell = () => useContext(StageCellContext);

/**
 * A drawing's height: in a stage cell, the height its plot box is given (never under `min`);
 * elsewhere its own `natural` height. The plot box must be sized by CSS in a cell (`fill`), so
 * the drawing follows the cell and never the other way round.
 */
export function usePlotHeight(
  box: RefObject<HTMLElement | null>,
  natural: number,
  min = 140,
): { height: number; fill: boolean } {
  const fill = useInStageCell();
  const [measured, setMeasured] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = box.current;
    if (!fill || !el) return;
    const measure = () => setMeasured(el.clientHeight);
    measure();
    const obs = new ResizeObserver(measure);
    obs.observe(el);
    return () => obs.disconnect();
  }, [box, fill]);
  return { height: fill && measured !== undefined ? Math.max(min, measured) : natural, fill };
}
