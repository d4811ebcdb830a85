/**
 * What main tells the renderer about AWS profiles, connections and calls.
 * These values cross IPC, so they carry names, ARNs, regions and URLs only:
 * never an access key, secret, session token or SSO token (a unit test
 * serializes them from profiles full of secrets and looks for the secrets).
 */
import type { WorkbenchError } from '../errors';
import type { OperationName } from '../chime/operations';

export type ProfileKind =
  | 'static'
  | 'assume-role'
  | 'assume-role-mfa'
  | 'sso'
  | 'credential-process'
  | 'web-identity'
  | 'environment'
  | 'unknown';

/** The pseudo-profile standing for credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. */
export const ENVIRONMENT_PROFILE = '(environment)';

export interface ProfileSummary {
  readonly name: string;
  readonly kind: ProfileKind;
  /** The profile's `region`, else AWS_REGION / AWS_DEFAULT_REGION. */
  readonly region?: string;
  readonly roleArn?: string;
  readonly mfaSerial?: string;
  readonly sourceProfile?: string;
  readonly credentialSource?: string;
  readonly ssoSession?: string;
  readonly ssoStartUrl?: string;
  readonly ssoAccountId?: string;
  readonly ssoRoleName?: string;
  readonly isDefault: boolean;
  /** Why this profile cannot be used as it stands (incomplete or unrecognised). */
  readonly problem?: string;
}

export interface ProfileList {
  readonly profiles: readonly ProfileSummary[];
  /** The profile the AWS CLI would use: AWS_PROFILE, else the environment keys, else `default`. */
  readonly defaultProfile?: string;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** File-level problems, e.g. AWS_PROFILE naming a profile that does not exist. */
  readonly problems: readonly string[];
}

export type Connection =
  | { readonly kind: 'sandbox'; readonly region?: string }
  | { readonly kind: 'profile'; readonly profile: string; readonly region: string };

/** A connection as the UI and the activity log describe it. */
export interface ConnectionInfo {
  readonly kind: 'sandbox' | 'profile';
  readonly profile?: string;
  readonly region: string;
  readonly endpointUrl?: string;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
  /**
   * ISO 8601, when the credentials that made the call expire (temporary
   * credentials: roles, SSO, web identity, a process that says so); absent for
   * long-term keys. A time, not a secret.
   */
  readonly expiresAt?: string;
}

/** The services calls are logged for besides Chime SDK Identity (the entry's `service` is absent for Identity). */
export type ActivityService = 'messaging' | 'pinpoint' | 'iam';

export interface ActivityEntry {
  readonly id: number;
  readonly operation: OperationName | string;
  readonly service?: ActivityService;
  /** ISO 8601. */
  readonly startedAt: string;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly attempts: number;
  /** Device tokens shortened to their first and last four characters. */
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: WorkbenchError;
  readonly connection: ConnectionInfo;
  /** Set for calls the app makes by itself (the endpoint watcher's polls), so the log can hide them. */
  readonly source?: 'watch';
}

/** Asked of the user through the renderer's MFA dialog. */
export interface MfaRequest {
  readonly requestId: string;
  readonly profile: string;
  readonly mfaSerial: string;
}
