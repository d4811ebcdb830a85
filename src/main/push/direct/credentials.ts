/**
 * Reading APNs keys, APNs certificates and service accounts. Key material
 * stays in main: callers get the loaded credential (for the clients) and a
 * non-secret description; errors say what is wrong with the file, never
 * what is in it (parsers' own messages can quote the input, so they are
 * replaced, not wrapped).
 */
import { createHash, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createSecureContext } from 'node:tls';
import forge from 'node-forge';
import { z } from 'zod';

/** A key file named by path, or its bytes (for callers that already hold them in main). */
export type KeySource =
  | string
  | {
      readonly bytes: Buffer | string;
      readonly name?: string;
      /** For a certificate main already unlocked (KeyHandles): the passphrase it was opened with. */
      readonly passphrase?: string;
    };

export class DirectPushCredentialError extends Error {
  readonly code = 'InvalidCredentials';
  constructor(message: string) {
    super(message);
    this.name = 'DirectPushCredentialError';
  }
}

/** The .p12 opened, but not with this passphrase (the app then asks for it). */
export class WrongPassphraseError extends DirectPushCredentialError {
  constructor(fileName: string) {
    super(`The passphrase for ${fileName} is wrong.`);
    this.name = 'WrongPassphraseError';
  }
}

async function readSource(source: KeySource, what: string): Promise<{ bytes: Buffer; name: string }> {
  if (typeof source !== 'string') return { bytes: Buffer.from(source.bytes), name: source.name ?? what };
  try {
    return { bytes: await readFile(source), name: basename(source) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'it is a folder'
            : 'it cannot be read';
    throw new DirectPushCredentialError(`The ${what} ${basename(source)} cannot be opened: ${why}.`);
  }
}

export interface ApnsSigningKey {
  readonly kind: 'token';
  readonly p8: string;
  readonly keyId: string;
  readonly teamId: string;
  /** "AuthKey_ABC123DEFG.p8 · Team ABCDE12345" */
  readonly label: string;
}

/**
 * Digests (SHA-256) of key texts already found to be APNs keys. Parsing a key costs more than sending a push,
 * and the app loads the key it holds for every push; a digest, unlike the key, is nothing to protect.
 */
const checkedKeys = new Set<string>();
const CHECKED_KEYS_MAX = 64;

export async function loadApnsKey(source: KeySource, keyId: string, teamId: string): Promise<ApnsSigningKey> {
  const { bytes, name } = await readSource(source, 'key file (.p8)');
  const p8 = bytes.toString('utf8');
  const digest = createHash('sha256').update(p8).digest('base64');
  if (!checkedKeys.has(digest)) {
    checkApnsKey(p8, name);
    if (checkedKeys.size >= CHECKED_KEYS_MAX) checkedKeys.clear();
    checkedKeys.add(digest);
  }
  return { kind: 'token', p8, keyId, teamId, label: `${name} · Team ${teamId}` };
}

function checkApnsKey(p8: string, name: string): void {
  let curve: string | undefined;
  try {
    const key = createPrivateKey({ key: p8, format: 'pem' });
    curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  } catch {
    throw new DirectPushCredentialError(
      `${name} is not an APNs key: expected the .p8 file downloaded from Certificates, Identifiers & Profiles → Keys (a PEM "PRIVATE KEY").`,
    );
  }
  if (curve !== 'prime256v1' || !p8.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new DirectPushCredentialError(
      `${name} is not an APNs key: APNs keys are P-256 elliptic-curve keys in PKCS#8 (.p8).`,
    );
  }
}

export interface ApnsCertificate {
  readonly kind: 'certificate';
  readonly pfx: Buffer;
  readonly passphrase: string;
  /** The bundle id from the certificate subject's UID, when it has one. */
  readonly topic?: string;
  /** SHA-256 of the file: identifies the connection's credentials without keeping a readable copy in the pool key. */
  readonly fingerprint: string;
  readonly label: string;
  readonly notAfter?: Date;
}

const UID_OID = '0.9.2342.19200300.100.1.1';
// PKCS#12 bag types (RFC 7292 §4.2).
const KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const CERT_BAG = '1.2.840.113549.1.12.10.1.3';

export async function loadApnsCertificate(source: KeySource, passphrase = ''): Promise<ApnsCertificate> {
  const { bytes, name } = await readSource(source, 'certificate file (.p12)');
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))),
      passphrase,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/MAC could not be verified|Invalid password/i.test(message))
      throw new WrongPassphraseError(name);
    throw new DirectPushCredentialError(
      `${name} is not a PKCS#12 (.p12) file: export the certificate with its private key from Keychain Access as .p12.`,
    );
  }
  // The TLS layer (OpenSSL 3) must be able to open it too: legacy RC2-encrypted files open in forge but not there.
  try {
    createSecureContext({ pfx: bytes, passphrase });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'ERR_CRYPTO_UNSUPPORTED_OPERATION' || /unsupported/i.test(message))
      throw new DirectPushCredentialError(legacyP12Message(name));
    throw new DirectPushCredentialError(
      `${name} cannot be used for TLS: export the certificate with its private key from Keychain Access as .p12.`,
    );
  }
  const bags = (type: string): forge.pkcs12.Bag[] => p12.getBags({ bagType: type })[type] ?? [];
  const certs = bags(CERT_BAG);
  const keys = [...bags(SHROUDED_KEY_BAG), ...bags(KEY_BAG)];
  if (keys.length === 0)
    throw new DirectPushCredentialError(
      `${name} holds no private key: export the certificate together with its key (select both in Keychain Access).`,
    );
  // The client certificate is the one with a UID (Apple puts the bundle id there), else the first.
  const leaf = certs.map((bag) => bag.cert).find((cert) => cert?.subject.getField({ type: UID_OID })) ?? certs[0]?.cert;
  const uid = leaf?.subject.getField({ type: UID_OID }) as { value?: string } | null | undefined;
  const topic = typeof uid?.value === 'string' && uid.value !== '' ? uid.value : undefined;
  const cn = (leaf?.subject.getField('CN') as { value?: string } | null | undefined)?.value;
  return {
    kind: 'certificate',
    pfx: bytes,
    passphrase,
    ...(topic !== undefined && { topic }),
    fingerprint: createHash('sha256').update(bytes).digest('hex'),
    label: `${name}${cn ? ` · ${cn}` : ''}`,
    ...(leaf && { notAfter: leaf.validity.notAfter }),
  };
}

