import { useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { shortenToken } from '../../../../shared/aws/redact';
import type { Device } from '../../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../../shared/errors';
import { DirectPushButton } from '../directPush/DirectPushButton';

/** One saved device; removing asks once more in place (a nested modal would fight the dialog's focus trap). */
export function DeviceRow({ device }: { readonly device: Device }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();

  const remove = async () => {
    setBusy(true);
    const failure = await useAppStore.getState().removeDevice(device.id);
    setBusy(false);
    if (failure) setError(failure);
  };

  return (
    <tr aria-label={device.label}>
      <td>{device.label}</td>
      <td>{device.type}</td>
      <td>{device.deviceToken ? <code>{shortenToken(device.deviceToken)}</code> : <span className="muted">none (fill in when registering)</span>}</td>
      <td className="arn-cell">
        <code>{device.pinpointAppArn}</code>
      </td>
      <td>
        <DirectPushButton
          target={{
            label: device.label,
            type: device.type,
            ...(device.deviceToken && { deviceToken: device.deviceToken }),
            ...(device.voipDeviceToken && { voipDeviceToken: device.voipDeviceToken }),
          }}
        />
        {confirming ? (
          <span className="inline-confirm">
            <button type="button" className="small danger" disabled={busy} onClick={() => void remove()}>
              Remove {device.label}
            </button>
            <button type="button" className="small" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button type="button" className="small" aria-label={`Remove ${device.label}…`} onClick={() => setConfirming(true)}>
            Remove…
          </button>
        )}
        {error && <ErrorMessage error={error} />}
      </td>
    </tr>
  );
}
