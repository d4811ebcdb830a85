import { useAppStore } from '../../store';
import { userIdOf } from './usersSlice';

/**
 * "For user Alice (alice)": the line under the title of every dialog that
 * acts on a user, so a dialog opened by a shortcut while the search hides the
 * selected user still says whom it is for.
 */
export function UserSubject({ userArn }: { readonly userArn: string | undefined }) {
  const name = useAppStore((s) => {
    const described = s.userDetail?.value;
    return described?.AppInstanceUserArn === userArn && described?.Name
      ? described.Name
      : s.users.find((u) => u.AppInstanceUserArn === userArn)?.Name;
  });
  if (!userArn) return null;
  const id = userIdOf(userArn);
  return (
    <>
      For user <strong>{name || id}</strong>
      {name && name !== id && (
        <>
          {' '}
          <span className="muted">({id})</span>
        </>
      )}
    </>
  );
}
