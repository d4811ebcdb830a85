import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { NONE } from '../../store/resource';
import { selectAppInstance } from '../../session/sessionActions';
import { ErrorMessage } from '../../components/ErrorMessage';

export function AppInstancePicker() {
  const id = useId();
  const { appInstances, loading, error, selected, connected, loadAppInstances } = useAppStore(
    useShallow((s) => ({
      appInstances: s.appInstances?.value ?? NONE,
      loading: s.appInstances?.loading ?? false,
      error: s.appInstances?.error,
      selected: s.selectedAppInstanceArn,
      connected: s.connection?.status === 'connected',
      loadAppInstances: s.loadAppInstances,
    })),
  );
  const placeholder = !connected ? 'Not connected' : loading && appInstances.length === 0 ? 'Loading app instances…' : appInstances.length === 0 ? 'No app instances yet' : 'Choose an app instance';

  return (
    <div className="picker">
      <label htmlFor={id}>App instance</label>
      <div className="picker-row">
        <select
          id={id}
          value={selected ?? ''}
          onChange={(e) => void selectAppInstance(e.target.value || undefined)}
          disabled={!connected || (appInstances.length === 0 && !selected)}
          aria-busy={loading}
        >
          <option value="">{placeholder}</option>
          {selected && !appInstances.some((a) => a.AppInstanceArn === selected) && <option value={selected}>{selected.split('/').pop()}</option>}
          {appInstances.map((a) => (
            <option key={a.AppInstanceArn} value={a.AppInstanceArn}>
              {a.Name ?? a.AppInstanceArn}
            </option>
          ))}
        </select>
        <button type="button" className="small" onClick={() => void loadAppInstances()} disabled={!connected || loading} aria-label="Reload app instances" title="Reload app instances">
          ↻
        </button>
      </div>
      {error && <ErrorMessage error={error} onRetry={() => void loadAppInstances()} />}
    </div>
  );
}
