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
import { getDefaultRoleAssumer, getDefaultRoleAssumerWithWebIdentity } from '@aws-sdk/client-sts';
import { fromIni, type FromIniInit } from '@aws-sdk/credential-provider-ini';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { WorkbenchCodes } from '../../shared/errors';
import { ENVIRONMENT_PROFILE } from '../../shared/aws/types';
import { runCredentialProcess } from './credentialProcess';
import { WorkbenchFailure } from '../../shared/errors';
import { ssoTokenExpired, toWorkbenchError } from './errors';
import type { MfaPrompt } from './mfaPrompt';
import { ConfigSettingError, resolveClientConfig, type ProxyResolver } from './config';
import { resolveSsoTarget } from './sso/target';
import { createSsoCredentialsProvider } from './sso/credentials';
import { readSharedProfiles, sharedFilePaths, type ProfileSourceOptions, type Section, type SharedProfiles } from './profiles';

/** `destroy` (profiles) closes the sockets of the STS and SSO clients the chain built. */
export type CredentialsProvider = AwsCredentialIdentityProvider & { destroy?(): void };
export type RoleAssumer = NonNullable<FromIniInit['roleAssumer']>;

export interface CredentialsOptions extends ProfileSourceOptions {
  readonly profile: string;
  /** Region for the STS client that assumes roles (the connection's region). */
  readonly region?: string;
  /** Asked for a code when the profile has mfa_serial. Without it, MFA profiles fail clearly. */
  readonly mfaPrompt?: MfaPrompt;
  /** Test seam: replaces the SDK's STS AssumeRole call. */
  readonly roleAssumer?: RoleAssumer;
  /** STS endpoint for the role assumers, over the profile's own (tests: a loopback stand-in). */
  readonly stsEndpoint?: string;
  /** Refresh this long before expiry (default 5 minutes, as the SDK's own memo does). */
  readonly refreshWindowMs?: number;
  readonly now?: () => number;
  /** The OS proxy settings for the chain's STS and SSO calls (default: the proxy environment variables). */
  readonly proxyForUrl?: ProxyResolver;
  /** How long a credential_process may run (default CREDENTIAL_PROCESS_TIMEOUT_MS). */
  readonly processTimeoutMs?: number;
  /** Told each time new credentials were resolved (first use and every refresh), with when they expire. */
  readonly onResolved?: (expiration: Date | undefined) => void;
}

export function createCredentialsProvider(options: CredentialsOptions): CredentialsProvider {
  const now = options.now ?? Date.now;
  const resolve = options.profile === ENVIRONMENT_PROFILE ? fromEnvironment(options) : fromProfile(options, now);
  const memo = memoizeCredentials(resolve, {
    now,
    refreshWindowMs: options.refreshWindowMs ?? 5 * 60_000,
    ...(options.onResolved ? { onResolved: options.onResolved } : {}),
  });
  return resolve.destroy ? Object.assign(memo, { destroy: resolve.destroy }) : memo;
}

/**
 * Caches the last credentials until they are within `refreshWindowMs` of
 * expiry; credentials without an expiration are kept for the connection's
 * life. Concurrent callers share one resolution (one MFA prompt), and a failed
 * resolution (a cancelled prompt) is not cached, so the next call asks again.
 */
export function memoizeCredentials(
  provider: CredentialsProvider,
  {
    now,
    refreshWindowMs,
    onResolved,
  }: { now: () => number; refreshWindowMs: number; onResolved?: (expiration: Date | undefined) => void },
): CredentialsProvider {
  let current: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || c.expiration.getTime() - now() > refreshWindowMs;
  return (properties) => {
    if (current && fresh(current)) return Promise.resolve(current);
    inFlight ??= provider(properties)
      .then((credentials) => {
        current = credentials;
        onResolved?.(credentials.expiration);
        return credentials;
      })
      .finally(() => (inFlight = undefined));
    return inFlight;
  };
}

