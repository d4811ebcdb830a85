/** IAM input shapes, transcribed from reference/iam.service-2.json for the operations the sandbox serves. */
import { modelPattern, type FieldSpec, type InputSpec } from '../protocols/query';

const req = <F extends FieldSpec>(f: F): F => ({ ...f, required: true });

export const roleName: FieldSpec = { type: 'string', min: 1, max: 64, ...modelPattern('[\\w+=,.@-]+') };
export const policyName: FieldSpec = { type: 'string', min: 1, max: 128, ...modelPattern('[\\w+=,.@-]+') };
export const policyDocument: FieldSpec = { type: 'string', min: 1, max: 131072, ...modelPattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') };
export const rolePath: FieldSpec = { type: 'string', min: 1, max: 512, ...modelPattern('(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)') };
export const policyPath: FieldSpec = { type: 'string', min: 1, max: 512, ...modelPattern('((/[A-Za-z0-9\\.,\\+@=_-]+)*)/') };
export const arn: FieldSpec = { type: 'string', min: 20, max: 2048 };
const marker: FieldSpec = { type: 'string', min: 1, max: 320, ...modelPattern('[\\u0020-\\u00FF]+') };
const maxItems: FieldSpec = { type: 'integer', min: 1, max: 1000 };
const tags: FieldSpec = {
  type: 'list',
  max: 50,
  member: {
    type: 'structure',
    members: {
      Key: req({ type: 'string', min: 1, max: 128, ...modelPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+') }),
      Value: req({ type: 'string', min: 0, max: 256, ...modelPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*') }),
    },
  },
};
const policyList: FieldSpec = { type: 'list', member: policyDocument };

export const INPUTS = {
  CreateRole: {
    Path: rolePath,
    RoleName: req(roleName),
    AssumeRolePolicyDocument: req(policyDocument),
    Description: { type: 'string', max: 1000, ...modelPattern('[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*') },
    MaxSessionDuration: { type: 'integer', min: 3600, max: 43200 },
    PermissionsBoundary: arn,
    Tags: tags,
  },
  GetRole: { RoleName: req(roleName) },
  ListRoles: { PathPrefix: { type: 'string', min: 1, max: 512, ...modelPattern('\\u002F[\\u0021-\\u007F]*') }, Marker: marker, MaxItems: maxItems },
  DeleteRole: { RoleName: req(roleName) },
  UpdateAssumeRolePolicy: { RoleName: req(roleName), PolicyDocument: req(policyDocument) },
  PutRolePolicy: { RoleName: req(roleName), PolicyName: req(policyName), PolicyDocument: req(policyDocument) },
  GetRolePolicy: { RoleName: req(roleName), PolicyName: req(policyName) },
  DeleteRolePolicy: { RoleName: req(roleName), PolicyName: req(policyName) },
  ListRolePolicies: { RoleName: req(roleName), Marker: marker, MaxItems: maxItems },
  CreatePolicy: {
    PolicyName: req(policyName),
    Path: policyPath,
    PolicyDocument: req(policyDocument),
    Description: { type: 'string', max: 1000 },
    Tags: tags,
  },
  GetPolicy: { PolicyArn: req(arn) },
  DeletePolicy: { PolicyArn: req(arn) },
  GetPolicyVersion: { PolicyArn: req(arn), VersionId: req({ type: 'string', ...modelPattern('v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?') }) },
  ListPolicies: {
    Scope: { type: 'string', enum: ['All', 'AWS', 'Local'] },
    OnlyAttached: { type: 'boolean' },
    PathPrefix: policyPath,
    PolicyUsageFilter: { type: 'string', enum: ['PermissionsPolicy', 'PermissionsBoundary'] },
    Marker: marker,
    MaxItems: maxItems,
  },
  AttachRolePolicy: { RoleName: req(roleName), PolicyArn: req(arn) },
  DetachRolePolicy: { RoleName: req(roleName), PolicyArn: req(arn) },
  ListAttachedRolePolicies: { RoleName: req(roleName), PathPrefix: policyPath, Marker: marker, MaxItems: maxItems },
  SimulatePrincipalPolicy: {
    PolicySourceArn: req(arn),
    PolicyInputList: policyList,
    PermissionsBoundaryPolicyInputList: policyList,
    ActionNames: req({ type: 'list', member: { type: 'string', min: 3, max: 128 } }),
    ResourceArns: { type: 'list', member: { type: 'string', min: 1, max: 2048 } },
    ResourcePolicy: policyDocument,
    ResourceOwner: { type: 'string', min: 1, max: 2048 },
    CallerArn: { type: 'string', min: 1, max: 2048 },
    ContextEntries: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          ContextKeyName: { type: 'string', min: 5, max: 256 },
          ContextKeyValues: { type: 'list', member: { type: 'string' } },
          ContextKeyType: {
            type: 'string',
            enum: ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'],
          },
        },
      },
    },
    ResourceHandlingOption: { type: 'string', min: 1, max: 64 },
    MaxItems: maxItems,
    Marker: marker,
  },
} satisfies Record<string, InputSpec>;

export type IamOperationName = keyof typeof INPUTS;
