import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../../shared/errors';
import { countAppInstanceDependents, type AppInstanceDependents } from './dependents';
import { DependentsList } from './DependentsList';
import { deleteAppInstance } from './appInstanceActions';

interface Props {
  readonly arn: string;
  readonly name: string;
}

/**
 * "Delete app instance" first counts what the delete takes with it (users,
 * admins, bots, endpoints for small instances) and only then asks; the
 * confirmation names the instance and those counts.
 */
export function DeleteAppInstanceButton({ arn, name }: Props) {
  const [counting, setCounting] = useState(false);
  const [countError, setCountError] = useState<WorkbenchError>();
  const [dependents, setDependents] = useState<AppInstanceDependents | 'unknown'>();

  const open = async () => {
    setCounting(true);
    setCountError(undefined);
    const result = await countAppInstanceDependents(arn);
    setCounting(false);
    if (result.ok) setDependents(result.value);
    else {
      // Counting failed (e.g. throttled): still allow the delete, but say we could not count.
      setCountError(result.error);
      setDependents('unknown');
    }
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => void open()} disabled={counting} aria-busy={counting || undefined}>
        Delete app instance
      </button>
      {counting && <span className="muted"> Counting users, admins and bots…</span>}
      {dependents && (
        <ConfirmDialog
          title={`Delete app instance "${name}"?`}
          confirmLabel="Delete"
          typedConfirmation={name}
          onClose={() => setDependents(undefined)}
          onConfirm={async () => {
            const result = await deleteAppInstance(arn);
            return result.ok ? undefined : result.error;
          }}
        >
          <p>
            This deletes <strong>{name}</strong> <span className="mono small">({arn})</span> and everything in it. It cannot be undone.
          </p>
          {dependents === 'unknown' ? (
            <>
              <p>The users, admins and bots it holds could not be counted:</p>
              {countError && <ErrorMessage error={countError} />}
            </>
          ) : (
            <DependentsList dependents={dependents} />
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
