/**
 * What the register form starts from: the last type and Pinpoint app used on
 * this AppInstance (this session first, then the workspace), and the Pinpoint
 * apps the AppInstance's loaded endpoints already use, offered in one click.
 */
import type { RegistrationDefault, Workspace } from '../../../../shared/workspace/workspace';
import type { KnownEndpoint } from '../../store/describedEndpoints';
import type { Endpoint } from '../../../../shared/ipc/chimeTypes';
import { EMPTY_FORM } from './registrationRequest';
import type { RegistrationForm } from './tokenLinter';

export function defaultFor(
  appInstanceArn: string | undefined,
  session: readonly RegistrationDefault[],
  workspace: Workspace | undefined,
): RegistrationDefault | undefined {
  if (!appInstanceArn) return undefined;
  const mine = (d: RegistrationDefault) => d.appInstanceArn === appInstanceArn;
  return session.find(mine) ?? workspace?.registrationDefaults?.find(mine);
}

export function initialForm(remembered: RegistrationDefault | undefined): RegistrationForm {
  return remembered ? { ...EMPTY_FORM, type: remembered.type, pinpointAppArn: remembered.pinpointAppArn } : EMPTY_FORM;
}

/** Pinpoint app ARNs used in the AppInstance (the shown user's endpoints and every one described this session), most used first. */
export function pinpointArnsInUse(
  endpoints: readonly Endpoint[],
  known: readonly KnownEndpoint[],
  remembered: RegistrationDefault | undefined,
): string[] {
  const counts = new Map<string, number>();
  const add = (arn: string | undefined, weight = 1) => {
    if (arn) counts.set(arn, (counts.get(arn) ?? 0) + weight);
  };
  const seen = new Set<string>();
  for (const e of endpoints) {
    seen.add(`${e.AppInstanceUserArn ?? ''}#${e.EndpointId ?? ''}`);
    add(e.ResourceArn);
  }
  for (const k of known) if (!seen.has(`${k.userArn}#${k.endpoint.EndpointId ?? ''}`)) add(k.endpoint.ResourceArn);
  add(remembered?.pinpointAppArn, 0);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([arn]) => arn);
}
