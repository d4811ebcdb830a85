/**
 * The desktop notification for an endpoint that turned INACTIVE, in the same
 * plain words the app uses everywhere.
 */
import { describeEndpointState } from '../../shared/workspace/endpointStateText';
import type { WatchEvent } from '../../shared/workspace/watch';

export function inactiveNotification(event: WatchEvent): { title: string; body: string } | undefined {
  const turnedInactive = event.after?.status === 'INACTIVE' && event.before?.status !== 'INACTIVE';
  if (!turnedInactive || !event.after) return undefined;
  const name = event.after.name || event.endpointId;
  return {
    title: `Endpoint "${name}" is INACTIVE`,
    body: describeEndpointState('INACTIVE', event.after.statusReason),
  };
}
