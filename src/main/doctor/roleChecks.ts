/**
 * The push role: `ServiceRoleForAmazonChimePushNotification` (the only name
 * Chime uses), trusting `messaging.chime.amazonaws.com`, allowed
 * `mobiletargeting:SendMessages` on the app's `/messages` resource (Chime SDK
 * developer guide, create-service-role). The trust policy is read from GetRole
 * (JS v3 hands it over URL-encoded, aws-sdk-js-v3#1945); the permission is
 * asked of IAM's own evaluator through SimulatePrincipalPolicy. Calls: 2.
 *
 * When SimulatePrincipalPolicy is refused, the role's inline and attached
 * policies are read and evaluated instead (policyReading.ts; issue 14 allows
 * either); when that is refused too, the check is a Warning "couldn't check".
 */
import * as iam from '@aws-sdk/client-iam';
import type { CliTarget } from '../../shared/aws/cli';
import type { DoctorCheck } from '../../shared/doctor/report';
import { attempt, cannotCheck, isAccessDenied, isNotFound, skipped, uses, type CallName } from './calls';
import { evaluatePolicies, list, READ_CALLS, readRolePolicies, wildcard, type Json } from './policyReading';
import {
  CHIME_MESSAGING_PRINCIPAL,
  createPushRoleFix,
  PUSH_ROLE_NAME,
  putPushPolicyCommand,
  trustPolicyCommand,
} from './fixes';

export const GET_ROLE: CallName = { operation: 'GetRole', permission: 'iam:GetRole' };
export const SIMULATE: CallName = { operation: 'SimulatePrincipalPolicy', permission: 'iam:SimulatePrincipalPolicy' };
const SEND = 'mobiletargeting:SendMessages';

export interface RoleContext {
  readonly client: iam.IAMClient;
  /** `arn:aws:mobiletargeting:R:A:apps/ID/messages`, or undefined when the endpoint names no Pinpoint app (then: any resource). */
  readonly messagesArn?: string;
  /** Used in the fix when messagesArn is unknown. */
  readonly account?: string;
  readonly target: CliTarget;
  readonly signal?: AbortSignal;
}

export async function roleChecks(ctx: RoleContext): Promise<DoctorCheck[]> {
  const fixArn = ctx.messagesArn ?? `arn:aws:mobiletargeting:*:${ctx.account ?? 'ACCOUNT_ID'}:apps/*/messages`;
  const got = await attempt(() =>
    ctx.client.send(new iam.GetRoleCommand({ RoleName: PUSH_ROLE_NAME }), { abortSignal: ctx.signal }),
  );
  if (!got.ok) {
    if (isNotFound(got.error)) {
      return [
        {
          name: 'Push role',
          verdict: 'fail',
          detail: `The role ${PUSH_ROLE_NAME} does not exist: Chime cannot call Pinpoint, so every push fails (the endpoint stays ACTIVE).`,
          fix: createPushRoleFix(fixArn, ctx.target),
          uses: uses(GET_ROLE),
        },
        skipped('Push role trust', 'the push role does not exist.'),
        skipped('Push role permission', 'the push role does not exist.'),
      ];
    }
    return [
      cannotCheck('Push role', GET_ROLE, got.error),
      skipped('Push role trust', 'the push role could not be read.'),
      await permissionCheck(ctx, fixArn, undefined),
    ];
  }
  const role = got.value.Role;
  const exists: DoctorCheck = {
    name: 'Push role',
    verdict: 'pass',
    detail: `The role ${PUSH_ROLE_NAME} exists (${role?.Arn ?? 'no ARN returned'}).`,
    uses: uses(GET_ROLE),
  };
  return [
    exists,
    trustCheck(role?.AssumeRolePolicyDocument, ctx.target),
    await permissionCheck(ctx, fixArn, role?.Arn),
  ];
}

function trustCheck(encoded: string | undefined, target: CliTarget): DoctorCheck {
  const verdict = evaluateTrust(encoded);
  const used = uses(GET_ROLE);
  if (verdict.allowed)
    return {
      name: 'Push role trust',
      verdict: 'pass',
      detail: `The role trusts ${CHIME_MESSAGING_PRINCIPAL}${verdict.note ? ` ${verdict.note}` : ''}.`,
      uses: used,
    };
  return {
    name: 'Push role trust',
    verdict: 'fail',
    detail: `${verdict.why} Chime reports "Unable to send messages. Please verify IAM Trust Relationships on ${PUSH_ROLE_NAME}." and the endpoint stays ACTIVE.`,
    fix: {
      text: `Replace the role's trust policy with the documented one (Allow sts:AssumeRole to ${CHIME_MESSAGING_PRINCIPAL}).`,
      commands: [trustPolicyCommand(target)],
    },
    uses: used,
  };
}

async function permissionCheck(ctx: RoleContext, fixArn: string, roleArn: string | undefined): Promise<DoctorCheck> {
  if (!roleArn) return skipped('Push role permission', 'the push role could not be read.');
  // Without the app there is no resource to ask about: IAM would answer for "*", which a policy scoped to apps/*/messages does not allow.
  const messagesArn = ctx.messagesArn;
  if (!messagesArn)
    return skipped(
      'Push role permission',
      'ResourceArn is not a Pinpoint app ARN, so there is no app to check the permission on.',
    );
  const run = await attempt(() =>
    ctx.client.send(
      new iam.SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn,
        ActionNames: [SEND],
        ResourceArns: [messagesArn],
      }),
      { abortSignal: ctx.signal },
    ),
  );
  if (!run.ok) {
    if (!isAccessDenied(run.error)) return cannotCheck('Push role permission', SIMULATE, run.error);
    return readPolicies(ctx, fixArn, messagesArn, cannotCheck('Push role permission', SIMULATE, run.error));
  }
  const result = run.value.EvaluationResults?.find((r) => r.EvalActionName === SEND);
  const on = messagesArn;
  if (result?.EvalDecision === 'allowed') {
    return {
      name: 'Push role permission',
      verdict: 'pass',
      detail: `The role's policies allow ${SEND} on ${on}.`,
      uses: uses(SIMULATE),
    };
  }
  return notAllowed(ctx, fixArn, on, result?.EvalDecision ?? 'no answer', uses(SIMULATE));
}

