import type { WorkbenchError } from '../../../shared/errors';

/** A service or workbench error with everything a bug report needs. */
export function ErrorMessage({ error, onRetry }: { readonly error: WorkbenchError; readonly onRetry?: () => void }) {
  return (
    <div role="alert" className="error-message">
      <strong>{error.code}</strong>
      {error.httpStatus ? <span className="muted"> (HTTP {error.httpStatus})</span> : null}: {error.message}
      {error.requestId && <div className="muted small">Request id {error.requestId}</div>}
      {onRetry && error.retryable && (
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
