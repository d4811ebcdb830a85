import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useAppStore } from '../../store';
import { selectUser } from '../session/sessionActions';
import { userIdOf, type UserSummary } from './usersSlice';

const ROW_HEIGHT = 36;

/**
 * Virtualized: only the rows in view (plus a few) are in the DOM, so 100,000
 * users scroll as smoothly as ten. Arrow keys move between users.
 */
export function UserList({ id, users }: { readonly id: string; readonly users: readonly UserSummary[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selected = useAppStore((s) => s.selectedUserArn);
  // The app does not use the React Compiler, so the virtualizer's unmemoizable API is fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: users.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const focusIndex = (index: number) => {
    const clamped = Math.max(0, Math.min(users.length - 1, index));
    virtualizer.scrollToIndex(clamped);
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus());
  };

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>, index: number, user: UserSummary) => {
    if (e.key === 'ArrowDown') focusIndex(index + 1);
    else if (e.key === 'ArrowUp') focusIndex(index - 1);
    else if (e.key === 'Home') focusIndex(0);
    else if (e.key === 'End') focusIndex(users.length - 1);
    else if (e.key === 'Enter' || e.key === ' ') void selectUser(user.AppInstanceUserArn);
    else return;
    e.preventDefault();
  };

  return (
    <div ref={scrollRef} className="user-list" data-testid="user-list-scroll">
      <ul id={id} aria-label="Users" aria-rowcount={users.length} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const user = users[row.index];
          if (!user) return null;
          const isSelected = user.AppInstanceUserArn === selected;
          return (
            <li
              key={user.AppInstanceUserArn ?? row.index}
              data-index={row.index}
              className="user-item"
              aria-label={user.Name ?? userIdOf(user.AppInstanceUserArn)}
              aria-current={isSelected ? 'true' : undefined}
              tabIndex={isSelected || (!selected && row.index === 0) ? 0 : -1}
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              onClick={() => void selectUser(user.AppInstanceUserArn)}
              onKeyDown={(e) => onKeyDown(e, row.index, user)}
            >
              <span className="user-name">{user.Name}</span>
              <span className="user-id muted">{userIdOf(user.AppInstanceUserArn)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
