/**
 * Embed mode (`?embed=<view>`): one view and the chosen controls, sized to its iframe, talking to
 * the host page through the postMessage protocol of protocol.ts / docs/embedding.md. It pauses
 * when scrolled out of view (and playback already pauses when the tab is hidden).
 */
import { useEffect, useRef, useState } from 'react';
import { useSimulator, useSimulatorApi } from '../../store/react';
import { useStreamName, useFrameTick } from '../../views/hooks';
import HashKeySpace from '../../views/HashKeySpace';
import KeyspaceMap from '../../views/KeyspaceMap';
import ShardLanes from '../../views/ShardLanes';
import Throughput from '../../views/Throughput';
import Timeline from '../../views/Timeline';
import { Console } from '../console/Console';
import { ConsoleContext, createConsoleStore } from '../console/consoleState';
import { progressOf } from '../../app/simulation';
import { useSimulation, useSimulationUi } from '../useSimulation';
import { checkHostMessage, MESSAGE_SOURCE, type EmbedMessage, type EmbedOptions } from './protocol';
import '../../views/views.css';
import './workshop.css';

/**
 * Where a lesson embed stands before anyone presses Play. Autoplay starts from the lesson's first
 * instant (its stream created). Paused, it shows a poster frame: the lesson at `&at=` ms, or at
 * stop `&stop=` (by default the first, where the lesson first waits, so the views have marks).
 * (A shared session is already at its own time.)
 */
function showPosterFrame(
  sim: ReturnType<typeof useSimulation>,
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

type Outgoing = EmbedMessage extends infer M ? (M extends EmbedMessage ? Omit<M, 'source' | 'id'> : never) : never;

export function EmbedApp({ options }: { options: EmbedOptions }) {
  const api = useSimulatorApi();
  const sim = useSimulation();
  const root = useRef<HTMLDivElement>(null);
  const [consoleApi] = useState(() => createConsoleStore());
  const [error, setError] = useState<string | null>(null);
  const streamName = useStreamName();
  useFrameTick(250);

  const post = (message: Outgoing) => {
    if (window.parent === window) return;
    window.parent.postMessage({ source: MESSAGE_SOURCE, ...(options.id ? { id: options.id } : {}), ...message }, '*');
  };
  const postRef = useRef(post);
  postRef.current = post;

  // Load the scenario once, then report readiness.
  useEffect(() => {
    sim.setAutoPass(true);
    if (options.scenario) {
      const problem = sim.load(options.scenario);
      if (problem) setError(problem);
      else if (sim.guide()) showPosterFrame(sim, api.getState(), options);
    }
    if (options.speed !== undefined) api.getState().setSpeed(options.speed);
    if (options.autoplay) api.getState().play();
    postRef.current({ type: 'ready', view: options.view, ...(options.scenario ? { scenario: options.scenario } : {}) });
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
          else if (sim.guide()) showPosterFrame(sim, api.getState(), { ...options, autoplay: api.getState().playing });
          setError(problem ?? null);
          break;
        }
      }
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [api, sim, options]);

  // Embed → host: height, time (at most 4 times a second), selection.
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    // The tallest height so far: a view that shrinks for a moment (a merge, a tab's content) must
    // not make the host page jump.
    let last = -1;
    const report = () => {
      const height = Math.max(last, Math.ceil(el.getBoundingClientRect().height));
      if (height !== last) postRef.current({ type: 'height', height });
      last = height;
    };
    const observer = new ResizeObserver(report);
    observer.observe(el);
    report();
    return () => observer.disconnect();
  }, []);
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

  // Only a stream that exists is drawn (as ViewsArea does): a view must not mount before its stream.
  const stream = streamName ? api.getState().engine.stream(streamName) : undefined;
  const view =
    !streamName || !stream ? (
      <p className="ss-muted ss-empty">No stream yet.</p>
    ) : options.view === 'keyspace' ? (
      <KeyspaceMap streamName={streamName} />
    ) : options.view === 'hash' ? (
      <HashKeySpace streamName={streamName} />
    ) : options.view === 'lanes' ? (
      <ShardLanes streamName={streamName} />
    ) : options.view === 'timeline' ? (
      <Timeline streamName={streamName} />
    ) : options.view === 'throughput' ? (
      <Throughput streamName={streamName} />
    ) : null;

  return (
    <ConsoleContext.Provider value={consoleApi}>
      <div className="ws-embed" ref={root} data-embed={options.view}>
        {options.controls !== 'none' ? <EmbedControls full={options.controls === 'full'} /> : null}
        {error ? (
          <p className="ws-error" role="alert" data-testid="embed-error">
            {error}
          </p>
        ) : null}
        <div className="ws-embed-view" key={`${stream?.name ?? ''}-${stream?.generation ?? 0}`}>
          {options.view === 'console' ? <Console /> : view}
        </div>
      </div>
    </ConsoleContext.Provider>
  );
}

function EmbedControls({ full }: { full: boolean }) {
  const api = useSimulatorApi();
  const sim = useSimulation();
  useSimulationUi((s) => s.revision);
  const playing = useSimulator((s) => s.playing);
  const speed = useSimulator((s) => s.speed);
  const elapsed = useSimulator((s) => s.now - s.settings.startTime);
  const guide = sim.guide();
  const caption = guide?.state.caption;
  return (
    <>
      <div className="ws-embed-controls">
        <button type="button" onClick={() => api.getState().togglePlay()} aria-label={playing ? 'Pause' : 'Play'}>
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button type="button" onClick={() => sim.seek(api.getState().settings.startTime)} aria-label="Restart">
          ⟲ Restart
        </button>
        <span className="ws-status" data-testid="embed-time">
          t = {(elapsed / 1000).toFixed(1)} s
        </span>
        {full ? (
          <label>
            Speed{' '}
            <select value={speed} onChange={(e) => api.getState().setSpeed(Number(e.target.value))}>
              {[0.5, 1, 2, 5, 10, 50, 100].map((v) => (
                <option key={v} value={v}>
                  {v}×
                </option>
              ))}
              {[0.5, 1, 2, 5, 10, 50, 100].includes(speed) ? null : <option value={speed}>{speed}×</option>}
            </select>
          </label>
        ) : null}
        {full && guide ? (
          <span className="ws-status">
            step {progressOf(guide).step} of {progressOf(guide).steps}
          </span>
        ) : null}
      </div>
      {full && caption ? (
        <div className="ws-caption ws-embed-caption" aria-live="polite">
          {caption.title ? <strong>{caption.title}: </strong> : null}
          {caption.text}
        </div>
      ) : null}
    </>
  );
}
