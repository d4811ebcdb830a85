/**
 * IAM operations over IamState. Messages follow the real service's wording
 * where it is known ("The role with name X cannot be found.").
 */
import { pageByKey } from '../protocols/markers';
import { QueryError, rfc3986, validationError, type QueryOperation } from '../protocols/query';
import type { ServiceContext } from '../protocols/http';
import { evaluate, parsePolicy, policySize, type SourcedPolicy } from './policy';
import { INPUTS, type IamOperationName } from './shapes';
import { iamId, type IamState, type PolicyRecord, type RoleRecord } from './state';

export interface IamContext extends ServiceContext {
  readonly state: IamState;
}

type Input = Record<string, unknown>;

/** Quotas the sandbox enforces (IAM defaults). */
export const IAM_LIMITS = {
  trustPolicySize: 2048,
  inlineRolePoliciesSize: 10240,
  managedPolicySize: 6144,
  managedPoliciesPerRole: 10,
} as const;

const noSuchEntity = (message: string) => new QueryError('NoSuchEntity', message, 404);
const alreadyExists = (message: string) => new QueryError('EntityAlreadyExists', message, 409);
const deleteConflict = (message: string) => new QueryError('DeleteConflict', message, 409);
const limitExceeded = (message: string) => new QueryError('LimitExceeded', message, 409);
const invalidInput = (message: string) => new QueryError('InvalidInput', message, 400);

const str = (input: Input, name: string) => input[name] as string;
const opt = <T>(input: Input, name: string) => input[name] as T | undefined;

