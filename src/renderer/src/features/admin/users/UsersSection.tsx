import { useAppStore } from '../../../store';
import { selectUser } from '../../../session/sessionActions';
import { CreateUserForm } from './CreateUserForm';
import { UserPanel } from './UserPanel';

/**
 * The user chosen in the sidebar, or the form to create one. Never both: the
 * create and edit forms share field names ("Name", "Metadata"), and showing
 * one at a time keeps each label unique on screen.
 */
export function UsersSection() {
  const userArn = useAppStore((s) => s.selectedUserArn);
  return (
    <section className="admin-section" aria-label="Users">
      {userArn ? (
        <>
          <div className="admin-actions">
            <span className="muted">Managing the user selected in the sidebar.</span>
            <button type="button" onClick={() => void selectUser(undefined)}>
              New user…
            </button>
          </div>
          <UserPanel key={userArn} arn={userArn} />
        </>
      ) : (
        <>
          <p className="muted">Select a user in the sidebar to edit it, set its expiration, tag or delete it; or create one here.</p>
          <CreateUserForm />
        </>
      )}
    </section>
  );
}
