import type { ReactNode } from 'react';
import type { WorkbenchError } from '../../../shared/errors';

interface ErrorMessageProps {
  readonly error: WorkbenchError;
  readonly onRetry?: () => void;
  /** What failed, in plain words, before the service's code and message ("Could not refresh the endpoints."). */
  readonly lead?: ReactNode;
  /** A Dismiss button inside the same box, so it is never detached from the error it closes. */
  readonly onDismiss?: () => void;
}

/** A service or workbench error with everything a bug report needs. */
export function ErrorMessage({ error, onRetry, lead, onDismiss }: ErrorMessageProps) {
  return (
    <div role="alert" className="error-message">
      {lead && <div className="error-lead">{lead}</div>}
      <strong>{error.code}</strong>
      {error.httpStatus ? <span className="muted"> (HTTP {error.httpStatus})</span> : null}: {error.message}
      {error.requestId && <div className="muted small">Request id {error.requestId}</div>}
      {((onRetry && error.retryable) || onDismiss) && (
        <div className="error-actions">
          {onRetry && error.retryable && (
            <button type="button" className="link" onClick={onRetry}>
              Try again
            </button>
          )}
          {onDismiss && (
            <button type="button" className="link" onClick={onDismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </div>
  );
}
