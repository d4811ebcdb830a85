import { useAppStore } from '../../store';
import type { EndpointType } from '../../../../shared/chime/shapes';
import { appInstanceOfUser, describedInAppInstance } from '../../store/describedEndpoints';
import { UserSubject } from '../users/UserSubject';
import { findTokenElsewhere, mergeMatches } from './tokenElsewhere';
import type { TokenSearch } from './tokenSearchSlice';

const users = (n: number) => `${n} ${n === 1 ? 'user' : 'users'}`;

/**
 * Under the device token: a warning when the token is known under another
 * user of the AppInstance (from what this session has read or searched), and
 * "Search this token across the app instance" with progress and Cancel.
 */
export function TokenElsewhere({
  userArn,
  type,
  token,
}: {
  readonly userArn: string;
  readonly type: EndpointType;
  readonly token: string;
}) {
  const search = useAppStore((s) => (s.tokenSearch?.token === token ? s.tokenSearch : undefined));
  const otherUsers = useAppStore((s) => s.users.filter((u) => u.AppInstanceUserArn !== userArn).length);
  const known = findTokenElsewhere(describedInAppInstance(appInstanceOfUser(userArn)), userArn, type, token);
  const matches = mergeMatches(known, search?.matches ?? []);
  if (!token) return null;
  const { searchTokenAcrossAppInstance, cancelTokenSearch } = useAppStore.getState();

  return (
    <div className="token-elsewhere">
      {matches.length > 0 && (
        <div className="field-warning" role="status">
          <p>
            This device token is also registered under another user of this app instance. After a logout the device
            would still get that user's pushes: deregister the other endpoint, unless both users share the device on
            purpose.
          </p>
          <ul aria-label="Same token under other users">
            {matches.map((m) => (
              <li key={`${m.userArn}#${m.endpointId ?? ''}`}>
                <UserSubject userArn={m.userArn} />: endpoint “{m.name || m.endpointId}” ({m.type})
              </li>
            ))}
          </ul>
        </div>
      )}
      {otherUsers > 0 && <SearchControls search={search} onSearch={() => void searchTokenAcrossAppInstance({ userArn, type, token })} onCancel={cancelTokenSearch} />}
    </div>
  );
}

function SearchControls({
  search,
  onSearch,
  onCancel,
}: {
  readonly search: TokenSearch | undefined;
  readonly onSearch: () => void;
  readonly onCancel: () => void;
}) {
  if (search?.status === 'running') {
    return (
      <div className="inline-actions" role="status">
        <progress aria-label="Searching the app instance" value={search.searched} max={Math.max(search.total, 1)} />
        <span>
          Searched {search.searched} of {users(search.total)}…
        </span>
        <button type="button" onClick={onCancel}>
          Cancel search
        </button>
      </div>
    );
  }
  const failed = search && search.failedUsers > 0 ? ` ${users(search.failedUsers)} could not be read (${search.lastError?.code ?? 'error'}).` : '';
  return (
    <div className="inline-actions">
      <button type="button" onClick={onSearch}>
        Search this token across the app instance
      </button>
      {search?.status === 'done' && (
        <span role="status" className="muted">
          Searched {users(search.searched)}:{' '}
          {search.matches.length === 0 ? 'no other user has this token.' : `found under ${users(new Set(search.matches.map((m) => m.userArn)).size)}.`}
          {failed}
        </span>
      )}
      {search?.status === 'cancelled' && (
        <span role="status" className="muted">
          Search cancelled after {search.searched} of {users(search.total)}.{failed}
        </span>
      )}
    </div>
  );
}
