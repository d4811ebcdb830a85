import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { ENVIRONMENT_PROFILE } from '../../../../shared/aws/types';
import { needsSignIn } from './ssoSlice';
import { SsoSignInDialog } from './SsoSignInDialog';
import { ProfileSettingsDialog } from './ProfileSettingsDialog';

/**
 * Beside the identity badge, for an AWS profile: "Sign in with AWS SSO" when
 * its IAM Identity Center session is missing or expired, "Sign out" when it
 * has one, and "Profile settings" (where region, endpoint, proxy and CA come from).
 */
export function SsoControls() {
  const { profile, region, status, identityErrorCode } = useAppStore(
    useShallow((s) => ({
      profile: s.connection?.info.kind === 'profile' ? s.connection.info.profile : undefined,
      region: s.connection?.info.region,
      status: s.ssoStatus,
      identityErrorCode: s.identityError?.code,
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
  return (
    <div className="sso-controls">
      {needsSignIn(current) && (
        <button type="button" className="primary" onClick={() => void startSsoSignIn(profile)} title={current?.startUrl}>
          Sign in with AWS SSO
        </button>
      )}
      {current?.state === 'signed-in' && (
        <button type="button" onClick={() => void signOutSso(profile)} title={`Signed in to ${current.startUrl ?? 'IAM Identity Center'}`}>
          Sign out
        </button>
      )}
      <button type="button" onClick={() => void loadProfileSettings(profile, region)}>
        Profile settings
      </button>
      <SsoSignInDialog />
      <ProfileSettingsDialog />
    </div>
  );
}
