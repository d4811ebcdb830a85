/**
 * The watcher's one lister, used by the app, the tests and `bench:watch`: one
 * ListAppInstanceUserEndpoints page per call, at the service's maximum page
 * size (50) so a user with many endpoints costs as few calls as possible.
 *
 * It sends through a `ListEndpoints` call that answers a Result with the error
 * already mapped (ConnectionManager.invoke in the app, `sendOperation` on a
 * bare client in tests), so the watcher trusts `WorkbenchError.retryable`
 * instead of classifying SDK errors itself.
 */
import type { AppInstanceUserEndpointSummary } from '@aws-sdk/client-chime-sdk-identity';
import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import { ALLOW_MESSAGES, ENDPOINT_STATUSES, ENDPOINT_STATUS_REASONS, ENDPOINT_TYPES } from '../../shared/chime/shapes';
import type { Result } from '../../shared/errors';
import type { EndpointSnapshot } from '../../shared/workspace/watch';
import { sendOperation, type CallOptions, type OperationInput, type OperationOutput } from '../aws/commands';
import type { EndpointLister } from './endpointWatcher';

type Op = 'ListAppInstanceUserEndpoints';
export type ListEndpoints = (input: OperationInput<Op>, options: CallOptions) => Promise<Result<OperationOutput<Op>>>;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;

/** Values the service may add later are dropped rather than passed on as an enum member we do not know. */
export function snapshotFromSummary(summary: AppInstanceUserEndpointSummary): EndpointSnapshot | undefined {
  if (!summary.EndpointId) return undefined;
  const snapshot: EndpointSnapshot = { endpointId: summary.EndpointId };
  if (summary.Name !== undefined) snapshot.name = summary.Name;
  const type = oneOf(ENDPOINT_TYPES, summary.Type);
  if (type) snapshot.type = type;
  const allow = oneOf(ALLOW_MESSAGES, summary.AllowMessages);
  if (allow) snapshot.allowMessages = allow;
  const status = oneOf(ENDPOINT_STATUSES, summary.EndpointState?.Status);
  if (status) snapshot.status = status;
  const reason = oneOf(ENDPOINT_STATUS_REASONS, summary.EndpointState?.StatusReason);
  if (reason) snapshot.statusReason = reason;
  return snapshot;
}

export function createEndpointLister(list: ListEndpoints): EndpointLister {
  return async (userArn, nextToken, signal) => {
    const input = { AppInstanceUserArn: userArn, MaxResults: 50, ...(nextToken ? { NextToken: nextToken } : {}) };
    const result = await list(input, signal ? { signal } : {});
    if (!result.ok) return result;
    const endpoints = (result.value.AppInstanceUserEndpoints ?? []).flatMap((s) => snapshotFromSummary(s) ?? []);
    return { ok: true, value: result.value.NextToken ? { endpoints, NextToken: result.value.NextToken } : { endpoints } };
  };
}

/** The lister on a bare client (tests, bench): the same code, with the client's errors mapped once by `sendOperation`. */
export function clientEndpointLister(client: ChimeSDKIdentityClient): EndpointLister {
  return createEndpointLister((input, options) => sendOperation(client, 'ListAppInstanceUserEndpoints', input, options));
}
