/**
 * Embed mode (`?embed=<view>`): one view and the chosen controls, sized to its iframe, talking to
 * the host page through the postMessage protocol of protocol.ts / docs/embedding.md. It pauses
 * when scrolled out of view (and playback already pauses when the tab is hidden).
 */
import { useEffect, useRef, useState } from 'react';
import { useSimulatorApi } from '../../store/react';
import { ConsoleContext, createConsoleStore } from '../console/consoleState';
import type { Simulation } from '../../app/simulation';
import { useSimulation } from '../useSimulation';
import { EmbedFrame } from './EmbedFrame';
import { checkHostMessage, MESSAGE_SOURCE, type EmbedMessage, type EmbedOptions } from './protocol';
import { rehearsedHeight } from './rehearsal';
import '../../views/views.css';
import './workshop.css';

/**
 * Where a lesson embed stands before anyone presses Play. Autoplay starts from the lesson's first
 * instant (its stream created). Paused, it shows a poster frame: the lesson at `&at=` ms, or at
 * stop `&stop=` (by default the first, where the lesson first waits, so the views have marks).
 * (A shared session is already at its own time.)
 */
function showPosterFrame(
  sim: Simulation,
  store: { settings: { startTime: number }; pause(): void },
  options: EmbedOptions,
): void {
  const guide = sim.guide()!;
  guide.next();
  const start = store.settings.startTime;
  if (options.autoplay || options.stop === 0) sim.seek(start);
  else if (options.at !== undefined) sim.seek(start + options.at);
  else {
    // Each stop: pass its gate, then run straight on to the next (sim.next does one, then the other).
    const calls = (options.stop ?? 1) * 2 - 1;
    for (let i = 0; i < calls && !guide.finished; i++) sim.next();
  }
  store.pause();
}

/** The height kept for the lesson shown, and the width it was measured at. */
interface Reservation {
  height: number;
  width: number;
}

/**
 * What the embed reserves for the lesson it shows (none for a session without one, or for the
 * console, whose height is its own). Never call it from inside a React effect (see rehearsal.tsx).
 */
function reservationFor(sim: Simulation, options: EmbedOptions, el: HTMLElement | null): Reservation | null {
  const guide = sim.guide();
  if (!guide || !el || options.view === 'console') return null;
  const width = Math.round(el.getBoundingClientRect().width);
  return { width, height: rehearsedHeight(guide.scenario, options, width) };
}

type Outgoing = EmbedMessage extends infer M ? (M extends EmbedMessage ? Omit<M, 'source' | 'id'> : never) : never;

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const api = useSimulatorApi();
  const sim = useSimulation();
  const root = useRef<HTMLDivElement>(null);
  const [consoleApi] = useState(() => createConsoleStore());
  const [error, setError] = useState<string | null>(null);
  const [reserved, setReserved] = useState<Reservation | null>(null);
  // The first height waits until the scenario is loaded and its height reserved.
  const [settled, setSettled] = useState(false);

  const post = (message: Outgoing) => {
    if (window.parent === window) return;
    window.parent.postMessage({ source: MESSAGE_SOURCE, ...(options.id ? { id: options.id } : {}), ...message }, '*');
  };
  const postRef = useRef(post);
  postRef.current = post;

  // Load the scenario once, reserve its height, then report readiness. In a microtask rather than
  // in the effect itself, since the rehearsal draws synchronously.
  useEffect(() => {
    let cancelled = false;
    queueMicrotask(() => {
      if (cancelled) return;
      sim.setAutoPass(true);
      if (options.scenario) {
        const problem = sim.load(options.scenario);
        if (problem) setError(problem);
        else if (sim.guide()) {
          setReserved(reservationFor(sim, options, root.current));
          showPosterFrame(sim, api.getState(), options);
        }
      }
      if (options.speed !== undefined) api.getState().setSpeed(options.speed);
      if (options.autoplay) api.getState().play();
      setSettled(true);
      postRef.current({
        type: 'ready',
        view: options.view,
        ...(options.scenario ? { scenario: options.scenario } : {}),
      });
    });
    return () => {
      cancelled = true;
    };
  }, [api, sim, options]);

  // Host → embed.
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const message = checkHostMessage(e.data);
      if (message === null) return;
      if (typeof message === 'string') {
        postRef.current({ type: 'error', message });
        return;
      }
      const s = api.getState();
      switch (message.type) {
        case 'play':
          s.play();
          break;
        case 'pause':
          s.pause();
          break;
        case 'speed':
          s.setSpeed(message.speed);
          break;
        case 'seek':
          sim.seek(s.settings.startTime + message.time);
          break;
        case 'load': {
          const problem = sim.load(message.scenario);
          if (problem) postRef.current({ type: 'error', message: problem });
          else {
            setReserved(reservationFor(sim, options, root.current));
            if (sim.guide()) showPosterFrame(sim, api.getState(), { ...options, autoplay: api.getState().playing });
          }
          setError(problem ?? null);
          break;
        }
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [api, sim, options]);

  // Embed → host: height, time (at most 4 times a second), selection.
  const reported = useRef(-1);
  useEffect(() => {
    const el = root.current;
    if (!el || !settled) return;
    // Under one reservation the height only grows: a view that shrinks for a moment (a merge, a
    // tab's content) must not make the host page jump. A new reservation starts afresh.
    let tallest = -1;
    const report = () => {
      tallest = Math.max(tallest, Math.ceil(el.getBoundingClientRect().height));
      if (tallest === reported.current) return;
      reported.current = tallest;
      postRef.current({ type: 'height', height: tallest });
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    report();
    return () => observer.disconnect();
  }, [settled, reserved]);

  // A new width wraps text and scales views differently: the lesson is measured again there.
  useEffect(() => {
    const el = root.current;
    if (!el || !reserved) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      if (Math.round(el.getBoundingClientRect().width) === reserved.width) return;
      clearTimeout(timer);
      timer = setTimeout(() => setReserved(reservationFor(sim, options, el)), 200);
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [reserved, sim, options]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      timer = undefined;
      const s = api.getState();
      postRef.current({
        type: 'time',
        now: s.now,
        elapsed: s.now - s.settings.startTime,
        playing: s.playing,
        speed: s.speed,
      });
    };
    const unsub = api.subscribe((s, prev) => {
      if (s.selection !== prev.selection)
        postRef.current({ type: 'selection', selection: JSON.parse(JSON.stringify(s.selection)) });
      if ((s.now !== prev.now || s.playing !== prev.playing || s.speed !== prev.speed) && timer === undefined)
        timer = setTimeout(send, 250);
    });
    send();
    return () => {
      unsub();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api]);

  // Pause while scrolled out of view; play again when back, if it was us who paused.
  useEffect(() => {
    const el = root.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let pausedByUs = false;
    const observer = new IntersectionObserver((entries) => {
      const visible = entries.some((e) => e.isIntersecting);
      const s = api.getState();
      if (!visible && s.playing) {
        pausedByUs = true;
        s.pause();
      } else if (visible && pausedByUs) {
        pausedByUs = false;
        s.play();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [api]);

  return (
    <ConsoleContext.Provider value={consoleApi}>
      <div
        className="ws-embed"
        ref={root}
        data-embed={options.view}
        style={reserved ? { minHeight: reserved.height } : undefined}
      >
        <EmbedFrame options={options} error={error} />
      </div>
    </ConsoleContext.Provider>
  );
}
