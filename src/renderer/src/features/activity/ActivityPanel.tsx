import { useEffect, useId, useState } from 'react';
import { useAppStore } from '../../store';
import { getApi } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { WorkbenchError } from '../../../../shared/errors';
import { ActivityList } from './ActivityList';
import { ActivityDetail } from './ActivityDetail';
import { downloadText } from './download';

interface ActivityPanelProps {
  readonly open: boolean;
  readonly onToggle: () => void;
}

/** The collapsible bottom panel listing every API call of the session (Ctrl/Cmd+L toggles it). */
export function ActivityPanel({ open, onToggle }: ActivityPanelProps) {
  const bodyId = useId();
  const count = useAppStore((s) => s.activity.length);
  const showWatcherCalls = useAppStore((s) => s.showWatcherCalls);
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
              disabled={count === 0}
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
