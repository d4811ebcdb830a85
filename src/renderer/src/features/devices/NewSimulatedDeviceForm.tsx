import { useId, useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../shared/errors';
import type { NewSimulatedDeviceInput } from './devicesSlice';

const PLATFORMS: readonly { value: NewSimulatedDeviceInput['platform']; label: string }[] = [
  { value: 'APNS_SANDBOX', label: 'iOS, development (APNS_SANDBOX)' },
  { value: 'APNS', label: 'iOS, production (APNS)' },
  { value: 'GCM', label: 'Android (GCM / FCM)' },
];

/** A new simulated phone on the Local sandbox: platform, name and (iOS) a PushKit VoIP token. */
export function NewSimulatedDeviceForm({ onDone }: { readonly onDone: () => void }) {
  const ids = { platform: useId(), name: useId(), nameMsg: useId() };
  const [platform, setPlatform] = useState<NewSimulatedDeviceInput['platform']>('APNS_SANDBOX');
  const [name, setName] = useState('');
  const [voip, setVoip] = useState(false);
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<WorkbenchError>();
  const [busy, setBusy] = useState(false);
  const nameProblem = name.trim()
    ? name.trim().length > 256
      ? 'Name is at most 256 characters'
      : undefined
    : 'Name is required';

  const submit = async () => {
    setTried(true);
    if (nameProblem || busy) return;
    setBusy(true);
    const result = await useAppStore
      .getState()
      .createSimulatedDevice({ platform, name: name.trim(), voip: platform !== 'GCM' && voip });
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error);
  };

  return (
    <form
      className="form new-device"
      aria-label="New simulated device"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor={ids.platform}>Platform</label>
          <select
            id={ids.platform}
            value={platform}
            onChange={(e) => setPlatform(e.target.value as NewSimulatedDeviceInput['platform'])}
          >
            {PLATFORMS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Device name</label>
          <input
            id={ids.name}
            value={name}
            placeholder="e.g. Ada's test iPhone"
            aria-invalid={tried && nameProblem ? 'true' : 'false'}
            aria-describedby={ids.nameMsg}
            onChange={(e) => setName(e.target.value)}
          />
          <span id={ids.nameMsg} className="field-error" role={tried && nameProblem ? 'alert' : undefined}>
            {tried ? nameProblem : ''}
          </span>
        </div>
      </div>
      {platform !== 'GCM' && (
        <label className="switch">
          <input type="checkbox" role="switch" checked={voip} onChange={(e) => setVoip(e.target.checked)} />
          VoIP (a PushKit token too)
        </label>
      )}
      {error && <ErrorMessage error={error} lead="The sandbox did not create the device." />}
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Create device
        </button>
      </div>
    </form>
  );
}
