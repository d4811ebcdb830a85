/**
 * The SSO token cache the AWS CLI and the SDKs share:
 * `~/.aws/sso/cache/<sha1hex(sso-session name | legacy sso_start_url)>.json`.
 * Written as the CLI writes it (keys `startUrl`, `region`, `accessToken`,
 * `expiresAt` as `YYYY-MM-DDTHH:MM:SSZ`, and for sso-session profiles
 * `clientId`, `clientSecret`, `registrationExpiresAt`, `refreshToken`), so
 * `aws sso login` and the app share one sign-in, and JS v3 `fromSSO` reads it.
 *
 * The file holds bearer tokens: it is written 0600 in a 0700 folder, through a
 * temp file and a rename, so a reader never sees half a token. Nothing read
 * here leaves main: callers get `CachedTokenInfo`, never the token.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface SsoToken {
  readonly startUrl: string;
  readonly region: string;
  readonly accessToken: string;
  readonly expiresAt: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly registrationExpiresAt?: string;
  readonly refreshToken?: string;
}

/** What the UI may know about a cached token. */
export interface CachedTokenInfo {
  readonly cacheFile: string;
  readonly startUrl?: string;
  readonly expiresAt?: string;
  readonly expired: boolean;
  readonly refreshable: boolean;
}

export function ssoCacheFile(cacheKey: string, homeDir: string = homedir()): string {
  return join(homeDir, '.aws', 'sso', 'cache', `${createHash('sha1').update(cacheKey).digest('hex')}.json`);
}

/** The CLI's timestamp form (botocore `_serialize_utc_timestamp`): whole seconds, `Z`. */
export function cliTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export async function readSsoToken(file: string): Promise<Partial<SsoToken> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<SsoToken>) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSsoToken(file: string, token: SsoToken): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  // Key order as the CLI writes them.
  const ordered: Record<string, string> = {
    startUrl: token.startUrl,
    region: token.region,
    accessToken: token.accessToken,
    expiresAt: token.expiresAt,
  };
  for (const key of ['clientId', 'clientSecret', 'registrationExpiresAt', 'refreshToken'] as const) {
    const value = token[key];
    if (value) ordered[key] = value;
  }
  await writeFile(temp, JSON.stringify(ordered), { mode: 0o600 });
  await rename(temp, file);
}

export async function removeSsoToken(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch {
    return false;
  }
}

export function tokenInfo(file: string, token: Partial<SsoToken> | undefined, now: number): CachedTokenInfo {
  const expiresAtMs = token?.expiresAt ? Date.parse(token.expiresAt) : NaN;
  return {
    cacheFile: file,
    ...(token?.startUrl ? { startUrl: token.startUrl } : {}),
    ...(token?.expiresAt ? { expiresAt: token.expiresAt } : {}),
    expired: !token?.accessToken || !(expiresAtMs > now),
    refreshable: Boolean(token?.refreshToken && token.clientId && token.clientSecret),
  };
}
