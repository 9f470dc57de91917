/**
 * The toolbar's transport in attached mode: which endpoint, whether the link is up, how far the
 * picture is behind the endpoint's clock, and Live / Freeze in place of Play and speed. Frozen,
 * a slider scrubs back through what the page has seen.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { attachmentOf, type Attachment, type AttachedView } from '../app/attach/attachment';
import { useSimulator, useSimulatorApi } from '../store/react';
import { formatElapsed } from './format';
import { useSimulation, useSimulationUi } from './useSimulation';
import './attach.css';

/** The store's attachment, when the page is attached (it never changes while the page lives). */
export function useAttachment(): Attachment | undefined {
  const store = useSimulatorApi();
  const [attachment] = useState(() => attachmentOf(store));
  return attachment;
}

const LINK_TEXT: Record<AttachedView['link'], string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  restarted: 'Endpoint restarted',
};

function lagText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms behind` : `${(ms / 1000).toFixed(1)} s behind`;
}

export function AttachedBar({ attachment }: { attachment: Attachment }) {
  const view = useStore(attachment.view);
  const now = useSimulator((s) => s.now);
  const start = useSimulator((s) => s.settings.startTime);
  const host = view.endpoint.replace(/^https?:\/\//, '');
  const state = view.frozen && view.link === 'connected' ? 'frozen' : view.link;
  const status = view.frozen && view.link === 'connected' ? 'Frozen' : LINK_TEXT[view.link];
  const title =
    view.link === 'connected'
      ? `Following ${view.endpoint}: its calls are replayed here as they happen`
      : view.link === 'restarted'
        ? `${view.endpoint} started again: the page is taking its state afresh`
        : `${view.endpoint}: ${view.detail ?? 'connecting'}; the page keeps trying`;
  return (
    <div className="attached" role="group" aria-label="Attached endpoint">
      <span
        className={`attach-status attach-${state}`}
        data-testid="attach-status"
        data-state={view.link}
        data-frozen={view.frozen}
        data-lag-ms={Math.round(view.lagMs)}
        data-waiting={view.waiting}
        title={title}
        role="status"
      >
        <span className="attach-dot" aria-hidden="true" />
        <span className="attach-text">{status}</span>
        <span className="attach-host muted">{host}</span>
      </span>
      {view.frozen ? (
        <>
          <button type="button" className="primary" onClick={() => attachment.goLive()} data-testid="go-live">
            ● Live
          </button>
          <label className="scrub">
            <span className="sr-only">Scrub back through what the page has seen</span>
            <input
              type="range"
              min={view.scrubFrom}
              max={view.frozenAt}
              step={100}
              value={now}
              aria-valuetext={formatElapsed(now - start)}
              disabled={view.frozenAt <= view.scrubFrom}
              onChange={(e) => attachment.requestScrub(Number(e.target.value))}
              data-testid="scrub"
            />
          </label>
        </>
      ) : (
        <>
          <button type="button" onClick={() => attachment.freeze()} data-testid="freeze" title="Hold the picture">
            ❚❚ Freeze
          </button>
          <output className="attach-lag muted" data-testid="attach-lag">
            {view.link === 'connected' ? lagText(view.lagMs) : ''}
          </output>
        </>
      )}
    </div>
  );
}

/** What the application layer says while attached (the workshop bar that shows it otherwise is hidden). */
export function AttachedNotice() {
  const sim = useSimulation();
  const notice = useSimulationUi((s) => s.notice);
  if (!notice) return null;
  return (
    <div
      className={`notice ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="sim-notice"
    >
      <span>{notice.text}</span>
      <button type="button" className="small" onClick={() => sim.setNotice(null)} aria-label="Dismiss message">
        ✕
      </button>
    </div>
  );
}
