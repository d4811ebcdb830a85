/**
 * The sandbox CA: one per sandbox (persist it with `toJSON`/`fromJSON` so
 * apps that trusted `GET /_sandbox/ca.pem` keep trusting it across restarts).
 * It signs the APNs emulator's TLS server certificate (127.0.0.1, ::1,
 * localhost) and the client certificates `POST /_sandbox/apns-certs` issues.
 *
 * Keys are made by node:crypto (fast, native); node-forge only builds and
 * signs the X.509 structures. Validity follows the real clock, not the
 * sandbox's injected one: TLS peers check certificates against the real time.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { z } from 'zod';
import type { ControlAnswer } from '../core/controls';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface KeyPairPem {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

export function newRsaKeyPair(bits = 2048): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

export interface IssueOptions {
  /** Subject attributes, e.g. `[{ shortName: 'CN', value: '…' }, { type: '0.9.2342.19200300.100.1.1', value: bundleId }]`. */
  readonly subject: forge.pki.CertificateField[];
  readonly publicKeyPem: string;
  readonly usage: 'server' | 'client';
  readonly days: number;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
}

export interface IssuedCertificate {
  readonly certPem: string;
  /** Hex, lower case. */
  readonly serial: string;
  /** SHA-256 of the DER, upper-case hex pairs joined by `:` as Node's `getPeerCertificate().fingerprint256` prints it. */
  readonly fingerprint256: string;
  readonly notAfter: string;
}

export interface SandboxCaSnapshot {
  version: 1;
  keyPem: string;
  certPem: string;
  server?: { keyPem: string; certPem: string };
}

const snapshotSchema = z.object({
  version: z.literal(1),
  keyPem: z.string(),
  certPem: z.string(),
  server: z.object({ keyPem: z.string(), certPem: z.string() }).optional(),
});

export class SandboxCa {
  private server: { keyPem: string; certPem: string } | undefined;
  private readonly caCert: forge.pki.Certificate;
  private readonly caKey: forge.pki.rsa.PrivateKey;

  private constructor(
    private readonly keyPem: string,
    readonly certPem: string,
    server?: { keyPem: string; certPem: string },
  ) {
    this.caCert = forge.pki.certificateFromPem(certPem);
    this.caKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
    this.server = server;
  }

  static create(options: { commonName?: string } = {}): SandboxCa {
    const keys = newRsaKeyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
    cert.serialNumber = newSerial();
    const now = Date.now();
    cert.validity.notBefore = new Date(now - DAY_MS);
    cert.validity.notAfter = new Date(now + 10 * 365 * DAY_MS);
    const name = [
      { shortName: 'CN', value: options.commonName ?? `Chime Workbench Sandbox CA ${randomBytes(3).toString('hex')}` },
      { shortName: 'O', value: 'Chime Endpoint Workbench (local sandbox)' },
    ];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return new SandboxCa(keys.privateKeyPem, forge.pki.certificateToPem(cert));
  }

  /** Throws when `data` is not a CA snapshot. */
  static fromJSON(data: unknown): SandboxCa {
    const parsed = snapshotSchema.parse(data);
    return new SandboxCa(parsed.keyPem, parsed.certPem, parsed.server);
  }

  toJSON(): SandboxCaSnapshot {
    return { version: 1, keyPem: this.keyPem, certPem: this.certPem, ...(this.server && { server: { ...this.server } }) };
  }

  /** The TLS server key and certificate for 127.0.0.1, ::1 and localhost (made once, then kept). */
  serverCredentials(): { key: string; cert: string } {
    if (!this.server) {
      const keys = newRsaKeyPair();
      const issued = this.issue({
        subject: [{ shortName: 'CN', value: '127.0.0.1' }],
        publicKeyPem: keys.publicKeyPem,
        usage: 'server',
        days: 825,
        dnsNames: ['localhost'],
        ipAddresses: ['127.0.0.1', '::1'],
      });
      this.server = { keyPem: keys.privateKeyPem, certPem: issued.certPem };
    }
    return { key: this.server.keyPem, cert: this.server.certPem };
  }

  issue(options: IssueOptions): IssuedCertificate {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(options.publicKeyPem);
    cert.serialNumber = newSerial();
    const now = Date.now();
    cert.validity.notBefore = new Date(now - DAY_MS);
    cert.validity.notAfter = new Date(now + options.days * DAY_MS);
    cert.setSubject(options.subject);
    cert.setIssuer(this.caCert.subject.attributes);
    const altNames = [
      ...(options.dnsNames ?? []).map((value) => ({ type: 2, value })),
      ...(options.ipAddresses ?? []).map((ip) => ({ type: 7, ip })),
    ];
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: options.usage === 'server', clientAuth: options.usage === 'client' },
      ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.caCert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(this.caKey, forge.md.sha256.create());
    const certPem = forge.pki.certificateToPem(cert);
    return { certPem, serial: cert.serialNumber.toLowerCase(), fingerprint256: fingerprint256(certPem), notAfter: cert.validity.notAfter.toISOString() };
  }

  /** Whether this CA signed the certificate (PEM). */
  signed(certPem: string): boolean {
    try {
      return this.caCert.verify(forge.pki.certificateFromPem(certPem));
    } catch {
      return false;
    }
  }
}

/** Node's `fingerprint256` format of a PEM or DER certificate. */
export function fingerprint256(cert: string | Buffer): string {
  const der = typeof cert === 'string' ? Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(cert))).getBytes(), 'binary') : cert;
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g) ?? []).join(':');
}

function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f; // positive
  return bytes.toString('hex');
}

/** `GET /_sandbox/ca.pem`: the CA certificate to trust for sandbox connections. */
export function handleCaControl(ca: SandboxCa, method: string, path: string): ControlAnswer | undefined {
  if (method !== 'GET' || path.split('?')[0] !== '/_sandbox/ca.pem') return undefined;
  return { status: 200, headers: { 'content-type': 'application/x-pem-file' }, body: ca.certPem };
}
