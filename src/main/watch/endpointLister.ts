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
import type { ChimeSDKIdentityClient } from '@aws-sdk/client-chime-sdk-identity';
import type { Result } from '../../shared/errors';
import { snapshotFromSummary } from '../../shared/workspace/watch';
import { sendOperation, type CallOptions, type OperationInput, type OperationOutput } from '../aws/commands';
import type { EndpointLister } from './endpointWatcher';

type Op = 'ListAppInstanceUserEndpoints';
export type ListEndpoints = (input: OperationInput<Op>, options: CallOptions) => Promise<Result<OperationOutput<Op>>>;

// The conversion is shared with the renderer (a test push follows the rows it shows).
export { snapshotFromSummary };

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
