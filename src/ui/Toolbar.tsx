/** The top bar: virtual clock and playback, settings, session (new / export / import), theme, help. */
import { useEffect, useRef, useState } from 'react';
import { MAX_SPEED, MIN_SPEED } from '../store';
import { sliderToSpeed, speedToSlider } from '../store/playback';
import { UNREADABLE_KEY } from '../app/autosave';
import { MAX_SESSION_FILE_BYTES, parseSession, serializeSession } from '../app/session';
import { whatCameBack } from '../app/simulation';
import { useSimulation } from './useSimulation';
import { useSimulator, useSimulatorApi } from '../store/react';
import { Confirm } from './Dialog';
import { AttachedBar, useAttachment } from './AttachedBar';
import { formatClock, formatElapsed, formatSpeed } from './format';

export type Notice = { kind: 'error' | 'info'; text: string } | null;

/** Saves a text as a file the browser downloads. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Clock() {
  const now = useSimulator((s) => s.now);
  const start = useSimulator((s) => s.settings.startTime);
  return (
    <div className="clock" data-testid="clock" data-now={now}>
      <span className="clock-elapsed" aria-label="Virtual time since the session began">
        {formatElapsed(now - start)}
      </span>
      <span className="clock-utc muted">{formatClock(now)}</span>
    </div>
  );
}

function Playback() {
  const api = useSimulatorApi();
  const playing = useSimulator((s) => s.playing);
  const speed = useSimulator((s) => s.speed);
  const reached = useSimulator((s) => s.reachedSpeed);
  // Honest time: when the machine cannot keep up, say how fast the simulation really runs.
  const behind = reached !== undefined && reached < speed * 0.9;
  // Re-evaluated on every store change (time moves, events fire), so it follows the engine.
  const nothingScheduled = useSimulator((s) => s.engine.nextEventTime() === undefined);
  return (
    <div className="playback" role="group" aria-label="Playback">
      <button
        type="button"
        className="primary play"
        onClick={() => api.getState().togglePlay()}
        aria-keyshortcuts="Space"
        data-testid="play"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={() => api.getState().step()} aria-keyshortcuts="ArrowRight" title="Step (→)">
        Step
      </button>
      <button
        type="button"
        onClick={() => api.getState().jumpToNextEvent()}
        aria-keyshortcuts="N"
        disabled={nothingScheduled}
        title="Jump to the next scheduled event (N)"
      >
        Next event
      </button>
      <label className="speed">
        <span>Speed</span>
        <input
          type="range"
          min={speedToSlider(MIN_SPEED)}
          max={speedToSlider(MAX_SPEED)}
          step={0.01}
          value={speedToSlider(speed)}
          aria-valuetext={formatSpeed(speed)}
          onChange={(e) => api.getState().setSpeed(sliderToSpeed(Number(e.target.value)))}
        />
        {behind ? (
          <output
            className="speed-value speed-behind"
            data-testid="speed-reached"
            title={`Running at ${formatSpeed(reached)}, asked ${formatSpeed(speed)}: this machine cannot keep up, so virtual time falls behind instead of the page freezing`}
          >
            {formatSpeed(reached)} of {formatSpeed(speed)}
          </output>
        ) : (
          <output className="speed-value">{formatSpeed(speed)}</output>
        )}
      </label>
    </div>
  );
}

function SessionMenu({ onNotice }: { onNotice(n: Notice): void }) {
  const api = useSimulatorApi();
  const sim = useSimulation();
  const fileInput = useRef<HTMLInputElement>(null);
  const [confirmNew, setConfirmNew] = useState(false);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current?.removeAttribute('open');
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(e.target as Node)) close();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, []);
  const exportSession = () => {
    // The file keeps the journal (calls and traffic changes) and the lesson under way, as a share link does.
    download(serializeSession(sim.session()), 'shardscope-session.json');
    onNotice({ kind: 'info', text: 'Session exported as shardscope-session.json.' });
  };
  const unreadable = typeof localStorage === 'undefined' ? null : localStorage.getItem(UNREADABLE_KEY);
  const importFile = async (file: File) => {
    if (file.size > MAX_SESSION_FILE_BYTES) {
      onNotice({
        kind: 'error',
        text: `Could not import ${file.name}: it is ${Math.round(file.size / 1048576)} MB, and a session file is at most ${MAX_SESSION_FILE_BYTES / 1048576} MB. Your current session is unchanged.`,
      });
      return;
    }
    const parsed = parseSession(await file.text());
    if (!parsed.ok) {
      onNotice({
        kind: 'error',
        text: `Could not import ${file.name}: ${parsed.error} Your current session is unchanged.`,
      });
      return;
    }
    const opened = sim.importSession(parsed.session);
    if (!opened.ok) {
      onNotice({
        kind: 'error',
        text: `Could not import ${file.name}: ${opened.error}. Your current session is unchanged.`,
      });
      return;
    }
    onNotice({
      kind: 'info',
      text: `Imported ${file.name}: ${parsed.session.journal.length} entries replayed${whatCameBack(opened)}.`,
    });
  };
  return (
    <div className="session">
      <details
        className="menu"
        ref={menu}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && menu.current?.open) {
            e.preventDefault();
            close();
            menu.current.querySelector('summary')?.focus();
          }
        }}
      >
        <summary>Session ▾</summary>
        <div className="menu-items" role="group" aria-label="Session">
          <button
            type="button"
            onClick={() => {
              close();
              setConfirmNew(true);
            }}
          >
            New session…
          </button>
          <button
            type="button"
            onClick={() => {
              close();
              exportSession();
            }}
          >
            Export to file
          </button>
          <button
            type="button"
            onClick={() => {
              close();
              fileInput.current?.click();
            }}
          >
            Import from file…
          </button>
          {unreadable !== null ? (
            <button
              type="button"
              onClick={() => {
                close();
                download(unreadable, 'shardscope-unreadable-session.json');
              }}
            >
              Download the unreadable session
            </button>
          ) : null}
        </div>
      </details>
      <input
        ref={fileInput}
        type="file"
        accept="application/json,.json"
        className="sr-only"
        tabIndex={-1}
        aria-label="Session file to import"
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <Confirm
        open={confirmNew}
        title="Start a new session?"
        message={
          <p>
            This discards every stream, record and call of the current session (export it first to keep it). Settings
            stay as they are.
          </p>
        }
        confirmLabel="Discard and start new"
        danger
        onCancel={() => setConfirmNew(false)}
        onConfirm={() => {
          setConfirmNew(false);
          sim.newSession(api.getState().settings);
          onNotice({ kind: 'info', text: 'New session started.' });
        }}
      />
    </div>
  );
}

export interface ToolbarProps {
  theme: 'light' | 'dark';
  onTheme(): void;
  onSettings(): void;
  onHelp(): void;
  onNotice(n: Notice): void;
}

export function Toolbar({ theme, onTheme, onSettings, onHelp, onNotice }: ToolbarProps) {
  // Attached, time is the endpoint's and the session is its stream: Live / Freeze, no session menu.
  const attachment = useAttachment();
  return (
    <header className="toolbar">
      <h1 className="brand">Shardscope</h1>
      <Clock />
      {attachment ? <AttachedBar attachment={attachment} /> : <Playback />}
      <div className="toolbar-end">
        {attachment ? null : <SessionMenu onNotice={onNotice} />}
        <button type="button" className="settings-button" onClick={onSettings}>
          Settings
        </button>
        <button type="button" onClick={onTheme} aria-label={`Switch to ${theme === 'light' ? 'dark' : 'light'} theme`}>
          {theme === 'light' ? '☾ Dark' : '☀ Light'}
        </button>
        <button
          type="button"
          onClick={onHelp}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          className="help-button"
        >
          ?
        </button>
      </div>
    </header>
  );
}
