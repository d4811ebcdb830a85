/**
 * IAM Identity Center sign-in and "Profile settings" for the renderer. The
 * device-code flow runs here (aws/sso) and writes the CLI's token cache; the
 * renderer gets the user code and the verification URL to show, asks main to
 * open the page (main keeps the URL, so the renderer cannot choose what
 * opens), and follows `sso:progress` until signed in, failed or cancelled.
 */
import { randomUUID } from 'node:crypto';
import { fail, ok, WorkbenchCodes, WorkbenchFailure, type Result, type WorkbenchError } from '../../../shared/errors';
import type { ProfileSettingsView, SsoSignInStarted, SsoStatus } from '../../../shared/ipc/ssoContract';
import { resolveClientConfig, type ProxyResolver } from '../../aws/config';
import { toWorkbenchError } from '../../aws/errors';
import type { ProfileSourceOptions } from '../../aws/profiles';
import { resolveSsoTarget, signInWithDeviceCode, signOut, SsoConfigError, ssoSessionStatus, type SsoSessionInfo } from '../../aws/sso';
import { isAllowedSignInPage } from '../../platform/linkPolicy';
import type { EventBus } from '../events';

export interface SsoHandlerDeps {
  readonly bus: EventBus;
  readonly openExternal: (url: string) => Promise<void>;
  readonly profileSource?: ProfileSourceOptions;
  /** The OS proxy settings, for the sign-in's calls (default: the proxy environment variables). */
  readonly proxyForUrl?: ProxyResolver;
  /** Told after a sign-in ends signed in (the session keeper checks again). */
  readonly signedIn?: (profile: string) => void;
  /** Told after a sign-out, so the connection drops the role credentials it got from that session. */
  readonly signedOut?: (profile: string) => Promise<void>;
}

interface RunningSignIn {
  readonly profile: string;
  readonly controller: AbortController;
  readonly verificationUriComplete: string;
  /** The profile's Identity Center is a loopback sandbox: its own loopback page may open. */
  readonly sandbox: boolean;
}

