import { useAppStore } from '../../store';
import { WatchHealthStatus } from '../watch/WatchHealthStatus';

/** The bottom line: connection, endpoint URL for the sandbox, watcher health. */
export function StatusLine() {
  const connection = useAppStore((s) => s.connection);
  const info = connection?.info;
  const where = !info ? 'Not connected' : info.kind === 'sandbox' ? `Local sandbox ${info.endpointUrl ?? ''}` : `Profile ${info.profile} · ${info.region}`;
  const state = connection?.status === 'error' ? `Error: ${connection.error?.message ?? 'unknown'}` : connection?.status === 'connecting' ? 'Connecting…' : 'Connected';
  return (
    <footer className="status-line" role="status" aria-live="polite">
      <span>{where}</span>
      <span className={connection?.status === 'error' ? 'status-error' : ''}>{connection ? state : ''}</span>
      <WatchHealthStatus />
    </footer>
  );
}
