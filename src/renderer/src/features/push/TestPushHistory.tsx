import { useAppStore } from '../../store';
import { Timestamp } from '../../components/Timestamp';

const SHOWN = 5;

/** The newest test pushes sent from this workspace (time, channel, title, outcome); the workspace keeps the last 100. */
export function TestPushHistory() {
  const history = useAppStore((s) => s.activeWorkspace?.testPushes);
  if (!history?.length) return null;
  const newest = history.slice(-SHOWN).reverse();
  return (
    <section className="push-history" aria-label="Recent test pushes">
      <h3>Recent test pushes</h3>
      <ul>
        {newest.map((entry) => (
          <li key={`${entry.time}-${entry.title}`}>
            <Timestamp value={entry.time} compact /> <strong>{entry.title}</strong> ({entry.pushType}){' '}
            {entry.outcome.kind === 'sent' ? (
              <span className="notify-yes">sent</span>
            ) : (
              <span className="status-error">failed: {entry.outcome.code}</span>
            )}
            {entry.channelArn && (
              <span className="muted small mono" title={entry.channelArn}>
                {' '}
                channel {entry.channelArn.slice(entry.channelArn.lastIndexOf('/') + 1).slice(0, 12)}…
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
