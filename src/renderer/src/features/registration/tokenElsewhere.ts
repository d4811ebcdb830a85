import type { EndpointType } from '../../../../shared/chime/shapes';
import type { KnownEndpoint } from '../../store/describedEndpoints';
import { comparableToken, isApnsType } from './tokenLinter';
import type { TokenMatch } from './tokenSearchSlice';

/**
 * Endpoints of other users of the AppInstance that carry `token` (as it will
 * be sent), among those this session has read. One device token under two
 * users is the "push goes to the previous user after logout" bug.
 */
export function findTokenElsewhere(
  known: readonly KnownEndpoint[],
  userArn: string,
  type: EndpointType,
  token: string,
): TokenMatch[] {
  if (!token) return [];
  const wanted = comparableToken(type, token);
  return known
    .filter(
      ({ userArn: other, endpoint }) =>
        other !== userArn &&
        endpoint.Type !== undefined &&
        isApnsType(endpoint.Type) === isApnsType(type) &&
        comparableToken(endpoint.Type, endpoint.EndpointAttributes?.DeviceToken) === wanted,
    )
    .map(({ userArn: other, endpoint }) => ({
      userArn: other,
      endpointId: endpoint.EndpointId,
      name: endpoint.Name,
      type: endpoint.Type,
    }));
}

export function mergeMatches(...lists: readonly (readonly TokenMatch[])[]): TokenMatch[] {
  const seen = new Map<string, TokenMatch>();
  for (const m of lists.flat()) seen.set(`${m.userArn}#${m.endpointId ?? ''}`, m);
  return [...seen.values()];
}
