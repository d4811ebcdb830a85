import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../store';
import { getApi } from '../../api';
import { Dialog } from '../../components/Dialog';
import { UserSubject } from '../users/UserSubject';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Timestamp } from '../../components/Timestamp';
import type { HistoryEntry } from '../../../../shared/workspace/watch';
import type { WorkbenchError } from '../../../../shared/errors';
import { isEndpointWatchedAlone, isUserWatched } from './watchTargets';
import { mergeTimeline } from './timelineEntries';

interface TimelineDialogProps {
  readonly userArn: string;
  readonly endpointId: string;
  readonly name: string;
  readonly onClose: () => void;
}

/** Transitions of one endpoint, newest first: the stored history, then live events as they arrive. */
export function TimelineDialog({ userArn, endpointId, name, onClose }: TimelineDialogProps) {
  const [history, setHistory] = useState<readonly HistoryEntry[]>();
  const [error, setError] = useState<WorkbenchError>();
  const live = useAppStore((s) => s.watchEvents);
  const watched = useAppStore((s) => isUserWatched(s.watchTargets, userArn) || isEndpointWatchedAlone(s.watchTargets, userArn, endpointId));

  useEffect(() => {
    let stale = false;
    const pending = getApi()['watch:history']({ userArn, endpointId });
    void pending.then((result) => {
      if (stale) return;
      if (result.ok) setHistory(result.value);
      else setError(result.error);
    });
    return () => {
      stale = true;
    };
  }, [userArn, endpointId]);

  const entries = useMemo(() => mergeTimeline(history ?? [], live, userArn, endpointId), [history, live, userArn, endpointId]);

  return (
    <Dialog title={`Timeline: ${name}`} onClose={onClose} wide subject={<UserSubject userArn={userArn} />}>
      {!watched && <p className="muted small">This endpoint is not watched: turn on “Watch” to record new transitions.</p>}
      {error && <ErrorMessage error={error} />}
      {!history && !error && <p role="status" className="muted">Loading history…</p>}
      {history && entries.length === 0 && <EmptyState title="No transitions yet">Changes appear here as the watcher sees them.</EmptyState>}
      {entries.length > 0 && (
        <ol className="timeline" aria-label="Transitions">
          {entries.map((entry) => (
            <li key={`${entry.at}|${entry.kind}`}>
              <Timestamp value={entry.at} />
              <span className="timeline-summary">{entry.summary}</span>
              {entry.detail && <span className="muted small">{entry.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
