import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { DeviceRow } from './DeviceRow';

/** The active workspace's saved devices, which "Register endpoint" offers under "Fill from saved device". */
export function DevicesDialog({ onClose }: { readonly onClose: () => void }) {
  const workspace = useAppStore((s) => s.activeWorkspace);
  const encryption = useAppStore((s) => s.appInfo?.encryptionAvailable);
  const devices = workspace?.devices ?? [];

  useEffect(() => {
    if (encryption === undefined) void useAppStore.getState().loadAppInfo();
  }, [encryption]);

  return (
    <Dialog title="Device library" onClose={onClose} wide>
      <p className="muted small" data-testid="token-encryption">
        {encryption === undefined
          ? 'Checking whether tokens are encrypted at rest…'
          : encryption
            ? 'Device tokens are encrypted at rest with the operating system’s keychain.'
            : 'Device tokens are stored without encryption: this system offers no keychain (see the README).'}
      </p>
      {!workspace ? (
        <EmptyState title="No workspace">The workspace store could not be opened.</EmptyState>
      ) : devices.length === 0 ? (
        <EmptyState title="No saved devices">
          Tick “Save to device library” in the Register endpoint form to keep a phone’s tokens for next time.
        </EmptyState>
      ) : (
        <>
          <p className="field-hint">“Register endpoint” fills its form from these under “Fill from saved device”.</p>
          <table aria-label="Saved devices">
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Platform</th>
                <th scope="col">Device token</th>
                <th scope="col">Pinpoint app ARN</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => (
                <DeviceRow key={device.id} device={device} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
