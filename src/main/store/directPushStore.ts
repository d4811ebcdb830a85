/**
 * Direct-push settings per workspace, in their own file (`direct-push.json`):
 * the APNs fields last used, the key files themselves sealed with the app's
 * encryptor (safeStorage in the app; plain text where the OS has no key
 * storage, which the dialog says, as for device tokens), and the saved
 * payload library. Never exported with the workspaces and never sent over
 * IPC: callers get names, and keys only as bytes for KeyHandles.
 */
import { z } from 'zod';
import { savedPayloadSchema, type SavedPayload } from '../../shared/push/directPush';
import { WORKSPACE_LIMITS } from '../../shared/workspace/workspace';
import {
  apnsSettingsSchema,
  directPushHostsSchema,
  KEY_FILE_KINDS,
  type DirectPushHosts,
  type ApnsSettings,
  type KeyFileKind,
} from '../../shared/ipc/directPushContract';
import { openToken, sealToken, type Encryptor } from './encryption';
import type { DocumentOpener, DocumentSpec, PersistentDocument, StoreNotice } from './persistence';

export const MAX_SAVED_PAYLOADS = 50;

const sealedKeySchema = z.strictObject({
  fileName: z.string().min(1).max(255),
  sealed: z.string().max(200_000),
  /** How the bytes were turned into the sealed text: base64 for binary files (.p12); absent: UTF-8 (.p8, .json). */
  encoding: z.literal('base64').optional(),
});
const entrySchema = z.strictObject({
  apns: apnsSettingsSchema.optional(),
  hosts: directPushHostsSchema.optional(),
  keys: z.partialRecord(z.enum(KEY_FILE_KINDS), sealedKeySchema).default({}),
  payloads: z.array(savedPayloadSchema).max(MAX_SAVED_PAYLOADS).default([]),
});
type Entry = z.infer<typeof entrySchema>;
const layoutSchema = z.strictObject({
  workspaces: z.record(z.string().max(WORKSPACE_LIMITS.id), entrySchema),
});
type Layout = z.infer<typeof layoutSchema>;

const spec: DocumentSpec<Layout> = {
  name: 'direct-push',
  what: 'direct push settings',
  version: '1.0.0',
  migrations: {},
  jsonSchema: { workspaces: { type: 'object' } },
  defaults: { workspaces: {} },
  validate: (raw) => layoutSchema.parse(raw),
};

const EMPTY: Entry = { keys: {}, payloads: [] };

export class DirectPushStore {
  readonly notices: readonly StoreNotice[];
  readonly #document: PersistentDocument<Layout>;
  readonly #encryptor: Encryptor;

  constructor({ open, encryptor }: { open: DocumentOpener; encryptor: Encryptor }) {
    const opened = open(spec);
    this.#document = opened.document;
    this.notices = opened.notices;
    this.#encryptor = encryptor;
  }

  get keysEncrypted(): boolean {
    return this.#encryptor.isAvailable();
  }

  apns(workspaceId: string): ApnsSettings | undefined {
    return this.#entry(workspaceId).apns;
  }

  hosts(workspaceId: string): DirectPushHosts | undefined {
    return this.#entry(workspaceId).hosts;
  }

  /** Empty overrides are not kept: the default hosts need no entry. */
  saveHosts(workspaceId: string, hosts: DirectPushHosts): void {
    const kept = hosts.apns || hosts.fcm ? hosts : undefined;
    this.#update(workspaceId, ({ hosts: _previous, ...entry }) => ({ ...entry, ...(kept && { hosts: kept }) }));
  }

  payloads(workspaceId: string): readonly SavedPayload[] {
    return this.#entry(workspaceId).payloads;
  }

  /** The saved key file's bytes; `unreadable` when it was sealed where this encryptor cannot open it. */
  key(workspaceId: string, kind: KeyFileKind): { fileName: string; bytes: Buffer } | 'unreadable' | undefined {
    const saved = this.#entry(workspaceId).keys[kind];
    if (!saved) return undefined;
    const plain = openToken(this.#encryptor, saved.sealed);
    if (plain === undefined) return 'unreadable';
    return { fileName: saved.fileName, bytes: Buffer.from(plain, saved.encoding === 'base64' ? 'base64' : 'utf8') };
  }

  saveApns(workspaceId: string, apns: ApnsSettings): void {
    this.#update(workspaceId, (entry) => ({ ...entry, apns }));
  }

  saveKey(workspaceId: string, kind: KeyFileKind, fileName: string, bytes: Buffer): void {
    // A .p12 is binary: UTF-8 would mangle it.
    const binary = kind === 'apnsCert';
    const sealed = sealToken(this.#encryptor, bytes.toString(binary ? 'base64' : 'utf8'));
    this.#update(workspaceId, (entry) => ({
      ...entry,
      keys: { ...entry.keys, [kind]: { fileName, sealed, ...(binary && { encoding: 'base64' as const }) } },
    }));
  }

  /** Adds the payload, or replaces the one of the same name; the oldest falls off past the limit. */
  savePayload(workspaceId: string, payload: SavedPayload): readonly SavedPayload[] {
    return this.#update(workspaceId, (entry) => ({
      ...entry,
      payloads: [...entry.payloads.filter((p) => p.name !== payload.name), payload].slice(-MAX_SAVED_PAYLOADS),
    })).payloads;
  }

  deletePayload(workspaceId: string, name: string): readonly SavedPayload[] {
    return this.#update(workspaceId, (entry) => ({ ...entry, payloads: entry.payloads.filter((p) => p.name !== name) }))
      .payloads;
  }

  flush(): Promise<void> {
    return this.#document.flush();
  }

  #entry(workspaceId: string): Entry {
    return this.#document.read().workspaces[workspaceId] ?? EMPTY;
  }

  #update(workspaceId: string, change: (entry: Entry) => Entry): Entry {
    const next = change(this.#entry(workspaceId));
    const workspaces = { ...this.#document.read().workspaces, [workspaceId]: next };
    // Bounded like the workspace store: settings of the workspaces touched longest ago fall off.
    const ids = Object.keys(workspaces).filter((id) => id !== workspaceId);
    const kept = ids.slice(Math.max(0, ids.length - (WORKSPACE_LIMITS.workspaces - 1)));
    this.#document.write({
      workspaces: Object.fromEntries([...kept.map((id) => [id, workspaces[id]!] as const), [workspaceId, next]]),
    });
    return next;
  }
}
