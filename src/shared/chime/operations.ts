/**
 * The 30 operations of Amazon Chime SDK Identity (2021-04-20): HTTP binding and
 * input members. Distilled from the official service model; the sandbox routes
 * from this table, the IPC contract derives one channel per operation from it,
 * and "Copy as AWS CLI command" derives its flags from it.
 */
import {
  AllowMessages,
  AppInstanceRetentionSettings,
  AppInstanceUserEndpointType,
  ChimeArn,
  ClientRequestToken,
  Configuration,
  EndpointAttributes,
  ExpirationSettings,
  MaxResults,
  Metadata,
  NextToken,
  NonEmptyResourceName,
  ResourceName,
  SensitiveChimeArn,
  SensitiveString1600,
  String1600,
  String64,
  TagKeyList,
  TagList,
  UserId,
  UserName,
} from './shapes';
import type { Shape } from './shapes';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** label: a `{name}` segment of the path; query: `?wireName=`; body: a JSON member. */
export type MemberLocation = 'label' | 'query' | 'body';

export interface OperationMember {
  readonly shape: Shape;
  readonly in: MemberLocation;
  readonly wireName?: string;
  readonly required?: boolean;
}

export interface OperationDefinition {
  readonly method: HttpMethod;
  readonly path: string;
  readonly status: 200 | 201 | 204;
  readonly literalQuery?: Readonly<Record<string, string>>;
  readonly paginated?: { readonly items: string };
  readonly idempotencyToken?: 'ClientRequestToken';
  readonly input: Readonly<Record<string, OperationMember>>;
}

