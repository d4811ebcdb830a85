/**
 * Direct push to APNs and FCM from the app. Key files are chosen through
 * main's native file chooser and read by main, which answers a handle and
 * the file's name: the renderer puts the handle where the push names its key
 * file (`auth.keyFile`, `serviceAccountFile`) and never holds key material.
 * Settings (and the keys themselves, encrypted) are kept per workspace in
 * main's store; what crosses IPC is the names and the ids shown on screen.
 */
import { z } from 'zod';
import { channel } from './define';
import { workspaceIdSchema as workspaceId } from '../workspace/workspace';
import {
  APNS_ENVIRONMENTS,
  APNS_PUSH_TYPES,
  directPushSchema,
  savedPayloadSchema,
  type ApnsPushType,
  type SavedPayload,
} from '../push/directPush';
import type { PushAdvice } from '../push/directPushAdvice';
import type { WorkbenchError } from '../errors';

export const KEY_FILE_KINDS = ['apnsKey', 'apnsCert', 'serviceAccount'] as const;
export type KeyFileKind = (typeof KEY_FILE_KINDS)[number];

/** A key file main has read and holds: the renderer sees its name and a handle. */
export interface ChosenKeyFile {
  readonly handle: string;
  readonly kind: KeyFileKind;
  readonly fileName: string;
  /**
   * A certificate (.p12) main holds but cannot open without its passphrase: the dialog asks for it, and
   * `directPush:unlockCertificate` sends it once. Main keeps the unlocked certificate; the passphrase is never saved.
   */
  readonly locked?: boolean;
}

/** A host override is the origin of a corporate relay: https, no path, query or credentials. */
export function hostOverrideProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a URL such as https://push-relay.example.com:8443.';
  }
  if (url.protocol !== 'https:') return 'The host must be an https:// URL (APNs and FCM take TLS only).';
  if (url.username || url.password) return 'Leave credentials out of the host URL.';
  if (url.pathname !== '/' || url.search || url.hash) return 'Enter the host only, with no path or query.';
  return undefined;
}
const hostOverride = z
  .string()
  .trim()
  .max(2048)
  .superRefine((value, ctx) => {
    const problem = hostOverrideProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => new URL(value).origin);

/** Hosts that replace Apple's and Google's (a corporate relay); not used on the Local sandbox, whose emulators are. */
export const directPushHostsSchema = z.strictObject({ apns: hostOverride.optional(), fcm: hostOverride.optional() });
export type DirectPushHosts = z.infer<typeof directPushHostsSchema>;

/** The APNs fields remembered per workspace (the key file separately, sealed, in main). */
export const apnsSettingsSchema = z.strictObject({
  keyId: z.string().max(10),
  teamId: z.string().max(10),
  topic: z.string().max(255),
  environment: z.enum(APNS_ENVIRONMENTS),
  pushType: z.enum(APNS_PUSH_TYPES),
  priority: z.union([z.literal(10), z.literal(5), z.literal(1)]).optional(),
  /** Token key (.p8) or certificate (.p12); absent in settings saved before certificates were offered: token. */
  auth: z.enum(['token', 'certificate']).optional(),
});
export type ApnsSettings = z.infer<typeof apnsSettingsSchema>;

export interface DirectPushSettings {
  readonly apns?: ApnsSettings;
  /** The saved `.p8`, registered again under a fresh handle. */
  readonly apnsKey?: ChosenKeyFile;
  /** The saved `.p12`, registered again under a fresh handle; `locked` until its passphrase is given again. */
  readonly apnsCert?: ChosenKeyFile;
  readonly serviceAccount?: ChosenKeyFile;
  /** The host overrides last sent with (absent: Apple's and Google's hosts). */
  readonly hosts?: DirectPushHosts;
  readonly payloads: readonly SavedPayload[];
  /** False when keys are kept as plain text (no OS key storage), which the dialog says. */
  readonly keysEncrypted: boolean;
  /** A saved key that cannot be decrypted here (another machine, a reset keyring): choose it again. */
  readonly unreadableKeys: readonly KeyFileKind[];
}

/** What APNs or FCM answered, with the advice in plain words; no key material. */
export interface DirectPushOutcome {
  readonly service: 'apns' | 'fcm';
  readonly ok: boolean;
  readonly status: number;
  readonly apnsId?: string;
  readonly apnsUniqueId?: string;
  readonly reason?: string;
  /** Epoch ms; with Unregistered. */
  readonly timestamp?: number;
  readonly messageName?: string;
  readonly errorCode?: string;
  readonly message?: string;
  readonly advice?: PushAdvice;
  readonly host: string;
  /** The proxy it went through, password masked; absent when direct. */
  readonly proxy?: string;
  readonly topic?: string;
  readonly pushType?: ApnsPushType;
  readonly projectId?: string;
  /** "AuthKey_ABC123DEFG.p8 · Team ABCDE12345" */
  readonly credentialLabel: string;
}

/** A refusal before APNs or FCM answered; client-side refusals keep Apple's reason name and its advice. */
export interface DirectPushFailure extends WorkbenchError {
  readonly reason?: string;
  readonly advice?: PushAdvice;
}

export const directPushChannels = {
  /** Opens the native file chooser in main; `null` when the person cancelled. */
  'directPush:chooseKeyFile': channel<ChosenKeyFile | null>()(z.strictObject({ kind: z.enum(KEY_FILE_KINDS) })),
  /**
   * The passphrase of a chosen `.p12`, sent once: main opens the certificate with it and keeps it unlocked under
   * the handle (never saved, never answered). Fails with the reason (wrong passphrase, legacy RC2 encryption).
   */
  'directPush:unlockCertificate': channel<ChosenKeyFile>()(
    z.strictObject({ handle: z.string().min(1).max(64), passphrase: z.string().max(1024) }),
  ),
  'directPush:settings': channel<DirectPushSettings>()(z.strictObject({ workspaceId })),
  /** Sends; the settings used (and the key file) are remembered for the workspace whatever the answer. */
  'directPush:send': channel<DirectPushOutcome>()(
    z.strictObject({ workspaceId, push: directPushSchema, hosts: directPushHostsSchema.optional() }),
  ),
  'directPush:savePayload': channel<readonly SavedPayload[]>()(
    z.strictObject({ workspaceId, payload: savedPayloadSchema }),
  ),
  'directPush:deletePayload': channel<readonly SavedPayload[]>()(
    z.strictObject({ workspaceId, name: z.string().min(1).max(100) }),
  ),
};
