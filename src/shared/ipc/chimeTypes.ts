/**
 * Output types of the 30 operations as they cross IPC: the SDK's response shapes
 * without $metadata, with every Date turned into epoch milliseconds so the
 * value survives both structured clone (Electron) and JSON (the harness).
 */
import type * as Sdk from '@aws-sdk/client-chime-sdk-identity';
import type { OperationName } from '../chime/operations';

export type Plain<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T as K extends '$metadata' ? never : K]: Plain<T[K]> }
      : T;

interface SdkOutputs {
  CreateAppInstanceAdmin: Sdk.CreateAppInstanceAdminCommandOutput;
  CreateAppInstanceBot: Sdk.CreateAppInstanceBotCommandOutput;
  CreateAppInstance: Sdk.CreateAppInstanceCommandOutput;
  CreateAppInstanceUser: Sdk.CreateAppInstanceUserCommandOutput;
  DeleteAppInstanceAdmin: Sdk.DeleteAppInstanceAdminCommandOutput;
  DeleteAppInstanceBot: Sdk.DeleteAppInstanceBotCommandOutput;
  DeleteAppInstance: Sdk.DeleteAppInstanceCommandOutput;
  DeleteAppInstanceUser: Sdk.DeleteAppInstanceUserCommandOutput;
  DeregisterAppInstanceUserEndpoint: Sdk.DeregisterAppInstanceUserEndpointCommandOutput;
  DescribeAppInstanceAdmin: Sdk.DescribeAppInstanceAdminCommandOutput;
  DescribeAppInstanceBot: Sdk.DescribeAppInstanceBotCommandOutput;
  DescribeAppInstance: Sdk.DescribeAppInstanceCommandOutput;
  DescribeAppInstanceUser: Sdk.DescribeAppInstanceUserCommandOutput;
  DescribeAppInstanceUserEndpoint: Sdk.DescribeAppInstanceUserEndpointCommandOutput;
  GetAppInstanceRetentionSettings: Sdk.GetAppInstanceRetentionSettingsCommandOutput;
  ListAppInstanceAdmins: Sdk.ListAppInstanceAdminsCommandOutput;
  ListAppInstanceBots: Sdk.ListAppInstanceBotsCommandOutput;
  ListAppInstanceUserEndpoints: Sdk.ListAppInstanceUserEndpointsCommandOutput;
  ListAppInstanceUsers: Sdk.ListAppInstanceUsersCommandOutput;
  ListAppInstances: Sdk.ListAppInstancesCommandOutput;
  ListTagsForResource: Sdk.ListTagsForResourceCommandOutput;
  PutAppInstanceRetentionSettings: Sdk.PutAppInstanceRetentionSettingsCommandOutput;
  PutAppInstanceUserExpirationSettings: Sdk.PutAppInstanceUserExpirationSettingsCommandOutput;
  RegisterAppInstanceUserEndpoint: Sdk.RegisterAppInstanceUserEndpointCommandOutput;
  TagResource: Sdk.TagResourceCommandOutput;
  UntagResource: Sdk.UntagResourceCommandOutput;
  UpdateAppInstanceBot: Sdk.UpdateAppInstanceBotCommandOutput;
  UpdateAppInstance: Sdk.UpdateAppInstanceCommandOutput;
  UpdateAppInstanceUser: Sdk.UpdateAppInstanceUserCommandOutput;
  UpdateAppInstanceUserEndpoint: Sdk.UpdateAppInstanceUserEndpointCommandOutput;
}

export type ChimeOutput<Op extends OperationName> = Plain<SdkOutputs[Op]>;
export type ChimeInput<Op extends OperationName> = SdkInputs[Op];

interface SdkInputs {
  CreateAppInstanceAdmin: Sdk.CreateAppInstanceAdminCommandInput;
  CreateAppInstanceBot: Sdk.CreateAppInstanceBotCommandInput;
  CreateAppInstance: Sdk.CreateAppInstanceCommandInput;
  CreateAppInstanceUser: Sdk.CreateAppInstanceUserCommandInput;
  DeleteAppInstanceAdmin: Sdk.DeleteAppInstanceAdminCommandInput;
  DeleteAppInstanceBot: Sdk.DeleteAppInstanceBotCommandInput;
  DeleteAppInstance: Sdk.DeleteAppInstanceCommandInput;
  DeleteAppInstanceUser: Sdk.DeleteAppInstanceUserCommandInput;
  DeregisterAppInstanceUserEndpoint: Sdk.DeregisterAppInstanceUserEndpointCommandInput;
  DescribeAppInstanceAdmin: Sdk.DescribeAppInstanceAdminCommandInput;
  DescribeAppInstanceBot: Sdk.DescribeAppInstanceBotCommandInput;
  DescribeAppInstance: Sdk.DescribeAppInstanceCommandInput;
  DescribeAppInstanceUser: Sdk.DescribeAppInstanceUserCommandInput;
  DescribeAppInstanceUserEndpoint: Sdk.DescribeAppInstanceUserEndpointCommandInput;
  GetAppInstanceRetentionSettings: Sdk.GetAppInstanceRetentionSettingsCommandInput;
  ListAppInstanceAdmins: Sdk.ListAppInstanceAdminsCommandInput;
  ListAppInstanceBots: Sdk.ListAppInstanceBotsCommandInput;
  ListAppInstanceUserEndpoints: Sdk.ListAppInstanceUserEndpointsCommandInput;
  ListAppInstanceUsers: Sdk.ListAppInstanceUsersCommandInput;
  ListAppInstances: Sdk.ListAppInstancesCommandInput;
  ListTagsForResource: Sdk.ListTagsForResourceCommandInput;
  PutAppInstanceRetentionSettings: Sdk.PutAppInstanceRetentionSettingsCommandInput;
  PutAppInstanceUserExpirationSettings: Sdk.PutAppInstanceUserExpirationSettingsCommandInput;
  RegisterAppInstanceUserEndpoint: Sdk.RegisterAppInstanceUserEndpointCommandInput;
  TagResource: Sdk.TagResourceCommandInput;
  UntagResource: Sdk.UntagResourceCommandInput;
  UpdateAppInstanceBot: Sdk.UpdateAppInstanceBotCommandInput;
  UpdateAppInstance: Sdk.UpdateAppInstanceCommandInput;
  UpdateAppInstanceUser: Sdk.UpdateAppInstanceUserCommandInput;
  UpdateAppInstanceUserEndpoint: Sdk.UpdateAppInstanceUserEndpointCommandInput;
}

/** An endpoint as the app shows it: the DescribeAppInstanceUserEndpoint shape (a List summary fills what it can). */
export type Endpoint = NonNullable<ChimeOutput<'DescribeAppInstanceUserEndpoint'>['AppInstanceUserEndpoint']>;
export type RegisterEndpointInput = ChimeInput<'RegisterAppInstanceUserEndpoint'>;
