import { useMemo, useState } from 'react';
import { useAppStore } from '../../store';
import { selectEndpoints } from '../../store/selectors';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../shared/errors';
import { ENDPOINTS_PER_USER } from '../../../../shared/chime/quotas';

/**
 * The endpoint quota (ResourceLimitExceededException on register) is not
 * fixed by trying again: a slot must be freed first. INACTIVE endpoints are
 * the ones the service can no longer push to, so they are offered first.
 */
export function EndpointQuotaHelp({ error }: { readonly error: WorkbenchError }) {
  const endpoints = useAppStore(selectEndpoints);
  const inactive = useMemo(() => endpoints.filter((e) => e.EndpointState?.Status === 'INACTIVE'), [endpoints]);
  const deregisterEndpoint = useAppStore((s) => s.deregisterEndpoint);
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<WorkbenchError>();
  const [freed, setFreed] = useState<string>();

  const deregister = async (endpointId: string, name: string) => {
    setBusy(endpointId);
    setFailure(undefined);
    const problem = await deregisterEndpoint(endpointId);
    setBusy(undefined);
    if (problem) setFailure(problem);
    else setFreed(name);
  };

  return (
    <div role="alert" className="error-message">
      <strong>{error.code}</strong>: {error.message}
      <p>
        This user has reached the service's quota of {ENDPOINTS_PER_USER} endpoints; trying again will not help. Deregister an
        endpoint first, then press Register again.
      </p>
      {freed && <p role="status">Deregistered {freed}: you can register now.</p>}
      {inactive.length > 0 ? (
        <ul aria-label="INACTIVE endpoints">
          {inactive.map((e) => {
            const name = e.Name || e.EndpointId || '';
            return (
              <li key={e.EndpointId}>
                {name} (INACTIVE{e.EndpointState?.StatusReason ? `, ${e.EndpointState.StatusReason}` : ''}){' '}
                <button type="button" disabled={busy !== undefined} onClick={() => void deregister(e.EndpointId ?? '', name)}>
                  Deregister {name}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        !freed && <p>None of this user's endpoints is INACTIVE: deregister one you no longer use from the endpoints table.</p>
      )}
      {failure && <ErrorMessage error={failure} />}
    </div>
  );
}
