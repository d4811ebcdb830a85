/**
 * State of the "Manage app instance" view, one sub-slice per area. Each
 * sub-slice keeps what it last loaded keyed by the resource's ARN.
 */
import type { SliceCreator } from '../../store';
import { createAppInstanceDetailSlice, type AppInstanceDetailSlice } from './appInstance/appInstanceDetailSlice';
import { createManagedUserSlice, type ManagedUserSlice } from './users/managedUserSlice';
import { createAdminsSlice, type AdminsSlice } from './admins/adminsSlice';
import { createBotsSlice, type BotsSlice } from './bots/botsSlice';
import { createRetentionSlice, type RetentionSlice } from './retention/retentionSlice';
import { createTagsSlice, type TagsSlice } from './tags/tagsSlice';

export type AdminSlice = AppInstanceDetailSlice & ManagedUserSlice & AdminsSlice & BotsSlice & RetentionSlice & TagsSlice;

export const createAdminSlice: SliceCreator<AdminSlice> = (...a) => ({
  ...createAppInstanceDetailSlice(...a),
  ...createManagedUserSlice(...a),
  ...createAdminsSlice(...a),
  ...createBotsSlice(...a),
  ...createRetentionSlice(...a),
  ...createTagsSlice(...a),
});
