/**
 * APNs provider tokens (ES256 JWT: kid = Key ID, iss = Team ID, iat), one per
 * key and team, reused inside Apple's window: APNs refuses a token older than
 * an hour (ExpiredProviderToken) and a connection whose token changes more
 * often than every 20 minutes (TooManyProviderTokenUpdates). So a token is
 * renewed after 50 minutes (as apns2), and never sooner than 20 minutes
 * after the last one, even when asked to (`renewIfAllowed`).
 */
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

export const PROVIDER_TOKEN_RENEW_AFTER_MS = 50 * 60 * 1000;
export const PROVIDER_TOKEN_MIN_INTERVAL_MS = 20 * 60 * 1000;

interface Entry {
  jwt: string;
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
    const id = `${teamId}/${keyId}`;
    const entry = this.entries.get(id);
    if (entry && this.now() - entry.issuedAt < PROVIDER_TOKEN_RENEW_AFTER_MS) return entry.jwt;
    return this.mint(id, p8, keyId, teamId);
  }

  /** After APNs called the token expired: a new one, unless the last was signed less than 20 minutes ago (then undefined). */
  async renewIfAllowed(p8: string, keyId: string, teamId: string): Promise<string | undefined> {
    const id = `${teamId}/${keyId}`;
    const entry = this.entries.get(id);
    if (entry && this.now() - entry.issuedAt < PROVIDER_TOKEN_MIN_INTERVAL_MS) return undefined;
    return this.mint(id, p8, keyId, teamId);
  }

  private async mint(id: string, p8: string, keyId: string, teamId: string): Promise<string> {
    let key = this.keys.get(id);
    if (!key) {
      key = importPKCS8(p8, 'ES256');
      this.keys.set(id, key);
      key.catch(() => this.keys.delete(id));
    }
    const issuedAt = this.now();
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: keyId })
      .setIssuer(teamId)
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .sign(await key);
    this.entries.set(id, { jwt, issuedAt });
    this.minted += 1;
    return jwt;
  }
}
