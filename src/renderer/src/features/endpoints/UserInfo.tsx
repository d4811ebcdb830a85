import { useAppStore } from '../../store';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Timestamp } from '../../components/Timestamp';
import { userIdOf } from '../users/usersSlice';

/** The selected user's properties (DescribeAppInstanceUser), with its loading and error states. */
export function UserInfo() {
  const user = useAppStore((s) => s.userDetail);
  const loading = useAppStore((s) => s.userDetailLoading);
  const error = useAppStore((s) => s.userDetailError);
  const userArn = useAppStore((s) => s.selectedUserArn);

  if (error) return <ErrorMessage error={error} onRetry={() => void useAppStore.getState().refreshUserDetail()} />;
  if (!user) {
    return loading ? (
      <p role="status" className="muted">
        Loading user…
      </p>
    ) : null;
  }
  const expiration = user.ExpirationSettings;
  return (
    <dl className="props">
      <dt>Name</dt>
      <dd>{user.Name || <span className="muted">(no name)</span>}</dd>
      <dt>User id</dt>
      <dd className="mono">{userIdOf(user.AppInstanceUserArn ?? userArn)}</dd>
      <dt>ARN</dt>
      <dd className="mono">{user.AppInstanceUserArn ?? userArn}</dd>
      <dt>Metadata</dt>
      <dd>{user.Metadata ? <code className="metadata">{user.Metadata}</code> : <span className="muted">—</span>}</dd>
      <dt>Created</dt>
      <dd>
        <Timestamp value={user.CreatedTimestamp} />
      </dd>
      <dt>Updated</dt>
      <dd>
        <Timestamp value={user.LastUpdatedTimestamp} />
      </dd>
      {expiration && (
        <>
          <dt>Expires</dt>
          <dd>
            {expiration.ExpirationDays} days after{' '}
            {expiration.ExpirationCriterion === 'CREATED_TIMESTAMP' ? 'creation' : expiration.ExpirationCriterion}
          </dd>
        </>
      )}
    </dl>
  );
}
