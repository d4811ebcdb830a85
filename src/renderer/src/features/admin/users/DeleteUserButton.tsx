import { useState } from 'react';
import { useAppStore } from '../../../store';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../../shared/errors';
import { countUserEndpoints, formatCount, type Count } from '../appInstance/dependents';
import { deleteUser } from './userActions';

interface Props {
  readonly arn: string;
  readonly name: string;
}

/** Counts the user's endpoints (deleted with it) before asking, and says when the user is an admin. */
export function DeleteUserButton({ arn, name }: Props) {
  const isAdmin = useAppStore((s) => s.admins?.value?.items.some((a) => a.Admin?.Arn === arn) ?? false);
  const [counting, setCounting] = useState(false);
  const [endpoints, setEndpoints] = useState<Count | WorkbenchError>();

  const open = async () => {
    setCounting(true);
    const result = await countUserEndpoints(arn);
    setCounting(false);
    setEndpoints(result.ok ? result.value : result.error);
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => void open()} disabled={counting} aria-busy={counting || undefined}>
        Delete user
      </button>
      {endpoints && (
        <ConfirmDialog
          title={`Delete user "${name}"?`}
          confirmLabel="Delete"
          onClose={() => setEndpoints(undefined)}
          onConfirm={async () => {
            const result = await deleteUser(arn);
            return result.ok ? undefined : result.error;
          }}
        >
          <p>
            This deletes <strong>{name}</strong> <span className="mono small">({arn})</span>. It cannot be undone.
          </p>
          {'count' in endpoints ? (
            <p>Its {formatCount(endpoints, 'endpoint')} will be deleted with it and stop receiving push notifications.</p>
          ) : (
            <>
              <p>Its endpoints could not be counted; they will be deleted with it.</p>
              <ErrorMessage error={endpoints} />
            </>
          )}
          {isAdmin && <p>The user is an admin of this app instance and loses that role.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
