import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';
import type { WorkbenchError } from '../../../shared/errors';

interface ConfirmDialogProps {
  readonly title: string;
  readonly confirmLabel: string;
  readonly children: ReactNode;
  /** Resolves to an error to keep the dialog open and show it, or undefined when done. */
  readonly onConfirm: () => Promise<WorkbenchError | undefined>;
  readonly onClose: () => void;
  /** Whom the action concerns, under the title (see Dialog). */
  readonly subject?: ReactNode;
  /** For what cannot be undone at scale (an AppInstance): the confirm button waits until this name is typed. */
  readonly typedConfirmation?: string;
}

/**
 * Destructive actions go through here: the confirm button is never the
 * focused default, so a stray Enter does not delete anything.
 */
export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onClose, subject, typedConfirmation }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [typed, setTyped] = useState('');
  const typedOk = typedConfirmation === undefined || typed === typedConfirmation;
  const [error, setError] = useState<WorkbenchError>();
  const confirm = async () => {
    setBusy(true);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <Dialog title={title} onClose={onClose} subject={subject}>
      <div className="confirm-body">{children}</div>
      {typedConfirmation !== undefined && (
        <label>
          <span>
            Type <strong className="mono">{typedConfirmation}</strong> to confirm
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} data-autofocus />
        </label>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-autofocus={typedConfirmation === undefined ? true : undefined}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy || !typedOk}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
