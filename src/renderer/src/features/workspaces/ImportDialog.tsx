import { useId, useState } from 'react';
import { useAppStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ImportSummary } from '../../../../shared/ipc/appTypes';
import type { WorkbenchError } from '../../../../shared/errors';
import { ImportSummaryText } from './ImportSummaryText';
import { MAX_EXPORT_CHARS, MAX_EXPORT_TEXT } from '../../../../shared/limits';


/**
 * Import from a JSON export. Main validates the whole file before touching
 * the store, so a bad file changes nothing; its error names the path of
 * what is wrong ("workspaces[0].region: …"), shown here as is.
 */
export function ImportDialog({ onClose }: { readonly onClose: () => void }) {
  const fileId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();
  const [summary, setSummary] = useState<ImportSummary>();

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setError(undefined);
    setSummary(undefined);
    // The import channel refuses more than this; saying so here names the real problem.
    // (bytes ≥ characters, so a file within the byte cap is within the contract's character cap.)
    if (file.size > MAX_EXPORT_CHARS) {
      setError({ code: 'ImportInvalid', message: `${file.name}: larger than ${MAX_EXPORT_TEXT}, not a workspace export`, retryable: false });
      return;
    }
    setBusy(true);
    const result = await useAppStore.getState().importWorkspaces(await file.text());
    setBusy(false);
    if (result.ok) setSummary(result.value);
    else setError(result.error);
  };

  return (
    <Dialog title="Import workspaces" onClose={onClose}>
      <div className="field">
        <label htmlFor={fileId}>Workspace file</label>
        <input id={fileId} type="file" accept="application/json,.json" disabled={busy} onChange={(e) => void importFile(e.target.files?.[0])} />
        <span className="field-hint">A file made with Export. Imported workspaces are added; none is replaced.</span>
      </div>
      {busy && (
        <p role="status" className="muted">
          Importing…
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {error && <p className="muted small">Nothing was imported and no workspace was changed.</p>}
      {summary && <ImportSummaryText summary={summary} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {summary ? 'Done' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
