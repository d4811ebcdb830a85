/**
 * Contract channels beyond the Chime operations: connection and profiles,
 * MFA, activity log, watcher, workspaces, settings, shell and app info.
 * Output types are summaries that never hold a secret.
 */
import { z } from 'zod';
import { channel, event } from './define';
import { shapeSchema } from '../chime/schema';
import { MAX_EXPORT_CHARS } from '../limits';
import { ChimeArn, String64 } from '../chime/shapes';
import type * as T from './appTypes';
import { CLI_SHELLS } from '../aws/cli';

import {
  connectionSchema,
  deviceInputSchema,
  regionSchema as region,
  settingsPatchSchema,
  watchTargetSchema,
  workspaceIdSchema as id,
  workspacePatchSchema,
} from '../workspace/workspace';
import { endpointSnapshotSchema } from '../workspace/watch';

// The service's own ARN rule, declared once in the shared shapes.
const arn = shapeSchema(ChimeArn) as z.ZodType<string>;
const endpointId = z.string().min(1).max(String64.max ?? 64);
const deviceId = z.string().min(1).max(64);

export const appChannels = {
  'app:info': channel<T.AppInfo>()(z.undefined()),
  'profiles:list': channel<T.ProfileList>()(z.undefined()),
  'connection:get': channel<T.ConnectionState>()(z.undefined()),
  'connection:select': channel<T.ConnectionState>()(z.strictObject({ connection: connectionSchema, region })),
  'connection:whoami': channel<T.CallerIdentity>()(z.undefined()),
  'mfa:reply': channel<{ accepted: boolean }>()(
    z.strictObject({ requestId: z.string().min(1).max(128), code: z.string().regex(/^\d{6}$/, 'An MFA code is 6 digits').nullable() }),
  ),

  'activity:list': channel<readonly T.ActivityEntry[]>()(z.undefined()),
  'activity:clear': channel<{ cleared: number }>()(z.undefined()),
  // The export is always redacted (tokens shortened); there is nothing to reveal, so no member asks to.
  'activity:export': channel<{ json: string; fileName: string }>()(z.undefined()),
  'activity:cli': channel<{ command: string }>()(
    z.strictObject({ id: z.number().int().nonnegative(), revealTokens: z.boolean().default(false), shell: z.enum(CLI_SHELLS).default('posix') }),
  ),

  'watch:set': channel<readonly T.WatchTarget[]>()(z.strictObject({ target: watchTargetSchema, watched: z.boolean() })),
  'watch:list': channel<readonly T.WatchTarget[]>()(z.undefined()),
  'watch:health': channel<T.WatchHealth>()(z.undefined()),
  'watch:history': channel<readonly T.HistoryEntry[]>()(z.strictObject({ userArn: arn, endpointId })),
  'watch:retry': channel<boolean>()(z.undefined()),
  'watch:summary': channel<readonly T.WatchSummary[]>()(z.undefined()),
  // `after`: a registration (default; followed on the Local sandbox only) or a test push (also on AWS, for 60 s).
  'watch:follow': channel<T.WatchFollow>()(z.strictObject({ userArn: arn, endpointId, known: endpointSnapshotSchema, after: z.enum(['registration', 'push']).optional() })),

  'workspace:list': channel<T.WorkspaceList>()(z.undefined()),
  'workspace:restore': channel<T.WorkspaceRestore>()(z.undefined()),
  'workspace:create': channel<T.Workspace>()(z.strictObject({ name: z.string().trim().min(1).max(100) })),
  'workspace:rename': channel<T.Workspace>()(z.strictObject({ id, name: z.string().trim().min(1).max(100) })),
  'workspace:duplicate': channel<T.Workspace>()(z.strictObject({ id })),
  'workspace:delete': channel<T.WorkspaceList>()(z.strictObject({ id })),
  'workspace:switch': channel<T.WorkspaceRestore>()(z.strictObject({ id })),
  'workspace:update': channel<T.Workspace>()(z.strictObject({ id, patch: workspacePatchSchema })),
  'device:add': channel<T.Workspace>()(z.strictObject({ workspaceId: id, device: deviceInputSchema })),
  'device:remove': channel<T.Workspace>()(z.strictObject({ workspaceId: id, deviceId })),
  'workspace:export': channel<{ json: string; fileName: string }>()(
    z.strictObject({ ids: z.array(id).max(1000).optional(), includeDeviceTokens: z.boolean() }),
  ),
  'workspace:import': channel<T.ImportSummary>()(z.strictObject({ json: z.string().max(MAX_EXPORT_CHARS) })),

  'settings:get': channel<T.Settings>()(z.undefined()),
  'settings:set': channel<T.Settings>()(settingsPatchSchema),

  'shell:openExternal': channel<{ opened: boolean }>()(z.strictObject({ url: z.string().url().max(2048) })),
};

export const appEvents = {
  'connection:changed': event<T.ConnectionState>(),
  'mfa:request': event<T.MfaRequest>(),
  'activity:appended': event<T.ActivityEntry>(),
  'watch:change': event<T.WatchChange>(),
  'watch:status': event<T.WatchHealth>(),
  'store:notice': event<T.StoreNotice>(),
};
