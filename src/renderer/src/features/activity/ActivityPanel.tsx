import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../shared/errors';
import { ActivityList } from './ActivityList';
import { ActivityDetail } from './ActivityDetail';
import { downloadText } from './download';
import { useShallow } from 'zustand/react/shallow';
import type { ActivityFilter } from './activityFilter';

interface ActivityPanelProps {
  readonly open: boolean;
  readonly onToggle: () => void;
}

/** The collapsible bottom panel listing every API call of the session (Ctrl/Cmd+L toggles it). */
export function ActivityPanel({ open, onToggle }: ActivityPanelProps) {
  const bodyId = useId();
  const showWatcherCalls = useAppStore((s) => s.showWatcherCalls);
  // The counter counts what the log shows: hidden watcher polls are not "your" calls.
  const count = useAppStore((s) => (s.showWatcherCalls ? s.activity.value.length : s.activity.value.filter((e) => e.source !== 'watch').length));
  const total = useAppStore((s) => s.activity.value.length);
  const filter = useAppStore((s) => s.activityFilter);
  const operations = useAppStore(useShallow((s) => [...new Set(s.activity.value.map((e) => e.operation))].sort()));
  const [exportError, setExportError] = useState<WorkbenchError>();
  const [exported, setExported] = useState<string>();

  useEffect(() => {
    if (open) void useAppStore.getState().loadActivity();
  }, [open]);

  const exportLog = async () => {
    setExportError(undefined);
    const result = await getApi()['activity:export']();
    if (!result.ok) {
      setExportError(result.error);
      return;
    }
    downloadText(result.value.fileName, result.value.json);
    setExported(result.value.fileName);
  };

  return (
    <section className={open ? 'activity-panel open' : 'activity-panel'} aria-label="Activity log">
      <div className="activity-toolbar">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={onToggle}
          title="Activity log (Ctrl+L)"
        >
          Activity log ({count})
        </button>
        {open && (
          <>
            <select aria-label="Filter by operation" value={filter.operation} onChange={(e) => useAppStore.getState().setActivityFilter({ operation: e.target.value })}>
              <option value="">All operations</option>
              {operations.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
            <select
              aria-label="Filter by status"
              value={filter.status}
              onChange={(e) => useAppStore.getState().setActivityFilter({ status: e.target.value as ActivityFilter['status'] })}
            >
              <option value="all">All statuses</option>
              <option value="ok">Succeeded</option>
              <option value="error">Failed</option>
            </select>
            <input
              type="search"
              aria-label="Filter by user"
              placeholder="User"
              value={filter.user}
              onChange={(e) => useAppStore.getState().setActivityFilter({ user: e.target.value })}
              className="activity-user-filter"
            />
            <span className="spacer" />
            <label className="switch small">
              <input
                type="checkbox"
                role="switch"
                checked={showWatcherCalls}
                onChange={(e) => useAppStore.getState().setShowWatcherCalls(e.target.checked)}
              />
              Show watcher polls
            </label>
            <span role="status" className="muted small">
              {exported ? `Exported ${exported}` : ''}
            </span>
            <button type="button" className="small" onClick={() => void exportLog()}>
              Export log
            </button>
            <button
              type="button"
              className="small"
              onClick={() => void useAppStore.getState().clearActivity()}
              disabled={total === 0}
            >
              Clear
            </button>
          </>
        )}
      </div>
      {open && (
        <div id={bodyId} className="activity-body">
          {exportError && <ErrorMessage error={exportError} />}
          <ActivityList />
          <ActivityDetail />
        </div>
      )}
    </section>
  );
}
