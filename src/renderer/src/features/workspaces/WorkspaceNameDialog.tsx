import { useId, useState, type FormEvent } from 'react';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { WORKSPACE_LIMITS } from '../../../../shared/workspace/workspace';
import type { WorkbenchError } from '../../../../shared/errors';

interface WorkspaceNameDialogProps {
  readonly title: string;
  readonly submitLabel: string;
  readonly initialName?: string;
  /** Resolves to an error to keep the dialog open and show it, or undefined when done. */
  readonly onSubmit: (name: string) => Promise<WorkbenchError | undefined>;
  readonly onClose: () => void;
}

/** Asks for a workspace name, for New and Rename. */
export function WorkspaceNameDialog({ title, submitLabel, initialName = '', onSubmit, onClose }: WorkspaceNameDialogProps) {
  const [name, setName] = useState(initialName);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WorkbenchError>();
  const fieldId = useId();
  const problemId = useId();
  const trimmed = name.trim();
  const problem = trimmed === '' ? 'Enter a name.' : trimmed.length > WORKSPACE_LIMITS.name ? `At most ${WORKSPACE_LIMITS.name} characters.` : undefined;
  const showProblem = touched && problem;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (problem) return;
    setBusy(true);
    const failure = await onSubmit(trimmed);
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };

  return (
    <Dialog title={title} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor={fieldId}>Workspace name</label>
          <input
            id={fieldId}
            value={name}
            maxLength={WORKSPACE_LIMITS.name + 1}
            aria-invalid={showProblem ? 'true' : undefined}
            aria-describedby={showProblem ? problemId : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {showProblem && (
            <span id={problemId} role="alert" className="field-error">
              {problem}
            </span>
          )}
        </div>
        {error && <ErrorMessage error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
