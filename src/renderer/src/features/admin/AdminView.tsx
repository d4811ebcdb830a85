import { useAppStore } from '../../store';
import { AppInstancesSection } from './appInstance/AppInstancesSection';
import { SelectedAppInstance } from './SelectedAppInstance';

/**
 * "Manage app instance": every Chime SDK Identity operation besides the
 * endpoint ones. Without a selected AppInstance only the list and its create
 * form make sense; with one, its areas are tabs so that each screen shows a
 * single form per field name.
 */
export function AdminView() {
  const arn = useAppStore((s) => s.selectedAppInstanceArn);
  if (!arn) {
    return (
      <div className="admin-view">
        <AppInstancesSection />
      </div>
    );
  }
  // Keyed by ARN: choosing or creating another AppInstance starts on its overview.
  return <SelectedAppInstance key={arn} arn={arn} />;
}
