import { useEffect, useRef, useState } from 'react';
import { formatDateTime, formatTimeShort } from '../../components/timeFormat';

/** The last minutes count down second by second; before them the time of day is enough. */
export const COUNTDOWN_MS = 10 * 60_000;

/**
 * When the connection's credentials expire: "expires 14:05", then in the last
 * ten minutes a countdown ("expires in 4:59"). At expiry it says so and calls
 * `onExpired` once per expiry time, so the badge asks main again: main
 * refreshes the credentials (roles, SSO with a live session) or answers why it
 * cannot (an SSO session that needs a sign-in). Without `onExpired` (an MFA
 * role, whose new session needs a code) it says the next call asks for one.
 */
export function CredentialsExpiry({
  expiresAt,
  refreshing,
  onExpired,
}: {
  readonly expiresAt: string;
  readonly refreshing: boolean;
  readonly onExpired?: () => void;
}) {
  const at = Date.parse(expiresAt);
  const remaining = useRemaining(at);
  const told = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (remaining > 0 || told.current === at || !onExpired) return;
    told.current = at;
    onExpired();
  }, [remaining, at, onExpired]);

  if (Number.isNaN(at)) return null;
  const text =
    remaining > COUNTDOWN_MS
      ? `expires ${formatTimeShort(at)}`
      : remaining > 0
        ? `expires in ${countdown(remaining)}`
        : refreshing
          ? 'expired · refreshing…'
          : onExpired
            ? 'expired'
            : 'expired · the next call asks for an MFA code';
  return (
    <span
      role="timer"
      aria-label="Credentials expiry"
      className={remaining > COUNTDOWN_MS ? 'badge-expiry' : 'badge-expiry badge-expiry-soon'}
      title={`The credentials expire at ${formatDateTime(at)}`}
    >
      {text}
    </span>
  );
}

/** Milliseconds until `at`, re-read when the countdown starts and then every second until it ends. */
function useRemaining(at: number): number {
  const [now, setNow] = useState(() => Date.now());
  const remaining = at - now;
  useEffect(() => {
    if (Number.isNaN(at) || remaining <= 0) return;
    // Before the countdown: wake once at its start. During it: at the next whole second.
    const delay = remaining > COUNTDOWN_MS ? remaining - COUNTDOWN_MS : remaining % 1000 || 1000;
    const timer = setTimeout(() => setNow(Date.now()), delay);
    return () => clearTimeout(timer);
  }, [at, remaining]);
  return remaining;
}

/** "4:59": minutes and seconds left, rounded up so it reads 0:01 in the last second, not 0:00. */
function countdown(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
