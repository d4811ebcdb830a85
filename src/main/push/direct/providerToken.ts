/**
 * APNs provider tokens (ES256 JWT: kid = Key ID, iss = Team ID, iat), one per
 * key and team, reused inside Apple's window: APNs refuses a token older than
 * an hour (ExpiredProviderToken) and a connection whose token changes more
 * often than every 20 minutes (TooManyProviderTokenUpdates). So a token is
 * renewed after 50 minutes (as apns2), and never sooner than 20 minutes
 * after the last one, even when asked to (`renewIfAllowed`).
 */
import { createHash } from 'node:crypto';
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

export const PROVIDER_TOKEN_RENEW_AFTER_MS = 50 * 60 * 1000;
export const PROVIDER_TOKEN_MIN_INTERVAL_MS = 20 * 60 * 1000;

interface Entry {
  /** A promise, so that pushes sent together share one signing (several new tokens at once would be TooManyProviderTokenUpdates). */
  jwt: Promise<string>;
  issuedAt: number;
}

export class ProviderTokens {
  private readonly entries = new Map<string, Entry>();
  private readonly keys = new Map<string, Promise<CryptoKey>>();
  /** How many tokens were signed (observable, non-secret: for tests and diagnostics). */
  minted = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** The token for this key and team: the cached one while it is younger than 50 minutes. */
  async get(p8: string, keyId: string, teamId: string): Promise<string> {
    const id = cacheId(p8, keyId, teamId);
    const entry = this.entries.get(id);
    if (entry && this.now() - entry.issuedAt < PROVIDER_TOKEN_RENEW_AFTER_MS) return entry.jwt;
    return this.mint(id, p8, keyId, teamId);
  }

  /**
   * After APNs called `rejected` expired: the token to try instead. That is a
   * newer one already signed (by a push sent at the same time), or a new one
   * unless the last was signed less than 20 minutes ago (then undefined).
   */
  async renewIfAllowed(p8: string, keyId: string, teamId: string, rejected: string): Promise<string | undefined> {
    const id = cacheId(p8, keyId, teamId);
    const entry = this.entries.get(id);
    const current = await entry?.jwt.catch(() => undefined);
    if (current !== undefined && current !== rejected) return current;
    if (entry && this.now() - entry.issuedAt < PROVIDER_TOKEN_MIN_INTERVAL_MS) return undefined;
    return this.mint(id, p8, keyId, teamId);
  }

  private mint(id: string, p8: string, keyId: string, teamId: string): Promise<string> {
    let key = this.keys.get(id);
    if (!key) {
      key = importPKCS8(p8, 'ES256');
      this.keys.set(id, key);
    }
    const issuedAt = this.now();
    const jwt = key.then((k) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: keyId })
        .setIssuer(teamId)
        .setIssuedAt(Math.floor(issuedAt / 1000))
        .sign(k),
    );
    const entry = { jwt, issuedAt };
    this.entries.set(id, entry);
    this.minted += 1;
    jwt.catch(() => {
      // A key that cannot be used is not cached: the next push reports it again.
      if (this.entries.get(id) === entry) this.entries.delete(id);
      this.keys.delete(id);
    });
    return jwt;
  }
}

/** Per key file too: choosing another .p8 under the same Key ID (a corrected file) must not reuse the old signature. */
function cacheId(p8: string, keyId: string, teamId: string): string {
  return `${teamId}/${keyId}/${createHash('sha256').update(p8).digest('hex')}`;
}
