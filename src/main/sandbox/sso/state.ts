/**
 * IAM Identity Center's records: registered OIDC clients, device
 * authorizations waiting for a person, issued access and refresh tokens, and
 * the accounts and roles the sandbox's one user is assigned (the portal's
 * view). Times are epoch milliseconds. Tokens are kept across restarts
 * (`toJSON`/`fromJSON`), so a CLI token cache stays valid with `--data`.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface ClientRecord {
  clientId: string;
  clientSecret: string;
  name: string;
  /** Registered grant types; empty = the defaults (device code and refresh token). */
  grantTypes: string[];
  scopes: string[];
  redirectUris: string[];
  issuedAt: number;
  secretExpiresAt: number;
}

export interface DeviceAuthorizationRecord {
  deviceCode: string;
  userCode: string;
  clientId: string;
  startUrl: string;
  expiresAt: number;
  intervalSeconds: number;
  lastPolledAt?: number;
  status: 'PENDING' | 'APPROVED' | 'DENIED' | 'USED';
}

export interface AuthorizationCodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  scopes: string[];
  expiresAt: number;
}

export interface TokenRecord {
  accessToken: string;
  clientId: string;
  startUrl: string;
  scopes: string[];
  expiresAt: number;
  refreshToken?: string;
}

export interface AccountRecord {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export const SANDBOX_SSO_USER = 'sandbox-user';

export function defaultAccounts(accountId: string): AccountRecord[] {
  return [{ accountId, accountName: 'Sandbox', emailAddress: 'sandbox@example.com', roles: ['AdministratorAccess', 'ReadOnlyAccess'] }];
}

export const opaque = (prefix: string, bytes = 48) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ';

/** `XXXX-XXXX` from consonants only, as Identity Center writes them (no vowels: no words). */
export function userCode(): string {
  const bytes = randomBytes(8);
  let out = '';
  bytes.forEach((b, i) => {
    out += USER_CODE_LETTERS[b % USER_CODE_LETTERS.length];
    if (i === 3) out += '-';
  });
  return out;
}

const clientSchema = z.object({
  clientId: z.string(),
  clientSecret: z.string(),
  name: z.string(),
  grantTypes: z.array(z.string()),
  scopes: z.array(z.string()),
  redirectUris: z.array(z.string()),
  issuedAt: z.number(),
  secretExpiresAt: z.number(),
});
const deviceSchema = z.object({
  deviceCode: z.string(),
  userCode: z.string(),
  clientId: z.string(),
  startUrl: z.string(),
  expiresAt: z.number(),
  intervalSeconds: z.number(),
  lastPolledAt: z.number().optional(),
  status: z.enum(['PENDING', 'APPROVED', 'DENIED', 'USED']),
});
const codeSchema = z.object({
  code: z.string(),
  clientId: z.string(),
  redirectUri: z.string(),
  codeChallenge: z.string(),
  codeChallengeMethod: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.number(),
});
const tokenSchema = z.object({
  accessToken: z.string(),
  clientId: z.string(),
  startUrl: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.number(),
  refreshToken: z.string().optional(),
});
const accountSchema = z.object({ accountId: z.string(), accountName: z.string(), emailAddress: z.string(), roles: z.array(z.string()) });
const fileSchema = z.object({
  version: z.literal(1),
  clients: z.array(clientSchema),
  devices: z.array(deviceSchema),
  codes: z.array(codeSchema),
  tokens: z.array(tokenSchema),
  accounts: z.array(accountSchema).optional(),
});

export class SsoState {
  readonly clients = new Map<string, ClientRecord>();
  readonly devices = new Map<string, DeviceAuthorizationRecord>();
  readonly codes = new Map<string, AuthorizationCodeRecord>();
  /** By access token. */
  readonly tokens = new Map<string, TokenRecord>();
  /** The portal's assignments; undefined = defaultAccounts(ctx.accountId). */
  accounts: AccountRecord[] | undefined;

  deviceByUserCode(code: string): DeviceAuthorizationRecord | undefined {
    const wanted = code.toUpperCase().replace(/[^A-Z]/g, '');
    for (const d of this.devices.values()) if (d.userCode.replace('-', '') === wanted) return d;
    return undefined;
  }

  tokenByRefresh(refreshToken: string): TokenRecord | undefined {
    for (const t of this.tokens.values()) if (t.refreshToken === refreshToken) return t;
    return undefined;
  }

  /** Drops device codes and tokens long past their expiry (a day of grace, so late callers hear "expired"). */
  prune(now: number): void {
    const grace = 24 * 3600_000;
    for (const [k, d] of this.devices) if (d.expiresAt + grace < now) this.devices.delete(k);
    for (const [k, c] of this.codes) if (c.expiresAt + grace < now) this.codes.delete(k);
    // Expired access tokens stay while their refresh token may still be used (90 days, as Identity Center).
    for (const [k, t] of this.tokens) if (t.expiresAt + (t.refreshToken ? 90 * 24 * 3600_000 : grace) < now) this.tokens.delete(k);
  }

  toJSON(): z.infer<typeof fileSchema> {
    return {
      version: 1,
      clients: [...this.clients.values()].map((c) => ({ ...c })),
      devices: [...this.devices.values()].map((d) => ({ ...d })),
      codes: [...this.codes.values()].map((c) => ({ ...c })),
      tokens: [...this.tokens.values()].map((t) => ({ ...t })),
      ...(this.accounts && { accounts: this.accounts.map((a) => ({ ...a, roles: [...a.roles] })) }),
    };
  }

  static fromJSON(data: unknown): SsoState {
    const parsed = fileSchema.parse(data);
    const state = new SsoState();
    for (const c of parsed.clients) state.clients.set(c.clientId, c);
    for (const d of parsed.devices) state.devices.set(d.deviceCode, d as DeviceAuthorizationRecord);
    for (const c of parsed.codes) state.codes.set(c.code, c);
    for (const t of parsed.tokens) state.tokens.set(t.accessToken, t as TokenRecord);
    state.accounts = parsed.accounts;
    return state;
  }
}
