import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { RetentionSummary } from './RetentionSummary';
import { RetentionForm } from './RetentionForm';

/**
 * Get/PutAppInstanceRetentionSettings. The service starts deleting channel
 * messages older than the retention at InitiateDeletionTimestamp, which both
 * calls return; it is shown so nobody is surprised by vanished messages.
 */
export function RetentionSection({ appInstanceArn }: { readonly appInstanceArn: string }) {
  const retention = useAppStore((s) => (s.retention?.key === appInstanceArn ? s.retention : undefined));
  const load = useAppStore((s) => s.loadRetention);
  useEffect(() => {
    void load(appInstanceArn);
  }, [appInstanceArn, load]);

  const value = retention?.value;
  return (
    <section className="admin-section" aria-label="Retention">
      <div className="card">
        <div className="card-header">
          <h3>Channel message retention</h3>
          {retention?.loading && <span className="muted">Loading…</span>}
        </div>
        {retention?.error && <ErrorMessage error={retention.error} onRetry={() => void load(appInstanceArn)} />}
        <RetentionSummary value={value} />
        {(value || retention?.error) && (
          <RetentionForm key={`${value?.AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays ?? ''}`} appInstanceArn={appInstanceArn} current={value} />
        )}
      </div>
    </section>
  );
}
