import type { ActivityEntry } from '../../../../shared/ipc/appTypes';

/** One call in the list: operation, time (UTC on hover), duration, HTTP status, error code, request id. */
export function ActivityItemText({ entry }: { readonly entry: ActivityEntry }) {
  const started = new Date(entry.startedAt);
  return (
    <>
      <span className="activity-op">{entry.operation}</span>
      <time dateTime={entry.startedAt} title={entry.startedAt} className="muted">
        {started.toLocaleTimeString()}
      </time>
      <span className="muted">{entry.durationMs} ms</span>
      <span className={entry.error ? 'status-error' : 'muted'}>{entry.httpStatus ?? '—'}</span>
      {entry.error && <span className="status-error">{entry.error.code}</span>}
      {entry.requestId && <span className="muted small mono">{entry.requestId}</span>}
    </>
  );
}
