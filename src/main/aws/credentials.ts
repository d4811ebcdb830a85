/**
 * Credentials for one connection, resolved in main only with
 * @aws-sdk/credential-provider-ini's `fromIni`. Each connection gets ONE
 * provider, memoized until its credentials come near expiry: fromIni itself
 * caches nothing, so without the memo every SDK call would re-run assume-role
 * and ask for the MFA code again while the session is still valid.
 *
 * Failures leave as WorkbenchFailure (mapped with the profile name, so an SSO
 * problem names the exact `aws sso login --profile NAME` command).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fromIni, type FromIniInit } from '@aws-sdk/credential-provider-ini';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { WorkbenchCodes } from '../../shared/errors';
import { ENVIRONMENT_PROFILE } from '../../shared/aws/types';
import { runCredentialProcess } from './credentialProcess';
import { WorkbenchFailure } from '../../shared/errors';
import { ssoTokenExpired, toWorkbenchError } from './errors';
import type { MfaPrompt } from './mfaPrompt';
import { readSharedProfiles, sharedFilePaths, type ProfileSourceOptions, type Section, type SharedProfiles } from './profiles';

export type CredentialsProvider = AwsCredentialIdentityProvider;
export type RoleAssumer = NonNullable<FromIniInit['roleAssumer']>;

export interface CredentialsOptions extends ProfileSourceOptions {
  readonly profile: string;
  /** Region for the STS client that assumes roles (the connection's region). */
  readonly region?: string;
  /** Asked for a code when the profile has mfa_serial. Without it, MFA profiles fail clearly. */
  readonly mfaPrompt?: MfaPrompt;
  /** Test seam: replaces the SDK's STS AssumeRole call. */
  readonly roleAssumer?: RoleAssumer;
  /** Test seam: STS endpoint for the SDK's own role assumer (a loopback stand-in). */
  readonly stsEndpoint?: string;
  /** Refresh this long before expiry (default 5 minutes, as the SDK's own memo does). */
  readonly refreshWindowMs?: number;
  readonly now?: () => number;
  /** How long a credential_process may run (default CREDENTIAL_PROCESS_TIMEOUT_MS). */
  readonly processTimeoutMs?: number;
}

export function createCredentialsProvider(options: CredentialsOptions): CredentialsProvider {
  const now = options.now ?? Date.now;
  const resolve = options.profile === ENVIRONMENT_PROFILE ? fromEnvironment(options) : fromProfile(options, now);
  return memoizeCredentials(resolve, { now, refreshWindowMs: options.refreshWindowMs ?? 5 * 60_000 });
}

/**
 * Caches the last credentials until they are within `refreshWindowMs` of
 * expiry; credentials without an expiration are kept for the connection's
 * life. Concurrent callers share one resolution (one MFA prompt), and a failed
 * resolution (a cancelled prompt) is not cached, so the next call asks again.
 */
export function memoizeCredentials(
  provider: CredentialsProvider,
  { now, refreshWindowMs }: { now: () => number; refreshWindowMs: number },
): CredentialsProvider {
  let current: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || c.expiration.getTime() - now() > refreshWindowMs;
  return (properties) => {
    if (current && fresh(current)) return Promise.resolve(current);
    inFlight ??= provider(properties)
      .then((credentials) => (current = credentials))
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
}

function fromProfile(options: CredentialsOptions, now: () => number): CredentialsProvider {
  const { profile, mfaPrompt } = options;
  const paths = sharedFilePaths(options);
  // One init object per connection: fromIni stores its STS role assumer (and
  // that client) on it, so a new connection never reuses the old STS client.
  const init: FromIniInit = {
    profile,
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
    ...(mfaPrompt ? { mfaCodeProvider: (serial: string) => mfaPrompt(serial, profile) } : {}),
    ...(options.roleAssumer ? { roleAssumer: options.roleAssumer } : {}),
    clientConfig: { ...(options.region ? { region: options.region } : {}), ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}) },
    ...(options.region ? { parentClientConfig: { region: options.region } } : {}),
  };
  const provider = fromIni(init);
  return async (properties) => {
    try {
      const shared = await readSharedProfiles(options);
      await checkSsoTokens(shared, profile, options.homeDir ?? homedir(), now);
      const own = shared.profiles.get(profile);
      if (own && isProcessOnly(own)) return await runCredentialProcess(profile, own.credential_process ?? '', {
          ...(options.processTimeoutMs !== undefined ? { timeoutMs: options.processTimeoutMs } : {}),
        });
      return await provider(properties);
    } catch (thrown) {
      throw new WorkbenchFailure(toWorkbenchError(thrown, { profile }));
    }
  };
}

