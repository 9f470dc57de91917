/**
 * The workshop bar of the app: lessons (built-in scenarios or a scenario file), live traffic,
 * share (Copy link, export scripts), the presenter toggle, and the caption panel in guided mode.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import { parseScenario, BUILTIN_SCENARIOS } from '../../scenarios';
import { shareUrl } from '../../app/shareLink';
import { Captions } from './Captions';
import { exportScript, type ScriptKind } from './export';
import { useSimulation, useSimulationUi } from '../useSimulation';
import { TrafficPanel } from './TrafficPanel';
import './workshop.css';

type Tab = 'lessons' | 'traffic' | 'share';

export function Workshop() {
  const sim = useSimulation();
  const presenter = useSimulationUi((s) => s.presenter);
  const notice = useSimulationUi((s) => s.notice);
  const canUndo = useSimulationUi((s) => s.undo !== null);
  const [open, setOpen] = useState(false);

  // Presenter mode restyles the whole page (larger type and marks, console hidden).
  useEffect(() => {
    document.documentElement.toggleAttribute('data-presenter', presenter);
  }, [presenter]);
  const [tab, setTab] = useState<Tab>('lessons');

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable="true"]'))
        return;
      if (e.shiftKey && (e.key === 'P' || e.key === 'p') && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        sim.setPresenter(!sim.ui.getState().presenter);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sim]);

  return (
    <div className="ws-root">
      <div className="ws-bar">
        <button type="button" aria-expanded={open} aria-controls="ws-panel" onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} Workshop
        </button>
        <button
          type="button"
          aria-pressed={presenter}
          onClick={() => sim.setPresenter(!presenter)}
          aria-keyshortcuts="Shift+P"
          title="Larger type and marks for a projector, captions and views only (Shift+P; turn it off to use the console); PageDown / PageUp drive a lesson"
        >
          Presenter
        </button>
        <CopyLink />
      </div>
      {notice ? (
        <div
          className={`notice ${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="workshop-notice"
        >
          <span>{notice.text}</span>
          {canUndo && notice.kind === 'info' ? (
            <button type="button" className="small" onClick={() => sim.undo()}>
              Undo
            </button>
          ) : null}
          <button
            type="button"
            className="small"
            onClick={() => sim.setNotice(null)}
            aria-label="Dismiss workshop message"
          >
            ✕
          </button>
        </div>
      ) : null}
      {open ? (
        <div id="ws-panel" className="ws-panel">
          <div role="tablist" aria-label="Workshop" className="ws-tabs">
            {(['lessons', 'traffic', 'share'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                {t === 'lessons' ? 'Lessons' : t === 'traffic' ? 'Traffic' : 'Share & export'}
              </button>
            ))}
          </div>
          <div role="tabpanel" aria-label={tab}>
            {tab === 'lessons' ? (
              <Lessons onStart={() => setOpen(false)} />
            ) : tab === 'traffic' ? (
              <TrafficPanel />
            ) : (
              <Share />
            )}
          </div>
        </div>
      ) : null}
      <Captions />
    </div>
  );
}

function Lessons({ onStart }: { onStart: () => void }) {
  const sim = useSimulation();
  const [error, setError] = useState<string | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const result = parseScenario(await file.text());
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    sim.startScenario(result.scenario);
    onStart();
  };
  return (
    <div className="ws-lessons">
      <ol className="ws-lesson-list">
        {BUILTIN_SCENARIOS.map((s) => (
          <li key={s.name}>
            <button
              type="button"
              onClick={() => {
                sim.startScenario(s);
                onStart();
              }}
              data-scenario={s.name}
            >
              {s.title}
            </button>
            <span className="ss-muted"> {s.summary}</span>
          </li>
        ))}
      </ol>
      <label className="ws-file">
        Open a scenario file (JSON){' '}
        <input type="file" accept="application/json,.json" onChange={(e) => void onFile(e)} />
      </label>
      {error ? (
        <p className="ws-error" role="alert" data-testid="scenario-error">
          {error}
        </p>
      ) : null}
      <p className="ss-muted">
        A lesson replaces the current session. It stops at each “continue” gate: Next (PageDown) goes on, Back (PageUp)
        really restores the state at the previous stop. Make your own calls at any point.
      </p>
    </div>
  );
}

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyLink() {
  const sim = useSimulation();
  const [status, setStatus] = useState<string>('');
  const onCopy = async () => {
    // The link keeps the traffic and the lesson under way too.
    const url = shareUrl(location.href, sim.session());
    const ok = await copyText(url);
    setStatus(ok ? `Link copied (${Math.ceil(url.length / 1024)} KB)` : 'Copy failed: the link is in the address bar');
    if (!ok) history.replaceState(null, '', url);
  };
  return (
    <>
      <button type="button" onClick={() => void onCopy()} data-testid="copy-link">
        Copy link
      </button>
      <span role="status" className="ws-status">
        {status}
      </span>
    </>
  );
}

function Share() {
  const sim = useSimulation();
  const [kind, setKind] = useState<ScriptKind>('cli');
  const [text, setText] = useState('');
  const make = (k: ScriptKind) => {
    setKind(k);
    setText(exportScript(k, sim.session()));
  };
  const download = () => {
    const name = kind === 'cli' ? 'session.sh' : kind === 'sdk-js' ? 'session.mjs' : 'session.py';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="ws-share">
      <p>
        Copy link puts the whole session in the address, compressed: the settings, the seed, every call you made and
        every producer or consumer you started, each at its virtual time. Opening it replays them to exactly this state,
        the traffic's own calls included.
      </p>
      <div className="ws-export-buttons">
        Export as a runnable script:{' '}
        <button type="button" onClick={() => make('cli')}>
          AWS CLI
        </button>
        <button type="button" onClick={() => make('sdk-js')}>
          SDK for JavaScript v3
        </button>
        <button type="button" onClick={() => make('boto3')}>
          boto3
        </button>
      </div>
      {text ? (
        <>
          <textarea readOnly value={text} aria-label="Exported script" rows={10} className="ws-script" />
          <button type="button" onClick={() => void copyText(text)}>
            Copy script
          </button>{' '}
          <button type="button" onClick={download}>
            Download
          </button>
        </>
      ) : null}
    </div>
  );
}
