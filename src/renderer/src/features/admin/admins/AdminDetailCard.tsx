import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Timestamp } from '../../../components/Timestamp';

/** The admin last described (DescribeAppInstanceAdmin): who, where, and since when. */
export function AdminDetailCard() {
  const detail = useAppStore((s) => s.adminDetail);
  const close = useAppStore((s) => s.closeAdminDetail);
  if (!detail) return null;
  const admin = detail.value;
  return (
    <div className="card" aria-label="Admin details">
      <div className="card-header">
        <h3>Admin details</h3>
        {detail.loading && <span className="muted">Loading…</span>}
        <span className="spacer" />
        <button type="button" className="small" onClick={close}>
          Close details
        </button>
      </div>
      {detail.error && <ErrorMessage error={detail.error} />}
      {admin && (
        <dl className="props">
          <dt>Name</dt>
          <dd>{admin.Admin?.Name}</dd>
          <dt>ARN</dt>
          <dd className="mono">{admin.Admin?.Arn}</dd>
          <dt>App instance</dt>
          <dd className="mono">{admin.AppInstanceArn}</dd>
          <dt>Admin since</dt>
          <dd>
            <Timestamp value={admin.CreatedTimestamp} />
          </dd>
        </dl>
      )}
    </div>
  );
}
