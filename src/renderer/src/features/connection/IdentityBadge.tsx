import { useAppStore } from '../../store';

/** "Who am I": account and ARN of the chosen connection (STS GetCallerIdentity in main). */
export function IdentityBadge() {
  const identity = useAppStore((s) => s.identity?.value);
  const error = useAppStore((s) => s.identity?.error);
  const loadIdentity = useAppStore((s) => s.loadIdentity);
  const kind = useAppStore((s) => s.connection?.info.kind);

  if (error) {
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
    <span className="badge badge-identity" title={identity.arn} aria-label={`Signed in as ${identity.arn}`}>
      {kind === 'sandbox' ? 'Sandbox' : 'Account'} {identity.account} · {shortArn(identity.arn)}
    </span>
  );
}

function shortArn(arn: string): string {
  const resource = arn.split(':').slice(5).join(':');
  return resource.length > 28 ? `…${resource.slice(-28)}` : resource;
}
