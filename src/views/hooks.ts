import { startTransition, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSimulator, useSimulatorApi } from '../store/react';
import type { Theme } from './palette';

/**
 * Secondary views wait their turn: at most one of them renders in any animation frame, so their
 * redraws (four a second each) spread over frames instead of piling into one that misses its
 * deadline while time runs fast.
 */
const secondaryQueue: (() => void)[] = [];
let secondaryFrame = 0;

function drainOneSecondary(): void {
  secondaryFrame = 0;
  secondaryQueue.shift()?.();
  if (secondaryQueue.length > 0) secondaryFrame = requestAnimationFrame(drainOneSecondary);
}

function queueSecondary(run: () => void): void {
  secondaryQueue.push(run);
  if (!secondaryFrame) secondaryFrame = requestAnimationFrame(drainOneSecondary);
}

function unqueueSecondary(run: () => void): void {
  const at = secondaryQueue.indexOf(run);
  if (at >= 0) secondaryQueue.splice(at, 1);
}

/**
 * Re-renders the caller at most once per animation frame (and at most every `minIntervalMs` of
 * wall time) when virtual time, the engine or its events move. Views then read the store with
 * `getState()`: many events per frame cost one render. Secondary views pass an interval so that
 * playing fast keeps the keyspace map smooth, and take turns (one per frame).
 */
export function useFrameTick(minIntervalMs = 0): number {
  const api = useSimulatorApi();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const secondary = minIntervalMs > 0;
    let raf = 0;
    let queued = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const run = () => {
      raf = 0;
      queued = false;
      last = performance.now();
      // Secondary views render as a transition: React can yield to the keyspace map's frame.
      if (secondary) startTransition(() => setTick((t) => t + 1));
      else setTick((t) => t + 1);
    };
    const request = () => {
      if (secondary) {
        queued = true;
        queueSecondary(run);
      } else raf = requestAnimationFrame(run);
    };
    const schedule = () => {
      if (raf || queued || timer !== undefined) return;
      const wait = last + minIntervalMs - performance.now();
      if (wait > 0)
        timer = setTimeout(() => {
          timer = undefined;
          request();
        }, wait);
      else request();
    };
    const unsub = api.subscribe((s, prev) => {
      if (s.now === prev.now && s.revision === prev.revision && s.engine === prev.engine) return;
      schedule();
    });
    return () => {
      unsub();
      if (raf) cancelAnimationFrame(raf);
      if (queued) unqueueSecondary(run);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api, minIntervalMs]);
  return tick;
}

/** How often the secondary views (everything but the keyspace map) redraw at most, in wall ms. */
export const SECONDARY_MS = 250;

/** The stream the views show: the selected one, else the first that exists. */
export function useStreamName(): string | undefined {
  const selected = useSimulator((s) => s.selection.stream);
  const api = useSimulatorApi();
  useFrameTick(250);
  const engine = api.getState().engine;
  if (selected && engine.stream(selected)) return selected;
  return engine.streams()[0]?.name ?? selected;
}

/** The theme the app set on <html>, following changes. */
export function useTheme(): Theme {
  const read = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');
  const [theme, setTheme] = useState<Theme>(read);
  useEffect(() => {
    const obs = new MutationObserver(() => setTheme(read()));
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => obs.disconnect();
  }, []);
  return theme;
}

export function useReducedMotion(): boolean {
  const query = '(prefers-reduced-motion: reduce)';
  const [reduced, setReduced] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const m = matchMedia(query);
    const on = () => setReduced(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return reduced;
}

/** The width of an element, following resizes. */
export function useWidth<T extends HTMLElement>(fallback = 800): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.max(200, Math.floor(el.clientWidth)));
    const obs = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    obs.observe(el);
    return () => obs.disconnect();
  }, []);
  return [ref, width];
}

/** Sizes a canvas for the device pixel ratio and returns its 2D context, cleared. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
): CanvasRenderingContext2D | null {
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const w = Math.round(width * dpr);
  const h = Math.round(height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** Sets the store's hover to a shard (or clears it), only when it changes: hover links the views. */
export function hoverShard(api: ReturnType<typeof useSimulatorApi>, stream: string, shardId: string | null): void {
  const s = api.getState();
  if ((s.hover?.shardId ?? null) === shardId && (shardId === null || s.hover?.stream === stream)) return;
  s.setHover(shardId ? { stream, shardId } : null);
}

/** The shard hovered in any view, if it belongs to this stream. */
export function useHoveredShard(stream: string): string | undefined {
  return useSimulator((s) => (s.hover?.stream === stream ? s.hover.shardId : undefined));
}
