/** The app shell: toolbar, API console, the views, and the call log / events. */
import { useEffect, useState } from 'react';
import { useSimulatorApi } from '../store/react';
import ViewsArea from '../views/ViewsArea';
import { LogPanel } from './CallLog';
import { Console } from './console/Console';
import { ConsoleContext, createConsoleStore, type ConsoleState } from './console/consoleState';
import { HelpDialog } from './Dialog';
import { SettingsDialog } from './SettingsDialog';
import { Toolbar, type Notice } from './Toolbar';
import { applyTheme, initialTheme, type Theme } from './theme';
import { Workshop } from './workshop/Workshop';
import { AttachedNotice, useAttachment } from './AttachedBar';
import { useSimulation, useSimulationUi } from './useSimulation';
import { saveLayout, savedLayout, VIEW_IDS, type Layout, type ViewId } from '../views/stageLayout';
import type { StoreApi } from 'zustand';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"]');

/** The global keyboard shortcuts (see SHORTCUTS). */
function useShortcuts(consoleApi: StoreApi<ConsoleState>, openHelp: () => void) {
  const api = useSimulatorApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        consoleApi.getState().send?.();
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (document.querySelector('dialog[open]') || isTyping(e.target)) return;
      switch (e.key) {
        case '?':
          e.preventDefault();
          openHelp();
          break;
        case ' ':
          // Play/pause wherever the focus is, a just-clicked button included (a text field keeps its space).
          e.preventDefault();
          api.getState().togglePlay();
          break;
        case 'ArrowRight':
          e.preventDefault();
          api.getState().step();
          break;
        case 'n':
        case 'N':
          e.preventDefault();
          api.getState().jumpToNextEvent();
          break;
        case '/':
          e.preventDefault();
          document.getElementById('op-search')?.focus();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api, consoleApi, openHelp]);
}

const CONSOLE_KEY = 'shardscope.console';

/** Whether the API console was left open; the first time it is, except on a phone, where it is a sheet over the views. */
function savedConsoleOpen(): boolean {
  const phone = typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches;
  try {
    const saved = localStorage.getItem(CONSOLE_KEY);
    return saved === null ? !phone : saved === 'open';
  } catch {
    return !phone;
  }
}

function saveConsoleOpen(open: boolean): void {
  try {
    localStorage.setItem(CONSOLE_KEY, open ? 'open' : 'closed');
  } catch {
    // Storage closed: the choice holds for this visit.
  }
}

/** The views the current lesson caption talks about (none outside a lesson). */
function useSpotlight(): readonly ViewId[] {
  const sim = useSimulation();
  useSimulationUi((s) => s.revision);
  const guide = sim.guide();
  const index = guide?.state.caption?.step;
  const step = index === undefined ? undefined : guide?.scenario.steps[index];
  const views = step?.do === 'caption' ? step.views : undefined;
  const key = views?.join(' ') ?? '';
  // A stable array per set of views, so the stage does not rebuild its cells on every revision.
  const [memo, setMemo] = useState<{ key: string; views: readonly ViewId[] }>({ key: '', views: [] });
  if (memo.key !== key) {
    const next = { key, views: (views ?? []).filter((v): v is ViewId => (VIEW_IDS as readonly string[]).includes(v)) };
    setMemo(next);
    return next.views;
  }
  return memo.views;
}

/** Fired on window by the autosave (detail: whether saving works). */
export const AUTOSAVE_EVENT = 'shardscope:autosave';

export default function App() {
  const [consoleApi] = useState(() => createConsoleStore());
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [help, setHelp] = useState(false);
  const [settings, setSettings] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [openHelp] = useState(() => () => setHelp(true));
  const [layout, setLayout] = useState<Layout>(savedLayout);
  const [consoleOpen, setConsoleOpen] = useState(savedConsoleOpen);
  const spotlight = useSpotlight();
  const chooseLayout = (l: Layout) => {
    setLayout(l);
    saveLayout(l);
  };
  const toggleConsole = () => {
    setConsoleOpen(!consoleOpen);
    saveConsoleOpen(!consoleOpen);
  };
  const attached = useAttachment() !== undefined;

  useEffect(() => applyTheme(theme), [theme]);
  useShortcuts(consoleApi, openHelp);
  useEffect(() => {
    const onAutosave = (e: Event) => {
      const ok = (e as CustomEvent<boolean>).detail;
      setNotice(
        ok
          ? { kind: 'info', text: 'Autosave works again.' }
          : {
              kind: 'error',
              text: "This session no longer fits in the browser's storage, so it is not autosaved. Export it (Session ▾) to keep it.",
            },
      );
    };
    addEventListener(AUTOSAVE_EVENT, onAutosave);
    return () => removeEventListener(AUTOSAVE_EVENT, onAutosave);
  }, []);

  return (
    <ConsoleContext.Provider value={consoleApi}>
      <div className="app">
        <Toolbar
          theme={theme}
          onTheme={() => setTheme(theme === 'light' ? 'dark' : 'light')}
          onSettings={() => setSettings(true)}
          onHelp={openHelp}
          onNotice={setNotice}
        />
        {notice ? (
          <div
            className={`notice ${notice.kind}`}
            role={notice.kind === 'error' ? 'alert' : 'status'}
            data-testid="notice"
          >
            <span>{notice.text}</span>
            <button type="button" className="small" onClick={() => setNotice(null)} aria-label="Dismiss message">
              ✕
            </button>
          </div>
        ) : null}
        {/* Lessons, traffic, share, presenter, captions (not for an endpoint's stream). */}
        {attached ? <AttachedNotice /> : <Workshop />}
        <main className="layout" data-layout={layout} data-console={consoleOpen ? 'open' : 'closed'}>
          <div className="console-drawer">
            <button
              type="button"
              className="drawer-toggle"
              aria-expanded={consoleOpen}
              aria-controls="console-sheet"
              onClick={toggleConsole}
              title={consoleOpen ? 'Fold the API console away: more room for the views' : 'Open the API console'}
            >
              {consoleOpen ? '◂ Hide console' : 'Console ▸'}
            </button>
            <div id="console-sheet" className="console-sheet" hidden={!consoleOpen}>
              <Console />
            </div>
          </div>
          <div className="stage">
            <div className="views-slot">
              <ViewsArea layout={layout} onLayout={chooseLayout} spotlight={spotlight} />
            </div>
            <LogPanel />
          </div>
        </main>
        <SettingsDialog open={settings} onClose={() => setSettings(false)} />
        <HelpDialog open={help} onClose={() => setHelp(false)} />
      </div>
    </ConsoleContext.Provider>
  );
}
