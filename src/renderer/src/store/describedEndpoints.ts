/**
 * What Describe returned per endpoint this session (`userArn#endpointId`): the
 * token, Pinpoint ARN and dates, which the List lacks. Clicking a user again
 * then costs one List, not one Describe per endpoint; the List's own fields
 * (name, type, AllowMessages, state) always come fresh from the List. The
 * register form reads it too: the Pinpoint apps already used in an
 * AppInstance, and whether a token is known under another user.
 */
import type { Endpoint } from '../../../shared/ipc/chimeTypes';

const described = new Map<string, KnownEndpoint>();
const keyOf = (userArn: string, endpointId: string | undefined) => `${userArn}#${endpointId ?? ''}`;

export interface KnownEndpoint {
  readonly userArn: string;
  readonly endpoint: Endpoint;
}

export function describedEndpoint(userArn: string, endpointId: string | undefined): Endpoint | undefined {
  return described.get(keyOf(userArn, endpointId))?.endpoint;
}

export function rememberDescribed(userArn: string, endpoint: Endpoint): void {
  if (endpoint.EndpointAttributes) described.set(keyOf(userArn, endpoint.EndpointId), { userArn, endpoint });
}

/** After a List of `userArn`: endpoints it no longer returns (deregistered elsewhere) are forgotten. */
export function keepListed(userArn: string, listedIds: readonly (string | undefined)[]): void {
  const keep = new Set(listedIds.map((id) => keyOf(userArn, id)));
  for (const key of described.keys()) if (key.startsWith(`${userArn}#`) && !keep.has(key)) described.delete(key);
}

export function forgetDescribed(userArn: string, endpointId: string): void {
  described.delete(keyOf(userArn, endpointId));
}

/** Every endpoint described this session whose user ARN starts with `appInstanceArn/user/`. */
export function describedInAppInstance(appInstanceArn: string): KnownEndpoint[] {
  const prefix = `${appInstanceArn}/user/`;
  return [...described.values()].filter((known) => known.userArn.startsWith(prefix));
}

/** On a connection change (and between tests): nothing described before is trusted. */
export function forgetDescribedEndpoints(): void {
  described.clear();
}

/** `arn:…:app-instance/ID` of a user or endpoint's user ARN. */
export function appInstanceOfUser(userArn: string): string {
  const at = userArn.lastIndexOf('/user/');
  return at < 0 ? userArn : userArn.slice(0, at);
}
