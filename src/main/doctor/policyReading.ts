/**
 * When IAM refuses SimulatePrincipalPolicy, issue 14 lets the doctor read the
 * role's own policies instead: its inline policies (ListRolePolicies,
 * GetRolePolicy) and the default versions of its attached managed policies
 * (ListAttachedRolePolicies, GetPolicy, GetPolicyVersion), evaluated as IAM's
 * policy evaluation logic does for identity policies: a matching Deny wins,
 * else a matching Allow, else an implicit deny. Action, NotAction, Resource
 * and NotResource with `*` and `?` wildcards are honoured; Conditions are not
 * evaluated (a statement with one is reported as "under conditions"), nor are
 * permission boundaries, SCPs or session policies, which can only take
 * permissions away: so "no statement allows it" is certain, "allowed" is not.
 * Calls: 2 listings (1 per 100 policies) + 1 per inline policy + 2 per attached policy.
 */
import * as iam from '@aws-sdk/client-iam';

export type ReadDecision = {
  readonly decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  readonly conditional: boolean;
  readonly policies: number;
};

export type Json = Record<string, unknown>;
export const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** IAM's `*` and `?` wildcards (actions compare case-insensitively, ARNs case-sensitively). */
export const wildcard = (pattern: string, value: string, ignoreCase: boolean) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    ignoreCase ? 'i' : '',
  ).test(value);

function statementMatches(st: Json, action: string, resource: string): boolean {
  const actionOk =
    st['Action'] !== undefined
      ? list(st['Action']).some((a) => typeof a === 'string' && wildcard(a, action, true))
      : st['NotAction'] !== undefined &&
        !list(st['NotAction']).some((a) => typeof a === 'string' && wildcard(a, action, true));
  if (!actionOk) return false;
  if (st['Resource'] !== undefined)
    return list(st['Resource']).some((r) => typeof r === 'string' && wildcard(r, resource, false));
  return (
    st['NotResource'] !== undefined &&
    !list(st['NotResource']).some((r) => typeof r === 'string' && wildcard(r, resource, false))
  );
}

/** Evaluates identity policies (their JSON text, plain or URL-encoded as IAM answers it) for one action on one resource. */
export function evaluatePolicies(documents: readonly string[], action: string, resource: string): ReadDecision {
  const statements: Json[] = [];
  for (const text of documents) {
    const doc = JSON.parse(text.trimStart().startsWith('{') ? text : decodeURIComponent(text)) as Json;
    for (const s of list(doc['Statement'])) if (s && typeof s === 'object') statements.push(s as Json);
  }
  const matching = statements.filter((s) => statementMatches(s, action, resource));
  // A conditional Deny may not apply; only an unconditional one decides.
  if (matching.some((s) => s['Effect'] === 'Deny' && s['Condition'] === undefined))
    return { decision: 'explicitDeny', conditional: false, policies: documents.length };
  const allows = matching.filter((s) => s['Effect'] === 'Allow');
  if (allows.length === 0) return { decision: 'implicitDeny', conditional: false, policies: documents.length };
  const conditional = allows.every((s) => s['Condition'] !== undefined) || matching.some((s) => s['Effect'] === 'Deny');
  return { decision: 'allowed', conditional, policies: documents.length };
}

/** The text of every policy of the role: inline ones, then the default version of each attached one. Throws what IAM throws. */
export async function readRolePolicies(
  client: iam.IAMClient,
  RoleName: string,
  abortSignal?: AbortSignal,
): Promise<string[]> {
  const options = { abortSignal };
  const documents: string[] = [];
  let Marker: string | undefined;
  do {
    const page = await client.send(new iam.ListRolePoliciesCommand({ RoleName, Marker }), options);
    for (const PolicyName of page.PolicyNames ?? []) {
      documents.push(
        (await client.send(new iam.GetRolePolicyCommand({ RoleName, PolicyName }), options)).PolicyDocument ?? '{}',
      );
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  do {
    const page = await client.send(new iam.ListAttachedRolePoliciesCommand({ RoleName, Marker }), options);
    for (const { PolicyArn } of page.AttachedPolicies ?? []) {
      const policy = (await client.send(new iam.GetPolicyCommand({ PolicyArn }), options)).Policy;
      const version = await client.send(
        new iam.GetPolicyVersionCommand({ PolicyArn, VersionId: policy?.DefaultVersionId }),
        options,
      );
      documents.push(version.PolicyVersion?.Document ?? '{}');
    }
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return documents;
}

export const READ_CALLS = [
  { operation: 'ListRolePolicies', permission: 'iam:ListRolePolicies' },
  { operation: 'GetRolePolicy', permission: 'iam:GetRolePolicy' },
  { operation: 'ListAttachedRolePolicies', permission: 'iam:ListAttachedRolePolicies' },
  { operation: 'GetPolicy', permission: 'iam:GetPolicy' },
  { operation: 'GetPolicyVersion', permission: 'iam:GetPolicyVersion' },
] as const;
