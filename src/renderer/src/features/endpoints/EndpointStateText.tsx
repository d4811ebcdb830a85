import {
  describeEndpointState,
  describeResourceArnProblem,
  endpointStateLabel,
} from '../../../../shared/workspace/endpointStateText';
import type { Endpoint } from './endpointsSlice';

/**
 * "ACTIVE" or "INACTIVE (REASON)", with the plain-words explanation as tooltip and, when inactive, beneath;
 * "checking…" beside ACTIVE while the app follows a new endpoint to its verdict (Local sandbox).
 */
export function EndpointStateText({
  state,
  checking,
  resourceArn,
}: {
  readonly state: Endpoint['EndpointState'];
  readonly checking?: boolean;
  /** The endpoint's ResourceArn: an SNS ARN there is called out whatever the state. */
  readonly resourceArn?: string;
}) {
  const status = state?.Status;
  const reason = state?.StatusReason;
  const explanation = describeEndpointState(status, reason);
  const arnProblem = describeResourceArnProblem(resourceArn);
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
      {checking && status === 'ACTIVE' && (
        <span
          role="status"
          className="checking small"
          title="The Local sandbox checks a new endpoint's token and Pinpoint app ARN a moment after registration; the app follows it until then."
        >
          checking…
        </span>
      )}
      {status !== 'ACTIVE' && !arnProblem && <div className="muted small">{explanation}</div>}
      {arnProblem && <div className="field-warning small">{arnProblem}</div>}
    </div>
  );
}
