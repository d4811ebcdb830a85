import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { NONE } from '../../store/resource';
import { changeConnection } from '../../session/sessionActions';
import type { Connection } from '../../../../shared/workspace/workspace';
import { DEFAULT_REGION } from '../../../../shared/aws/regions';

const SANDBOX_VALUE = 'sandbox';
const PROFILE_PREFIX = 'profile:';

export function connectionValue(info: { kind: string; profile?: string } | undefined): string {
  if (!info || info.kind === 'sandbox') return SANDBOX_VALUE;
  return `${PROFILE_PREFIX}${info.profile ?? ''}`;
}

function parseValue(value: string): Connection {
  return value.startsWith(PROFILE_PREFIX) ? { kind: 'profile', profile: value.slice(PROFILE_PREFIX.length) } : { kind: 'sandbox' };
}

export function ConnectionPicker() {
  const id = useId();
  const { profiles, info, status } = useAppStore(
    useShallow((s) => ({ profiles: s.profiles.value ?? NONE, info: s.connection?.info, status: s.connection?.status })),
  );

  const onChange = (value: string) => {
    const connection = parseValue(value);
    const profile = connection.kind === 'profile' ? profiles.find((p) => p.name === connection.profile) : undefined;
    const region = profile?.region ?? info?.region ?? DEFAULT_REGION;
    void changeConnection(connection, region);
  };

  return (
    <div className="field-inline">
      <label htmlFor={id}>Connection</label>
      <select id={id} value={connectionValue(info)} onChange={(e) => onChange(e.target.value)} disabled={status === 'connecting'}>
        <option value={SANDBOX_VALUE}>Local sandbox</option>
        {profiles.map((p) => (
          <option key={p.name} value={`${PROFILE_PREFIX}${p.name}`} disabled={Boolean(p.problem)} title={p.problem ?? describeKind(p.kind)}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function describeKind(kind: string): string {
  switch (kind) {
    case 'static':
      return 'Access keys';
    case 'assume-role':
      return 'Assumes a role';
    case 'assume-role-mfa':
      return 'Assumes a role with MFA';
    case 'sso':
      return 'IAM Identity Center (SSO)';
    case 'credential-process':
      return 'credential_process';
    case 'environment':
      return 'Environment variables';
    default:
      return kind;
  }
}
