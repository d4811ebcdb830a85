/**
 * IAM Identity Center sign-in from main, without a terminal: the OAuth device
 * authorization flow `aws sso login --use-device-code` runs (RFC 8628 through
 * SSO OIDC: RegisterClient, StartDeviceAuthorization, CreateToken polling),
 * writing the CLI's token cache (tokenCache.ts); refresh with the refresh
 * token; sign-out (portal Logout, cache removed).
 *
 * Progress goes to a plain callback the IPC layer can forward. No returned
 * value or event carries a token, client secret or device code: the user code
 * and verification URL are meant to be shown.
 *
 * The OIDC and portal clients are built with resolveClientConfig for the
 * profile (service ids "SSO OIDC" / "SSO"), so endpoint_url, services, proxy
 * and CA bundle apply to sign-in as to every other call.
 */
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { WorkbenchCodes, type WorkbenchError } from '../../../shared/errors';
import { WorkbenchFailure } from '../errors';
import { resolveClientConfig, type ClientConfigResolution, type ProxyResolver } from '../config';
import type { ProfileSourceOptions } from '../profiles';
import { resolveSsoTarget, SsoConfigError, type SsoTarget } from './target';
import {
  cliTimestamp,
  readSsoToken,
  removeSsoToken,
  tokenInfo,
  writeSsoToken,
  type CachedTokenInfo,
  type SsoToken,
} from './tokenCache';

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

/** Runs the device flow to the end: approved (token cached), denied, expired, or cancelled. */
export async function signInWithDeviceCode(options: SignInOptions): Promise<SsoSessionInfo> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? abortableSleep;
  const target = await targetOf(options);
  const emit = (event: SsoSignInEvent) => {
    try {
      options.onEvent?.(event);
    } catch {
      /* a broken listener must not break the sign-in */
    }
  };
  return withOidc(options, target, async (oidc, explain) => {
    let registration = await register(oidc, target, now, explain);
    const start = () =>
      oidc.send(
        new StartDeviceAuthorizationCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          startUrl: target.startUrl,
        }),
      );
    let device;
    try {
      device = await start();
    } catch (thrown) {
      // A cached registration may be revoked, or made for the browser flow (no device grant): register anew, once.
      const name = (thrown as { name?: string }).name;
      if (!registration.reused || (name !== 'InvalidClientException' && name !== 'UnauthorizedClientException')) {
        throw mapped(thrown, explain, target, 'sign-in');
      }
      registration = await register(oidc, target, now, explain, true);
      device = await send(explain, target, start);
    }
    emit({ type: 'registered', reused: registration.reused });
    const deadline = now() + (device.expiresIn ?? 600) * 1000;
    const verificationUriComplete = device.verificationUriComplete ?? device.verificationUri ?? '';
    emit({
      type: 'verification',
      verificationUri: device.verificationUri ?? '',
      verificationUriComplete,
      userCode: device.userCode ?? '',
      expiresAt: new Date(deadline).toISOString(),
    });
    if (options.openBrowser && verificationUriComplete) {
      try {
        await options.openBrowser(verificationUriComplete);
      } catch {
        /* the page is also shown as a link with the code */
      }
    }
    let interval = device.interval ?? 5;
    for (let polls = 1; ; polls++) {
      emit({ type: 'waiting', intervalSeconds: interval, polls });
      await sleep(interval * 1000, options.signal).catch(() => {
        throw cancelled(target);
      });
      if (options.signal?.aborted) throw cancelled(target);
      if (now() >= deadline) throw expiredCode(target);
      try {
        const token = await oidc.send(
          new CreateTokenCommand({
            clientId: registration.clientId,
            clientSecret: registration.clientSecret,
            grantType: DEVICE_GRANT,
            deviceCode: device.deviceCode,
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        const expiresAt = cliTimestamp(now() + (token.expiresIn ?? 0) * 1000);
        await writeSsoToken(target.cacheFile, {
          startUrl: target.startUrl,
          region: target.region,
          accessToken: token.accessToken ?? '',
          expiresAt,
          ...(target.kind === 'sso-session'
            ? {
                clientId: registration.clientId,
                clientSecret: registration.clientSecret,
                registrationExpiresAt: registration.expiresAt,
                ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
              }
            : {}),
        });
        emit({ type: 'signed-in', expiresAt });
        return status(target, now);
      } catch (thrown) {
        const name = (thrown as { name?: string }).name;
        if (options.signal?.aborted || name === 'AbortError') throw cancelled(target);
        if (name === 'AuthorizationPendingException') continue;
        if (name === 'SlowDownException') {
          // RFC 8628 §3.5: add 5 seconds to the interval for this and all later polls.
          interval += 5;
          emit({ type: 'slow-down', intervalSeconds: interval });
          continue;
        }
        if (name === 'ExpiredTokenException') throw expiredCode(target);
        if (name === 'AccessDeniedException') {
          throw failure(
            WorkbenchCodes.CredentialsUnavailable,
            `The sign-in for profile "${target.profile}" was denied in the browser (${target.startUrl}).`,
          );
        }
        throw mapped(thrown, explain, target, 'CreateToken');
      }
    }
  });
}

/**
 * Refreshes an sso-session token with its refresh token when it expires
 * within `windowMs` (default 15 min, as botocore) or when `force`. Writes the
 * new token (and the rotated refresh token) back. When it cannot refresh, the
 * cache is left as it was and the error says to sign in again.
 */
