import { useId } from 'react';
import type { Device } from '../../../../shared/workspace/workspace';

/** "Fill from saved device": the workspace's device library, to register the same phone again in one step. */
export function SavedDevicePicker({
  devices,
  onPick,
}: {
  readonly devices: readonly Device[];
  readonly onPick: (device: Device) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Fill from saved device</label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          const device = devices.find((d) => d.id === e.target.value);
          if (device) onPick(device);
        }}
      >
        <option value="">Choose a device…</option>
        {devices.map((device) => (
          <option key={device.id} value={device.id}>
            {device.label} ({device.type})
          </option>
        ))}
      </select>
    </div>
  );
}