function fromProfile(options: CredentialsOptions, now: () => number): CredentialsProvider {
  const { profile } = options;
  // One fromIni per connection, built on first use with the profile's client
  // settings: fromIni stores its STS role assumer (and that client) on its
  // init object, so a new connection never reuses the old STS client.
  let built: Promise<ProfileChain> | undefined;
  const provider: CredentialsProvider = async (properties) => {
    try {
      const shared = await readSharedProfiles(options);
      await checkSsoTokens(shared, profile, options.homeDir ?? homedir(), now);
      const own = shared.profiles.get(profile);
      if (own && isProcessOnly(own)) return await runCredentialProcess(profile, own.credential_process ?? '', {
          ...(options.processTimeoutMs !== undefined ? { timeoutMs: options.processTimeoutMs } : {}),
        });
      built ??= own && isSsoOnly(own) ? ssoChain(options) : profileChain(options);
      const chain = await built.catch((thrown: unknown) => {
        built = undefined; // a fixed config file is read again on the next call
        throw thrown;
      });
      return await chain.provider(properties);
    } catch (thrown) {
      if (thrown instanceof ConfigSettingError) {
        // The profile's settings (missing profile, malformed value) keep credentials from resolving.
        throw new WorkbenchFailure({ code: WorkbenchCodes.CredentialsUnavailable, message: thrown.message, retryable: false });
      }
      throw new WorkbenchFailure(toWorkbenchError(thrown, { profile }));
    }
  };
  return Object.assign(provider, {
    destroy: () => void built?.then((chain) => chain.destroy(), () => undefined),
  });
}

/**
 * An SSO profile: fromSSO with the files named, since fromIni hands its SSO
 * link neither the config path nor the injected environment (it would read
 * ~/.aws/config or AWS_CONFIG_FILE of the process, not the profile source).
 */
async function ssoChain(options: CredentialsOptions): Promise<ProfileChain> {
  const sso = await createSsoCredentialsProvider({
    profile: options.profile,
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
  });
  return sso;
}

interface ProfileChain {
  readonly provider: CredentialsProvider;
  destroy(): void;
}

/**
 * fromIni with the STS and SSO clients it builds configured for THIS profile
 * (endpoint_url, services section, proxy, CA bundle, retries): given no
 * `clientConfig`, the SDK would take those from AWS_PROFILE/default (see
 * config/settings.ts). fromIni has one `clientConfig` for both STS and SSO,
 * so STS gets its own role assumers and `clientConfig` is the SSO portal's
 * (in the SSO region, as fromSSO expects; its token refresh uses it too).
 */
async function profileChain(options: CredentialsOptions): Promise<ProfileChain> {
  const { profile, mfaPrompt } = options;
  const paths = sharedFilePaths(options);
  const source = {
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
  };
  const sts = await resolveClientConfig(profile, 'sts', {
    ...source,
    ...(options.region ? { regionOverride: options.region } : {}),
    ...(options.stsEndpoint ? { endpointOverride: options.stsEndpoint } : {}),
  });
  const ssoRegion = await resolveSsoTarget(profile, source).then(
    (target) => target.region,
    () => undefined, // not an SSO chain: no SSO client is built
  );
  const sso = ssoRegion ? await resolveClientConfig(profile, 'sso', { ...source, regionOverride: ssoRegion }) : undefined;
  // The SDK's role assumers spread their options into the STSClient, so endpoint and handler reach it.
  const stsOptions = { ...sts.config } as Parameters<typeof getDefaultRoleAssumer>[0];
  const init: FromIniInit = {
    profile,
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
    ...(mfaPrompt ? { mfaCodeProvider: (serial: string) => mfaPrompt(serial, profile) } : {}),
    roleAssumer: options.roleAssumer ?? getDefaultRoleAssumer(stsOptions),
    roleAssumerWithWebIdentity: getDefaultRoleAssumerWithWebIdentity(stsOptions),
    ...(sso ? { clientConfig: { ...sso.config } } : {}),
    parentClientConfig: { region: sts.config.region },
  };
  return {
    provider: fromIni(init),
    destroy: () => {
      sts.destroy();
      sso?.destroy();
    },
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