/** SimulatePrincipalPolicy was refused: read the role's policies and evaluate them here. */
async function readPolicies(
  ctx: RoleContext,
  fixArn: string,
  messagesArn: string,
  refused: DoctorCheck,
): Promise<DoctorCheck> {
  const read = await attempt(async () =>
    evaluatePolicies(await readRolePolicies(ctx.client, PUSH_ROLE_NAME, ctx.signal), SEND, messagesArn),
  );
  const used = [...refused.uses, ...uses(...READ_CALLS)];
  if (!read.ok) {
    const also = isAccessDenied(read.error)
      ? `reading the role's policies instead was refused too (${read.error.code}: ${read.error.message})`
      : `reading the role's policies instead failed (${read.error.code}: ${read.error.message})`;
    return {
      ...refused,
      detail: `${refused.detail.replace(/\.$/, '')}; ${also}. Needs \`iam:SimulatePrincipalPolicy\`, or ${READ_CALLS.map((c) => `\`${c.permission}\``).join(', ')}.`,
      uses: used,
    };
  }
  const how = `read from the role's ${read.value.policies} polic${read.value.policies === 1 ? 'y' : 'ies'}, as IAM refused SimulatePrincipalPolicy`;
  if (read.value.decision !== 'allowed') return notAllowed(ctx, fixArn, messagesArn, read.value.decision, used, how);
  if (read.value.conditional) {
    return {
      name: 'Push role permission',
      verdict: 'warning',
      detail: `The role's policies allow ${SEND} on ${messagesArn} only under conditions the doctor does not evaluate (${how}).`,
      uses: used,
    };
  }
  return {
    name: 'Push role permission',
    verdict: 'pass',
    detail: `The role's policies allow ${SEND} on ${messagesArn} (${how}; permission boundaries and SCPs not evaluated).`,
    uses: used,
  };
}

function notAllowed(
  ctx: RoleContext,
  fixArn: string,
  on: string,
  decision: string,
  used: string[],
  how?: string,
): DoctorCheck {
  return {
    name: 'Push role permission',
    verdict: 'fail',
    detail: `The role's policies do not allow ${SEND} on ${on} (${decision === 'explicitDeny' ? 'a statement denies it' : decision === 'implicitDeny' ? 'no statement allows it' : decision}${how ? `; ${how}` : ''}). Chime reports "Unable to send messages. Please verify IAM Permissions Policy on ${PUSH_ROLE_NAME}." and the endpoint stays ACTIVE.`,
    fix: {
      text: `Add the documented policy to the role${decision === 'explicitDeny' ? ', and remove the statement that denies the action (a Deny always wins)' : ''}.`,
      commands: [putPushPolicyCommand(fixArn, ctx.target)],
    },
    uses: used,
  };
}

function principalMatches(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const p = principal as Json;
  return list(p['Service']).includes(CHIME_MESSAGING_PRINCIPAL) || list(p['AWS']).includes('*');
}

/**
 * Whether a trust policy lets Chime's messaging service assume the role
 * (identity-policy logic applied to the trust document: a matching Deny wins,
 * then a matching Allow; NotPrincipal/NotAction statements never match here).
 * Conditions are not evaluated: an Allow with a Condition counts as allowing,
 * and the check says so.
 */
export function evaluateTrust(
  encoded: string | undefined,
): { allowed: true; note?: string } | { allowed: false; why: string } {
  if (!encoded) return { allowed: false, why: 'The role has no trust policy.' };
  let doc: Json;
  try {
    const text = encoded.trimStart().startsWith('{') ? encoded : decodeURIComponent(encoded);
    doc = JSON.parse(text) as Json;
  } catch {
    return { allowed: false, why: "The role's trust policy is not valid JSON." };
  }
  const matching = list(doc['Statement']).filter((s): s is Json => {
    if (!s || typeof s !== 'object') return false;
    const st = s as Json;
    return (
      principalMatches(st['Principal']) &&
      list(st['Action']).some((a) => typeof a === 'string' && wildcard(a, 'sts:AssumeRole', true))
    );
  });
  if (matching.some((s) => s['Effect'] === 'Deny'))
    return { allowed: false, why: `The role's trust policy denies sts:AssumeRole to ${CHIME_MESSAGING_PRINCIPAL}.` };
  const allow = matching.filter((s) => s['Effect'] === 'Allow');
  if (allow.length === 0)
    return {
      allowed: false,
      why: `The role's trust policy does not allow ${CHIME_MESSAGING_PRINCIPAL} to call sts:AssumeRole.`,
    };
  if (allow.every((s) => s['Condition'] !== undefined))
    return {
      allowed: true,
      note: '(under conditions the doctor does not evaluate: check that they hold for Chime, e.g. aws:SourceAccount)',
    };
  return { allowed: true };
}