/** The message for a .p12 that OpenSSL 3 cannot open (RC2-40 / legacy algorithms). */
export function legacyP12Message(name: string): string {
  return (
    `${name} uses legacy encryption (RC2) that current OpenSSL refuses. Re-export it: in Keychain Access export again as .p12 ` +
    `(macOS 12 and later use AES), or run "openssl pkcs12 -legacy -in old.p12 -nodes -out tmp.pem && openssl pkcs12 -export -in tmp.pem -out new.p12" and delete tmp.pem.`
  );
}

const serviceAccountSchema = z.object({
  type: z.literal('service_account', {
    error: 'type must be "service_account" (this looks like another kind of Google credential)',
  }),
  project_id: z.string().min(1, 'project_id is missing'),
  private_key: z.string().includes('PRIVATE KEY', { error: 'private_key is not a PEM private key' }),
  private_key_id: z.string().optional(),
  client_email: z.string().includes('@', { error: 'client_email is not an email address' }),
  token_uri: z.url({ protocol: /^https?$/, error: 'token_uri is not a URL' }).optional(),
});

export interface ServiceAccount {
  readonly projectId: string;
  readonly clientEmail: string;
  readonly privateKey: string;
  readonly privateKeyId?: string;
  readonly tokenUri: string;
  /** "firebase-adminsdk-…@project.iam.gserviceaccount.com · project" */
  readonly label: string;
}

export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

export async function loadServiceAccount(source: KeySource): Promise<ServiceAccount> {
  const { bytes, name } = await readSource(source, 'service account file (.json)');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new DirectPushCredentialError(
      `${name} is not JSON: choose the service account key downloaded from Firebase console → Project settings → Service accounts.`,
    );
  }
  const parsed = serviceAccountSchema.safeParse(json);
  if (!parsed.success) {
    // Only the messages above, which name fields and never quote values.
    const problems = parsed.error.issues.map((issue) =>
      issue.code === 'invalid_type' ? `${issue.path.join('.')} is missing` : issue.message,
    );
    throw new DirectPushCredentialError(
      `${name} is not a Firebase service account key: ${[...new Set(problems)].join('; ')}.`,
    );
  }
  const sa = parsed.data;
  try {
    createPrivateKey({ key: sa.private_key, format: 'pem' });
  } catch {
    throw new DirectPushCredentialError(`${name} is not a Firebase service account key: private_key cannot be read.`);
  }
  return {
    projectId: sa.project_id,
    clientEmail: sa.client_email,
    privateKey: sa.private_key,
    ...(sa.private_key_id !== undefined && { privateKeyId: sa.private_key_id }),
    tokenUri: sa.token_uri ?? GOOGLE_TOKEN_URI,
    label: `${sa.client_email} · ${sa.project_id}`,
  };
}
