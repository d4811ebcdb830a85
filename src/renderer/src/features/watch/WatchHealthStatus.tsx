import { useAppStore } from '../../store';
import { watchHealthText } from './healthText';

/** The watcher's part of the status line; backing off and errors stand out. */
export function WatchHealthStatus() {
  const health = useAppStore((s) => s.watchHealth);
  if (!health) return null;
  const className = health.state === 'error' ? 'status-error' : health.state === 'backing-off' ? 'status-warn' : undefined;
  return (
    <span data-testid="watch-health" className={className}>
      {watchHealthText(health)}
    </span>
  );
}
