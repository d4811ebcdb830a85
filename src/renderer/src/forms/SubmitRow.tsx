import { ErrorMessage } from '../components/ErrorMessage';
import type { WorkbenchError } from '../../../shared/errors';

interface SubmitRowProps {
  readonly label: string;
  readonly busy: boolean;
  readonly error?: WorkbenchError;
  readonly onRetry?: () => void;
}

/** The submit button of an admin form with the server's error (code and message) under it. */
export function SubmitRow({ label, busy, error, onRetry }: SubmitRowProps) {
  return (
    <>
      {error && <ErrorMessage error={error} onRetry={onRetry} />}
      <div className="admin-actions">
        <button type="submit" className="primary" disabled={busy} aria-busy={busy || undefined}>
          {label}
        </button>
      </div>
    </>
  );
}
