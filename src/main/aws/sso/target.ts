/**
 * What an SSO profile signs in to: its `[sso-session NAME]` (start URL,
 * region, registration scopes; cache keyed by the session name) or, for a
 * legacy profile, its own `sso_start_url`/`sso_region` (cache keyed by the
 * URL). Follows `source_profile` to the SSO profile at the root of a role
 * chain, since that is where the sign-in happens.
 */
import { readSharedProfiles, type ProfileSourceOptions, type Section } from '../profiles';
import { ssoCacheFile } from './tokenCache';

export interface SsoTarget {
  /** The profile whose SSO settings are used (the chosen one, or the root of its source_profile chain). */
  readonly profile: string;
  readonly kind: 'sso-session' | 'legacy';
  readonly sessionName?: string;
  readonly startUrl: string;
  readonly region: string;
  /** Registration scopes (sso-session only; the CLI's default is sso:account:access). */
  readonly scopes: readonly string[];
  readonly cacheKey: string;
  readonly cacheFile: string;
}

export class SsoConfigError extends Error {
  constructor(
    message: string,
    readonly profile: string,
  ) {
    super(message);
    this.name = 'SsoConfigError';
  }
}

export const DEFAULT_SSO_SCOPES = ['sso:account:access'];

export async function resolveSsoTarget(
  profile: string,
  options: ProfileSourceOptions & { readonly homeDir?: string } = {},
): Promise<SsoTarget> {
  const shared = await readSharedProfiles(options);
  const seen = new Set<string>();
  let name: string | undefined = profile;
  let section: Section | undefined;
  while (name && !seen.has(name)) {
    seen.add(name);
    section = shared.profiles.get(name);
    if (!section) throw new SsoConfigError(`Profile "${name}" is not in ${shared.paths.configFile}.`, profile);
    if (section.sso_session || section.sso_start_url) break;
    name = section.source_profile;
  }
  if (!name || !section || !(section.sso_session || section.sso_start_url)) {
    throw new SsoConfigError(
      `Profile "${profile}" does not use IAM Identity Center (no sso_session or sso_start_url in it or its source_profile chain).`,
      profile,
    );
  }
  const homeDir = options.homeDir;
  if (section.sso_session) {
    const sessionName = section.sso_session;
    const session = shared.sessions.get(sessionName);
    if (!session)
      throw new SsoConfigError(
        `Profile "${name}" names sso_session = ${sessionName}, but ${shared.paths.configFile} has no [sso-session ${sessionName}].`,
        profile,
      );
    const startUrl = session.sso_start_url;
    const region = session.sso_region;
    if (!startUrl || !region) {
      const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean).join(' and ');
      throw new SsoConfigError(`[sso-session ${sessionName}] (used by profile "${name}") has no ${missing}.`, profile);
    }
    const scopes = session.sso_registration_scopes
      ? session.sso_registration_scopes
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : DEFAULT_SSO_SCOPES;
    return {
      profile: name,
      kind: 'sso-session',
      sessionName,
      startUrl,
      region,
      scopes,
      cacheKey: sessionName,
      cacheFile: ssoCacheFile(sessionName, homeDir),
    };
  }
  const startUrl = section.sso_start_url ?? '';
  const region = section.sso_region;
  if (!region) throw new SsoConfigError(`Profile "${name}" has sso_start_url but no sso_region.`, profile);
  return {
    profile: name,
    kind: 'legacy',
    startUrl,
    region,
    scopes: [],
    cacheKey: startUrl,
    cacheFile: ssoCacheFile(startUrl, homeDir),
  };
}

/**
 * Pages the sign-in may open in the system browser: Identity Center's device
 * page (`device.sso.<region>.amazonaws.com`), an `<id>.awsapps.com` portal,
 * the OIDC `/authorize` page (`oidc.<region>.amazonaws.com`, PKCE flow),
 * and, for sandbox profiles only, a loopback page of the sandbox.
 */
export function isAllowedVerificationUri(uri: string, options: { readonly allowLoopback?: boolean } = {}): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (options.allowLoopback && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    return true;
  if (url.protocol !== 'https:' || url.username || url.password || (url.port && url.port !== '443')) return false;
  if (/^oidc\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname)) return url.pathname === '/authorize';
  return (
    /^device\.sso\.[a-z0-9-]+\.amazonaws\.com$/.test(url.hostname) || /^[a-z0-9-]+\.awsapps\.com$/.test(url.hostname)
  );
}
