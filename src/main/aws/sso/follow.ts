/**
 * Keeps the SSO session of the current connection fresh while the app runs:
 * one keeper (keeper.ts) for the connection's profile when it signs in
 * through IAM Identity Center (itself or at the root of its role chain),
 * none otherwise; switching connection stops the previous keeper. Its states
 * (signed in, refreshed, needs sign-in, refresh failed) go to `onState`, so
 * the UI offers "Sign in again" without dropping what the user was doing.
 */
import type { ProfileSourceOptions } from '../profiles';
import { keepSsoSessionFresh, type SsoKeeper, type SsoKeeperOptions, type SsoKeeperState } from './keeper';
import { resolveSsoTarget } from './target';

export interface SsoSessionFollower {
  /** The connection's profile (undefined: the sandbox or the environment keys). */
  follow(profile: string | undefined): Promise<void>;
  /** Checks now (after a sign-in). */
  check(): Promise<void>;
  stop(): void;
}

export interface FollowOptions extends ProfileSourceOptions, Pick<SsoKeeperOptions, 'now' | 'setTimer' | 'refreshWindowMs' | 'proxyForUrl'> {
  readonly onState: (state: SsoKeeperState) => void;
}

export function followSsoSession(options: FollowOptions): SsoSessionFollower {
  const { onState, ...keeperOptions } = options;
  let keeper: SsoKeeper | undefined;
  let generation = 0;
  return {
    async follow(profile) {
      const mine = ++generation;
      keeper?.stop();
      keeper = undefined;
      if (!profile) return;
      const isSso = await resolveSsoTarget(profile, options).then(
        () => true,
        () => false,
      );
      if (!isSso || mine !== generation) return;
      // Named by the connection's profile (the keeper names the SSO root of a role chain).
      keeper = keepSsoSessionFresh({ ...keeperOptions, profile, onState: (state) => onState({ ...state, profile }) });
      await keeper.check();
    },
    async check() {
      await keeper?.check();
    },
    stop() {
      generation++;
      keeper?.stop();
      keeper = undefined;
    },
  };
}