export const OPERATIONS = {
  CreateAppInstance: {
    method: 'POST',
    path: '/app-instances',
    status: 201,
    idempotencyToken: 'ClientRequestToken',
    input: {
      Name: { shape: NonEmptyResourceName, in: 'body', required: true },
      Metadata: { shape: Metadata, in: 'body' },
      ClientRequestToken: { shape: ClientRequestToken, in: 'body', required: true },
      Tags: { shape: TagList, in: 'body' },
    },
  },
  CreateAppInstanceAdmin: {
    method: 'POST',
    path: '/app-instances/{appInstanceArn}/admins',
    status: 201,
    input: {
      AppInstanceAdminArn: { shape: ChimeArn, in: 'body', required: true },
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  CreateAppInstanceBot: {
    method: 'POST',
    path: '/app-instance-bots',
    status: 201,
    idempotencyToken: 'ClientRequestToken',
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'body', required: true },
      Name: { shape: ResourceName, in: 'body' },
      Metadata: { shape: Metadata, in: 'body' },
      ClientRequestToken: { shape: ClientRequestToken, in: 'body', required: true },
      Tags: { shape: TagList, in: 'body' },
      Configuration: { shape: Configuration, in: 'body', required: true },
    },
  },
  CreateAppInstanceUser: {
    method: 'POST',
    path: '/app-instance-users',
    status: 201,
    idempotencyToken: 'ClientRequestToken',
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'body', required: true },
      AppInstanceUserId: { shape: UserId, in: 'body', required: true },
      Name: { shape: UserName, in: 'body', required: true },
      Metadata: { shape: Metadata, in: 'body' },
      ClientRequestToken: { shape: ClientRequestToken, in: 'body', required: true },
      Tags: { shape: TagList, in: 'body' },
      ExpirationSettings: { shape: ExpirationSettings, in: 'body' },
    },
  },
  DeleteAppInstance: {
    method: 'DELETE',
    path: '/app-instances/{appInstanceArn}',
    status: 204,
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  DeleteAppInstanceAdmin: {
    method: 'DELETE',
    path: '/app-instances/{appInstanceArn}/admins/{appInstanceAdminArn}',
    status: 204,
    input: {
      AppInstanceAdminArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceAdminArn', required: true },
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  DeleteAppInstanceBot: {
    method: 'DELETE',
    path: '/app-instance-bots/{appInstanceBotArn}',
    status: 204,
    input: {
      AppInstanceBotArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceBotArn', required: true },
    },
  },
  DeleteAppInstanceUser: {
    method: 'DELETE',
    path: '/app-instance-users/{appInstanceUserArn}',
    status: 204,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
    },
  },
  DeregisterAppInstanceUserEndpoint: {
    method: 'DELETE',
    path: '/app-instance-users/{appInstanceUserArn}/endpoints/{endpointId}',
    status: 204,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      EndpointId: { shape: String64, in: 'label', wireName: 'endpointId', required: true },
    },
  },
  DescribeAppInstance: {
    method: 'GET',
    path: '/app-instances/{appInstanceArn}',
    status: 200,
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  DescribeAppInstanceAdmin: {
    method: 'GET',
    path: '/app-instances/{appInstanceArn}/admins/{appInstanceAdminArn}',
    status: 200,
    input: {
      AppInstanceAdminArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceAdminArn', required: true },
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  DescribeAppInstanceBot: {
    method: 'GET',
    path: '/app-instance-bots/{appInstanceBotArn}',
    status: 200,
    input: {
      AppInstanceBotArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceBotArn', required: true },
    },
  },
  DescribeAppInstanceUser: {
    method: 'GET',
    path: '/app-instance-users/{appInstanceUserArn}',
    status: 200,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
    },
  },
  DescribeAppInstanceUserEndpoint: {
    method: 'GET',
    path: '/app-instance-users/{appInstanceUserArn}/endpoints/{endpointId}',
    status: 200,
    input: {
      AppInstanceUserArn: { shape: String1600, in: 'label', wireName: 'appInstanceUserArn', required: true },
      EndpointId: { shape: String64, in: 'label', wireName: 'endpointId', required: true },
    },
  },
  GetAppInstanceRetentionSettings: {
    method: 'GET',
    path: '/app-instances/{appInstanceArn}/retention-settings',
    status: 200,
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
    },
  },
  ListAppInstanceAdmins: {
    method: 'GET',
    path: '/app-instances/{appInstanceArn}/admins',
    status: 200,
    paginated: { items: 'AppInstanceAdmins' },
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
      MaxResults: { shape: MaxResults, in: 'query', wireName: 'max-results' },
      NextToken: { shape: NextToken, in: 'query', wireName: 'next-token' },
    },
  },
  ListAppInstanceBots: {
    method: 'GET',
    path: '/app-instance-bots',
    status: 200,
    paginated: { items: 'AppInstanceBots' },
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'query', wireName: 'app-instance-arn', required: true },
      MaxResults: { shape: MaxResults, in: 'query', wireName: 'max-results' },
      NextToken: { shape: NextToken, in: 'query', wireName: 'next-token' },
    },
  },
  ListAppInstanceUserEndpoints: {
    method: 'GET',
    path: '/app-instance-users/{appInstanceUserArn}/endpoints',
    status: 200,
    paginated: { items: 'AppInstanceUserEndpoints' },
    input: {
      AppInstanceUserArn: { shape: SensitiveChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      MaxResults: { shape: MaxResults, in: 'query', wireName: 'max-results' },
      NextToken: { shape: NextToken, in: 'query', wireName: 'next-token' },
    },
  },
  ListAppInstanceUsers: {
    method: 'GET',
    path: '/app-instance-users',
    status: 200,
    paginated: { items: 'AppInstanceUsers' },
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'query', wireName: 'app-instance-arn', required: true },
      MaxResults: { shape: MaxResults, in: 'query', wireName: 'max-results' },
      NextToken: { shape: NextToken, in: 'query', wireName: 'next-token' },
    },
  },
  ListAppInstances: {
    method: 'GET',
    path: '/app-instances',
    status: 200,
    paginated: { items: 'AppInstances' },
    input: {
      MaxResults: { shape: MaxResults, in: 'query', wireName: 'max-results' },
      NextToken: { shape: NextToken, in: 'query', wireName: 'next-token' },
    },
  },
  ListTagsForResource: {
    method: 'GET',
    path: '/tags',
    status: 200,
    input: {
      ResourceARN: { shape: ChimeArn, in: 'query', wireName: 'arn', required: true },
    },
  },
  PutAppInstanceRetentionSettings: {
    method: 'PUT',
    path: '/app-instances/{appInstanceArn}/retention-settings',
    status: 200,
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
      AppInstanceRetentionSettings: { shape: AppInstanceRetentionSettings, in: 'body', required: true },
    },
  },
  PutAppInstanceUserExpirationSettings: {
    method: 'PUT',
    path: '/app-instance-users/{appInstanceUserArn}/expiration-settings',
    status: 200,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      ExpirationSettings: { shape: ExpirationSettings, in: 'body' },
    },
  },
  RegisterAppInstanceUserEndpoint: {
    method: 'POST',
    path: '/app-instance-users/{appInstanceUserArn}/endpoints',
    status: 201,
    idempotencyToken: 'ClientRequestToken',
    input: {
      AppInstanceUserArn: { shape: SensitiveChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      Name: { shape: SensitiveString1600, in: 'body' },
      Type: { shape: AppInstanceUserEndpointType, in: 'body', required: true },
      ResourceArn: { shape: ChimeArn, in: 'body', required: true },
      EndpointAttributes: { shape: EndpointAttributes, in: 'body', required: true },
      ClientRequestToken: { shape: ClientRequestToken, in: 'body', required: true },
      AllowMessages: { shape: AllowMessages, in: 'body' },
    },
  },
  TagResource: {
    method: 'POST',
    path: '/tags',
    status: 204,
    literalQuery: { operation: 'tag-resource' },
    input: {
      ResourceARN: { shape: ChimeArn, in: 'body', required: true },
      Tags: { shape: TagList, in: 'body', required: true },
    },
  },
  UntagResource: {
    method: 'POST',
    path: '/tags',
    status: 204,
    literalQuery: { operation: 'untag-resource' },
    input: {
      ResourceARN: { shape: ChimeArn, in: 'body', required: true },
      TagKeys: { shape: TagKeyList, in: 'body', required: true },
    },
  },
  UpdateAppInstance: {
    method: 'PUT',
    path: '/app-instances/{appInstanceArn}',
    status: 200,
    input: {
      AppInstanceArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceArn', required: true },
      Name: { shape: NonEmptyResourceName, in: 'body', required: true },
      Metadata: { shape: Metadata, in: 'body', required: true },
    },
  },
  UpdateAppInstanceBot: {
    method: 'PUT',
    path: '/app-instance-bots/{appInstanceBotArn}',
    status: 200,
    input: {
      AppInstanceBotArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceBotArn', required: true },
      Name: { shape: ResourceName, in: 'body', required: true },
      Metadata: { shape: Metadata, in: 'body', required: true },
      Configuration: { shape: Configuration, in: 'body' },
    },
  },
  UpdateAppInstanceUser: {
    method: 'PUT',
    path: '/app-instance-users/{appInstanceUserArn}',
    status: 200,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      Name: { shape: UserName, in: 'body', required: true },
      Metadata: { shape: Metadata, in: 'body', required: true },
    },
  },
  UpdateAppInstanceUserEndpoint: {
    method: 'PUT',
    path: '/app-instance-users/{appInstanceUserArn}/endpoints/{endpointId}',
    status: 200,
    input: {
      AppInstanceUserArn: { shape: ChimeArn, in: 'label', wireName: 'appInstanceUserArn', required: true },
      EndpointId: { shape: String64, in: 'label', wireName: 'endpointId', required: true },
      Name: { shape: SensitiveString1600, in: 'body' },
      AllowMessages: { shape: AllowMessages, in: 'body' },
    },
  },
} as const satisfies Record<string, OperationDefinition>;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}
