/**
 * The sandbox's IAM (query protocol, XML answers): the subset the Chime push
 * role needs. Entry points for the core:
 *
 *   matchesIam(request)       POST / with a form body whose SigV4 credential
 *                             scope names service `iam` (or, unsigned, whose
 *                             Version is 2010-05-08)
 *   handleIam(request, ctx)   → {status, headers, body}; ctx = {now, region, accountId, state: IamState}
 *   pushRoleAllows(state, roleArn, options?)  the delivery simulation's role check
 *
 * The core does SigV4 (IAM is signed for us-east-1 whatever region the
 * sandbox serves), faults and persistence (`state.toJSON()` /
 * `IamState.fromJSON()`); a call that did not answer 2xx changed nothing.
 */
import { credentialScope, type ServiceRequest, type ServiceResponse } from '../protocols/http';
import { dispatchQuery, looksLikeQuery, parseQueryCall, type QueryService } from '../protocols/query';
import { IAM_OPERATIONS, rolePolicies, type IamContext } from './handlers';
import { evaluate, parsePolicy, trustAllows } from './policy';
import type { IamState } from './state';

export { IamState } from './state';
export type { IamContext } from './handlers';
export { IAM_LIMITS } from './handlers';
export { PUSH_POLICY_NAME, pushPermissionPolicy, pushTrustPolicy, seedPushRole, type PushRoleVariant } from './seed';

export const IAM_VERSION = '2010-05-08';
export const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/';
/** The signing name and the region IAM requests are always scoped to. */
export const IAM_SIGNING = { service: 'iam', region: 'us-east-1' } as const;

const SERVICE: QueryService<IamContext> = {
  version: IAM_VERSION,
  xmlns: IAM_XMLNS,
  operations: IAM_OPERATIONS,
  internalErrorCode: 'ServiceFailure',
};

export const IAM_OPERATION_NAMES = Object.keys(IAM_OPERATIONS);

export function matchesIam(request: ServiceRequest): boolean {
  if (!looksLikeQuery(request)) return false;
  const scope = credentialScope(request);
  if (scope) return scope.service === IAM_SIGNING.service;
  try {
    return parseQueryCall(request).version === IAM_VERSION;
  } catch {
    return false;
  }
}

/** The IAM action a request asks for (`iam:CreateRole`), for the core's `deny=` faults; undefined when unreadable. */
export function iamActionOf(request: ServiceRequest): string | undefined {
  try {
    return `iam:${parseQueryCall(request).action}`;
  } catch {
    return undefined;
  }
}

export function handleIam(request: ServiceRequest, ctx: IamContext, log?: (line: string) => void): ServiceResponse {
  return dispatchQuery(SERVICE, request, ctx, log);
}

// ---------------------------------------------------------------- the push role

/** The name Chime requires for the push role. */
export const PUSH_ROLE_NAME = 'ServiceRoleForAmazonChimePushNotification';
export const CHIME_MESSAGING_PRINCIPAL = 'messaging.chime.amazonaws.com';

export const pushRoleArn = (accountId: string) => `arn:aws:iam::${accountId}:role/${PUSH_ROLE_NAME}`;

/** The delivery-failure messages Chime documents for the push role (developer guide, debug-notifications). */
export const PUSH_ROLE_MESSAGES = {
  untrusted: 'Unable to send messages. Please verify IAM Trust Relationships on ServiceRoleForAmazonChimePushNotification.',
  notPermitted: 'Unable to send messages. Please verify IAM Permissions Policy on ServiceRoleForAmazonChimePushNotification.',
} as const;

export type PushRoleVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: 'missing' | 'untrusted' | 'not-permitted'; readonly reason: string; readonly detail: string };

/**
 * Whether Chime could send pushes through `roleArn`: the role exists, its trust
 * policy lets `messaging.chime.amazonaws.com` call sts:AssumeRole, and its
 * policies allow `mobiletargeting:SendMessages`. `resourceArn` is the Pinpoint
 * resource the push goes to (`arn:aws:mobiletargeting:R:A:apps/ID/messages`);
 * without it the question is "on some resource", so an Allow on any resource
 * counts and only a Deny on `*` blocks. `reason` is the message Chime
 * reports for the failure; a missing role has no documented message, so the
 * sandbox reports the permissions one (the simulated choice), and `detail`
 * says what is wrong in plain words.
 */
export function pushRoleAllows(
  state: IamState,
  roleArn: string,
  options: { resourceArn?: string; accountId?: string; sourceArn?: string } = {},
): PushRoleVerdict {
  const role = state.roleByArn(roleArn);
  if (!role) {
    return { ok: false, problem: 'missing', reason: PUSH_ROLE_MESSAGES.notPermitted, detail: `The role ${roleArn} does not exist.` };
  }
  const context = new Map<string, string[]>();
  const account = options.accountId ?? /^arn:aws:iam::(\d{12}):/.exec(roleArn)?.[1];
  if (account) context.set('aws:SourceAccount', [account]);
  if (options.sourceArn) context.set('aws:SourceArn', [options.sourceArn]);
  const trust = trustAllows(parsePolicy(role.assumeRolePolicy, 'trust'), 'sts:AssumeRole', { service: CHIME_MESSAGING_PRINCIPAL }, context);
  if (!trust.allowed) {
    return {
      ok: false,
      problem: 'untrusted',
      reason: PUSH_ROLE_MESSAGES.untrusted,
      detail: trust.deniedExplicitly
        ? `The trust policy of ${role.name} denies sts:AssumeRole to ${CHIME_MESSAGING_PRINCIPAL}.`
        : `The trust policy of ${role.name} does not allow ${CHIME_MESSAGING_PRINCIPAL} to call sts:AssumeRole${trust.missingContext.length > 0 ? ` (its conditions need ${trust.missingContext.join(', ')})` : ''}.`,
    };
  }
  const policies = rolePolicies(state, role);
  const action = 'mobiletargeting:SendMessages';
  let decision: string;
  if (options.resourceArn !== undefined) {
    decision = evaluate(policies, action, options.resourceArn, context).decision;
  } else {
    const denied = evaluate(policies, action, '*', context).decision === 'explicitDeny';
    const allowedSomewhere = policies.some((p) =>
      p.policy.statements.some((st) => st.effect === 'Allow' && evaluate([{ ...p, policy: { statements: [{ ...st, resources: ['*'], notResources: undefined }] } }], action, '*', context).decision === 'allowed'),
    );
    decision = denied ? 'explicitDeny' : allowedSomewhere ? 'allowed' : 'implicitDeny';
  }
  if (decision !== 'allowed') {
    return {
      ok: false,
      problem: 'not-permitted',
      reason: PUSH_ROLE_MESSAGES.notPermitted,
      detail: `The policies of ${role.name} ${decision === 'explicitDeny' ? 'deny' : 'do not allow'} ${action}${options.resourceArn ? ` on ${options.resourceArn}` : ''}.`,
    };
  }
  return { ok: true };
}
