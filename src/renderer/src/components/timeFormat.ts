/**
 * One family of time formats, following the OS locale (12 or 24 hours, date
 * order): a time of day (status line, activity list, "as of"), a date and time
 * (details), and a compact date and time (table cells). UTC is on hover.
 */
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
const dateTimeShort = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const timeShort = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

export const formatTime = (at: number | Date): string => time.format(at);
export const formatDateTime = (at: number | Date): string => dateTime.format(at);
export const formatDateTimeShort = (at: number | Date): string => dateTimeShort.format(at);
/** Hours and minutes only ("14:05"), where seconds would be noise (a credentials expiry). */
export const formatTimeShort = (at: number | Date): string => timeShort.format(at);
