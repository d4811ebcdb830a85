import { useAppStore } from '../../store';
import { isUserWatched } from './watchTargets';

/**
 * The contract's "Watch" switch: live EndpointState watching of every
 * endpoint of the selected user. It also reports a refused watch change from
 * any switch of this user (the per-endpoint ones have no room in their cell).
 */
export function UserWatchSwitch() {
  const userArn = useAppStore((s) => s.selectedUserArn);
  const watched = useAppStore((s) => (userArn ? isUserWatched(s.watchTargets, userArn) : false));
  const error = useAppStore((s) => s.watchError);
  if (!userArn) return null;
  return (
    <span className="user-watch">
      <label className="switch" title="Poll this user's endpoints and show every state change live">
        <input
          type="checkbox"
          role="switch"
          checked={watched}
          onChange={(e) => void useAppStore.getState().setWatched({ userArn }, e.target.checked)}
        />
        Watch
      </label>
      {error && (
        <span role="alert" className="field-error">
          Watching was not changed: {error.message}{' '}
          <button type="button" className="link small" onClick={() => useAppStore.getState().dismissWatchError()}>
            Dismiss
          </button>
        </span>
      )}
    </span>
  );
}