export function ssoHandlers({ bus, openExternal, profileSource: files = {}, proxyForUrl, signedIn, signedOut }: SsoHandlerDeps) {
  // Every call of the sign-in goes through the profile's settings and, in the app, the OS proxy.
  const profileSource = { ...files, ...(proxyForUrl ? { proxyForUrl } : {}) };
  const running = new Map<string, RunningSignIn>();

  const statusOf = async (profile: string): Promise<Result<SsoStatus>> => {
    try {
      return ok(describe(profile, await ssoSessionStatus({ ...profileSource, profile })));
    } catch (thrown) {
      if (thrown instanceof WorkbenchFailure && thrown.error.code === WorkbenchCodes.InvalidInput && (await isNotSso(profile))) {
        return ok({ profile, state: 'none' });
      }
      return fail(toWorkbenchError(thrown, { profile }));
    }
  };

  const isNotSso = (profile: string) =>
    resolveSsoTarget(profile, profileSource).then(
      () => false,
      (thrown: unknown) => thrown instanceof SsoConfigError && /does not use IAM Identity Center/.test(thrown.message),
    );

  const signIn = async ({ profile }: { profile: string }): Promise<Result<SsoSignInStarted>> => {
    // One sign-in per profile: a second click replaces the first.
    for (const run of running.values()) if (run.profile === profile) run.controller.abort();
    const signInId = randomUUID();
    const controller = new AbortController();
    const sandbox = await signsInAtLoopback(profile, profileSource);
    return new Promise((resolve) => {
      let started = false;
      const emitEnd = (payload: Parameters<typeof bus.emit<'sso:progress'>>[1]) => {
        if (started) bus.emit('sso:progress', payload);
      };
      signInWithDeviceCode({
        ...profileSource,
        profile,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'verification') {
            started = true;
            running.set(signInId, { profile, controller, verificationUriComplete: event.verificationUriComplete, sandbox });
            resolve(
              ok({
                signInId,
                profile,
                userCode: event.userCode,
                verificationUri: event.verificationUri,
                verificationUriComplete: event.verificationUriComplete,
                expiresAt: event.expiresAt,
              }),
            );
          } else if (event.type === 'waiting' && started) {
            bus.emit('sso:progress', { signInId, profile, state: 'waiting', polls: event.polls });
          }
        },
      })
        .then((info) => {
          emitEnd({ signInId, profile, state: 'signed-in', expiresAt: info.expiresAt ?? '' });
          signedIn?.(profile);
        })
        .catch((thrown: unknown) => {
          const error: WorkbenchError = toWorkbenchError(thrown, { profile });
          if (!started) return resolve(fail(error));
          emitEnd(
            error.code === WorkbenchCodes.Cancelled
              ? { signInId, profile, state: 'cancelled' }
              : { signInId, profile, state: 'failed', error },
          );
        })
        .finally(() => running.delete(signInId));
    });
  };

  return {
    'sso:status': ({ profile }: { profile: string }) => statusOf(profile),
    'sso:signIn': signIn,
    'sso:openBrowser': async ({ signInId }: { signInId: string }) => {
      const run = running.get(signInId);
      if (!run) return fail(notRunning());
      if (!isAllowedSignInPage(run.verificationUriComplete, { sandbox: run.sandbox })) {
        return fail({
          code: WorkbenchCodes.InvalidInput,
          message: `The sign-in page ${run.verificationUriComplete} is not an IAM Identity Center page; open it yourself if you trust it.`,
          retryable: false,
        });
      }
      await openExternal(run.verificationUriComplete);
      return ok({ opened: true });
    },
    'sso:cancel': ({ signInId }: { signInId: string }) => {
      const run = running.get(signInId);
      run?.controller.abort();
      return ok({ cancelled: Boolean(run) });
    },
    'sso:signOut': async ({ profile }: { profile: string }): Promise<Result<SsoStatus>> => {
      try {
        const status = describe(profile, await signOut({ ...profileSource, profile }));
        await signedOut?.(profile);
        return ok(status);
      } catch (thrown) {
        return fail(toWorkbenchError(thrown, { profile }));
      }
    },
    'profiles:settings': async ({ profile, region }: { profile: string; region?: string }): Promise<Result<ProfileSettingsView>> => {
      try {
        const resolution = await resolveClientConfig(profile, 'identity', { ...profileSource, ...(region ? { regionOverride: region } : {}) });
        resolution.destroy();
        return ok({ profile, region: resolution.config.region, lines: resolution.explanation.map((line) => ({ ...line })) });
      } catch (thrown) {
        return fail({ code: WorkbenchCodes.InvalidInput, message: thrown instanceof Error ? thrown.message : String(thrown), retryable: false });
      }
    },
  };
}

function describe(profile: string, info: SsoSessionInfo): SsoStatus {
  const state = !info.expiresAt ? 'signed-out' : info.expired ? 'expired' : 'signed-in';
  return {
    profile,
    state,
    ssoProfile: info.profile,
    ...(info.sessionName ? { sessionName: info.sessionName } : {}),
    ...(info.startUrl ? { startUrl: info.startUrl } : {}),
    ...(info.expiresAt && state !== 'signed-out' ? { expiresAt: info.expiresAt } : {}),
    refreshable: info.refreshable,
  };
}

/** Whether the profile's SSO OIDC endpoint is on this machine (a sandbox), whose pages are loopback pages. */
async function signsInAtLoopback(profile: string, source: ProfileSourceOptions & { readonly proxyForUrl?: ProxyResolver }): Promise<boolean> {
  try {
    const target = await resolveSsoTarget(profile, source);
    const oidc = await resolveClientConfig(target.profile, 'ssoOidc', { ...source, regionOverride: target.region });
    oidc.destroy();
    const host = oidc.config.endpoint ? new URL(oidc.config.endpoint).hostname : '';
    return ['127.0.0.1', 'localhost', '[::1]'].includes(host);
  } catch {
    return false; // signInWithDeviceCode reports the configuration problem
  }
}

function notRunning(): WorkbenchError {
  return { code: WorkbenchCodes.InvalidInput, message: 'That sign-in has ended; start a new one.', retryable: false };
}
