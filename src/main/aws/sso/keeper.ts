/**
 * Keeps an SSO sign-in fresh while the app runs: refreshes the sso-session
 * token with its refresh token before it expires (inside `refreshWindowMs`,
 * default 15 minutes as botocore), and says when it cannot, so the UI offers
 * "Sign in again" without dropping what the user was doing. Timers are
 * injected (tests drive them); nothing secret is reported.
 */
import { WorkbenchCodes } from '../../../shared/errors';
import { WorkbenchFailure } from '../../../shared/errors';
import type { SsoOptions } from './common';
import { refreshSsoToken, ssoSessionStatus } from './session';

export type SsoKeeperState =
  | { readonly state: 'signed-in'; readonly profile: string; readonly expiresAt: string }
  | { readonly state: 'refreshed'; readonly profile: string; readonly expiresAt: string }
  | { readonly state: 'needs-sign-in'; readonly profile: string; readonly message: string }
  /** A refresh failed for a reason that may pass (network, throttling): retried in `retryInMs`. */
  | {
      readonly state: 'refresh-failed';
      readonly profile: string;
      readonly message: string;
      readonly retryInMs: number;
    };

export interface SsoKeeperOptions extends SsoOptions {
  readonly onState: (state: SsoKeeperState) => void;
  readonly refreshWindowMs?: number;
  /** Schedules `run` after `ms`; answers a cancel function (default: setTimeout). */
  readonly setTimer?: (run: () => void, ms: number) => () => void;
}

export interface SsoKeeper {
  /** Checks now (after a sign-in, or when the app wakes up) and reschedules. */
  check(): Promise<void>;
  stop(): void;
}

const MIN_DELAY_MS = 30_000;

export function keepSsoSessionFresh(options: SsoKeeperOptions): SsoKeeper {
  const now = options.now ?? Date.now;
  const windowMs = options.refreshWindowMs ?? 15 * 60_000;
  const setTimer =
    options.setTimer ??
    ((run: () => void, ms: number) => {
      const t = setTimeout(run, ms);
      t.unref?.();
      return () => clearTimeout(t);
    });
  let cancel: (() => void) | undefined;
  let stopped = false;

  const schedule = (expiresAt: string) => {
    cancel?.();
    if (stopped) return;
    const delay = Math.max(MIN_DELAY_MS, Date.parse(expiresAt) - windowMs - now());
    cancel = setTimer(() => void check(), delay);
  };

  const check = async (): Promise<void> => {
    if (stopped) return;
    const report = (state: SsoKeeperState) => {
      if (!stopped) options.onState(state);
    };
    try {
      const status = await ssoSessionStatus(options);
      if (!status.expiresAt || (status.expired && !status.refreshable)) {
        report({
          state: 'needs-sign-in',
          profile: status.profile,
          message: `Profile "${status.profile}" is not signed in to IAM Identity Center.`,
        });
        return;
      }
      if (Date.parse(status.expiresAt) - now() > windowMs) {
        report({ state: 'signed-in', profile: status.profile, expiresAt: status.expiresAt });
        schedule(status.expiresAt);
        return;
      }
      const refreshed = await refreshSsoToken({ ...options, force: true });
      report({ state: 'refreshed', profile: refreshed.profile, expiresAt: refreshed.expiresAt ?? '' });
      if (refreshed.expiresAt) schedule(refreshed.expiresAt);
    } catch (thrown) {
      const error = thrown instanceof WorkbenchFailure ? thrown.error : undefined;
      const message = error?.message ?? `Could not check the SSO session of profile "${options.profile}".`;
      if (error && error.code !== WorkbenchCodes.SsoTokenExpired && error.code !== WorkbenchCodes.InvalidInput) {
        report({ state: 'refresh-failed', profile: options.profile, message, retryInMs: MIN_DELAY_MS });
        cancel?.();
        if (!stopped) cancel = setTimer(() => void check(), MIN_DELAY_MS);
        return;
      }
      report({ state: 'needs-sign-in', profile: options.profile, message });
    }
  };

  return {
    check,
    stop: () => {
      stopped = true;
      cancel?.();
    },
  };
}
