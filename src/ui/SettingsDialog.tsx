/** Engine settings. Every one of them is an engine option, so applying starts a new engine: it says so first. */
import { useState } from 'react';
import { PROFILES } from '../engine';
import type { Settings, TimingChoice } from '../store';
import { useSimulator } from '../store/react';
import { useSimulation, useSimulationUi } from './useSimulation';
import { Dialog } from './Dialog';
import { AttachField } from './AttachField';
import { useAttachment } from './AttachedBar';

const TIMINGS: [TimingChoice, string][] = [
  ['realistic', 'realistic (seconds, like AWS)'],
  ['fast', 'fast (half a second)'],
  ['minutes', 'minutes (the slow end)'],
];

export function settingsProblem(s: Settings): string | undefined {
  if (!/^\d{12}$/.test(s.accountId)) return 'Account id must be 12 digits.';
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(s.region)) return 'Region must look like us-east-1.';
  if (!Number.isSafeInteger(s.seed)) return 'Seed must be a whole number.';
  return undefined;
}

export function SettingsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const attached = useAttachment() !== undefined;
  return (
    <Dialog open={open} title="Settings" onClose={onClose} testId="settings">
      {open ? <AttachField /> : null}
      {open && !attached ? <SettingsForm onClose={onClose} /> : null}
    </Dialog>
  );
}

function SettingsForm({ onClose }: { onClose(): void }) {
  const current = useSimulator((s) => s.settings);
  const sim = useSimulation();
  const calls = useSimulationUi(() => sim.world().journal().length);
  const [draft, setDraft] = useState<Settings>(current);
  const [confirming, setConfirming] = useState(false);
  const changed = (Object.keys(draft) as (keyof Settings)[]).some((k) => draft[k] !== current[k]);
  const problem = settingsProblem(draft);
  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => {
    setConfirming(false);
    setDraft({ ...draft, [key]: value });
  };
  const apply = (replayCalls: boolean) => {
    if (replayCalls) {
      const { journal, now } = sim.session();
      const opened = sim.openSession({ settings: draft, journal, now });
      if (!opened.ok) sim.setNotice({ kind: 'error', text: `The settings were not changed: ${opened.error}.` });
    } else sim.newSession(draft);
    onClose();
  };
  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed && !problem) setConfirming(true);
      }}
    >
      <div className="grid2">
        <label htmlFor="set-profile">Profile</label>
        <select
          id="set-profile"
          value={draft.profile}
          onChange={(e) => set('profile', e.target.value as Settings['profile'])}
        >
          {PROFILES.map((p) => (
            <option key={p} value={p}>
              {p === 'current' ? "current (today's API)" : '2017-07 (the API of July 2017)'}
            </option>
          ))}
        </select>
        <label htmlFor="set-timing">Timing preset</label>
        <select id="set-timing" value={draft.timing} onChange={(e) => set('timing', e.target.value as TimingChoice)}>
          {TIMINGS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <label htmlFor="set-throughput">Throughput limits</label>
        <input
          id="set-throughput"
          type="checkbox"
          checked={draft.throughput}
          onChange={(e) => set('throughput', e.target.checked)}
        />
        <label htmlFor="set-rates">API rate limits</label>
        <input
          id="set-rates"
          type="checkbox"
          checked={draft.apiRates}
          onChange={(e) => set('apiRates', e.target.checked)}
        />
        <label htmlFor="set-account">Account id</label>
        <input
          id="set-account"
          type="text"
          inputMode="numeric"
          value={draft.accountId}
          onChange={(e) => set('accountId', e.target.value)}
        />
        <label htmlFor="set-region">Region</label>
        <input id="set-region" type="text" value={draft.region} onChange={(e) => set('region', e.target.value)} />
        <label htmlFor="set-seed">Seed</label>
        <input
          id="set-seed"
          type="number"
          value={Number.isFinite(draft.seed) ? draft.seed : ''}
          onChange={(e) => set('seed', e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
      </div>
      {problem ? (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {confirming ? (
        <div className="notice warn" role="alert" data-testid="settings-confirm">
          <p>
            These settings need a fresh engine. You can replay your {calls} call{calls === 1 ? '' : 's'} under the new
            settings (answers may differ), or start empty. Export the session first if you want to keep it as it is.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
            <button type="button" onClick={() => apply(true)} disabled={calls === 0}>
              Replay my calls
            </button>
            <button type="button" className="primary" onClick={() => apply(false)}>
              Start a fresh engine
            </button>
          </div>
        </div>
      ) : (
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!changed || !!problem}>
            Apply…
          </button>
        </div>
      )}
    </form>
  );
}
