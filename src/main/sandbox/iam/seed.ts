/**
 * The push role as the Chime developer guide has you create it, for `--seed
 * demo` and tests: `ServiceRoleForAmazonChimePushNotification` trusting
 * `messaging.chime.amazonaws.com` (Version 2008-10-17) with the customer managed
 * policy `AmazonChimePushNotificationPolicy` allowing `mobiletargeting:SendMessages`
 * on this account's app messages. Variants give the misconfigurations the
 * doctor finds: `untrusted` (trusts another service), `no-permission` (no
 * policy attached). It goes through the real handlers, so the records are
 * exactly what CreateRole/CreatePolicy/AttachRolePolicy would make.
 */
import { IAM_OPERATIONS, type IamContext } from './handlers';
import type { IamState } from './state';

export type PushRoleVariant = 'ok' | 'untrusted' | 'no-permission';

export const PUSH_POLICY_NAME = 'AmazonChimePushNotificationPolicy';

export function pushTrustPolicy(service = 'messaging.chime.amazonaws.com'): string {
  return JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
}

export function pushPermissionPolicy(accountId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: `arn:aws:mobiletargeting:*:${accountId}:apps/*/messages` }],
  });
}

/** Creates (or leaves alone, when it exists) the push role in `variant`; answers its ARN. */
export function seedPushRole(
  state: IamState,
  options: { accountId: string; now: () => number; region?: string; variant?: PushRoleVariant; roleName?: string },
): string {
  const ctx: IamContext = { now: options.now, region: options.region ?? 'us-east-1', accountId: options.accountId, state, requestId: 'seed' };
  const roleName = options.roleName ?? 'ServiceRoleForAmazonChimePushNotification';
  const variant = options.variant ?? 'ok';
  const run = (op: keyof typeof IAM_OPERATIONS, input: Record<string, unknown>) => IAM_OPERATIONS[op].run(input, ctx, { method: 'POST', path: '/', query: new URLSearchParams(), headers: {}, body: '' });
  const existing = state.role(roleName);
  if (existing) return existing.arn;
  run('CreateRole', { RoleName: roleName, AssumeRolePolicyDocument: pushTrustPolicy(variant === 'untrusted' ? 'pinpoint.amazonaws.com' : undefined), Description: 'Lets Amazon Chime SDK messaging send push notifications through Amazon Pinpoint' });
  if (variant !== 'no-permission') {
    const policyArn = state.policies.get(PUSH_POLICY_NAME.toLowerCase())?.arn ?? (run('CreatePolicy', { PolicyName: PUSH_POLICY_NAME, PolicyDocument: pushPermissionPolicy(options.accountId) }) as { Policy: { Arn: string } }).Policy.Arn;
    run('AttachRolePolicy', { RoleName: roleName, PolicyArn: policyArn });
  }
  return (state.role(roleName) as { arn: string }).arn;
}
