/**
 * The on-disk layout of `workspaces.json` and its migrations. The layout is
 * versioned on its own semver (conf records it in the file) so that it can
 * change between app releases without guessing from the app version.
 *
 * 1.0.0, the first layout: workspaces keyed by id, `profile: null` meaning
 * the sandbox, `watchedUsers` as a list of ARNs, devices with `platform` and
 * `token`, ISO dates, and `lastWorkspace`/`preferences` at the top level.
 * 2.0.0, the current one: see `storedLayoutSchema`.
 */
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  WORKSPACE_LIMITS,
  deviceSchema,
  settingsSchema,
  workspaceSchema,
  type Settings,
  type Workspace,
} from '../../shared/workspace/workspace';
import type { DocumentSpec, MigrationStore } from './persistence';

export const WORKSPACE_LAYOUT_VERSION = '2.0.0';

/** Sealed tokens are base64 of ciphertext, longer than the plain 1,600-character cap. */
const storedToken = z.string().max(8192);
const storedDeviceSchema = deviceSchema.extend({ deviceToken: storedToken, voipDeviceToken: storedToken.min(1).optional() });
export const storedWorkspaceSchema = workspaceSchema.extend({ devices: z.array(storedDeviceSchema).max(WORKSPACE_LIMITS.devices) });

export const storedLayoutSchema = z.strictObject({
  workspaces: z.array(storedWorkspaceSchema).max(WORKSPACE_LIMITS.workspaces),
  settings: settingsSchema,
});
export type StoredWorkspace = z.infer<typeof storedWorkspaceSchema>;
export type StoredLayout = z.infer<typeof storedLayoutSchema> & Record<string, unknown>;
// Compile-time check that a stored workspace is a workspace with sealed tokens.
const _sameShape: (w: StoredWorkspace) => Workspace = (w) => w;

/** Coarse JSON schema conf checks on read and on every write; zod does the deep check. */
const jsonSchema = {
  workspaces: {
    type: 'array',
    maxItems: WORKSPACE_LIMITS.workspaces,
    items: {
      type: 'object',
      required: ['id', 'name', 'connection', 'region', 'watchList', 'devices', 'createdAt', 'updatedAt'],
      properties: {
        id: { type: 'string', maxLength: WORKSPACE_LIMITS.id },
        name: { type: 'string', maxLength: WORKSPACE_LIMITS.name },
        connection: { type: 'object', required: ['kind'] },
        region: { type: 'string', maxLength: 32 },
        watchList: { type: 'array', maxItems: WORKSPACE_LIMITS.watchList },
        devices: { type: 'array', maxItems: WORKSPACE_LIMITS.devices },
        registrationDefaults: { type: 'array', maxItems: WORKSPACE_LIMITS.registrationDefaults },
        createdAt: { type: 'number' },
        updatedAt: { type: 'number' },
      },
    },
  },
  settings: {
    type: 'object',
    required: ['notifyOnInactive', 'watchIntervalMs', 'theme'],
    properties: {
      notifyOnInactive: { type: 'boolean' },
      watchIntervalMs: { type: 'number', minimum: 1000 },
      theme: { enum: ['system', 'light', 'dark'] },
    },
  },
};

interface V1Device {
  id?: unknown;
  label?: unknown;
  platform?: unknown;
  token?: unknown;
  voipToken?: unknown;
  pinpointArn?: unknown;
}
interface V1Workspace {
  name?: unknown;
  profile?: unknown;
  region?: unknown;
  appInstanceArn?: unknown;
  userArn?: unknown;
  watchedUsers?: unknown;
  devices?: unknown;
  created?: unknown;
  updated?: unknown;
}

const time = (iso: unknown, fallback: number): number => {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? ms : fallback;
};
const optional = <K extends string>(key: K, value: unknown): Partial<Record<K, string>> =>
  typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};

/**
 * 1.0.0 → 2.0.0. Values are carried as they are; anything the new schema does
 * not accept fails validation afterwards and the whole file is moved aside
 * with a notice, rather than pieces of it being dropped quietly here.
 */
export function migrateV1ToV2(store: MigrationStore): void {
  const old = store.get('workspaces');
  // A fresh store, one already in the new layout (a file without a recorded version), or something
  // that is neither: left alone so validation rejects it and the file is moved aside whole.
  if (typeof old !== 'object' || old === null || Array.isArray(old)) return;
  const byId = old as Record<string, V1Workspace>;
  const workspaces = Object.entries(byId).map(([id, w]) => {
    const createdAt = time(w.created, 0);
    return {
      id,
      name: w.name,
      connection: typeof w.profile === 'string' ? { kind: 'profile', profile: w.profile } : { kind: 'sandbox' },
      region: w.region,
      ...optional('appInstanceArn', w.appInstanceArn),
      ...optional('selectedUserArn', w.userArn),
      watchList: Array.isArray(w.watchedUsers) ? w.watchedUsers.map((userArn: unknown) => ({ userArn })) : [],
      devices: (Array.isArray(w.devices) ? (w.devices as V1Device[]) : []).map((d) => ({
        id: d.id,
        label: d.label,
        type: d.platform,
        deviceToken: d.token,
        ...optional('voipDeviceToken', d.voipToken),
        pinpointAppArn: d.pinpointArn,
      })),
      createdAt,
      updatedAt: time(w.updated, createdAt),
    };
  });
  const prefs = (store.get('preferences') ?? {}) as { notifications?: unknown; pollSeconds?: unknown; theme?: unknown };
  const settings: Record<string, unknown> = {
    ...DEFAULT_SETTINGS,
    ...(typeof prefs.notifications === 'boolean' ? { notifyOnInactive: prefs.notifications } : {}),
    ...(typeof prefs.pollSeconds === 'number' ? { watchIntervalMs: Math.max(1000, Math.round(prefs.pollSeconds * 1000)) } : {}),
    ...(typeof prefs.theme === 'string' ? { theme: prefs.theme } : {}),
    ...optional('lastWorkspaceId', store.get('lastWorkspace')),
  };
  store.set('workspaces', workspaces);
  store.set('settings', settings);
  store.delete('lastWorkspace');
  store.delete('preferences');
}

export const EMPTY_LAYOUT: StoredLayout = { workspaces: [], settings: { ...DEFAULT_SETTINGS } satisfies Settings };

export const workspaceDocumentSpec: DocumentSpec<StoredLayout> = {
  name: 'workspaces',
  what: 'workspaces',
  version: WORKSPACE_LAYOUT_VERSION,
  migrations: { '2.0.0': migrateV1ToV2 },
  jsonSchema,
  defaults: EMPTY_LAYOUT,
  validate: (raw) => storedLayoutSchema.parse(raw) as StoredLayout,
};
