import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../../store';
import { NONE } from '../../../store/resource';
import { selectAppInstance } from '../../../session/sessionActions';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { EmptyState } from '../../../components/EmptyState';
import { CreateAppInstanceForm } from './CreateAppInstanceForm';
import { ListCardHeader } from '../ListCardHeader';

/**
 * Every AppInstance of the connection (ListAppInstances, paged through main's
 * paginator by the appInstances slice) and the form to create one.
 */
export function AppInstancesSection() {
  const { appInstances, loading, error, selected, reload } = useAppStore(
    useShallow((s) => ({
      appInstances: s.appInstances?.value ?? NONE,
      loading: s.appInstances?.loading ?? false,
      error: s.appInstances?.error,
      selected: s.selectedAppInstanceArn,
      reload: s.loadAppInstances,
    })),
  );
  return (
    <section className="admin-section" aria-labelledby="admin-app-instances-title">
      <div className="card">
        <ListCardHeader
          title="App instances"
          titleId="admin-app-instances-title"
          loading={loading}
          countText={`${appInstances.length} in this region`}
          refreshLabel="Refresh list"
          onRefresh={() => void reload()}
        />
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
