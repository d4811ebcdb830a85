import { useCallback } from 'react';
import { useAppStore } from '../../store';
import { CredentialsExpiry } from './CredentialsExpiry';

/**
 * "Who am I": account and ARN of the chosen connection (STS GetCallerIdentity
 * in main), and when its credentials expire. When the SSO session behind them
 * is gone, "Sign in again" starts the sign-in in place: nothing else on the
 * screen is reset.
 */
export function IdentityBadge() {
  const identity = useAppStore((s) => s.identity?.value);
  const error = useAppStore((s) => s.identity?.error);
  const loading = useAppStore((s) => s.identity?.loading ?? false);
  const loadIdentity = useAppStore((s) => s.loadIdentity);
  const startSsoSignIn = useAppStore((s) => s.startSsoSignIn);
  const kind = useAppStore((s) => s.connection?.info.kind);
  const profile = useAppStore((s) => (s.connection?.info.kind === 'profile' ? s.connection.info.profile : undefined));
  // A new role session of an MFA profile needs a code: asked when the user next calls, not by a timer.
  const needsMfa = useAppStore((s) => s.profiles.value?.find((p) => p.name === profile)?.kind === 'assume-role-mfa');
  // Expired credentials: ask again with the old answer shown; main refreshes them or says why not.
  const expired = useCallback(() => void loadIdentity({ keepShown: true }), [loadIdentity]);

  if (error) {
    if (error.code === 'SsoTokenExpired' && profile) {
      return (
        <button type="button" className="badge badge-error" onClick={() => void startSsoSignIn(profile)} title={error.message}>
          Sign in again
        </button>
      );
    }
    return (
      <button type="button" className="badge badge-error" onClick={() => void loadIdentity()} title={error.message}>
        {error.code === 'SsoTokenExpired' ? 'SSO login needed' : 'Identity unknown'} · retry
      </button>
    );
  }
  if (!identity) {
    return (
      <button type="button" className="badge" onClick={() => void loadIdentity()}>
        Who am I?
      </button>
    );
  }
  return (
    <span className="badge badge-identity" title={identity.arn}>
      <span aria-label={`Signed in as ${identity.arn}`}>
        {kind === 'sandbox' ? 'Sandbox' : 'Account'} {identity.account} · {shortArn(identity.arn)}
      </span>
      {identity.expiresAt && (
        <CredentialsExpiry expiresAt={identity.expiresAt} refreshing={loading} {...(needsMfa ? {} : { onExpired: expired })} />
      )}
    </span>
  );
}

function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.length > 28 ? `…${resource.slice(-28)}` : resource;
}