function requireRole(ctx: IamContext, name: string): RoleRecord {
  const role = ctx.state.role(name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

function checkPolicyArn(arn: string): void {
  if (!/^arn:aws:iam::(\d{12}|aws):policy\/.+/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
}

function requirePolicy(ctx: IamContext, arn: string): PolicyRecord {
  checkPolicyArn(arn);
  const policy = ctx.state.policyByArn(arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

function tagsOut(tags: readonly [string, string][]) {
  return tags.length > 0 ? tags.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

function roleOut(role: RoleRecord, withDetails: boolean) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.id,
    Arn: role.arn,
    CreateDate: new Date(role.created),
    AssumeRolePolicyDocument: rfc3986(role.assumeRolePolicy),
    Description: role.description,
    MaxSessionDuration: role.maxSessionDuration,
    PermissionsBoundary: role.permissionsBoundary && { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: role.permissionsBoundary },
    Tags: tagsOut(role.tags),
    RoleLastUsed: withDetails ? (role.lastUsed ? { LastUsedDate: new Date(role.lastUsed.date), Region: role.lastUsed.region } : {}) : undefined,
  };
}

function policyOut(ctx: IamContext, policy: PolicyRecord, withTags: boolean) {
  return {
    PolicyName: policy.name,
    PolicyId: policy.id,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersion,
    AttachmentCount: ctx.state.attachmentCount(policy.arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: new Date(policy.created),
    UpdateDate: new Date(policy.updated),
    Tags: withTags ? tagsOut(policy.tags) : undefined,
  };
}

function page<T>(items: Iterable<T>, key: (t: T) => string, scope: string, input: Input) {
  const result = pageByKey(items, key, scope, opt<string>(input, 'Marker'), opt<number>(input, 'MaxItems') ?? 100, () =>
    validationError('Invalid Marker: it was not issued for this request'),
  );
  return { items: result.items, IsTruncated: result.next !== undefined, Marker: result.next };
}

function tagsIn(input: Input): [string, string][] {
  const tags = (opt<{ Key: string; Value: string }[]>(input, 'Tags') ?? []).map((t) => [t.Key, t.Value] as [string, string]);
  const keys = new Set<string>();
  for (const [k] of tags) {
    if (keys.has(k.toLowerCase())) throw invalidInput(`Duplicate tag keys found. Please note that Tag keys are case insensitive.`);
    keys.add(k.toLowerCase());
  }
  return tags;
}

function checkTrustPolicy(text: string): void {
  parsePolicy(text, 'trust');
  if (policySize(text) > IAM_LIMITS.trustPolicySize) throw limitExceeded(`Cannot exceed quota for ACLSizePerRole: ${IAM_LIMITS.trustPolicySize}`);
}

/** The identity policies that apply to a role: inline ones, then attached managed ones. */
export function rolePolicies(state: IamState, role: RoleRecord): SourcedPolicy[] {
  const out: SourcedPolicy[] = [];
  for (const [name, document] of role.inline) out.push({ id: name, type: 'role', policy: parsePolicy(document, 'identity') });
  for (const arn of role.attached) {
    const policy = state.policyByArn(arn);
    const version = policy?.versions.find((v) => v.id === policy.defaultVersion);
    if (policy && version) out.push({ id: policy.name, type: 'user-managed', policy: parsePolicy(version.document, 'identity') });
  }
  return out;
}

type Handlers = { [K in IamOperationName]: QueryOperation<IamContext> };

export const IAM_OPERATIONS: Handlers = {
  CreateRole: {
    input: INPUTS.CreateRole,
    run(input, ctx) {
      const name = str(input, 'RoleName');
      if (ctx.state.role(name)) throw alreadyExists(`Role with name ${name} already exists.`);
      const document = str(input, 'AssumeRolePolicyDocument');
      checkTrustPolicy(document);
      const boundary = opt<string>(input, 'PermissionsBoundary');
      if (boundary !== undefined) requirePolicy(ctx, boundary);
      const path = opt<string>(input, 'Path') ?? '/';
      const role: RoleRecord = {
        name,
        id: iamId('AROA'),
        path,
        arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
        created: ctx.now(),
        assumeRolePolicy: document,
        ...(opt<string>(input, 'Description') !== undefined && { description: str(input, 'Description') }),
        maxSessionDuration: opt<number>(input, 'MaxSessionDuration') ?? 3600,
        ...(boundary !== undefined && { permissionsBoundary: boundary }),
        tags: tagsIn(input),
        inline: new Map(),
        attached: [],
      };
      ctx.state.roles.set(name.toLowerCase(), role);
      return { Role: roleOut(role, false) };
    },
  },
  GetRole: {
    input: INPUTS.GetRole,
    run: (input, ctx) => ({ Role: roleOut(requireRole(ctx, str(input, 'RoleName')), true) }),
  },
  ListRoles: {
    input: INPUTS.ListRoles,
    run(input, ctx) {
      const prefix = opt<string>(input, 'PathPrefix') ?? '/';
      const roles = [...ctx.state.roles.values()].filter((r) => r.path.startsWith(prefix));
      const { items, IsTruncated, Marker } = page(roles, (r) => r.name.toLowerCase(), `roles:${prefix}`, input);
      // ListRoles leaves out Tags, PermissionsBoundary and RoleLastUsed (GetRole has them).
      return { Roles: items.map((r) => ({ ...roleOut(r, false), Tags: undefined, PermissionsBoundary: undefined })), IsTruncated, Marker };
    },
  },
  DeleteRole: {
    input: INPUTS.DeleteRole,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      if (role.inline.size > 0) throw deleteConflict('Cannot delete entity, must delete policies first.');
      if (role.attached.length > 0) throw deleteConflict('Cannot delete entity, must detach all policies first.');
      ctx.state.roles.delete(role.name.toLowerCase());
      return undefined;
    },
  },
  UpdateAssumeRolePolicy: {
    input: INPUTS.UpdateAssumeRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const document = str(input, 'PolicyDocument');
      checkTrustPolicy(document);
      role.assumeRolePolicy = document;
      return undefined;
    },
  },
  PutRolePolicy: {
    input: INPUTS.PutRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const name = str(input, 'PolicyName');
      const document = str(input, 'PolicyDocument');
      parsePolicy(document, 'identity');
      let total = policySize(document);
      for (const [other, text] of role.inline) if (other !== name) total += policySize(text);
      if (total > IAM_LIMITS.inlineRolePoliciesSize) {
        throw limitExceeded(`Maximum policy size of ${IAM_LIMITS.inlineRolePoliciesSize} bytes exceeded for role ${role.name}`);
      }
      role.inline.set(name, document);
      return undefined;
    },
  },
  GetRolePolicy: {
    input: INPUTS.GetRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const name = str(input, 'PolicyName');
      const document = role.inline.get(name);
      if (document === undefined) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
      return { RoleName: role.name, PolicyName: name, PolicyDocument: rfc3986(document) };
    },
  },
  DeleteRolePolicy: {
    input: INPUTS.DeleteRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const name = str(input, 'PolicyName');
      if (!role.inline.delete(name)) throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
      return undefined;
    },
  },
  ListRolePolicies: {
    input: INPUTS.ListRolePolicies,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const { items, IsTruncated, Marker } = page(role.inline.keys(), (n) => n, `role-policies:${role.id}`, input);
      return { PolicyNames: items, IsTruncated, Marker };
    },
  },
  CreatePolicy: {
    input: INPUTS.CreatePolicy,
    run(input, ctx) {
      const name = str(input, 'PolicyName');
      if (ctx.state.policies.has(name.toLowerCase())) throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
      const document = str(input, 'PolicyDocument');
      parsePolicy(document, 'identity');
      if (policySize(document) > IAM_LIMITS.managedPolicySize) throw limitExceeded(`Cannot exceed quota for PolicySize: ${IAM_LIMITS.managedPolicySize}`);
      const path = opt<string>(input, 'Path') ?? '/';
      const now = ctx.now();
      const policy: PolicyRecord = {
        name,
        id: iamId('ANPA'),
        path,
        arn: `arn:aws:iam::${ctx.accountId}:policy${path}${name}`,
        created: now,
        updated: now,
        ...(opt<string>(input, 'Description') !== undefined && { description: str(input, 'Description') }),
        tags: tagsIn(input),
        defaultVersion: 'v1',
        versions: [{ id: 'v1', document, created: now }],
      };
      ctx.state.policies.set(name.toLowerCase(), policy);
      return { Policy: policyOut(ctx, policy, true) };
    },
  },
  GetPolicy: {
    input: INPUTS.GetPolicy,
    run: (input, ctx) => ({ Policy: policyOut(ctx, requirePolicy(ctx, str(input, 'PolicyArn')), true) }),
  },
  DeletePolicy: {
    input: INPUTS.DeletePolicy,
    run(input, ctx) {
      const policy = requirePolicy(ctx, str(input, 'PolicyArn'));
      if (ctx.state.attachmentCount(policy.arn) > 0) throw deleteConflict('Cannot delete a policy attached to entities.');
      ctx.state.policies.delete(policy.name.toLowerCase());
      return undefined;
    },
  },
  GetPolicyVersion: {
    input: INPUTS.GetPolicyVersion,
    run(input, ctx) {
      const arn = str(input, 'PolicyArn');
      const policy = requirePolicy(ctx, arn);
      const versionId = str(input, 'VersionId');
      const version = policy.versions.find((v) => v.id === versionId);
      if (!version) throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
      return {
        PolicyVersion: {
          Document: rfc3986(version.document),
          VersionId: version.id,
          IsDefaultVersion: version.id === policy.defaultVersion,
          CreateDate: new Date(version.created),
        },
      };
    },
  },
  ListPolicies: {
    input: INPUTS.ListPolicies,
    run(input, ctx) {
      // The sandbox has no AWS managed policies: Scope AWS lists nothing.
      const scope = opt<string>(input, 'Scope') ?? 'All';
      const prefix = opt<string>(input, 'PathPrefix') ?? '/';
      const onlyAttached = opt<boolean>(input, 'OnlyAttached') ?? false;
      const usage = opt<string>(input, 'PolicyUsageFilter');
      const candidates = scope === 'AWS' || usage === 'PermissionsBoundary' ? [] : [...ctx.state.policies.values()];
      const filtered = candidates.filter((p) => p.path.startsWith(prefix) && (!onlyAttached || ctx.state.attachmentCount(p.arn) > 0));
      const { items, IsTruncated, Marker } = page(filtered, (p) => p.name.toLowerCase(), `policies:${scope}:${prefix}:${onlyAttached}`, input);
      return { Policies: items.map((p) => policyOut(ctx, p, false)), IsTruncated, Marker };
    },
  },
  AttachRolePolicy: {
    input: INPUTS.AttachRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const policy = requirePolicy(ctx, str(input, 'PolicyArn'));
      if (role.attached.includes(policy.arn)) return undefined; // attaching twice is not an error in IAM
      if (role.attached.length >= IAM_LIMITS.managedPoliciesPerRole) {
        throw limitExceeded(`Cannot exceed quota for PoliciesPerRole: ${IAM_LIMITS.managedPoliciesPerRole}`);
      }
      role.attached.push(policy.arn);
      return undefined;
    },
  },
  DetachRolePolicy: {
    input: INPUTS.DetachRolePolicy,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const arn = str(input, 'PolicyArn');
      checkPolicyArn(arn);
      const index = role.attached.indexOf(arn);
      if (index < 0) throw noSuchEntity(`Policy ${arn} was not found.`);
      role.attached.splice(index, 1);
      return undefined;
    },
  },
  ListAttachedRolePolicies: {
    input: INPUTS.ListAttachedRolePolicies,
    run(input, ctx) {
      const role = requireRole(ctx, str(input, 'RoleName'));
      const prefix = opt<string>(input, 'PathPrefix') ?? '/';
      const attached = role.attached.map((arn) => ctx.state.policyByArn(arn)).filter((p): p is PolicyRecord => p !== undefined && p.path.startsWith(prefix));
      const { items, IsTruncated, Marker } = page(attached, (p) => p.name.toLowerCase(), `attached:${role.id}:${prefix}`, input);
      return { AttachedPolicies: items.map((p) => ({ PolicyName: p.name, PolicyArn: p.arn })), IsTruncated, Marker };
    },
  },
  SimulatePrincipalPolicy: {
    input: INPUTS.SimulatePrincipalPolicy,
    run(input, ctx) {
      const source = str(input, 'PolicySourceArn');
      const roleName = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(source)?.[1];
      if (roleName === undefined) {
        throw invalidInput(`Invalid Entity Arn: ${source} does not clearly define entity type and name. (The sandbox simulates roles only.)`);
      }
      const role = ctx.state.roleByArn(source);
      if (!role) throw noSuchEntity(`The role with name ${roleName} cannot be found.`);
      const extra = (opt<string[]>(input, 'PolicyInputList') ?? []).map(
        (text, i): SourcedPolicy => ({ id: `PolicyInputList.${i + 1}`, type: 'none', policy: parsePolicy(text, 'identity') }),
      );
      const policies = [...rolePolicies(ctx.state, role), ...extra];
      const context = new Map<string, string[]>();
      for (const entry of opt<{ ContextKeyName?: string; ContextKeyValues?: string[] }[]>(input, 'ContextEntries') ?? []) {
        if (entry.ContextKeyName) context.set(entry.ContextKeyName, entry.ContextKeyValues ?? []);
      }
      const resources = opt<string[]>(input, 'ResourceArns') ?? [];
      const results = [];
      for (const action of opt<string[]>(input, 'ActionNames') ?? []) {
        for (const resource of resources.length > 0 ? resources : ['*']) {
          const evaluation = evaluate(policies, action, resource, context);
          results.push({
            EvalActionName: action,
            EvalResourceName: resource,
            EvalDecision: evaluation.decision,
            MatchedStatements: evaluation.matched.map((m) => ({ SourcePolicyId: m.id, SourcePolicyType: m.type })),
            MissingContextValues: evaluation.missingContext,
          });
        }
      }
      const paged = page(results.map((r, i) => ({ r, key: String(i).padStart(8, '0') })), (x) => x.key, `simulate:${source}`, input);
      return { EvaluationResults: paged.items.map((x) => x.r), IsTruncated: paged.IsTruncated, Marker: paged.Marker };
    },
  },
};
