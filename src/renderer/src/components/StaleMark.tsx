import { formatClock } from '../features/watch/healthText';

/** "as of 12:01:05": shown beside data kept on screen after a refresh of it failed. */
export function StaleMark({ at, what }: { readonly at: number | undefined; readonly what: string }) {
  if (at === undefined) return null;
  return (
    <span className="stale-mark" title={`The last ${what} read successfully; newer data could not be read.`}>
      as of {formatClock(at)}
    </span>
  );
}
