/**
 * The life of an SSO sign-in after it happened: refresh with the refresh
 * token, sign-out (portal Logout, cache removed, as `aws sso logout`), status.
 */
import { LogoutCommand, SSOClient } from '@aws-sdk/client-sso';
import { CreateTokenCommand } from '@aws-sdk/client-sso-oidc';
import { resolveClientConfig } from '../config';
import {
  REFRESH_GRANT,
  configOptions,
  mapped,
  signInAgain,
  status,
  targetOf,
  withOidc,
  type SsoOptions,
  type SsoSessionInfo,
} from './common';
import { cliTimestamp, readSsoToken, removeSsoToken, tokenInfo, writeSsoToken, type SsoToken } from './tokenCache';

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