export async function refreshSsoToken(
  options: SsoOptions & { readonly windowMs?: number; readonly force?: boolean },
): Promise<SsoSessionInfo> {
  const now = options.now ?? Date.now;
  const target = await targetOf(options);
  const cached = await readSsoToken(target.cacheFile);
  const info = tokenInfo(target.cacheFile, cached, now());
  if (!cached?.accessToken) throw signInAgain(target, `Profile "${target.profile}" is not signed in.`);
  const expiresAtMs = Date.parse(cached.expiresAt ?? '');
  if (!options.force && expiresAtMs - now() > (options.windowMs ?? 15 * 60_000)) return status(target, now);
  if (!info.refreshable || !cached.refreshToken || !cached.clientId || !cached.clientSecret) {
    throw signInAgain(
      target,
      `The SSO session of profile "${target.profile}" cannot be refreshed (${target.kind === 'legacy' ? 'legacy sso_start_url profiles get no refresh token' : 'no refresh token cached'}).`,
    );
  }
  const { refreshToken, clientId, clientSecret } = cached;
  return withOidc(options, target, async (oidc, explain) => {
    let token;
    try {
      token = await oidc.send(
        new CreateTokenCommand({ clientId, clientSecret, grantType: REFRESH_GRANT, refreshToken }),
      );
    } catch (thrown) {
      const name = (thrown as { name?: string }).name;
      if (
        name === 'InvalidGrantException' ||
        name === 'InvalidClientException' ||
        name === 'ExpiredTokenException' ||
        name === 'AccessDeniedException'
      ) {
        throw signInAgain(target, `The SSO session of profile "${target.profile}" could not be refreshed (${name}).`);
      }
      throw mapped(thrown, explain, target, 'CreateToken');
    }
    const next: SsoToken = {
      ...(cached as SsoToken),
      accessToken: token.accessToken ?? '',
      expiresAt: cliTimestamp(now() + (token.expiresIn ?? 0) * 1000),
      refreshToken: token.refreshToken ?? refreshToken,
    };
    await writeSsoToken(target.cacheFile, next);
    return status(target, now);
  });
}

/** Ends the session at Identity Center (portal Logout) and removes the cached token, as `aws sso logout` does. */
export async function signOut(
  options: SsoOptions,
): Promise<SsoSessionInfo & { readonly removed: boolean; readonly loggedOutRemotely: boolean }> {
  const now = options.now ?? Date.now;
  const target = await targetOf(options);
  const cached = await readSsoToken(target.cacheFile);
  let loggedOutRemotely = false;
  if (cached?.accessToken && tokenInfo(target.cacheFile, cached, now()).expired === false) {
    const resolution = await resolveClientConfig(options.profile, 'sso', configOptions(options, target));
    const portal = new SSOClient({ ...resolution.config, region: target.region });
    try {
      await portal.send(new LogoutCommand({ accessToken: cached.accessToken }));
      loggedOutRemotely = true;
    } catch {
      // An expired or revoked token cannot be logged out; the local sign-out still happens.
    } finally {
      portal.destroy();
      resolution.destroy();
    }
  }
  const removed = await removeSsoToken(target.cacheFile);
  return { ...(await status(target, now)), removed, loggedOutRemotely };
}

/** Whether the profile is signed in, until when, and whether the app can refresh it. */
export async function ssoSessionStatus(options: SsoOptions): Promise<SsoSessionInfo> {
  return status(await targetOf(options), options.now ?? Date.now);
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

function configOptions(options: SsoOptions, target: SsoTarget) {
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

interface Registration {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly expiresAt: string;
  readonly reused: boolean;
}

/** Reuses the client registration cached with an sso-session token while it has a day left; else registers anew. */
async function register(
  oidc: SSOOIDCClient,
  target: SsoTarget,
  now: () => number,
  explain: Explain,
  fresh = false,
): Promise<Registration> {
  if (target.kind === 'sso-session' && !fresh) {
    const cached = await readSsoToken(target.cacheFile);
    if (
      cached?.clientId &&
      cached.clientSecret &&
      Date.parse(cached.registrationExpiresAt ?? '') - now() > 86_400_000
    ) {
      return {
        clientId: cached.clientId,
        clientSecret: cached.clientSecret,
        expiresAt: cached.registrationExpiresAt ?? '',
        reused: true,
      };
    }
  }
  const out = await send(explain, target, () =>
    oidc.send(
      new RegisterClientCommand({
        clientName: CLIENT_NAME,
        clientType: 'public',
        // As the CLI: sessions ask for refresh tokens and the session's scopes; legacy profiles for neither.
        ...(target.kind === 'sso-session'
          ? { grantTypes: [DEVICE_GRANT, REFRESH_GRANT], scopes: [...target.scopes] }
          : {}),
      }),
    ),
  );
  return {
    clientId: out.clientId ?? '',
    clientSecret: out.clientSecret ?? '',
    expiresAt: cliTimestamp((out.clientSecretExpiresAt ?? 0) * 1000),
    reused: false,
  };
}

async function send<T>(explain: Explain, target: SsoTarget, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    throw mapped(thrown, explain, target, 'sign-in');
  }
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

function expiredCode(target: SsoTarget): WorkbenchFailure {
  return failure(
    WorkbenchCodes.SsoTokenExpired,
    `The sign-in code for profile "${target.profile}" expired before it was approved. Sign in again.`,
  );
}

function signInAgain(target: SsoTarget, detail: string): WorkbenchFailure {
  return failure(WorkbenchCodes.SsoTokenExpired, `${detail} Sign in again.`);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
