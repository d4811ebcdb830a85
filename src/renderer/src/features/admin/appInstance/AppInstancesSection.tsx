import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../../store';
import { NONE } from '../../../store/resource';
import { selectAppInstance } from '../../../session/sessionActions';
import { EmptyState } from '../../../components/EmptyState';
import { CreateAppInstanceForm } from './CreateAppInstanceForm';
import { ListCard } from '../ListCard';

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
      <ListCard
        title="App instances"
        titleId="admin-app-instances-title"
        loading={loading}
        countText={`${appInstances.length} in this region`}
        refreshLabel="Refresh list"
        onRefresh={() => void reload()}
        error={error}
        count={appInstances.length}
        empty={
          <EmptyState title="No app instances yet">Create one below to start adding users and endpoints.</EmptyState>
        }
      >
        {appInstances.map((a) => (
          <tr key={a.AppInstanceArn}>
            <td>{a.Name}</td>
            <td className="mono">{a.AppInstanceArn}</td>
            <td>
              {a.AppInstanceArn === selected ? (
                <span className="badge">Selected</span>
              ) : (
                <button
                  type="button"
                  className="small"
                  onClick={() => void selectAppInstance(a.AppInstanceArn)}
                  aria-label={`Select ${a.Name ?? a.AppInstanceArn}`}
                >
                  Select
                </button>
              )}
            </td>
          </tr>
        ))}
      </ListCard>
      <CreateAppInstanceForm />
    </section>
  );
}
