import { useAppStore } from '../../store';
import { isUserWatched } from './watchTargets';

/** The contract's "Watch" switch: live EndpointState watching of every endpoint of the selected user. */
export function UserWatchSwitch() {
  const userArn = useAppStore((s) => s.selectedUserArn);
  const watched = useAppStore((s) => (userArn ? isUserWatched(s.watchTargets, userArn) : false));
  if (!userArn) return null;
  return (
    <label className="switch" title="Poll this user's endpoints and show every state change live">
      <input
        type="checkbox"
        role="switch"
        checked={watched}
        onChange={(e) => void useAppStore.getState().setWatched({ userArn }, e.target.checked)}
      />
      Watch
    </label>
  );
}
