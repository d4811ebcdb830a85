import { useDeferredValue, useEffect, useId, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { filterUsers } from './usersSlice';
import { UserList, type UserListHandle } from './UserList';
import { ErrorMessage } from '../../components/ErrorMessage';
import { EmptyState } from '../../components/EmptyState';
import { SHORTCUT_EVENTS } from '../../session/useGlobalShortcuts';

export function UserDirectory() {
  const searchId = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<UserListHandle>(null);
  const { users, load, filter, setFilter, appInstanceArn, reloadUsers } = useAppStore(
    useShallow((s) => ({
      users: s.users,
      load: s.userLoad,
      filter: s.userFilter,
      setFilter: s.setUserFilter,
      appInstanceArn: s.selectedAppInstanceArn,
      reloadUsers: s.reloadUsers,
    })),
  );
  // Filtering 100,000 users on every keystroke would block typing; the
  // deferred value lets React filter behind the input.
  const deferredFilter = useDeferredValue(filter);
  const visible = useMemo(() => filterUsers(users, deferredFilter), [users, deferredFilter]);

  useEffect(() => {
    const focus = () => searchRef.current?.focus();
    window.addEventListener(SHORTCUT_EVENTS.search, focus);
    return () => window.removeEventListener(SHORTCUT_EVENTS.search, focus);
  }, []);

  if (!appInstanceArn) {
    return <EmptyState title="No app instance chosen">Choose an app instance to see its users.</EmptyState>;
  }
  return (
    <section className="user-directory" aria-label="Users">
      <label htmlFor={searchId} className="visually-hidden">
        Search users
      </label>
      <input
        id={searchId}
        ref={searchRef}
        type="search"
        placeholder="Search users by name, id or ARN (Ctrl+F)"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          // ↓ from the search box moves into the matches, as in a combobox.
          if (e.key !== 'ArrowDown') return;
          e.preventDefault();
          listRef.current?.focusActive();
        }}
        aria-controls={`${searchId}-list`}
      />
      <div className="user-count muted small" aria-live="polite">
        {load?.loading ? `Loading users… ${load.loadedCount.toLocaleString()} so far` : `${users.length.toLocaleString()} ${users.length === 1 ? 'user' : 'users'}`}
        {filter && ` · ${visible.length.toLocaleString()} ${visible.length === 1 ? 'match' : 'matches'}`}
      </div>
      {load?.loading && (
        <div className="progress" role="progressbar" aria-label="Loading users" aria-valuetext={`${load.loadedCount} loaded`}>
          <div />
        </div>
      )}
      {load?.error && <ErrorMessage error={load.error} onRetry={reloadUsers} />}
      {!load?.loading && !load?.error && users.length === 0 ? (
        <EmptyState title="No users">This app instance has no users yet. Create one under “Manage app instance”.</EmptyState>
      ) : filter && visible.length === 0 && !load?.loading ? (
        <EmptyState title="No matching users">Nothing matches “{filter}”.</EmptyState>
      ) : (
        <UserList id={`${searchId}-list`} users={visible} handle={listRef} />
      )}
    </section>
  );
}
