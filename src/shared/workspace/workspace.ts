/**
 * Workspaces and settings: what the app remembers between launches. Pure
 * types and zod schemas, shared by the store in main, the IPC contract and the
 * renderer's forms. A workspace never holds credentials: a connection names an
 * AWS profile (main resolves it) or the Local sandbox.
 *
 * Every string has a length cap and every list a size cap, because the same
 * schemas validate imported files, which are untrusted input.
 */
import { z } from 'zod';
import { ChimeArn, ENDPOINT_TYPES, NonEmptySensitiveString1600, String64 } from '../chime/shapes';
import { REGION_NAME_PATTERN } from '../aws/regions';
import { testPushHistorySchema } from '../push/testPush';

/** Caps for lists, so a hostile import cannot make the store or the UI unbounded. */
export const WORKSPACE_LIMITS = {
  workspaces: 100,
  /** The bench watches 1,000 users; leave room above it. */
  watchList: 2000,
  devices: 200,
  /** One entry per AppInstance the register form was used on. */
  registrationDefaults: 200,
  name: 100,
  label: 100,
  profile: 128,
  id: 64,
} as const;

const arn = z
  .string()
  .max(ChimeArn.max ?? 1600)
  .regex(ChimeArn.pattern ?? /^arn:/, { message: 'expected an ARN (arn:partition:service:region:account:resource)' });

export const workspaceIdSchema = z
  .string()
  .min(1)
  .max(WORKSPACE_LIMITS.id)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'expected letters, digits, - and _' });

export const regionSchema = z
  .string()
  .max(32)
  .regex(REGION_NAME_PATTERN, { message: 'expected an AWS region such as us-east-1' });

export const connectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sandbox') }),
  z.strictObject({
    kind: z.literal('profile'),
    profile: z
      .string()
      .min(1)
      .max(WORKSPACE_LIMITS.profile)
      // A profile name, or the pseudo-profile of the AWS_* environment variables.
      .regex(/^(\(environment\)|[\w.@+-]+( [\w.@+-]+)*)$/, { message: 'expected an AWS profile name' }),
  }),
]);

/** A watched user (every endpoint) or, with `endpointId`, one endpoint of that user. */
export const watchTargetSchema = z.strictObject({
  userArn: arn,
  endpointId: z.string().min(1).max(String64.max ?? 64).optional(),
});

/** The device token may be empty: an export made for sharing strips it, and the user fills it in. */
const deviceToken = z.string().max(NonEmptySensitiveString1600.max ?? 1600);

export const deviceSchema = z.strictObject({
  id: workspaceIdSchema,
  label: z.string().min(1).max(WORKSPACE_LIMITS.label),
  type: z.enum(ENDPOINT_TYPES),
  deviceToken,
  voipDeviceToken: deviceToken.min(1).optional(),
  pinpointAppArn: arn,
});

/**
 * What the register form remembers per AppInstance: the Pinpoint app ARN and
 * endpoint type of the last registration, so the next one starts from them.
 */
export const registrationDefaultSchema = z.strictObject({
  appInstanceArn: arn,
  pinpointAppArn: arn,
  type: z.enum(ENDPOINT_TYPES),
});
const registrationDefaults = z.array(registrationDefaultSchema).max(WORKSPACE_LIMITS.registrationDefaults);

const epochMs = z.number().int().nonnegative().max(8.64e15);

export const workspaceSchema = z.strictObject({
  id: workspaceIdSchema,
  name: z.string().min(1).max(WORKSPACE_LIMITS.name),
  connection: connectionSchema,
  region: regionSchema,
  appInstanceArn: arn.optional(),
  selectedUserArn: arn.optional(),
  watchList: z.array(watchTargetSchema).max(WORKSPACE_LIMITS.watchList),
  devices: z.array(deviceSchema).max(WORKSPACE_LIMITS.devices),
  registrationDefaults: registrationDefaults.optional(),
  /** The test pushes sent from this workspace, newest last (issue 13). */
  testPushes: testPushHistorySchema.optional(),
  createdAt: epochMs,
  updatedAt: epochMs,
});

export const THEMES = ['system', 'light', 'dark'] as const;
export const WATCH_INTERVAL = { defaultMs: 5000, minMs: 1000, maxMs: 3_600_000 } as const;

export const settingsSchema = z.strictObject({
  lastWorkspaceId: workspaceIdSchema.optional(),
  notifyOnInactive: z.boolean(),
  watchIntervalMs: z.number().int().min(WATCH_INTERVAL.minMs).max(WATCH_INTERVAL.maxMs),
  theme: z.enum(THEMES),
});

export const DEFAULT_SETTINGS: Settings = {
  notifyOnInactive: true,
  watchIntervalMs: WATCH_INTERVAL.defaultMs,
  theme: 'system',
};

/** What `update` may change; identity and timestamps are the service's. */
export const workspacePatchSchema = z.strictObject({
  connection: connectionSchema.optional(),
  region: regionSchema.optional(),
  appInstanceArn: arn.nullable().optional(),
  selectedUserArn: arn.nullable().optional(),
  watchList: z.array(watchTargetSchema).max(WORKSPACE_LIMITS.watchList).optional(),
  registrationDefaults: registrationDefaults.optional(),
  testPushes: testPushHistorySchema.optional(),
});

export const deviceInputSchema = deviceSchema.omit({ id: true });
export const settingsPatchSchema = settingsSchema.partial().extend({ lastWorkspaceId: workspaceIdSchema.nullable().optional() });

export type Connection = z.infer<typeof connectionSchema>;
export type WatchTarget = z.infer<typeof watchTargetSchema>;
export type RegistrationDefault = z.infer<typeof registrationDefaultSchema>;
export type Device = z.infer<typeof deviceSchema>;
export type DeviceInput = z.infer<typeof deviceInputSchema>;
export type Workspace = z.infer<typeof workspaceSchema>;
export type WorkspacePatch = z.infer<typeof workspacePatchSchema>;
export type Theme = (typeof THEMES)[number];
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
