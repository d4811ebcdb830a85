import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';

/** Where each client setting of the selected profile comes from, as the AWS CLI would read it. */
export function ProfileSettingsDialog() {
  const settings = useAppStore((s) => s.profileSettings);
  const close = useAppStore((s) => s.closeProfileSettings);
  if (!settings) return null;
  const profile = settings.key.split('\u0000')[0];
  return (
    <Dialog title="Profile settings" onClose={close} wide subject={<>Profile {profile}</>}>
      {settings.loading && <p role="status">Reading the shared config…</p>}
      {settings.error && <ErrorMessage error={settings.error} lead="Could not read the profile's settings." />}
      {settings.value && (
        <table className="profile-settings">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Value</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {settings.value.lines.map((line) => (
              <tr key={line.setting} aria-label={line.setting}>
                <th scope="row">
                  <code>{line.setting}</code>
                </th>
                <td>
                  <code>{line.value}</code>
                </td>
                <td>{line.from}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
