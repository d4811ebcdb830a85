/**
 * Where the UI calls each Chime SDK Identity operation (kept with its test:
 * nothing in the app reads it). The promise is
 * that no operation needs the AWS CLI; test/unit/operationsCoverage.test.ts
 * checks this table covers all 30 operations of the SDK and greps each
 * `source` for the call (`'chime:Op'` or `startPagedLoad('Op'`), so an entry
 * cannot outlive the code it points at.
 */
import type { OperationName } from '../../src/shared/chime/operations';

export interface OperationEntryPoint {
  /** The screen or control a user reaches it from. */
  readonly ui: string;
  /** File that makes the call, relative to src/renderer/src. */
  readonly source: string;
}

export const OPERATION_ENTRY_POINTS: Readonly<Record<OperationName, OperationEntryPoint>> = {
  CreateAppInstance: { ui: 'Manage app instance › New app instance', source: 'features/admin/appInstance/appInstanceActions.ts' },
  ListAppInstances: { ui: 'App instance picker; Manage app instance › App instances', source: 'features/appInstances/appInstancesSlice.ts' },
  DescribeAppInstance: { ui: 'Manage app instance › Overview', source: 'features/admin/appInstance/appInstanceDetailSlice.ts' },
  UpdateAppInstance: { ui: 'Manage app instance › Overview › Edit', source: 'features/admin/appInstance/appInstanceDetailSlice.ts' },
  DeleteAppInstance: { ui: 'Manage app instance › Overview › Delete app instance', source: 'features/admin/appInstance/appInstanceActions.ts' },

  CreateAppInstanceUser: { ui: 'Manage app instance › Users › New user', source: 'features/admin/users/userActions.ts' },
  ListAppInstanceUsers: { ui: 'Sidebar user directory', source: 'features/users/usersSlice.ts' },
  DescribeAppInstanceUser: { ui: 'Manage app instance › Users (selected user)', source: 'features/admin/users/managedUserSlice.ts' },
  UpdateAppInstanceUser: { ui: 'Manage app instance › Users › Edit', source: 'features/admin/users/userActions.ts' },
  DeleteAppInstanceUser: { ui: 'Manage app instance › Users › Delete user', source: 'features/admin/users/userActions.ts' },
  PutAppInstanceUserExpirationSettings: { ui: 'Manage app instance › Users › Expiration', source: 'features/admin/users/userActions.ts' },

  CreateAppInstanceAdmin: { ui: 'Manage app instance › Admins › Promote to admin', source: 'features/admin/admins/adminsSlice.ts' },
  ListAppInstanceAdmins: { ui: 'Manage app instance › Admins', source: 'features/admin/admins/adminsSlice.ts' },
  DescribeAppInstanceAdmin: { ui: 'Manage app instance › Admins › Details', source: 'features/admin/admins/adminsSlice.ts' },
  DeleteAppInstanceAdmin: { ui: 'Manage app instance › Admins › Demote', source: 'features/admin/admins/adminsSlice.ts' },

  CreateAppInstanceBot: { ui: 'Manage app instance › Bots › New bot', source: 'features/admin/bots/botsSlice.ts' },
  ListAppInstanceBots: { ui: 'Manage app instance › Bots', source: 'features/admin/bots/botsSlice.ts' },
  DescribeAppInstanceBot: { ui: 'Manage app instance › Bots › Open', source: 'features/admin/bots/botsSlice.ts' },
  UpdateAppInstanceBot: { ui: 'Manage app instance › Bots › Edit', source: 'features/admin/bots/botsSlice.ts' },
  DeleteAppInstanceBot: { ui: 'Manage app instance › Bots › Delete bot', source: 'features/admin/bots/botsSlice.ts' },

  GetAppInstanceRetentionSettings: { ui: 'Manage app instance › Retention', source: 'features/admin/retention/retentionSlice.ts' },
  PutAppInstanceRetentionSettings: { ui: 'Manage app instance › Retention › Save retention', source: 'features/admin/retention/retentionSlice.ts' },

  ListTagsForResource: { ui: 'Tags panel of an app instance, user or bot', source: 'features/admin/tags/tagsSlice.ts' },
  TagResource: { ui: 'Tags panel › Add tag', source: 'features/admin/tags/tagsSlice.ts' },
  UntagResource: { ui: 'Tags panel › Remove tag', source: 'features/admin/tags/tagsSlice.ts' },

  // The endpoint workbench (User & endpoints view).
  RegisterAppInstanceUserEndpoint: { ui: 'User & endpoints › Register endpoint', source: 'features/endpoints/endpointsSlice.ts' },
  ListAppInstanceUserEndpoints: { ui: 'User & endpoints › endpoints table', source: 'features/endpoints/endpointLoads.ts' },
  DescribeAppInstanceUserEndpoint: { ui: 'User & endpoints › endpoint row', source: 'features/endpoints/endpointLoads.ts' },
  UpdateAppInstanceUserEndpoint: { ui: 'User & endpoints › Allow messages / rename', source: 'features/endpoints/endpointsSlice.ts' },
  DeregisterAppInstanceUserEndpoint: { ui: 'User & endpoints › Deregister', source: 'features/endpoints/endpointsSlice.ts' },
};
