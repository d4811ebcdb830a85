import { useMemo } from 'react';
import { useAppStore } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ActivityItemText } from './ActivityItemText';
import { activityTarget, matchesActivityFilter } from './activityFilter';

/**
 * Newest first, capped: a session rarely needs more than the last few
 * hundred calls on screen, and the export carries the whole log. Capping
 * keeps the DOM small without a virtualizer's fixed-height rows.
 */
export const ACTIVITY_SHOWN = 300;

export function ActivityList() {
  const all = useAppStore((s) => s.activity.value);
  const showWatcherCalls = useAppStore((s) => s.showWatcherCalls);
  const filter = useAppStore((s) => s.activityFilter);
  const users = useAppStore((s) => s.users);
  const userNames = useMemo(() => new Map(users.flatMap((u) => (u.AppInstanceUserArn && u.Name ? [[u.AppInstanceUserArn, u.Name] as const] : []))), [users]);
  const activity = useMemo(
    () => all.filter((e) => (showWatcherCalls || e.source !== 'watch') && matchesActivityFilter(e, filter, userNames)),
    [all, showWatcherCalls, filter, userNames],
  );
  const loading = useAppStore((s) => s.activity.loading);
  const error = useAppStore((s) => s.activity.error);
  const selectedId = useAppStore((s) => s.selectedActivityId);
  const select = useAppStore((s) => s.selectActivity);
  const shown = activity.slice(-ACTIVITY_SHOWN).reverse();

  // Arrow keys move between calls, so the list does not cost one Tab per entry to cross.
  const onKeyDown = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      e.preventDefault();
      next.focus();
      next.click();
    }
  };

  return (
    <div className="activity-list">
      {error && <ErrorMessage error={error} onRetry={() => void useAppStore.getState().loadActivity()} />}
      {loading && activity.length === 0 && (
        <p role="status" className="muted">
          Loading activity…
        </p>
      )}
      {!loading && !error && activity.length === 0 && (
        <EmptyState title={all.length > 0 ? 'No matching calls' : 'No API calls yet'}>
          {all.length > 0 ? 'No call matches the filter.' : 'Calls to the service appear here as they happen.'}
        </EmptyState>
      )}
      {shown.length > 0 && (
        <ul aria-label="API calls" onKeyDown={onKeyDown}>
          {shown.map((entry) => (
            <li key={entry.id}>
              <button
                type="button"
                className="activity-item"
                aria-pressed={entry.id === selectedId}
                onClick={() => select(entry.id)}
              >
                <ActivityItemText entry={entry} target={activityTarget(entry, userNames)} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {activity.length > ACTIVITY_SHOWN && (
        <p className="muted small">
          Showing the latest {ACTIVITY_SHOWN} of {activity.length} calls; “Export log” has them all.
        </p>
      )}
    </div>
  );
}
