import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../../store';
import { selectAppInstance } from '../../session/sessionActions';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { EmptyState } from '../../../components/EmptyState';
import { CreateAppInstanceForm } from './CreateAppInstanceForm';

/**
 * Every AppInstance of the connection (ListAppInstances, paged through main's
 * paginator by the appInstances slice) and the form to create one.
 */
export function AppInstancesSection() {
  const { appInstances, loading, error, selected, reload } = useAppStore(
    useShallow((s) => ({
      appInstances: s.appInstances,
      loading: s.appInstancesLoading,
      error: s.appInstancesError,
      selected: s.selectedAppInstanceArn,
      reload: s.loadAppInstances,
    })),
  );
  return (
    <section className="admin-section" aria-labelledby="admin-app-instances-title">
      <div className="card">
        <div className="card-header">
          <h3 id="admin-app-instances-title">App instances</h3>
          <span className="muted">{loading ? 'Loading…' : `${appInstances.length} in this region`}</span>
          <span className="spacer" />
          <button type="button" className="small" onClick={() => void reload()} disabled={loading}>
            Refresh list
          </button>
        </div>
        {error && <ErrorMessage error={error} onRetry={() => void reload()} />}
        {appInstances.length === 0 && !loading && !error ? (
          <EmptyState title="No app instances yet">Create one below to start adding users and endpoints.</EmptyState>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>ARN</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {appInstances.map((a) => (
                <tr key={a.AppInstanceArn}>
                  <td>{a.Name}</td>
                  <td className="mono">{a.AppInstanceArn}</td>
                  <td>
                    {a.AppInstanceArn === selected ? (
                      <span className="badge">Selected</span>
                    ) : (
                      <button type="button" className="small" onClick={() => void selectAppInstance(a.AppInstanceArn)} aria-label={`Select ${a.Name ?? a.AppInstanceArn}`}>
                        Select
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <CreateAppInstanceForm />
    </section>
  );
}
