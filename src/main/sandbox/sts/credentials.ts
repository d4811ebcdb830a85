/**
 * Temporary credentials the sandbox hands out: STS (AssumeRole,
 * GetSessionToken, AssumeRoleWithWebIdentity) and the SSO portal
 * (GetRoleCredentials) issue through one IssuedCredentials store, so the
 * core's SigV4 check asks one question whatever issued a key:
 *
 *   credentials.isIssuedKey(accessKeyId)            is this one of ours?
 *   credentials.check(accessKeyId, sessionToken, now)
 *       → { ok: true, credential }  (sign-check with credential.secretAccessKey)
 *       | { ok: false, code, message }  InvalidClientTokenId when the
 *         x-amz-security-token is missing or is not the key's token,
 *         ExpiredToken once the expiration has passed (both 403 in AWS)
 *
 * Keys look like AWS's (ASIA + 16 characters), so tools that sniff the
 * prefix treat them as temporary.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export type CredentialSource = 'AssumeRole' | 'GetSessionToken' | 'AssumeRoleWithWebIdentity' | 'SSO';

export interface IssuedCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  /** Epoch milliseconds. */
  readonly expiration: number;
  readonly source: CredentialSource;
  /** What GetCallerIdentity answers for these credentials. */
  readonly arn: string;
  readonly userId: string;
  readonly account: string;
  /** The role behind an assumed-role session (for role chaining). */
  readonly roleArn?: string;
  /** The session was authenticated with MFA (aws:MultiFactorAuthPresent). */
  readonly mfa: boolean;
}

export type CredentialCheck =
  | { readonly ok: true; readonly credential: IssuedCredential }
  | { readonly ok: false; readonly code: 'InvalidClientTokenId' | 'ExpiredToken'; readonly message: string };

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function accessKeyId(): string {
  let out = 'ASIA';
  for (const b of randomBytes(16)) out += KEY_ALPHABET[b % 32];
  return out;
}

const credentialSchema = z.object({
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  sessionToken: z.string(),
  expiration: z.number(),
  source: z.enum(['AssumeRole', 'GetSessionToken', 'AssumeRoleWithWebIdentity', 'SSO']),
  arn: z.string(),
  userId: z.string(),
  account: z.string(),
  roleArn: z.string().optional(),
  mfa: z.boolean(),
});
const fileSchema = z.object({ version: z.literal(1), credentials: z.array(credentialSchema) });

/** Expired credentials are kept this long (so a late caller hears ExpiredToken, not InvalidClientTokenId), then dropped. */
const KEEP_EXPIRED_MS = 24 * 3600_000;

export class IssuedCredentials {
  private readonly byKey = new Map<string, IssuedCredential>();

  issue(details: Omit<IssuedCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>, now: number): IssuedCredential {
    this.prune(now);
    const credential: IssuedCredential = {
      accessKeyId: accessKeyId(),
      secretAccessKey: randomBytes(30).toString('base64'),
      // Real tokens are long opaque base64; the prefix says where it came from when one shows up in a log.
      sessionToken: `SandboxSession/${randomBytes(96).toString('base64')}`,
      ...details,
    };
    this.byKey.set(credential.accessKeyId, credential);
    return credential;
  }

  isIssuedKey(accessKeyId: string): boolean {
    return this.byKey.has(accessKeyId);
  }

  lookup(accessKeyId: string): IssuedCredential | undefined {
    return this.byKey.get(accessKeyId);
  }

  check(accessKeyId: string, sessionToken: string | undefined, now: number): CredentialCheck {
    const credential = this.byKey.get(accessKeyId);
    if (!credential || sessionToken !== credential.sessionToken) {
      return { ok: false, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' };
    }
    if (now >= credential.expiration) return { ok: false, code: 'ExpiredToken', message: 'The security token included in the request is expired' };
    return { ok: true, credential };
  }

  get size(): number {
    return this.byKey.size;
  }

  prune(now: number): void {
    for (const [key, c] of this.byKey) if (c.expiration + KEEP_EXPIRED_MS < now) this.byKey.delete(key);
  }

  clear(): void {
    this.byKey.clear();
  }

  toJSON(): z.infer<typeof fileSchema> {
    return { version: 1, credentials: [...this.byKey.values()].map((c) => ({ ...c })) };
  }

  static fromJSON(data: unknown): IssuedCredentials {
    const store = new IssuedCredentials();
    for (const c of fileSchema.parse(data).credentials) store.byKey.set(c.accessKeyId, c as IssuedCredential);
    return store;
  }
}
