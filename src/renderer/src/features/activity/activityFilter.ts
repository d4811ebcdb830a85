import type { ActivityEntry } from '../../../../shared/ipc/appTypes';
import { userIdOf } from '../users/usersSlice';

export interface ActivityFilter {
  /** An operation name, or '' for all. */
  readonly operation: string;
  readonly status: 'all' | 'ok' | 'error';
  /** Part of a user's id or name, or '' for all. */
  readonly user: string;
}

export const NO_ACTIVITY_FILTER: ActivityFilter = { operation: '', status: 'all', user: '' };

/** Whom a call was for, read from its input: the user (id, or name when known) and the endpoint. */
export function activityTarget(entry: ActivityEntry, userNames: ReadonlyMap<string, string>): { user?: string; endpoint?: string; appInstance?: string } {
  const input = (entry.input ?? {}) as Record<string, unknown>;
  const userArn = typeof input.AppInstanceUserArn === 'string' ? input.AppInstanceUserArn : undefined;
  const endpoint = typeof input.EndpointId === 'string' ? input.EndpointId : undefined;
  const appInstanceArn = typeof input.AppInstanceArn === 'string' ? input.AppInstanceArn : undefined;
  return {
    ...(userArn ? { user: userNames.get(userArn) ?? userIdOf(userArn) } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(appInstanceArn ? { appInstance: appInstanceArn.slice(appInstanceArn.lastIndexOf('/') + 1) } : {}),
  };
}

export function matchesActivityFilter(entry: ActivityEntry, filter: ActivityFilter, userNames: ReadonlyMap<string, string>): boolean {
  if (filter.operation && entry.operation !== filter.operation) return false;
  if (filter.status === 'ok' && entry.error) return false;
  if (filter.status === 'error' && !entry.error) return false;
  const needle = filter.user.trim().toLowerCase();
  if (needle) {
    const input = (entry.input ?? {}) as Record<string, unknown>;
    const userArn = typeof input.AppInstanceUserArn === 'string' ? input.AppInstanceUserArn : '';
    const haystack = `${userIdOf(userArn)} ${userNames.get(userArn) ?? ''}`.toLowerCase();
    if (!userArn || !haystack.includes(needle)) return false;
  }
  return true;
}
