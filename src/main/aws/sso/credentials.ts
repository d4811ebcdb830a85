/**
 * Role credentials for an SSO profile through the SDK's own `fromSSO` (which
 * reads the CLI's token cache, refreshes an sso-session token below 5 minutes
 * and calls the portal's GetRoleCredentials), with the portal and OIDC clients
 * built from resolveClientConfig for the profile: `fromSSO` alone would build
 * them from AWS_PROFILE/default's endpoint settings (see config/settings.ts).
 *
 * `fromSSO` reads the cache under the process's home folder (HOME), as the
 * CLI does; there is no per-call home.
 */
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { resolveClientConfig } from '../config';
import { sharedFilePaths } from '../profiles';
import type { SsoOptions } from './common';
import { resolveSsoTarget } from './target';

export interface SsoCredentials {
  readonly provider: AwsCredentialIdentityProvider;
  destroy(): void;
}

export async function createSsoCredentialsProvider(options: SsoOptions): Promise<SsoCredentials> {
  const target = await resolveSsoTarget(options.profile, options);
  const resolution = await resolveClientConfig(options.profile, 'sso', {
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    ...(options.endpointOverride ? { endpointOverride: options.endpointOverride } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
    regionOverride: target.region,
  });
  const paths = sharedFilePaths(options);
  const provider = fromSSO({
    profile: target.profile,
    filepath: paths.credentialsFile,
    configFilepath: paths.configFile,
    ignoreCache: true,
    clientConfig: { ...resolution.config },
  });
  return { provider, destroy: resolution.destroy };
}
