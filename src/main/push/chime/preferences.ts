/**
 * A member's push preference in one channel (Default / Mute / Filtered, the
 * API's ALL / NONE / FILTERED), read and written as the member themself (the
 * service lets only the member or an AppInstanceAdmin do either). A preference
 * is checked with the shared FilterRule validator before any call.
 */
import { GetChannelMembershipPreferencesCommand, PutChannelMembershipPreferencesCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { toValidationIssues } from '../../../shared/chime/schema';
import { WorkbenchCodes, fail, ok, type Result } from '../../../shared/errors';
import { modeOfAllow, pushPreferenceSchema, toPushNotificationPreferences, type PushPreference } from '../../../shared/push/testPush';
import { pushError } from './meaning';
import type { PushClients } from './clients';

export interface MembershipRef {
  readonly channelArn: string;
  readonly memberArn: string;
  /** Who asks: the member (default) or an AppInstanceAdmin. */
  readonly bearerArn?: string;
}

export async function getMembershipPreference(clients: Pick<PushClients, 'messaging'>, ref: MembershipRef): Promise<Result<PushPreference>> {
  try {
    const r = await clients.messaging.send(
      new GetChannelMembershipPreferencesCommand({ ChannelArn: ref.channelArn, MemberArn: ref.memberArn, ChimeBearer: ref.bearerArn ?? ref.memberArn }),
    );
    const push = r.Preferences?.PushNotifications;
    const mode = modeOfAllow(push?.AllowNotifications);
    return ok({ mode, ...(mode === 'Filtered' && push?.FilterRule ? { filterRule: push.FilterRule } : {}) });
  } catch (e) {
    return fail(pushError(e, 'preferences'));
  }
}

export async function setMembershipPreference(
  clients: Pick<PushClients, 'messaging'>,
  ref: MembershipRef & { readonly preference: PushPreference },
): Promise<Result<PushPreference>> {
  const parsed = pushPreferenceSchema.safeParse(ref.preference);
  if (!parsed.success) {
    const issues = toValidationIssues(parsed.error);
    return fail({ code: WorkbenchCodes.InvalidInput, message: issues.map((i) => i.message).join('; '), retryable: false, issues });
  }
  try {
    await clients.messaging.send(
      new PutChannelMembershipPreferencesCommand({
        ChannelArn: ref.channelArn,
        MemberArn: ref.memberArn,
        ChimeBearer: ref.bearerArn ?? ref.memberArn,
        Preferences: { PushNotifications: toPushNotificationPreferences(parsed.data) },
      }),
    );
    return ok(parsed.data);
  } catch (e) {
    return fail(pushError(e, 'preferences'));
  }
}
