import { formatDateTime, formatDateTimeShort } from './timeFormat';

/** Local time, with UTC on hover (epoch milliseconds in, as IPC carries them). */
export function Timestamp({ value, compact }: { readonly value: number | undefined; readonly compact?: boolean }) {
  if (value === undefined) return <span className="muted">—</span>;
  const date = new Date(value);
  return (
    <time
      dateTime={date.toISOString()}
      title={`${date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC')}`}
    >
      {compact ? formatDateTimeShort(date) : formatDateTime(date)}
    </time>
  );
}
