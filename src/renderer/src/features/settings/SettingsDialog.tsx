import { useEffect, useId, useState, type FormEvent } from 'react';
import { applyTheme } from './theme';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { DEFAULT_SETTINGS, THEMES, WATCH_INTERVAL, type Theme } from '../../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../../shared/errors';

const MIN_SECONDS = WATCH_INTERVAL.minMs / 1000;
const MAX_SECONDS = WATCH_INTERVAL.maxMs / 1000;

/** Notifications, watch interval and theme; saved together so a half-typed interval is never sent. */
export function SettingsDialog({ onClose }: { readonly onClose: () => void }) {
  const settings = useAppStore((s) => s.settings) ?? DEFAULT_SETTINGS;
  const [notify, setNotify] = useState(settings.notifyOnInactive);
  const [seconds, setSeconds] = useState(String(settings.watchIntervalMs / 1000));
  const [theme, setTheme] = useState<Theme>(settings.theme);
  const [error, setError] = useState<WorkbenchError>();
  const [busy, setBusy] = useState(false);
  const ids = { interval: useId(), intervalError: useId(), theme: useId() };

  // The theme previews at once; closing without saving puts the saved one back.
  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => () => applyTheme(useAppStore.getState().settings?.theme), []);

  const parsed = Number(seconds);
  const intervalProblem =
    seconds.trim() === '' || !Number.isFinite(parsed) || parsed < MIN_SECONDS || parsed > MAX_SECONDS
      ? `Enter a number of seconds from ${MIN_SECONDS} to ${MAX_SECONDS}.`
      : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (intervalProblem) return;
    setBusy(true);
    const failure = await useAppStore
      .getState()
      .saveSettings({ notifyOnInactive: notify, watchIntervalMs: Math.round(parsed * 1000), theme });
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <Dialog title="Settings" onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="switch">
          <input type="checkbox" role="switch" checked={notify} onChange={(e) => setNotify(e.target.checked)} />
          Desktop notification when an endpoint turns INACTIVE
        </label>
        <div className="field">
          <label htmlFor={ids.interval}>Watch interval (seconds)</label>
          <input
            id={ids.interval}
            type="number"
            inputMode="decimal"
            min={MIN_SECONDS}
            max={MAX_SECONDS}
            step="any"
            value={seconds}
            aria-invalid={intervalProblem ? 'true' : undefined}
            aria-describedby={intervalProblem ? ids.intervalError : undefined}
            onChange={(e) => setSeconds(e.target.value)}
          />
          {intervalProblem && (
            <span id={ids.intervalError} role="alert" className="field-error">
              {intervalProblem}
            </span>
          )}
          <span className="field-hint">How often watched users are polled (default {WATCH_INTERVAL.defaultMs / 1000}).</span>
        </div>
        <div className="field">
          <label htmlFor={ids.theme}>Theme</label>
          <select id={ids.theme} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {t === 'system' ? 'System' : t === 'light' ? 'Light' : 'Dark'}
              </option>
            ))}
          </select>
        </div>
        {error && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || Boolean(intervalProblem)}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
