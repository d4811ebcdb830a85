import { useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { ENVIRONMENT_PROFILE } from '../../../../shared/aws/types';
import { needsSignIn } from './ssoSlice';
import { Timestamp } from '../../components/Timestamp';
import type { SsoStatus } from '../../../../shared/ipc/ssoContract';
import { SsoSignInDialog } from './SsoSignInDialog';
import { ProfileSettingsDialog } from './ProfileSettingsDialog';

/**
 * A thin bar under the header for an AWS profile: its IAM Identity Center
 * session ("Sign in with AWS SSO" when it is missing or expired, "Sign out"
 * when it has one) and "Profile settings" (where region, endpoint, proxy and
 * CA come from). Under the header rather than in it: the header is full at
 * 1024 px.
 */
export function ProfileBar() {
  const { profile, region, status, identityErrorCode } = useAppStore(
    useShallow((s) => ({
      profile: s.connection?.info.kind === 'profile' ? s.connection.info.profile : undefined,
      region: s.connection?.info.region,
      status: s.ssoStatus,
      identityErrorCode: s.identity?.error?.code,
    })),
  );
  const { loadSsoStatus, startSsoSignIn, signOutSso, loadProfileSettings } = useAppStore(
    useShallow((s) => ({
      loadSsoStatus: s.loadSsoStatus,
      startSsoSignIn: s.startSsoSignIn,
      signOutSso: s.signOutSso,
      loadProfileSettings: s.loadProfileSettings,
    })),
  );
  const usable = profile !== undefined && profile !== ENVIRONMENT_PROFILE;

  // Read again when the profile changes, and when a call says the SSO session is gone.
  useEffect(() => {
    if (usable) void loadSsoStatus(profile);
  }, [usable, profile, identityErrorCode, loadSsoStatus]);

  if (!usable) return null;
  const current = status?.key === profile ? status.value : undefined;
  const signIn = needsSignIn(current);
  return (
    <div className={signIn ? 'profile-bar profile-bar-attention' : 'profile-bar'}>
      <span className="profile-bar-text">{describeSession(profile, current)}</span>
      {signIn && (
        <button type="button" className="primary" onClick={() => void startSsoSignIn(profile)}>
          {current?.state === 'expired' ? 'Sign in again' : 'Sign in with AWS SSO'}
        </button>
      )}
      {current?.state === 'signed-in' && (
        <button type="button" onClick={() => void signOutSso(profile)}>
          Sign out
        </button>
      )}
      <button type="button" className="profile-bar-end" onClick={() => void loadProfileSettings(profile, region)}>
        Profile settings
      </button>
      <SsoSignInDialog />
      <ProfileSettingsDialog />
    </div>
  );
}

function describeSession(profile: string, status: SsoStatus | undefined): ReactNode {
  if (!status || status.state === 'none') return <>Profile {profile}</>;
  const where = status.startUrl ? ` (${status.startUrl})` : '';
  switch (status.state) {
    case 'signed-in':
      return (
        <>
          IAM Identity Center{where}: signed in until <Timestamp value={status.expiresAt ? Date.parse(status.expiresAt) : undefined} />
        </>
      );
    case 'expired':
      return status.refreshable
        ? `IAM Identity Center${where}: the session expired; it is refreshed on the next call`
        : `IAM Identity Center${where}: the session expired and cannot be refreshed.`;
    default:
      return `Profile ${profile} is not signed in to IAM Identity Center${where}.`;
  }
}
