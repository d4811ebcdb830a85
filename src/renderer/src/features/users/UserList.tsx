import { useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../../store';
import { selectUser } from '../../session/sessionActions';
import { userIdOf, type UserSummary } from './usersSlice';
import { activeUserIndex } from './activeUser';
import type { WatchSummary } from '../../../../shared/workspace/watch';

const ROW_HEIGHT = 36;

/** What the search box needs from the list: "↓ moves into the matches". */
export interface UserListHandle {
  focusActive(): void;
}

interface UserListProps {
  readonly id: string;
  readonly users: readonly UserSummary[];
  readonly handle?: Ref<UserListHandle>;
}

/**
 * Virtualized: only the rows in view (plus a few) are in the DOM, so 100,000
 * users scroll as smoothly as ten.
 *
 * Keyboard as a listbox does (WAI-ARIA APG "roving tabindex") while keeping
 * the list/listitem roles DESIGN.md fixes: exactly one row is in the Tab
 * order, under any filter. It is the row the keyboard last moved to if still
 * visible, else the selected user if visible, else the first match. Arrow
 * keys, Home and End move that row; Enter or Space selects it.
 */
/** "Watched", and "2 INACTIVE" once the watcher has seen some: the health of a watched user at a glance. */
function WatchBadge({ id, summary }: { readonly id: string; readonly summary: WatchSummary }) {
  const text = summary.inactive > 0 ? `Watched · ${summary.inactive} INACTIVE` : summary.polled ? 'Watched · all ACTIVE' : 'Watched';
  return (
    <span id={id} className={summary.inactive > 0 ? 'watch-badge watch-badge-bad' : 'watch-badge'} title={`${text} (${summary.endpoints} endpoint${summary.endpoints === 1 ? '' : 's'} at the last poll)`}>
      <span aria-hidden="true">{summary.inactive > 0 ? `● ${summary.inactive} INACTIVE` : '● watched'}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}

export function UserList({ id, users, handle }: UserListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useAppStore((s) => s.selectedUserArn);
  const summaries = useAppStore((s) => s.watchSummaries);
  const [activeArn, setActiveArn] = useState<string>();
  const active = activeUserIndex(users, activeArn, selected);
  // The app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: users.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const focusIndex = (index: number) => {
    if (users.length === 0) return;
    const clamped = Math.max(0, Math.min(users.length - 1, index));
    setActiveArn(users[clamped]?.AppInstanceUserArn);
    virtualizer.scrollToIndex(clamped);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus());
  };

  useImperativeHandle(handle, () => ({ focusActive: () => focusIndex(active) }));

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number, user: UserSummary) => {
    if (e.key === 'ArrowDown') focusIndex(index + 1);
    else if (e.key === 'ArrowUp') focusIndex(index - 1);
    else if (e.key === 'Home') focusIndex(0);
    else if (e.key === 'End') focusIndex(users.length - 1);
    else if (e.key === 'PageDown') focusIndex(index + 10);
    else if (e.key === 'PageUp') focusIndex(index - 10);
    else if (e.key === 'Enter' || e.key === ' ') void selectUser(user.AppInstanceUserArn);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={scrollRef} className="user-list" data-testid="user-list-scroll">
      <ul id={id} aria-label="Users" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const user = users[row.index];
          if (!user) return null;
          const isSelected = user.AppInstanceUserArn === selected;
          const watched = summaries.find((w) => w.userArn === user.AppInstanceUserArn);
          const healthId = `${id}-health-${row.index}`;
          return (
            <li
              key={user.AppInstanceUserArn ?? row.index}
              data-index={row.index}
              className="user-item"
              aria-label={user.Name ?? userIdOf(user.AppInstanceUserArn)}
              aria-current={isSelected ? 'true' : undefined}
              aria-describedby={watched ? healthId : undefined}
              aria-posinset={row.index + 1}
              aria-setsize={users.length}
              tabIndex={row.index === active ? 0 : -1}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => {
                setActiveArn(user.AppInstanceUserArn);
                void selectUser(user.AppInstanceUserArn);
              }}
              onFocus={() => setActiveArn(user.AppInstanceUserArn)}
              onKeyDown={(e) => onKeyDown(e, row.index, user)}
            >
              <span className="user-name">
                {user.Name}
                {watched && <WatchBadge id={healthId} summary={watched} />}
              </span>
              <span className="user-id muted">{userIdOf(user.AppInstanceUserArn)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
