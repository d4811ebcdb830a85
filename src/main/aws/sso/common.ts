/**
 * What the SSO sign-in flows share: options and events, the OIDC client built
 * from the profile's settings, the session status, and failures as
 * WorkbenchFailure messages that name the profile and never carry a token.
 */
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { WorkbenchCodes, type WorkbenchError } from '../../../shared/errors';
import { WorkbenchFailure } from '../../../shared/errors';
import { resolveClientConfig, type ClientConfigResolution, type ProxyResolver } from '../config';
import type { ProfileSourceOptions } from '../profiles';
import { resolveSsoTarget, SsoConfigError, type SsoTarget } from './target';
import { readSsoToken, tokenInfo, type CachedTokenInfo } from './tokenCache';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const REFRESH_GRANT = 'refresh_token';
export const CLIENT_NAME = 'chime-endpoint-workbench';

export type SsoSignInEvent =
  | { readonly type: 'registered'; readonly reused: boolean }
  | {
      readonly type: 'verification';
      /** Open this in the system browser (check it with isAllowedVerificationUri first). */
      readonly verificationUriComplete: string;
      readonly verificationUri: string;
      /** Show this: the person compares it with the one on the page. */
      readonly userCode: string;
      readonly expiresAt: string;
    }
  /** Authorization-code flow: the page opened in the browser (its `state` and PKCE challenge are not secrets). */
  | { readonly type: 'authorize'; readonly url: string }
  | { readonly type: 'waiting'; readonly intervalSeconds: number; readonly polls: number }
  | { readonly type: 'slow-down'; readonly intervalSeconds: number }
  | { readonly type: 'signed-in'; readonly expiresAt: string };

export interface SsoOptions extends ProfileSourceOptions {
  readonly profile: string;
  /** Folder holding `.aws/sso/cache` (default: the OS home, where the CLI looks). */
  readonly homeDir?: string;
  /** The sandbox URL for sandbox profiles (both OIDC and the portal). */
  readonly endpointOverride?: string;
  readonly proxyForUrl?: ProxyResolver;
  readonly now?: () => number;
}

export interface SignInOptions extends SsoOptions {
  readonly onEvent?: (event: SsoSignInEvent) => void;
  /** Opens the verification page (shell.openExternal in the app). A failure is reported, not fatal: the user can type the URL. */
  readonly openBrowser?: (url: string) => void | Promise<void>;
  readonly signal?: AbortSignal;
  /** Test seam: waits `ms` (default: a timer that the signal cancels). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SsoSessionInfo extends CachedTokenInfo {
  readonly profile: string;
  readonly kind: SsoTarget['kind'];
  readonly sessionName?: string;
  readonly region: string;
}

export async function status(target: SsoTarget, now: () => number): Promise<SsoSessionInfo> {
  const info = tokenInfo(target.cacheFile, await readSsoToken(target.cacheFile), now());
  return {
    ...info,
    profile: target.profile,
    kind: target.kind,
    region: target.region,
    ...(target.sessionName ? { sessionName: target.sessionName } : {}),
  };
}

export async function targetOf(options: SsoOptions): Promise<SsoTarget> {
  try {
    return await resolveSsoTarget(options.profile, options);
  } catch (thrown) {
    if (thrown instanceof SsoConfigError) throw failure(WorkbenchCodes.InvalidInput, thrown.message);
    throw thrown;
  }
}

export function configOptions(options: SsoOptions, target: SsoTarget) {
  return {
    ...(options.env ? { env: options.env } : {}),
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    ...(options.endpointOverride ? { endpointOverride: options.endpointOverride } : {}),
    ...(options.proxyForUrl ? { proxyForUrl: options.proxyForUrl } : {}),
    regionOverride: target.region,
  };
}

export type Explain = ClientConfigResolution['explainFailure'];

export async function withOidc<T>(
  options: SsoOptions,
  target: SsoTarget,
  run: (oidc: SSOOIDCClient, explain: Explain) => Promise<T>,
): Promise<T> {
  const resolution = await resolveClientConfig(options.profile, 'ssoOidc', configOptions(options, target)).catch(
    (thrown: unknown) => {
      throw failure(WorkbenchCodes.InvalidInput, thrown instanceof Error ? thrown.message : String(thrown));
    },
  );
  const oidc = new SSOOIDCClient({ ...resolution.config });
  try {
    return await run(oidc, resolution.explainFailure);
  } finally {
    oidc.destroy();
    resolution.destroy();
  }
}

export interface Registration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: string;
  readonly reused: boolean;
}

export function mapped(thrown: unknown, explain: Explain, target: SsoTarget, step: string): WorkbenchFailure {
  if (thrown instanceof WorkbenchFailure) return thrown;
  const transport = explain(thrown);
  if (transport) return new WorkbenchFailure(transport);
  const err = thrown as { name?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  const status = err.$metadata?.httpStatusCode;
  return new WorkbenchFailure({
    code: err.name && err.name !== 'Error' ? err.name : WorkbenchCodes.Internal,
    // The SDK's message of an OIDC error is the service's error_description: no token in it.
    message: `SSO ${step} for profile "${target.profile}" failed at ${target.startUrl} (${err.name ?? 'error'}${status ? `, HTTP ${status}` : ''}).`,
    retryable: status !== undefined && status >= 500,
    ...(status !== undefined ? { httpStatus: status } : {}),
    ...(err.$metadata?.requestId ? { requestId: err.$metadata.requestId } : {}),
  });
}

export function failure(code: string, message: string): WorkbenchFailure {
  const error: WorkbenchError = { code, message, retryable: false };
  return new WorkbenchFailure(error);
}

export function cancelled(target: SsoTarget): WorkbenchFailure {
  return failure(WorkbenchCodes.Cancelled, `Sign-in for profile "${target.profile}" was cancelled.`);
}

export function expiredCode(target: SsoTarget): WorkbenchFailure {
  return failure(
    WorkbenchCodes.SsoTokenExpired,
    `The sign-in code for profile "${target.profile}" expired before it was approved. Sign in again.`,
  );
}

export function signInAgain(target: SsoTarget, detail: string): WorkbenchFailure {
  return failure(WorkbenchCodes.SsoTokenExpired, `${detail} Sign in again.`);
}
