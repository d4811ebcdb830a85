/**
 * Device tokens identify a user's phone to APNs/FCM; whoever holds one can
 * target pushes at it. The activity log shows and exports them shortened to
 * their first and last four characters; only "Copy as AWS CLI command" with
 * an explicit reveal uses the full value, which main keeps.
 */
export const REDACTED_KEYS: ReadonlySet<string> = new Set(['DeviceToken', 'VoipDeviceToken']);

/** `abcd…wxyz`; tokens too short to shorten safely are masked entirely. */
export function shortenToken(token: string): string {
  // Below 12 characters, eight shown would be most of the token.
  if (token.length < 12) return '••••';
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/** A deep copy of `value` with every DeviceToken / VoipDeviceToken string shortened. */
export function redactTokens<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return new Date(value.getTime());
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    copy[key] = REDACTED_KEYS.has(key) && typeof member === 'string' ? shortenToken(member) : redact(member);
  }
  return copy;
}
