import { Dialog } from '../../components/Dialog';
import { Timestamp } from '../../components/Timestamp';
import { UserSubject } from '../users/UserSubject';
import { MaskedToken } from './MaskedToken';
import { EndpointStateText } from './EndpointStateText';
import type { Endpoint } from './endpointsSlice';

interface Props {
  readonly endpoint: Endpoint;
  readonly userArn: string | undefined;
  readonly onClose: () => void;
}

/**
 * Every field of one endpoint, whole: the table hides or shortens the
 * secondary ones (VoIP token, Pinpoint app ARN, dates) in narrow windows, and
 * this is where they are, one click away.
 */
export function EndpointDetailsDialog({ endpoint, userArn, onClose }: Props) {
  const name = endpoint.Name || endpoint.EndpointId || '';
  const attributes = endpoint.EndpointAttributes;
  return (
    <Dialog title={`Endpoint: ${name}`} onClose={onClose} wide subject={<UserSubject userArn={userArn} />}>
      <dl className="props">
        <dt>Endpoint id</dt>
        <dd className="mono">{endpoint.EndpointId}</dd>
        <dt>Type</dt>
        <dd>{endpoint.Type ?? '—'}</dd>
        <dt>Device token</dt>
        <dd>
          <MaskedToken token={attributes?.DeviceToken} label="device token" />
        </dd>
        <dt>VoIP token</dt>
        <dd>
          <MaskedToken token={attributes?.VoipDeviceToken} label="VoIP token" />
        </dd>
        <dt>Pinpoint app ARN</dt>
        <dd className="mono">{endpoint.ResourceArn ?? '—'}</dd>
        <dt>Allow messages</dt>
        <dd>{endpoint.AllowMessages ?? '—'}</dd>
        <dt>State</dt>
        <dd>
          <EndpointStateText state={endpoint.EndpointState} resourceArn={endpoint.ResourceArn} />
        </dd>
        <dt>Created</dt>
        <dd>
          <Timestamp value={endpoint.CreatedTimestamp} />
        </dd>
        <dt>Updated</dt>
        <dd>
          <Timestamp value={endpoint.LastUpdatedTimestamp} />
        </dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
