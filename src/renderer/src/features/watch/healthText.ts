/**
 * The watcher's health in the status line's words:
 * "Watching 3 users · last poll 12:01:05 · polling".
 */
import type { WatchHealth } from '../../../../shared/workspace/watch';
import { formatTime } from '../../components/timeFormat';

/** The time of day in the app's one format (see components/timeFormat). */
export function formatClock(epochMs: number): string {
  return formatTime(epochMs);
}

export function healthStateText(health: WatchHealth): string {
  switch (health.state) {
    case 'idle':
      return 'idle';
    case 'polling':
      return 'polling';
    case 'paused':
      return 'paused';
    case 'backing-off':
      return health.reason ? `backing off: ${health.reason}` : 'backing off';
    case 'error':
      return health.reason ? `error: ${health.reason}` : 'error';
  }
}

export function watchHealthText(health: WatchHealth): string {
  const users = health.watchedUsers === 0 ? 'Not watching' : `Watching ${health.watchedUsers} user${health.watchedUsers === 1 ? '' : 's'}`;
  const poll = health.lastSuccessAt !== undefined ? `last poll ${formatClock(health.lastSuccessAt)}` : 'no poll yet';
  return [users, poll, healthStateText(health)].join(' · ');
}
