/**
 * IAM Identity Center sign-in and "Profile settings" for the renderer. The
 * flows run here (aws/sso: the authorization code with PKCE and a loopback
 * redirect, or the device code) and write the CLI's token cache; the renderer
 * gets what to show (the user code of the device flow), asks main to open the
 * page (main keeps the URL, so the renderer cannot choose what opens), and
 * follows `sso:progress` until signed in, failed or cancelled.
 */
import { randomUUID } from 'node:crypto';
import { fail, ok, WorkbenchCodes, WorkbenchFailure, type Result, type WorkbenchError } from '../../../shared/errors';
import type { ProfileSettingsView, SsoSignInMethod, SsoSignInStarted, SsoStatus } from '../../../shared/ipc/ssoContract';
import { resolveClientConfig, type ProxyResolver } from '../../aws/config';
import { toWorkbenchError } from '../../aws/errors';
import type { ProfileSourceOptions } from '../../aws/profiles';
import {
  resolveSsoTarget,
  signInWithBrowser,
  signInWithDeviceCode,
  signOut,
  SsoConfigError,
  ssoSessionStatus,
  type SsoSessionInfo,
  type SsoSignInEvent,
} from '../../aws/sso';
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
  /** The page to open: the device verification page, or the OIDC /authorize page of the browser flow. */
  readonly page: string;
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

  const signIn = async ({ profile, method }: { profile: string; method?: SsoSignInMethod }): Promise<Result<SsoSignInStarted>> => {
    // One sign-in per profile: a second click replaces the first.
    for (const run of running.values()) if (run.profile === profile) run.controller.abort();
    const sandbox = await signsInAtLoopback(profile, profileSource);
    // As `aws sso login` does: the browser flow for an sso-session, the device code for a legacy profile.
    const kind = await resolveSsoTarget(profile, profileSource).then(
      (target) => target.kind,
      () => undefined, // the flow itself reports the configuration problem
    );
    const chosen: SsoSignInMethod = method ?? (kind === 'sso-session' ? 'browser' : 'device');
    const first = await start(profile, chosen, sandbox);
    // An Identity Center that refuses the browser flow (an older OIDC, a policy) still signs in with a code.
    if (!first.ok && chosen === 'browser' && !method && first.error.code !== WorkbenchCodes.Cancelled) {
      return start(profile, 'device', sandbox);
    }
    return first;
  };

  /** Runs one flow; answers once the page to open is known, or the failure before it. */
  const start = (profile: string, method: SsoSignInMethod, sandbox: boolean): Promise<Result<SsoSignInStarted>> => {
    const signInId = randomUUID();
    const controller = new AbortController();
    return new Promise((resolve) => {
      let started = false;
      const emitEnd = (payload: Parameters<typeof bus.emit<'sso:progress'>>[1]) => {
        if (started) bus.emit('sso:progress', payload);
      };
      const onEvent = (event: SsoSignInEvent) => {
        if (event.type === 'verification' || event.type === 'authorize') {
          started = true;
          const page = event.type === 'verification' ? event.verificationUriComplete : event.url;
          running.set(signInId, { profile, controller, page, sandbox });
          resolve(
            ok(
              event.type === 'verification'
                ? {
                    signInId,
                    profile,
                    method: 'device',
                    userCode: event.userCode,
                    verificationUri: event.verificationUri,
                    verificationUriComplete: event.verificationUriComplete,
                    expiresAt: event.expiresAt,
                  }
                : { signInId, profile, method: 'browser' },
            ),
          );
        } else if (event.type === 'waiting' && started) {
          bus.emit('sso:progress', { signInId, profile, state: 'waiting', polls: event.polls });
        }
      };
      const flow = { ...profileSource, profile, signal: controller.signal, onEvent };
      (method === 'browser' ? signInWithBrowser(flow) : signInWithDeviceCode(flow))
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
      if (!isAllowedSignInPage(run.page, { sandbox: run.sandbox })) {
        return fail({
          code: WorkbenchCodes.InvalidInput,
          message: `The sign-in page ${run.page} is not an IAM Identity Center page; open it yourself if you trust it.`,
          retryable: false,
        });
      }
      await openExternal(run.page);
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
