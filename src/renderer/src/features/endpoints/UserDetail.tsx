import { useEffect, useState, type ReactNode } from 'react';
import { useAppStore } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { StaleMark } from '../../components/StaleMark';
import { SHORTCUT_EVENTS } from '../../session/useGlobalShortcuts';
import { RegisterEndpointDialog } from '../registration/RegisterEndpointDialog';
import { EndpointsTable, type EndpointsTableProps } from './EndpointsTable';
import { UserInfo } from './UserInfo';
import { UserWatchSwitch } from '../watch/UserWatchSwitch';
import { EndpointWatchCell } from '../watch/EndpointWatchCell';
import { DoctorRegion } from '../doctor/DoctorRegion';
import { SendTestPushButton } from '../push/SendTestPushButton';
import { SimulatedDevicesButton, SimulatedDevicesPanel } from '../devices/SimulatedDevicesPanel';

const watchCell: NonNullable<EndpointsTableProps['rowExtra']> = (endpoint) => <EndpointWatchCell endpoint={endpoint} />;

export interface UserDetailProps extends EndpointsTableProps {
  /** Controls that act on the whole user (e.g. the "Watch" switch), shown in the user card's header. */
  readonly watchSlot?: ReactNode;
}

/**
 * The selected user and its endpoints; Ctrl/Cmd+R refreshes both, Ctrl/Cmd+N opens "Register endpoint".
 * By default the header carries the "Watch" switch and each row its watch switch and "Timeline".
 */
export function UserDetail({
  watchSlot = <UserWatchSwitch />,
  extraColumn = 'Watch',
  rowExtra = watchCell,
}: UserDetailProps) {
  const userArn = useAppStore((s) => s.selectedUserArn);
  const userName = useAppStore((s) => s.userDetail?.value?.Name);
  const busy = useAppStore((s) => Boolean(s.userDetail?.loading) || s.endpoints.loading);
  const userError = useAppStore((s) => s.userDetail?.error);
  const endpointsError = useAppStore((s) => s.endpoints.error);
  const userReadAt = useAppStore((s) => s.userDetail?.at);
  const listedAt = useAppStore((s) => s.endpoints.at);
  const retry = () => void useAppStore.getState().refreshUserDetail();
  // One error per failed action: when a refresh fails for both the user and its endpoints
  // (a 503, say), one message under the user card says so; otherwise each beside its card.
  const bothFailed = Boolean(userError && endpointsError);
  const [registering, setRegistering] = useState(false);

  useEffect(() => {
    void useAppStore.getState().loadUserDetail();
  }, [userArn]);

  useEffect(() => {
    if (!userArn) return;
    const refresh = () => void useAppStore.getState().refreshUserDetail();
    const register = () => setRegistering(true);
    window.addEventListener(SHORTCUT_EVENTS.refresh, refresh);
    window.addEventListener(SHORTCUT_EVENTS.register, register);
    return () => {
      window.removeEventListener(SHORTCUT_EVENTS.refresh, refresh);
      window.removeEventListener(SHORTCUT_EVENTS.register, register);
    };
  }, [userArn]);

  if (!userArn) {
    return (
      <EmptyState title="No user selected">
        Choose a user from the list to see their details and push endpoints.
      </EmptyState>
    );
  }
  return (
    <div className="user-detail">
      <section className="card" aria-label="User">
        <div className="card-header">
          <h2>{userName || 'User'}</h2>
          <span className="spacer" />
          {watchSlot}
          <SendTestPushButton />
          <button
            type="button"
            onClick={() => void useAppStore.getState().refreshUserDetail()}
            disabled={busy}
            title="Refresh (Ctrl+R)"
          >
            Refresh
          </button>
        </div>
        {userError && (
          <ErrorMessage
            error={userError}
            onRetry={retry}
            lead={
              bothFailed
                ? userReadAt !== undefined || listedAt !== undefined
                  ? 'Could not refresh this user and its endpoints; what was read before is shown, marked “as of”.'
                  : 'Could not read this user or its endpoints.'
                : userReadAt !== undefined
                  ? 'Could not refresh this user’s details; the ones shown are marked “as of”.'
                  : 'Could not read this user’s details.'
            }
          />
        )}
        <UserInfo />
        {userError && <StaleMark at={userReadAt} what="details" />}
      </section>
      <section className="card" aria-label="Endpoints">
        <div className="card-header">
          <h3>Endpoints</h3>
          <span className="spacer" />
          <SimulatedDevicesButton />
          <button
            type="button"
            className="primary"
            onClick={() => setRegistering(true)}
            title="Register endpoint (Ctrl+N)"
          >
            Register endpoint
          </button>
        </div>
        {endpointsError && !bothFailed && (
          <ErrorMessage
            error={endpointsError}
            onRetry={retry}
            lead={
              listedAt !== undefined
                ? 'Could not refresh the endpoints; the rows shown are marked “as of”.'
                : 'Could not list the endpoints.'
            }
          />
        )}
        <EndpointsTable extraColumn={extraColumn} rowExtra={rowExtra} />
      </section>
      <DoctorRegion />
      <SimulatedDevicesPanel />
      {registering && <RegisterEndpointDialog onClose={() => setRegistering(false)} />}
    </div>
  );
}
