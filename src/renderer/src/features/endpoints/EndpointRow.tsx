import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useAppStore } from '../../store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Timestamp } from '../../components/Timestamp';
import { MaskedToken } from './MaskedToken';
import { EndpointStateText } from './EndpointStateText';
import { LastDeliveryText } from '../devices/LastDeliveryText';
import { EndpointNameCell } from './EndpointNameCell';
import { UserSubject } from '../users/UserSubject';
import { EndpointDetailsDialog } from './EndpointDetailsDialog';
import { followKey } from '../watch/watchSlice';
import { CheckReadinessButton } from '../doctor/CheckReadinessButton';
import type { Endpoint } from './endpointsSlice';
import { DirectPushButton } from '../directPush/DirectPushButton';

interface EndpointRowProps {
  readonly endpoint: Endpoint;
  /** An extra cell's content (e.g. the per-endpoint "Watch" switch), rendered before the actions. */
  readonly extra?: ReactNode;
  readonly hasExtraColumn?: boolean;
  /** Just registered: highlighted and scrolled into view once. */
  readonly isNew?: boolean;
}

/** `apps/a1b2…e8f90`: the part that tells Pinpoint apps apart; the full ARN is on hover. */
function shortPinpointArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':') || arn;
  return resource.length > 18 ? `${resource.slice(0, 9)}…${resource.slice(-5)}` : resource;
}

/** One endpoint; the row is named by the endpoint's name so tests and screen readers can find it. */
export function EndpointRow({ endpoint, extra, hasExtraColumn, isNew }: EndpointRowProps) {
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // jsdom has no scrollIntoView; browsers do.
    if (isNew) rowRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [isNew]);
  const [confirming, setConfirming] = useState(false);
  const [details, setDetails] = useState(false);
  const setAllowMessages = useAppStore((s) => s.setEndpointAllowMessages);
  const deregister = useAppStore((s) => s.deregisterEndpoint);
  const userArn = useAppStore((s) => s.selectedUserArn);
  const actionError = useAppStore((s) =>
    s.endpointActionError?.endpointId === endpoint.EndpointId ? s.endpointActionError : undefined,
  );
  const checking = useAppStore((s) =>
    Boolean(userArn && endpoint.EndpointId && s.follows[followKey(userArn, endpoint.EndpointId)]),
  );
  const id = endpoint.EndpointId ?? '';
  const name = endpoint.Name || id;
  const attributes = endpoint.EndpointAttributes;

  return (
    <>
      <tr aria-label={name} ref={rowRef} className={isNew ? 'row-new' : undefined}>
        <td>
          <EndpointNameCell endpointId={id} name={endpoint.Name} />
        </td>
        <td>{endpoint.Type ?? '—'}</td>
        <td>
          <MaskedToken token={attributes?.DeviceToken} label="device token" />
        </td>
        <td className="col-optional">
          <MaskedToken token={attributes?.VoipDeviceToken} label="VoIP token" />
        </td>
        <td className="arn-cell col-optional">
          {endpoint.ResourceArn ? (
            <code title={endpoint.ResourceArn} aria-label={endpoint.ResourceArn}>
              {shortPinpointArn(endpoint.ResourceArn)}
            </code>
          ) : (
            <span className="muted">—</span>
          )}
        </td>
        <td>
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              aria-label="Allow messages"
              checked={endpoint.AllowMessages === 'ALL'}
              onChange={(e) => void setAllowMessages(id, e.target.checked)}
            />
          </label>
        </td>
        <td>
          <EndpointStateText state={endpoint.EndpointState} checking={checking} resourceArn={endpoint.ResourceArn} />
          <LastDeliveryText userArn={userArn} endpointId={id} />
        </td>
        <td className="dates-cell col-optional">
          <Timestamp value={endpoint.CreatedTimestamp} compact />
          <Timestamp value={endpoint.LastUpdatedTimestamp} compact />
        </td>
        {hasExtraColumn && <td>{extra}</td>}
        <td className="row-actions">
          <button
            type="button"
            className="small"
            onClick={() => setDetails(true)}
            title="Every field of this endpoint, whole"
          >
            Details
          </button>
          <CheckReadinessButton endpointId={id} />
          {endpoint.Type && (
            <DirectPushButton
              target={{
                label: name,
                type: endpoint.Type,
                ...(userArn && id && { endpoint: { userArn, endpointId: id } }),
                ...(attributes?.DeviceToken && { deviceToken: attributes.DeviceToken }),
                ...(attributes?.VoipDeviceToken && { voipDeviceToken: attributes.VoipDeviceToken }),
              }}
            />
          )}
          <button type="button" className="small" onClick={() => setConfirming(true)}>
            Deregister
          </button>
          {details &&
            createPortal(
              <EndpointDetailsDialog endpoint={endpoint} userArn={userArn} onClose={() => setDetails(false)} />,
              document.body,
            )}
          {/* Portalled so the dialog is not announced as part of the row. */}
          {confirming &&
            createPortal(
              <ConfirmDialog
                title="Deregister endpoint"
                confirmLabel="Deregister"
                onConfirm={() => deregister(id)}
                onClose={() => setConfirming(false)}
                subject={<UserSubject userArn={userArn} />}
              >
                Deregister <strong>{name}</strong>? The device stops receiving push notifications for this user. This
                cannot be undone.
              </ConfirmDialog>,
              document.body,
            )}
        </td>
      </tr>
      {actionError && (
        // Next to what failed: right under the endpoint's row, one box with its Dismiss.
        <tr className="row-error">
          <td colSpan={99}>
            <ErrorMessage
              lead={`Could not ${actionError.action === 'rename' ? `rename ${name}` : `${actionError.action} for ${name}`}; the change was undone.`}
              error={actionError.error}
              onDismiss={() => useAppStore.getState().dismissEndpointActionError()}
            />
          </td>
        </tr>
      )}
    </>
  );
}
