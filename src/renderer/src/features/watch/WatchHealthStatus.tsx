import { useEffect, useState } from 'react';
import { useAppStore } from '../../store';
import { getApi } from '../../api';
import { formatClock, watchHealthText } from './healthText';

/** Seconds until `at`, ticking once a second while there is one. */
function useSecondsUntil(at: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === undefined) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 1000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [at]);
  return at === undefined ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The watcher's part of the status line; backing off and errors stand out.
 * While backing off it counts down to the next try and offers "Retry now".
 */
export function WatchHealthStatus() {
  const health = useAppStore((s) => s.watchHealth);
  const backingOff = health?.state === 'backing-off';
  const seconds = useSecondsUntil(backingOff ? health?.nextPollAt : undefined);
  if (!health) return null;
  const className = health.state === 'error' ? 'status-error' : backingOff ? 'status-warn' : undefined;
  return (
    <span data-testid="watch-health" className={className}>
      {watchHealthText(health)}
      {backingOff && health.nextPollAt !== undefined && (
        <>
          {/* The ticking number is for the eye; screen readers get the time once, not every second. */}
          <span aria-hidden="true"> · next try in {seconds} s</span>
          <span className="visually-hidden"> · next try at {formatClock(health.nextPollAt)}</span>{' '}
          <button type="button" className="link small" onClick={() => void getApi()['watch:retry']()}>
            Retry now
          </button>
        </>
      )}
    </span>
  );
}
