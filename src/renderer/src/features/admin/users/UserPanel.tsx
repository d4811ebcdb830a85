import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Timestamp } from '../../../components/Timestamp';
import { userIdOf } from '../../users/usersSlice';
import { TagsPanel } from '../tags/TagsPanel';
import { UpdateUserForm } from './UpdateUserForm';
import { ExpirationForm } from './ExpirationForm';
import { DeleteUserButton } from './DeleteUserButton';

/** DescribeAppInstanceUser with everything that changes or deletes the user. */
export function UserPanel({ arn }: { readonly arn: string }) {
  const detail = useAppStore((s) => (s.managedUser?.key === arn ? s.managedUser : undefined));
  const describe = useAppStore((s) => s.describeManagedUser);
  useEffect(() => {
    void describe(arn);
  }, [arn, describe]);

  const user = detail?.value;
  const name = user?.Name ?? userIdOf(arn);
  return (
    <div className="admin-section">
      <div className="card">
        <div className="card-header">
          <h3>{name}</h3>
          {detail?.loading && <span className="muted">Loading…</span>}
        </div>
        {detail?.error && <ErrorMessage error={detail.error} onRetry={() => void describe(arn)} />}
        <dl className="props">
          <dt>User ID</dt>
          <dd className="mono">{userIdOf(arn)}</dd>
          <dt>ARN</dt>
          <dd className="mono">{arn}</dd>
          <dt>Metadata</dt>
          <dd>{user?.Metadata || <span className="muted">—</span>}</dd>
          <dt>Created</dt>
          <dd>
            <Timestamp value={user?.CreatedTimestamp} />
          </dd>
          <dt>Last updated</dt>
          <dd>
            <Timestamp value={user?.LastUpdatedTimestamp} />
          </dd>
        </dl>
      </div>
      {user && (
        <>
          <div className="card">
            <h3>Edit</h3>
            <UpdateUserForm key={`${user.LastUpdatedTimestamp ?? 0}`} user={user} />
          </div>
          <div className="card">
            <h3>Expiration</h3>
            <ExpirationForm key={`${user.ExpirationSettings?.ExpirationDays ?? 'none'}`} user={user} />
          </div>
        </>
      )}
      <TagsPanel resourceArn={arn} resourceLabel="user" />
      <div className="card admin-danger-zone">
        <DeleteUserButton arn={arn} name={name} />
      </div>
    </div>
  );
}
