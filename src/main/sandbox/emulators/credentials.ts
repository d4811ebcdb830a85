/**
 * What the sandbox's "developer consoles" issued: APNs signing keys (.p8),
 * APNs client certificates (.p12) and Firebase service-account keys. Like
 * Apple and Google, the sandbox keeps only the public half: the private key
 * is handed out once and never stored. Persist with `toJSON`/`fromJSON`.
 */
import { z } from 'zod';

export type ApnsCertEnvironment = 'sandbox' | 'production';

export interface ApnsKeyRecord {
  KeyId: string;
  TeamId: string;
  /** Topic-specific key: pushes to other bundle ids answer TopicDisallowed. Empty: a team-scoped key, any topic of the team. */
  BundleIds: string[];
  /** A key limited to one environment (Apple's "Sandbox" or "Production" keys); absent: both. */
  Environment?: ApnsCertEnvironment;
  PublicKeyPem: string;
  Created: string;
}

export interface ApnsCertRecord {
  /** Hex serial, lower case. */
  Serial: string;
  Fingerprint256: string;
  TeamId: string;
  BundleId: string;
  /** `sandbox`: development environment only; `production`: both environments, as Apple's "Sandbox & Production" certificate. */
  Environment: ApnsCertEnvironment;
  /** The topics the certificate may push to (bundle id, `.voip`, `.complication`). */
  Topics: string[];
  NotAfter: string;
  Created: string;
}

export interface FcmKeyRecord {
  PrivateKeyId: string;
  PublicKeyPem: string;
  Created: string;
}

export interface FcmProjectRecord {
  ProjectId: string;
  /** The project number (sender id); the v1 API accepts it in place of the id. */
  ProjectNumber: string;
  ClientEmail: string;
  ClientId: string;
  Keys: FcmKeyRecord[];
}

export interface PushCredentialsSnapshot {
  version: 1;
  apnsKeys: ApnsKeyRecord[];
  apnsCerts: ApnsCertRecord[];
  fcmProjects: FcmProjectRecord[];
}

const snapshotSchema = z.object({
  version: z.literal(1),
  apnsKeys: z.array(
    z.object({
      KeyId: z.string(),
      TeamId: z.string(),
      BundleIds: z.array(z.string()),
      Environment: z.enum(['sandbox', 'production']).optional(),
      PublicKeyPem: z.string(),
      Created: z.string(),
    }),
  ),
  apnsCerts: z.array(
    z.object({
      Serial: z.string(),
      Fingerprint256: z.string(),
      TeamId: z.string(),
      BundleId: z.string(),
      Environment: z.enum(['sandbox', 'production']),
      Topics: z.array(z.string()),
      NotAfter: z.string(),
      Created: z.string(),
    }),
  ),
  fcmProjects: z.array(
    z.object({
      ProjectId: z.string(),
      ProjectNumber: z.string(),
      ClientEmail: z.string(),
      ClientId: z.string(),
      Keys: z.array(z.object({ PrivateKeyId: z.string(), PublicKeyPem: z.string(), Created: z.string() })),
    }),
  ),
});

export class PushCredentials {
  readonly apnsKeys = new Map<string, ApnsKeyRecord>();
  /** By Fingerprint256. */
  readonly apnsCerts = new Map<string, ApnsCertRecord>();
  readonly fcmProjects = new Map<string, FcmProjectRecord>();

  constructor(private readonly onChange: () => void = () => {}) {}

  addApnsKey(record: ApnsKeyRecord): void {
    this.apnsKeys.set(record.KeyId, record);
    this.onChange();
  }

  addApnsCert(record: ApnsCertRecord): void {
    this.apnsCerts.set(record.Fingerprint256, record);
    this.onChange();
  }

  putFcmProject(record: FcmProjectRecord): void {
    this.fcmProjects.set(record.ProjectId, record);
    this.onChange();
  }

  /** By project id or project number. */
  fcmProject(idOrNumber: string): FcmProjectRecord | undefined {
    return this.fcmProjects.get(idOrNumber) ?? [...this.fcmProjects.values()].find((p) => p.ProjectNumber === idOrNumber);
  }

  fcmProjectByEmail(clientEmail: string): FcmProjectRecord | undefined {
    return [...this.fcmProjects.values()].find((p) => p.ClientEmail === clientEmail);
  }

  toJSON(): PushCredentialsSnapshot {
    return { version: 1, apnsKeys: [...this.apnsKeys.values()], apnsCerts: [...this.apnsCerts.values()], fcmProjects: [...this.fcmProjects.values()] };
  }

  /** Throws when `data` is not a snapshot. */
  static fromJSON(data: unknown, onChange?: () => void): PushCredentials {
    const parsed = snapshotSchema.parse(data);
    const store = new PushCredentials(onChange);
    for (const k of parsed.apnsKeys) store.apnsKeys.set(k.KeyId, k);
    for (const c of parsed.apnsCerts) store.apnsCerts.set(c.Fingerprint256, c);
    for (const p of parsed.fcmProjects) store.fcmProjects.set(p.ProjectId, p);
    return store;
  }
}
