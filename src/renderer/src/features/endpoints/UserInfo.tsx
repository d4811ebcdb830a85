import { useAppStore } from '../../store';
import { Timestamp } from '../../components/Timestamp';
import { userIdOf } from '../users/usersSlice';

/**
 * The selected user's properties (DescribeAppInstanceUser) and its loading state. Errors are
 * shown by UserDetail, next to what failed; what was read before stays here, marked stale.
 */
export function UserInfo() {
  const user = useAppStore((s) => s.userDetail?.value);
  const loading = useAppStore((s) => s.userDetail?.loading ?? false);
  const error = useAppStore((s) => s.userDetail?.error);
  const userArn = useAppStore((s) => s.selectedUserArn);

  if (!user) {
    return loading ? (
      <p role="status" className="muted">
        Loading user…
      </p>
    ) : null;
  }
  const expiration = user.ExpirationSettings;
  return (
    <dl className={error ? 'props stale' : 'props'}>
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
            {expiration.ExpirationCriterion === 'CREATED_TIMESTAMP' &&
              user.CreatedTimestamp !== undefined &&
              expiration.ExpirationDays !== undefined && (
                <>
                  {' '}
                  (<Timestamp value={user.CreatedTimestamp + expiration.ExpirationDays * 86_400_000} />)
                </>
              )}
          </dd>
        </>
      )}
    </dl>
  );
}
