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
      const onControl = e.target instanceof HTMLElement && !!e.target.closest('button, a, summary, [role="tab"]');
      switch (e.key) {
        case '?':
          e.preventDefault();
          openHelp();
          break;
        case ' ':
          if (onControl) return;
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

/** Fired on window by the autosave (detail: whether saving works). */
export const AUTOSAVE_EVENT = 'shardscope:autosave';

export default function App() {
  const [consoleApi] = useState(() => createConsoleStore());
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const [help, setHelp] = useState(false);
  const [settings, setSettings] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [openHelp] = useState(() => () => setHelp(true));
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
        <main className="layout">
          <Console />
          <div className="stage">
            <div className="views-slot">
              <ViewsArea />
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
