/**
 * The watcher's lister on the real SDK client: one ListAppInstanceUserEndpoints
 * page per call, at the service's maximum page size (50) so a user with many
 * endpoints costs as few calls as possible. Main passes the client of the
 * current connection (sandbox or profile).
 */
import {
  ListAppInstanceUserEndpointsCommand,
  type AppInstanceUserEndpointSummary,
  type ChimeSDKIdentityClient,
} from '@aws-sdk/client-chime-sdk-identity';
import { ALLOW_MESSAGES, ENDPOINT_STATUSES, ENDPOINT_STATUS_REASONS, ENDPOINT_TYPES } from '../../shared/chime/shapes';
import type { EndpointSnapshot } from '../../shared/workspace/watch';
import type { EndpointLister } from './endpointWatcher';

type Sender = Pick<ChimeSDKIdentityClient, 'send'>;

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

export function createSdkLister(client: Sender): EndpointLister {
  return async (userArn, nextToken, signal) => {
    const output = await client.send(
      new ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn, MaxResults: 50, ...(nextToken ? { NextToken: nextToken } : {}) }),
      signal ? { abortSignal: signal } : {},
    );
    const endpoints = (output.AppInstanceUserEndpoints ?? []).flatMap((s) => snapshotFromSummary(s) ?? []);
    return output.NextToken ? { endpoints, nextToken: output.NextToken } : { endpoints };
  };
}
