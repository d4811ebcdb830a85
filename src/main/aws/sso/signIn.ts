/**
 * IAM Identity Center sign-in from main, without a terminal: the OAuth device
 * authorization flow `aws sso login --use-device-code` runs (RFC 8628 through
 * SSO OIDC: RegisterClient, StartDeviceAuthorization, CreateToken polling),
 * writing the CLI's token cache (tokenCache.ts). Refresh, sign-out and
 * status are in session.ts, the browser (PKCE) flow in browserSignIn.ts.
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
  type SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import {
  CLIENT_NAME,
  DEVICE_GRANT,
  REFRESH_GRANT,
  cancelled,
  expiredCode,
  failure,
  mapped,
  status,
  targetOf,
  withOidc,
  type Explain,
  type Registration,
  type SignInOptions,
  type SsoSessionInfo,
  type SsoSignInEvent,
} from './common';
import { WorkbenchCodes } from '../../../shared/errors';
import type { SsoTarget } from './target';
import { cliTimestamp, readSsoToken, writeSsoToken } from './tokenCache';

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
