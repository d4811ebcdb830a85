/**
 * Apple's developer console, for the sandbox: signing keys for token
 * authentication and client certificates for certificate authentication.
 *
 *   POST /_sandbox/apns-keys  {"TeamId","BundleIds":[…],"Environment"?} → {"KeyId","TeamId","P8"}
 *   POST /_sandbox/apns-certs {"TeamId","BundleId","Environment"}  → {"P12" (base64),"Passphrase"}
 *
 * `BundleIds: []` issues a team-scoped key (any topic); otherwise the key is
 * topic-specific and other bundle ids answer TopicDisallowed. A key with an
 * `Environment` (`sandbox` or `production`, as Apple's environment-scoped
 * keys) answers BadEnvironmentKeyIdInToken in the other one. A `sandbox`
 * certificate is Apple's "Apple Push Notification service SSL (Sandbox)"
 * (development environment only); `production` is "Sandbox & Production".
 * Certificates carry the topics `<bundle>`, `<bundle>.voip` and
 * `<bundle>.complication`, like Apple's universal certificates.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { z } from 'zod';
import { answering, type ControlAnswer } from '../../core/controls';
import { badRequest } from '../../core/errors';
import { parseBody } from '../../core/body';
import { newRsaKeyPair, type SandboxCa } from '../ca';
import type { ApnsCertEnvironment, PushCredentials } from '../credentials';

/** Apple team ids and key ids: 10 upper-case letters and digits. */
export const APPLE_ID = /^[A-Z0-9]{10}$/;
const BUNDLE_ID = /^[A-Za-z0-9][A-Za-z0-9.-]*$/;
const UID_OID = '0.9.2342.19200300.100.1.1';
const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export interface IssuedApnsKey {
  readonly KeyId: string;
  readonly TeamId: string;
  /** PEM, PKCS#8, EC P-256: the content of `AuthKey_<KeyId>.p8`. */
  readonly P8: string;
}

export interface IssuedApnsCert {
  /** Base64 PKCS#12 with the private key, the certificate and the sandbox CA. */
  readonly P12: string;
  readonly Passphrase: string;
}

const bundleId = z.string().min(1).max(155).regex(BUNDLE_ID, 'a bundle id such as com.example.app');
const keyBody = z.strictObject({
  TeamId: z.string().regex(APPLE_ID, '10 upper-case letters and digits'),
  BundleIds: z.array(bundleId).max(400),
  Environment: z.enum(['sandbox', 'production']).optional(),
});
const certBody = z.strictObject({
  TeamId: z.string().regex(APPLE_ID, '10 upper-case letters and digits'),
  BundleId: bundleId,
  Environment: z.enum(['sandbox', 'production']),
});

export function issueApnsKey(credentials: PushCredentials, input: { TeamId: string; BundleIds: readonly string[]; Environment?: ApnsCertEnvironment }, now: () => number = Date.now): IssuedApnsKey {
  const parsed = keyBody.safeParse(input);
  if (!parsed.success) throw badRequest(`Expected {"TeamId","BundleIds":[…],"Environment"?:"sandbox|production"}: ${z.prettifyError(parsed.error)}`);
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let KeyId = appleId();
  while (credentials.apnsKeys.has(KeyId)) KeyId = appleId();
  const { TeamId, BundleIds, Environment } = parsed.data;
  credentials.addApnsKey({
    KeyId,
    TeamId,
    BundleIds: [...new Set(BundleIds)],
    ...(Environment && { Environment }),
    PublicKeyPem: publicKey,
    Created: new Date(now()).toISOString(),
  });
  return { KeyId, TeamId, P8: privateKey };
}

export function issueApnsCert(
  credentials: PushCredentials,
  ca: SandboxCa,
  input: { TeamId: string; BundleId: string; Environment: ApnsCertEnvironment },
  now: () => number = Date.now,
): IssuedApnsCert {
  const parsed = certBody.safeParse(input);
  if (!parsed.success) throw badRequest(`Expected {"TeamId","BundleId","Environment":"sandbox|production"}: ${z.prettifyError(parsed.error)}`);
  const { TeamId, BundleId, Environment } = parsed.data;
  const keys = newRsaKeyPair();
  const label = Environment === 'sandbox' ? 'Apple Development IOS Push Services' : 'Apple Push Services';
  const issued = ca.issue({
    subject: [
      { type: UID_OID, value: BundleId },
      { shortName: 'CN', value: `${label}: ${BundleId}` },
      { shortName: 'OU', value: TeamId },
      { shortName: 'O', value: 'Sandbox Developer' },
      { shortName: 'C', value: 'US' },
    ],
    publicKeyPem: keys.publicKeyPem,
    usage: 'client',
    days: 395,
  });
  credentials.addApnsCert({
    Serial: issued.serial,
    Fingerprint256: issued.fingerprint256,
    TeamId,
    BundleId,
    Environment,
    Topics: [BundleId, `${BundleId}.voip`, `${BundleId}.complication`],
    NotAfter: issued.notAfter,
    Created: new Date(now()).toISOString(),
  });
  const Passphrase = randomBytes(12).toString('base64url');
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keys.privateKeyPem),
    [forge.pki.certificateFromPem(issued.certPem), forge.pki.certificateFromPem(ca.certPem)],
    Passphrase,
    { algorithm: '3des', friendlyName: `${label}: ${BundleId}` },
  );
  return { P12: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary').toString('base64'), Passphrase };
}

export interface ApnsIssueContext {
  readonly credentials: PushCredentials;
  readonly ca: SandboxCa;
  readonly now?: () => number;
}

/** `POST /_sandbox/apns-keys` and `POST /_sandbox/apns-certs`; undefined for other targets. */
export function handleApnsIssueControl(ctx: ApnsIssueContext, method: string, target: string, bodyText: string): ControlAnswer | undefined {
  const path = target.split('?')[0];
  if (method === 'POST' && path === '/_sandbox/apns-keys') {
    return answering(() => ({ status: 200, body: { ...issueApnsKey(ctx.credentials, parseBody(bodyText) as never, ctx.now) } }));
  }
  if (method === 'POST' && path === '/_sandbox/apns-certs') {
    return answering(() => ({ status: 200, body: { ...issueApnsCert(ctx.credentials, ctx.ca, parseBody(bodyText) as never, ctx.now) } }));
  }
  return undefined;
}

function appleId(): string {
  let id = '';
  for (const byte of randomBytes(10)) id += ID_CHARS[byte % ID_CHARS.length];
  return id;
}
