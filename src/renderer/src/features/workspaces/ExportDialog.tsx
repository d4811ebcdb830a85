import { useState } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { downloadText } from '../activity/download';
import type { WorkbenchError } from '../../../../shared/errors';

/**
 * Export to a JSON file. Tokens are left out unless asked for: the usual
 * reason to export is to share a setup with the team, and a device token
 * lets whoever holds it push to that phone.
 */
export function ExportDialog({ onClose }: { readonly onClose: () => void }) {
  const active = useAppStore((s) => s.activeWorkspace);
  const count = useAppStore((s) => s.workspaces.length);
  const [scope, setScope] = useState<'active' | 'all'>(active ? 'active' : 'all');
  const [includeTokens, setIncludeTokens] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();

  const exportNow = async () => {
    setBusy(true);
    setError(undefined);
    const ids = scope === 'active' && active ? [active.id] : undefined;
    const result = await useAppStore.getState().exportWorkspaces({ ...(ids ? { ids } : {}), includeDeviceTokens: includeTokens });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    downloadText(result.value.fileName, result.value.json);
    onClose();
  };

  return (
    <Dialog title="Export workspaces" onClose={onClose}>
      <fieldset className="plain-fieldset">
        <legend>What to export</legend>
        <label className="radio">
          <input type="radio" name="export-scope" checked={scope === 'active'} disabled={!active} onChange={() => setScope('active')} />
          This workspace{active ? ` (${active.name})` : ''}
        </label>
        <label className="radio">
          <input type="radio" name="export-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
          All workspaces ({count})
        </label>
      </fieldset>
      <label className="radio">
        <input type="checkbox" checked={includeTokens} onChange={(e) => setIncludeTokens(e.target.checked)} />
        Include device tokens
      </label>
      <p className="field-hint">
        {includeTokens
          ? 'The file will hold device tokens in plain text: keep it private.'
          : 'Saved devices keep their label, type and Pinpoint ARN; tokens are left empty, safe to share with a team.'}
      </p>
      {error && <ErrorMessage error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy} onClick={() => void exportNow()}>
          Export
        </button>
      </div>
    </Dialog>
  );
}