/** The pseudo-profile: the keys in the (injected) environment, as the SDK's fromEnv reads them. */
function fromEnvironment(options: CredentialsOptions): CredentialsProvider {
  const env = options.env ?? process.env;
  return async () => {
    const accessKeyId = env.AWS_ACCESS_KEY_ID;
    const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
    if (!accessKeyId || !secretAccessKey) {
      throw new WorkbenchFailure({
        code: WorkbenchCodes.CredentialsUnavailable,
        message: 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are no longer set.',
        retryable: false,
      });
    }
    const expiry = env.AWS_CREDENTIAL_EXPIRATION;
    return {
      accessKeyId,
      secretAccessKey,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      ...(expiry ? { expiration: new Date(expiry) } : {}),
    };
  };
}

/**
 * Checks the SSO token cache before fromIni does, for the profile and its
 * source_profile chain, because the SDK's own messages ("run aws sso login
 * with the corresponding profile") do not name the profile. An expired
 * sso-session token that carries a refresh token is left to the SDK, which
 * refreshes it.
 */
async function checkSsoTokens(shared: SharedProfiles, profile: string, home: string, now: () => number): Promise<void> {
  const seen = new Set<string>();
  for (let name: string | undefined = profile; name && !seen.has(name); name = shared.profiles.get(name)?.source_profile) {
    seen.add(name);
    const section = shared.profiles.get(name);
    if (section && isSsoOnly(section)) await checkSsoToken(name, section, home, now);
  }
}

/** The profile's own source is its credential_process (fromIni's order: role, keys, web identity, process). */
function isProcessOnly(s: Section): boolean {
  return Boolean(s.credential_process) && !s.role_arn && !s.aws_access_key_id && !s.aws_secret_access_key && !s.web_identity_token_file;
}

function isSsoOnly(s: Section): boolean {
  const other = s.role_arn || s.aws_access_key_id || s.web_identity_token_file || s.credential_process;
  return !other && Boolean(s.sso_session || s.sso_start_url);
}

interface CachedToken {
  accessToken?: string;
  expiresAt?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
}

async function checkSsoToken(profile: string, section: Section, home: string, now: () => number): Promise<void> {
  // The cache file is named by the SHA-1 of the session name (sso-session) or
  // of the start URL (legacy), as the AWS CLI writes it.
  const id = section.sso_session ?? section.sso_start_url ?? '';
  const file = join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(id).digest('hex')}.json`);
  let token: CachedToken;
  try {
    token = JSON.parse(await readFile(file, 'utf8')) as CachedToken;
  } catch {
    throw new WorkbenchFailure(ssoTokenExpired(profile, `Profile "${profile}" has no SSO session yet.`));
  }
  const expiresAt = token.expiresAt ? Date.parse(token.expiresAt) : NaN;
  const expired = !token.accessToken || !(expiresAt > now());
  const refreshable = Boolean(section.sso_session && token.refreshToken && token.clientId && token.clientSecret);
  if (expired && !refreshable) {
    throw new WorkbenchFailure(ssoTokenExpired(profile, `The SSO session of profile "${profile}" has expired.`));
  }
}
