import { useAppStore } from '../../store';
import { WatchHealthStatus } from '../watch/WatchHealthStatus';
import type { ConnectionState } from '../../../../shared/ipc/appTypes';
import type { Reachability } from './connectionSlice';

/** The bottom line: connection, endpoint URL for the sandbox, watcher health. */
export function StatusLine() {
  const connection = useAppStore((s) => s.connection);
  const reachability = useAppStore((s) => s.reachability);
  const info = connection?.info;
  const where = !info ? 'Not connected' : info.kind === 'sandbox' ? `Local sandbox ${info.endpointUrl ?? ''}` : `Profile ${info.profile} · ${info.region}`;
  const { text, failed } = connectionText(connection, reachability);
  return (
    <footer className="status-line" role="status" aria-live="polite">
      <span>{where}</span>
      <span className={failed ? 'status-error' : ''} data-testid="connection-status">
        {text}
      </span>
      <WatchHealthStatus />
    </footer>
  );
}

/** "Connected" only after the service answered a call on this connection; otherwise what failed. */
export function connectionText(connection: ConnectionState | undefined, reachability: Reachability): { text: string; failed: boolean } {
  if (!connection) return { text: '', failed: false };
  if (connection.status === 'connecting') return { text: 'Connecting…', failed: false };
  if (connection.status === 'error') return { text: `Error: ${connection.error?.message ?? 'unknown'}`, failed: true };
  const failure = reachability.failure;
  if (failure) {
    const lead = reachability.answered ? 'Connection lost' : 'Not connected';
    return { text: `${lead}: ${failure.operation} failed (${failure.error.code}: ${failure.error.message})`, failed: true };
  }
  return reachability.answered ? { text: 'Connected', failed: false } : { text: 'Checking connection…', failed: false };
}
