/** STS input shapes, transcribed from reference/sts.service-2.json for the operations the sandbox serves. */
import { modelPattern, type FieldSpec, type InputSpec } from '../protocols/query';

const req = <F extends FieldSpec>(f: F): F => ({ ...f, required: true });

const arn: FieldSpec = { type: 'string', min: 20, max: 2048 };
const roleSessionName: FieldSpec = { type: 'string', min: 2, max: 64, ...modelPattern('[\\w+=,.@-]*') };
const policyArns: FieldSpec = { type: 'list', member: { type: 'structure', members: { arn } } };
const serialNumber: FieldSpec = { type: 'string', min: 9, max: 256, ...modelPattern('[\\w+=/:,.@-]*') };
const tokenCode: FieldSpec = { type: 'string', min: 6, max: 6, ...modelPattern('[\\d]*') };
const tagKey: FieldSpec = { type: 'string', min: 1, max: 128, ...modelPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+') };

export const INPUTS = {
  GetCallerIdentity: {},
  AssumeRole: {
    RoleArn: req(arn),
    RoleSessionName: req(roleSessionName),
    PolicyArns: policyArns,
    Policy: { type: 'string', min: 1, ...modelPattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') },
    DurationSeconds: { type: 'integer', min: 900, max: 43200 },
    Tags: {
      type: 'list',
      max: 50,
      member: { type: 'structure', members: { Key: req(tagKey), Value: req({ type: 'string', min: 0, max: 256, ...modelPattern('[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*') }) } },
    },
    TransitiveTagKeys: { type: 'list', max: 50, member: tagKey },
    ExternalId: { type: 'string', min: 2, max: 1224, ...modelPattern('[\\w+=,.@:\\/-]*') },
    SerialNumber: serialNumber,
    TokenCode: tokenCode,
    SourceIdentity: { type: 'string', min: 2, max: 64, ...modelPattern('[\\w+=,.@-]*') },
    ProvidedContexts: {
      type: 'list',
      min: 1,
      max: 5,
      member: { type: 'structure', members: { ProviderArn: arn, ContextAssertion: { type: 'string', min: 4, max: 2048 } } },
    },
  },
  GetSessionToken: {
    DurationSeconds: { type: 'integer', min: 900, max: 129600 },
    SerialNumber: serialNumber,
    TokenCode: tokenCode,
  },
  AssumeRoleWithWebIdentity: {
    RoleArn: req(arn),
    RoleSessionName: req(roleSessionName),
    WebIdentityToken: req({ type: 'string', min: 4, max: 20000 }),
    ProviderId: { type: 'string', min: 4, max: 2048 },
    PolicyArns: policyArns,
    Policy: { type: 'string', min: 1, max: 2048, ...modelPattern('[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+') },
    DurationSeconds: { type: 'integer', min: 900, max: 43200 },
  },
} satisfies Record<string, InputSpec>;

export type StsOperationName = keyof typeof INPUTS;
