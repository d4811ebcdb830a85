import { describeEndpointState, endpointStateLabel } from '../../../../shared/workspace/endpointStateText';
import type { Endpoint } from './endpointsSlice';

/** "ACTIVE" or "INACTIVE (REASON)", with the plain-words explanation as tooltip and, when inactive, beneath. */
export function EndpointStateText({ state }: { readonly state: Endpoint['EndpointState'] }) {
  const status = state?.Status;
  const reason = state?.StatusReason;
  const explanation = describeEndpointState(status, reason);
  return (
    <div className="endpoint-state">
      <span
        className={
          status === 'ACTIVE' ? 'state state-active' : status === 'INACTIVE' ? 'state state-inactive' : 'state'
        }
        title={explanation}
      >
        {endpointStateLabel(status, reason)}
      </span>
      {status !== 'ACTIVE' && <div className="muted small">{explanation}</div>}
    </div>
  );
}
