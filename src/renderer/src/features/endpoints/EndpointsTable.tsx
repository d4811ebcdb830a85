import type { ReactNode } from 'react';
import { useAppStore } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EndpointRow } from './EndpointRow';
import { ENDPOINTS_PER_USER } from '../../../../shared/chime/quotas';
import type { Endpoint } from './endpointsSlice';

export interface EndpointsTableProps {
  /** Header of an extra column (e.g. "Watch"); with `rowExtra`, fills one cell per row. */
  readonly extraColumn?: string;
  readonly rowExtra?: (endpoint: Endpoint) => ReactNode;
}

export function EndpointsTable({ extraColumn, rowExtra }: EndpointsTableProps) {
  const endpoints = useAppStore((s) => s.endpoints);
  const loading = useAppStore((s) => s.endpointsLoading);
  const error = useAppStore((s) => s.endpointsError);
  const actionError = useAppStore((s) => s.endpointActionError);
  const userArn = useAppStore((s) => s.selectedUserArn);
  const retry = () => userArn && void useAppStore.getState().loadEndpoints(userArn);
  const actionTarget = actionError && endpoints.find((e) => e.EndpointId === actionError.endpointId);

  return (
    <div className="endpoints">
      <div className="endpoints-meta">
        <span className={endpoints.length >= ENDPOINTS_PER_USER ? 'warning-chip' : 'muted'}>
          {endpoints.length} of {ENDPOINTS_PER_USER} endpoints
        </span>
        {loading && (
          <span role="status" className="muted small">
            Loading endpoints…
          </span>
        )}
      </div>
      {error && <ErrorMessage error={error} onRetry={retry} />}
      {actionError && (
        <div className="endpoint-action-error">
          <span className="muted small">
            Could not {actionError.action} {actionTarget?.Name || actionError.endpointId}; the change was undone.
          </span>
          <ErrorMessage error={actionError.error} />
          <button
            type="button"
            className="link small"
            onClick={() => useAppStore.getState().dismissEndpointActionError()}
          >
            Dismiss
          </button>
        </div>
      )}
      {!loading && !error && endpoints.length === 0 ? (
        <EmptyState title="No endpoints">
          This user has no push endpoints yet. Use “Register endpoint” (Ctrl+N) to add one.
        </EmptyState>
      ) : (
        endpoints.length > 0 && (
          <div className="table-scroll">
            <table aria-label="Endpoints">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Device token</th>
                  <th scope="col">VoIP token</th>
                  <th scope="col">Pinpoint app ARN</th>
                  <th scope="col">Allow messages</th>
                  <th scope="col">State</th>
                  <th scope="col">Created / updated</th>
                  {extraColumn && <th scope="col">{extraColumn}</th>}
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((endpoint) => (
                  <EndpointRow
                    key={endpoint.EndpointId}
                    endpoint={endpoint}
                    hasExtraColumn={Boolean(extraColumn)}
                    extra={rowExtra?.(endpoint)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
    </div>
  );
}
