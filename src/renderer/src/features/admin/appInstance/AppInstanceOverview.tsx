import { useEffect } from 'react';
import { useAppStore } from '../../../store';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Timestamp } from '../../../components/Timestamp';
import { TagsPanel } from '../tags/TagsPanel';
import { UpdateAppInstanceForm } from './UpdateAppInstanceForm';
import { DeleteAppInstanceButton } from './DeleteAppInstanceButton';

/** DescribeAppInstance, its edit form, its tags and its deletion. */
export function AppInstanceOverview({ arn }: { readonly arn: string }) {
  const detail = useAppStore((s) => (s.appInstanceDetail?.key === arn ? s.appInstanceDetail : undefined));
  const describe = useAppStore((s) => s.describeAppInstance);
  useEffect(() => {
    void describe(arn);
  }, [arn, describe]);

  const appInstance = detail?.value;
  return (
    <section className="admin-section" aria-label="App instance overview">
      <div className="card">
        <div className="card-header">
          <h3>{appInstance?.Name ?? 'App instance'}</h3>
          {detail?.loading && <span className="muted">Loading…</span>}
          <span className="spacer" />
          <button type="button" className="small" onClick={() => void describe(arn)}>
            Refresh
          </button>
        </div>
        {detail?.error && <ErrorMessage error={detail.error} onRetry={() => void describe(arn)} />}
        <dl className="props">
          <dt>ARN</dt>
          <dd className="mono">{arn}</dd>
          <dt>Metadata</dt>
          <dd>{appInstance?.Metadata || <span className="muted">—</span>}</dd>
          <dt>Created</dt>
          <dd>
            <Timestamp value={appInstance?.CreatedTimestamp} />
          </dd>
          <dt>Last updated</dt>
          <dd>
            <Timestamp value={appInstance?.LastUpdatedTimestamp} />
          </dd>
        </dl>
      </div>
      {appInstance && (
        <div className="card">
          <h3>Edit</h3>
          {/* Keyed by the update time so the form picks up the saved values after a save. */}
          <UpdateAppInstanceForm key={`${appInstance.LastUpdatedTimestamp ?? 0}`} appInstance={appInstance} />
        </div>
      )}
      <TagsPanel resourceArn={arn} resourceLabel="app instance" />
      <div className="card admin-danger-zone">
        <h3>Danger zone</h3>
        <p className="muted">Deleting the app instance deletes all its users, their endpoints, admins and bots.</p>
        <DeleteAppInstanceButton arn={arn} name={appInstance?.Name ?? arn} />
      </div>
    </section>
  );
}
