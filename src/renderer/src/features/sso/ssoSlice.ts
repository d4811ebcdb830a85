/**
 * IAM Identity Center sign-in of the selected profile: its session status,
 * the running device-code sign-in (code shown, waiting, signed in, failed),
 * sign-out, and the "Profile settings" lines. The flow itself runs in main;
 * this slice follows it through `sso:progress`.
 */
import type { SliceCreator } from '../../store';
import { getApi } from '../../api';
import { loadInto, type Resource } from '../../store/resource';
import type { WorkbenchError } from '../../../../shared/errors';
import type { ProfileSettingsView, SsoProgress, SsoSessionEvent, SsoSignInMethod, SsoSignInStarted, SsoStatus } from '../../../../shared/ipc/ssoContract';

export interface SsoSignInView {
  readonly profile: string;
  readonly phase: 'starting' | 'waiting' | 'signed-in' | 'failed';
  readonly started?: SsoSignInStarted;
  readonly expiresAt?: string;
  readonly error?: WorkbenchError;
}

export interface SsoSlice {
  /** Keyed by profile name. */
  readonly ssoStatus?: Resource<SsoStatus>;
  readonly ssoSignIn?: SsoSignInView;
  readonly profileSettings?: Resource<ProfileSettingsView>;
  loadSsoStatus(profile: string): Promise<void>;
  /** Without `method`, main picks (the browser for an sso-session, the device code for a legacy profile). */
  startSsoSignIn(profile: string, method?: SsoSignInMethod): Promise<void>;
  openSsoBrowser(): Promise<WorkbenchError | undefined>;
  /** Cancels a running sign-in (if any) and closes the dialog. */
  closeSsoSignIn(): Promise<void>;
  ssoProgress(progress: SsoProgress): void;
  /** Main's session keeper: refreshed, or the session needs a sign-in again. */
  ssoSessionChanged(session: SsoSessionEvent): void;
  signOutSso(profile: string): Promise<void>;
  loadProfileSettings(profile: string, region?: string): Promise<void>;
  closeProfileSettings(): void;
}

/** Whether the profile needs a sign-in before its calls can work. */
export function needsSignIn(status: SsoStatus | undefined): boolean {
  return status?.state === 'signed-out' || (status?.state === 'expired' && !status.refreshable);
}

export const createSsoSlice: SliceCreator<SsoSlice> = (set, get) => ({
  async loadSsoStatus(profile) {
    await loadInto(
      profile,
      () => getApi()['sso:status']({ profile }),
      () => get().ssoStatus,
      (ssoStatus) => set({ ssoStatus }),
    );
  },

  async startSsoSignIn(profile, method) {
    // A running sign-in of the profile ("Use a code instead") is replaced by main itself.
    set({ ssoSignIn: { profile, phase: 'starting' } });
    const result = await getApi()['sso:signIn']({ profile, ...(method ? { method } : {}) });
    if (get().ssoSignIn?.profile !== profile || get().ssoSignIn?.phase !== 'starting') {
      // Closed meanwhile: the sign-in main started is not wanted.
      if (result.ok) await getApi()['sso:cancel']({ signInId: result.value.signInId });
      return;
    }
    set({ ssoSignIn: result.ok ? { profile, phase: 'waiting', started: result.value } : { profile, phase: 'failed', error: result.error } });
  },

  async openSsoBrowser() {
    const signInId = get().ssoSignIn?.started?.signInId;
    if (!signInId) return undefined;
    const result = await getApi()['sso:openBrowser']({ signInId });
    return result.ok ? undefined : result.error;
  },

  async closeSsoSignIn() {
    const current = get().ssoSignIn;
    set({ ssoSignIn: undefined });
    if (current?.started && current.phase === 'waiting') await getApi()['sso:cancel']({ signInId: current.started.signInId });
  },

  ssoProgress(progress) {
    const current = get().ssoSignIn;
    if (!current?.started || current.started.signInId !== progress.signInId) return;
    if (progress.state === 'waiting') return;
    if (progress.state === 'cancelled') return set({ ssoSignIn: undefined });
    if (progress.state === 'failed') return set({ ssoSignIn: { ...current, phase: 'failed', error: progress.error } });
    set({ ssoSignIn: { ...current, phase: 'signed-in', expiresAt: progress.expiresAt } });
    void get().loadSsoStatus(progress.profile);
    // The connection's credentials are read again on the next call: prove them and load what was missing.
    if (get().connection?.info.profile === progress.profile) {
      void get().loadIdentity();
      void get().loadAppInstances();
    }
  },

  ssoSessionChanged(session) {
    if (get().connection?.info.profile === session.profile) void get().loadSsoStatus(session.profile);
  },

  async signOutSso(profile) {
    const result = await getApi()['sso:signOut']({ profile });
    set({ ssoStatus: result.ok ? { key: profile, loading: false, value: result.value } : { key: profile, loading: false, error: result.error } });
    // Main dropped the session's credentials: show what the connection can do now.
    if (result.ok && get().connection?.info.profile === profile) void get().loadIdentity();
  },

  async loadProfileSettings(profile, region) {
    const key = `${profile}\u0000${region ?? ''}`;
    await loadInto(
      key,
      () => getApi()['profiles:settings']({ profile, ...(region ? { region } : {}) }),
      () => get().profileSettings,
      (profileSettings) => set({ profileSettings }),
    );
  },

  closeProfileSettings() {
    set({ profileSettings: undefined });
  },
});
