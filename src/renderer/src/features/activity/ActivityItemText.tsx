import type { ActivityEntry } from '../../../../shared/ipc/appTypes';
import { formatTime } from '../../components/timeFormat';
import type { ActivityService } from '../../../../shared/aws/types';

/** Identity calls carry no service (the app's first); the others are named as the AWS console names them. */
export const SERVICE_LABEL: Readonly<Record<ActivityService, string>> = { messaging: 'Messaging', pinpoint: 'Pinpoint', iam: 'IAM' };

/** One call in the list: operation, whom it was for, time (UTC on hover), duration, HTTP status, error code, request id. */
export function ActivityItemText({ entry, target }: { readonly entry: ActivityEntry; readonly target?: { user?: string; endpoint?: string; appInstance?: string } }) {
  const started = new Date(entry.startedAt);
  return (
    <>
      {entry.service && <span className="muted small">{SERVICE_LABEL[entry.service]}</span>}
      <span className="activity-op">{entry.operation}</span>
      {target?.user && <span className="activity-target">user {target.user}</span>}
      {target?.endpoint && <span className="activity-target mono small">endpoint {target.endpoint}</span>}
      {!target?.user && target?.appInstance && <span className="activity-target mono small">app instance {target.appInstance}</span>}
      {entry.source === 'watch' && <span className="muted small">watcher</span>}
      <time dateTime={entry.startedAt} title={entry.startedAt} className="muted">
        {formatTime(started)}
      </time>
      <span className="muted">{entry.durationMs} ms</span>
      <span className={entry.error ? 'status-error' : 'muted'}>{entry.httpStatus ?? '—'}</span>
      {entry.error && <span className="status-error">{entry.error.code}</span>}
      {entry.requestId && <span className="muted small mono">{entry.requestId}</span>}
    </>
  );
}
