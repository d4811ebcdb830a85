import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Timestamp } from '../../components/Timestamp';
import { RegisterEndpointDialog } from '../registration/RegisterEndpointDialog';
import type { RegistrationForm } from '../registration/tokenLinter';
import type { SandboxDelivery, SandboxDevice } from '../../../../shared/push/deliveries';
import { NewSimulatedDeviceForm } from './NewSimulatedDeviceForm';

/** How often the open panel asks the sandbox for new notifications (a send also refreshes it at once). */
export const DEVICES_POLL_MS = 3000;

const onSandbox = (s: ReturnType<typeof useAppStore.getState>) => s.connection?.info.kind === 'sandbox';

/** "Simulated devices" (Local sandbox only): opens and closes the panel. */
export function SimulatedDevicesButton() {
  const sandbox = useAppStore(onSandbox);
  const open = useAppStore((s) => s.simulatedDevicesOpen);
  const userArn = useAppStore((s) => s.selectedUserArn);
  const endpoints = useAppStore((s) => s.endpoints);
  // The endpoint rows' last delivery: read whenever the rows are (re)loaded on the sandbox; a send reads it again.
  useEffect(() => {
    if (sandbox && userArn) void useAppStore.getState().loadLastDeliveries(userArn);
  }, [sandbox, userArn, endpoints]);
  if (!sandbox) return null;
  return (
    <button type="button" aria-expanded={open} onClick={() => useAppStore.getState().setSimulatedDevicesOpen(!open)}>
      Simulated devices
    </button>
  );
}

const registerValues = (d: SandboxDevice): Partial<RegistrationForm> => ({
  name: d.Name,
  type: d.Platform,
  deviceToken: d.DeviceToken,
  voipDeviceToken: d.VoipDeviceToken ?? '',
});

/**
 * The Local sandbox's simulated phones with the notifications each received
 * (newest first), "New simulated device", and "Register this device", which
 * opens the register form filled with the device's name, type and tokens for
 * the selected user. Polls while open.
 */
export function SimulatedDevicesPanel() {
  const sandbox = useAppStore(onSandbox);
  const open = useAppStore((s) => s.simulatedDevicesOpen);
  const resource = useAppStore((s) => s.simulatedDevices);
  const userArn = useAppStore((s) => s.selectedUserArn);
  const [creating, setCreating] = useState(false);
  const [registering, setRegistering] = useState<SandboxDevice>();
  const visible = sandbox && open;
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!visible) return;
    const timer = setInterval(() => {
      const state = useAppStore.getState();
      void state.loadSimulatedDevices();
      // Pushes from elsewhere (the CLI, your backend) show on the rows too while the panel is open.
      if (state.selectedUserArn) void state.loadLastDeliveries(state.selectedUserArn);
    }, DEVICES_POLL_MS);
    return () => clearInterval(timer);
  }, [visible]);
  // Opened below the endpoints: bring it into view (jsdom has no scrolling).
  useEffect(() => {
    if (visible) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [visible]);

  if (!visible) return null;
  const devices = resource?.value?.devices ?? [];
  const byDevice = new Map<string, SandboxDelivery[]>();
  for (const d of resource?.value?.deliveries ?? []) byDevice.set(d.DeviceId, [d, ...(byDevice.get(d.DeviceId) ?? [])]);
  // Devices that received something recently first, then the newest created.
  const ordered = [...devices].sort(
    (a, b) => (lastAt(byDevice, b) ?? Date.parse(b.Created)) - (lastAt(byDevice, a) ?? Date.parse(a.Created)),
  );

  return (
    <section ref={ref} className="card simulated-devices" role="region" aria-label="Simulated devices">
      <div className="card-header">
        <h3>Simulated devices</h3>
        <span className="muted small">phones of the Local sandbox and the notifications they received</span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => void useAppStore.getState().loadSimulatedDevices()}
          disabled={resource?.loading}
        >
          Refresh
        </button>
        <button type="button" className="primary" onClick={() => setCreating(true)} disabled={creating}>
          New simulated device
        </button>
      </div>
      {creating && <NewSimulatedDeviceForm onDone={() => setCreating(false)} />}
      {resource?.error && <ErrorMessage error={resource.error} lead="Could not read the simulated devices." />}
      {resource?.value && devices.length === 0 && <p className="muted">No simulated devices yet.</p>}
      <ul className="device-list">
        {ordered.map((device) => {
          const received = byDevice.get(device.DeviceId) ?? [];
          return (
            <li key={device.DeviceId} aria-label={device.Name} className="device-item">
              <div className="device-head">
                <strong>{device.Name}</strong>
                <span className="badge">{device.Platform}</span>
                {device.Voip && <span className="badge">VoIP</span>}
                {device.UninstalledAt && <span className="warning-chip">app uninstalled</span>}
                <span className="mono muted small" title={device.DeviceToken}>
                  {device.DeviceToken.slice(0, 8)}…{device.DeviceToken.slice(-4)}
                </span>
                <span className="spacer" />
                <button
                  type="button"
                  className="small"
                  disabled={!userArn}
                  title={userArn ? 'Open the register form filled with this device' : 'Select a user first'}
                  onClick={() => setRegistering(device)}
                >
                  Register this device
                </button>
              </div>
              {received.length === 0 ? (
                <p className="muted small">No notifications received.</p>
              ) : (
                <ul className="notification-list" aria-label={`Notifications on ${device.Name}`}>
                  {received.slice(0, 10).map((n) => (
                    <li key={n.DeliveryId} aria-label={n.Title}>
                      <Timestamp value={Date.parse(n.Time)} compact /> <strong>{n.Title}</strong> <span>{n.Body}</span>{' '}
                      <span className="muted small">
                        via {n.Via}, {n.PushType}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {registering && (
        <RegisterEndpointDialog initial={registerValues(registering)} onClose={() => setRegistering(undefined)} />
      )}
    </section>
  );
}

function lastAt(byDevice: ReadonlyMap<string, readonly SandboxDelivery[]>, device: SandboxDevice): number | undefined {
  const newest = byDevice.get(device.DeviceId)?.[0];
  return newest ? Date.parse(newest.Time) : undefined;
}
