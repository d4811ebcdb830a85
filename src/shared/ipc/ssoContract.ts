/**
 * IAM Identity Center sign-in from the app and the "Profile settings" view:
 * the device-code flow runs in main (aws/sso), the renderer shows the code,
 * asks main to open the verification page, and follows progress events.
 * Nothing here carries a token, client secret or device code; the user code
 * and the verification URL are meant to be shown.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { connectionSchema, regionSchema } from '../workspace/workspace';
import type { WorkbenchError } from '../errors';
import type { ConnectionInfo } from '../aws/types';

/** A profile name as a connection names it (one rule for both). */
const profile = connectionSchema.options[1].shape.profile;
const signInId = z.string().uuid();

export interface SsoStatus {
  readonly profile: string;
  /** `none`: the profile (and its source_profile chain) does not use IAM Identity Center. */
  readonly state: 'none' | 'signed-out' | 'signed-in' | 'expired';
  /** The profile whose SSO settings sign in (the chosen one, or the root of its role chain). */
  readonly ssoProfile?: string;
  readonly sessionName?: string;
  readonly startUrl?: string;
  /** ISO 8601, when the cached token expires. */
  readonly expiresAt?: string;
  /** An expired sso-session token with a refresh token: the app refreshes it without a sign-in. */
  readonly refreshable?: boolean;
}

/**
 * `browser`: the authorization-code flow with PKCE (what current AWS CLIs use
 * for an sso-session): the page signs in and comes back to a loopback
 * listener in main, no code to compare. `device`: the device-code flow, for a
 * legacy `sso_start_url` profile, or when asked ("Use a code instead").
 */
export type SsoSignInMethod = 'browser' | 'device';

export type SsoSignInStarted =
  | {
      readonly signInId: string;
      readonly profile: string;
      readonly method: 'device';
      /** Shown in the dialog; the person compares it with the one on the page. */
      readonly userCode: string;
      readonly verificationUri: string;
      readonly verificationUriComplete: string;
      /** When the code stops being valid (ISO 8601). */
      readonly expiresAt: string;
    }
  | { readonly signInId: string; readonly profile: string; readonly method: 'browser' };

export type SsoProgress =
  | { readonly signInId: string; readonly profile: string; readonly state: 'waiting'; readonly polls: number }
  | { readonly signInId: string; readonly profile: string; readonly state: 'signed-in'; readonly expiresAt: string }
  | { readonly signInId: string; readonly profile: string; readonly state: 'cancelled' }
  | { readonly signInId: string; readonly profile: string; readonly state: 'failed'; readonly error: WorkbenchError };

/** The connection's SSO session as main keeps it fresh (refreshed with its refresh token before expiry). */
export type SsoSessionEvent =
  | { readonly state: 'signed-in' | 'refreshed'; readonly profile: string; readonly expiresAt: string }
  /** The session cannot be refreshed: offer "Sign in with AWS SSO". */
  | { readonly state: 'needs-sign-in'; readonly profile: string; readonly message: string }
  /** A refresh failed for a reason that may pass (network): main retries in `retryInMs`. */
  | { readonly state: 'refresh-failed'; readonly profile: string; readonly message: string; readonly retryInMs: number };

/**
 * The connection's credentials were resolved again (first use, or a refresh
 * before they expire): when the new ones expire, so the identity badge's
 * expiry follows them. Only a time; absent `expiresAt`: long-term keys.
 */
export interface CredentialsRefreshEvent {
  readonly connection: ConnectionInfo;
  readonly expiresAt?: string;
}

export interface ProfileSettingLine {
  readonly setting: string;
  readonly value: string;
  /** Where it came from, e.g. `profile "dev", endpoint_url in /home/me/.aws/config`. */
  readonly from: string;
}

export interface ProfileSettingsView {
  readonly profile: string;
  readonly region: string;
  /** One line per setting (region, endpoint, CA bundle, FIPS, dual-stack, retries, proxy redacted). */
  readonly lines: readonly ProfileSettingLine[];
}

export const ssoChannels = {
  'sso:status': channel<SsoStatus>()(z.strictObject({ profile })),
  /**
   * Starts a sign-in: the browser flow by default for an sso-session (device code for a legacy profile, or when the
   * OIDC service refuses the browser flow), the device code when `method` asks. Answers once the page to open is
   * known; progress and the end come as `sso:progress`.
   */
  'sso:signIn': channel<SsoSignInStarted>()(z.strictObject({ profile, method: z.enum(['browser', 'device']).optional() })),
  /** Opens the running sign-in's verification page in the system browser (main keeps the URL; the link policy checks it). */
  'sso:openBrowser': channel<{ opened: boolean }>()(z.strictObject({ signInId })),
  'sso:cancel': channel<{ cancelled: boolean }>()(z.strictObject({ signInId })),
  /** Ends the session at Identity Center and removes the cached token, as `aws sso logout`. */
  'sso:signOut': channel<SsoStatus>()(z.strictObject({ profile })),
  /** Where each client setting of the profile comes from (nothing secret; proxy credentials redacted). */
  'profiles:settings': channel<ProfileSettingsView>()(z.strictObject({ profile, region: regionSchema.optional() })),
};

export const ssoEvents = {
  'sso:progress': event<SsoProgress>(),
  'sso:session': event<SsoSessionEvent>(),
  'connection:credentials': event<CredentialsRefreshEvent>(),
};
