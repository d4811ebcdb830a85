/**
 * The delivery simulation: what Chime does with a SendChannelMessage that
 * carries a PushNotification. It runs on the messaging service's delivery
 * seam (`onChannelMessage`, once per committed message) and fans out as the
 * service documents: to every member whose channel preferences allow it
 * (the shared evaluator in src/shared/push/), to each of the member's
 * endpoints with AllowMessages ALL, through the Pinpoint app named by the
 * endpoint's ResourceArn, to the simulated device behind the token.
 *
 * Each endpoint is decided by the rules of DELIVERY_RULES, in order; the
 * first that applies decides. The outcome is a delivery in the device's
 * list (GET /_sandbox/deliveries), a skip (nothing happens, as in the
 * service), or a failure: an EventBridge-shaped event (GET /_sandbox/events)
 * and, where the rule says so, the endpoint turned INACTIVE with a reason.
 *
 * The push role: Chime sends through the role its developer guide names,
 * `ServiceRoleForAmazonChimePushNotification` in the AppInstance's account
 * (the name is fixed; there is no per-app setting), so the sandbox checks
 * that role in its IAM: it must exist, trust `messaging.chime.amazonaws.com`
 * and allow `mobiletargeting:SendMessages` on `…:apps/{id}/messages`.
 */
import { wouldNotify } from '../../../shared/push/filterRule';
import type { DevicePlatform, DeviceRegistry, TokenMatch } from '../devices/registry';
import { PUSH_ROLE_MESSAGES, pushRoleAllows, pushRoleArn, type PushRoleVerdict } from '../iam';
import type { IamState } from '../iam/state';
import { endpointState, type EndpointRecord, type SandboxState } from '../identity/state';
import type { ChannelMessageEvent } from '../messaging/service';
import type { ChannelKind, PinpointAppRecord, PinpointState, PushChannelRecord } from '../pinpoint/state';

export type PushType = 'DEFAULT' | 'VOIP';

/** What one rule decides for one endpoint. */
export type Outcome =
  | { readonly kind: 'deliver'; readonly match: TokenMatch }
  | { readonly kind: 'skip'; readonly rule: RuleName }
  | { readonly kind: 'fail'; readonly rule: RuleName; readonly message: string; readonly deactivate?: 'INVALID_PINPOINT_ARN' | 'INVALID_DEVICE_TOKEN'; readonly detail?: string };

export type RuleName = keyof typeof DELIVERY_RULES;

/**
 * The simulated behaviour, in the order the rules apply. `documented` says
 * what the Chime developer guide (delivery-error table, debug-notifications)
 * settles; everything else is the sandbox's choice where AWS leaves it open.
 * The README's "Simulated behaviour" table is this table.
 */
export const DELIVERY_RULES = {
  preferences: { outcome: 'skip', documented: true, text: 'Member preferences NONE, or FILTERED with a FilterRule that does not match the MessageAttributes: no push to any of the member\'s endpoints.' },
  allowMessages: { outcome: 'skip', documented: true, text: 'Endpoint AllowMessages NONE: skipped.' },
  inactive: { outcome: 'skip', documented: false, text: 'Endpoint already INACTIVE (by validation or by an earlier failure): skipped, no event.' },
  voipToken: { outcome: 'skip', documented: true, text: 'VOIP push to an endpoint without a VoipDeviceToken (all GCM endpoints): skipped, no event. DEFAULT pushes go to the DeviceToken only.' },
  appMissing: { outcome: 'fail, INACTIVE INVALID_PINPOINT_ARN', documented: true, text: 'ResourceArn names no existing Pinpoint app (deleted, other region/account): "The specified resource was not found. AppInstanceUserEndpoint will be deactivated."' },
  roleMissing: { outcome: 'fail, stays ACTIVE', documented: false, text: 'No role ServiceRoleForAmazonChimePushNotification: the permissions message (the guide gives none for a missing role).' },
  roleUntrusted: { outcome: 'fail, stays ACTIVE', documented: true, text: 'Role trust does not allow messaging.chime.amazonaws.com sts:AssumeRole: "…verify IAM Trust Relationships…".' },
  roleNotPermitted: { outcome: 'fail, stays ACTIVE', documented: true, text: 'Role policies do not allow mobiletargeting:SendMessages on apps/{id}/messages: "…verify IAM Permissions Policy…".' },
  channelMissing: { outcome: 'fail, stays ACTIVE', documented: false, text: 'The app has no channel for the endpoint type and push type (APNS: apns / apns_voip; APNS_SANDBOX: apns_sandbox / apns_voip_sandbox; GCM: gcm), or it is disabled: "The channel <kind> of Pinpoint app <id> is missing or disabled."' },
  gcmLegacyKey: { outcome: 'fail, stays ACTIVE', documented: false, text: 'The GCM channel has only a legacy FCM server key (ApiKey, no ServiceJson): Google shut the legacy FCM API down in 2024, so the send fails (the doctor\'s "Channel authentication" Fail).' },
  pinpointThrottled: { outcome: 'fail, stays ACTIVE', documented: true, text: 'With throttle=P in the faults, a share P of sends to Pinpoint: "Too many requests sent to Amazon Pinpoint."' },
  pinpointFailed: { outcome: 'fail, stays ACTIVE', documented: true, text: 'With unavailable=P in the faults, a share P of sends to Pinpoint: "The request processing has failed because of an unknown error, exception or failure."' },
  tokenUnknown: { outcome: 'fail, INACTIVE INVALID_DEVICE_TOKEN', documented: false, text: 'The token is no simulated device of that platform and environment (an APNS_SANDBOX device\'s token registered as APNS, a VoIP token as DeviceToken, an unknown token) or the device was uninstalled (APNs Unregistered, FCM UNREGISTERED).' },
  bundleMismatch: { outcome: 'fail, stays ACTIVE', documented: false, text: 'APNs channel BundleId differs from the device\'s BundleId: "DeviceTokenNotForTopic". GCM: the channel\'s ServiceJson project_id differs from the device\'s ProjectId: "SENDER_ID_MISMATCH".' },
  delivered: { outcome: 'delivery', documented: false, text: 'A delivery Via CHIME with PushType DEFAULT|VOIP, Title and Body, and Payload {aps (APNs; empty for VOIP), data: {pinpoint.notification.title/body, pinpoint.jsonBody {chime.message_id, chime.channel_arn}, pinpoint.openApp, pinpoint.campaign.campaign_id "_DIRECT", pinpoint.notification.silentPush "0"}}.' },
} as const;

/** The failure event's `detail` (EventBridge carries it; its layout is the sandbox's choice): see README. */
export interface FailureDetail {
  readonly eventType: 'DELIVERY_FAILURE';
  readonly appInstanceUserArn: string;
  readonly endpointId: string;
  readonly endpointType: string;
  readonly channelArn: string;
  readonly messageId: string;
  readonly pinpointAppArn: string;
  readonly pushType: PushType;
  readonly failureReason: string;
  readonly rule: RuleName;
  readonly endpointDeactivated: boolean;
  readonly statusReason?: string;
}

export interface DeliveryDeps {
  readonly identity: SandboxState;
  readonly pinpoint: PinpointState;
  readonly iam: () => IamState;
  readonly devices: () => DeviceRegistry;
  readonly account: string;
  readonly region: string;
  readonly now: () => number;
  readonly validationDelayMs: number;
  /** The fault injection's draw for one send to Pinpoint (`throttle=P`, `unavailable=P`); undefined: it goes through. */
  readonly pinpointFault?: () => 'throttle' | 'unavailable' | undefined;
  /** Persist what the fan-out changed (endpoint states, deliveries, events). */
  readonly changed: () => void;
}

export interface FanOutResult {
  readonly decided: number;
  readonly delivered: number;
  readonly failed: number;
  readonly skipped: number;
}

const APP_ARN = /^arn:aws:mobiletargeting:([^:]+):(\d{12}):apps\/([^/]+)$/;

function channelKind(type: string, push: PushType): ChannelKind | undefined {
  if (type === 'GCM') return push === 'DEFAULT' ? 'gcm' : undefined;
  if (type === 'APNS') return push === 'VOIP' ? 'apns_voip' : 'apns';
  if (type === 'APNS_SANDBOX') return push === 'VOIP' ? 'apns_voip_sandbox' : 'apns_sandbox';
  return undefined;
}

function gcmProjectOf(channel: PushChannelRecord): string | undefined {
  try {
    const json = JSON.parse(channel.credentials['ServiceJson'] ?? '') as { project_id?: unknown };
    return typeof json.project_id === 'string' ? json.project_id : undefined;
  } catch {
    return undefined;
  }
}

/** Decides one endpoint (member preferences already passed). Pure apart from the caches it is given. */
export function decideEndpoint(
  deps: DeliveryDeps,
  endpoint: EndpointRecord,
  push: PushType,
  caches: { apps: Map<string, PinpointAppRecord | undefined>; roles: Map<string, PushRoleVerdict> },
): Outcome {
  if (endpoint.allowMessages !== 'ALL') return { kind: 'skip', rule: 'allowMessages' };
  if (endpointState(endpoint, deps.now(), deps.validationDelayMs).Status !== 'ACTIVE') return { kind: 'skip', rule: 'inactive' };
  const token = push === 'VOIP' ? endpoint.voipDeviceToken : endpoint.deviceToken;
  if (!token) return { kind: 'skip', rule: 'voipToken' };

  let app = caches.apps.get(endpoint.resourceArn);
  if (!caches.apps.has(endpoint.resourceArn)) {
    const id = APP_ARN.exec(endpoint.resourceArn)?.[3];
    const found = id ? deps.pinpoint.apps.get(id) : undefined;
    app = found && found.arn === endpoint.resourceArn ? found : undefined;
    caches.apps.set(endpoint.resourceArn, app);
  }
  if (!app) {
    return { kind: 'fail', rule: 'appMissing', message: 'The specified resource was not found. AppInstanceUserEndpoint will be deactivated.', deactivate: 'INVALID_PINPOINT_ARN' };
  }

  let role = caches.roles.get(app.arn);
  if (!role) {
    role = pushRoleAllows(deps.iam(), pushRoleArn(deps.account), { resourceArn: `${app.arn}/messages`, accountId: deps.account });
    caches.roles.set(app.arn, role);
  }
  if (!role.ok) {
    const rule: RuleName = role.problem === 'missing' ? 'roleMissing' : role.problem === 'untrusted' ? 'roleUntrusted' : 'roleNotPermitted';
    return { kind: 'fail', rule, message: role.problem === 'untrusted' ? PUSH_ROLE_MESSAGES.untrusted : PUSH_ROLE_MESSAGES.notPermitted, detail: role.detail };
  }

  const kind = channelKind(endpoint.type, push);
  const channel = kind ? app.channels[kind] : undefined;
  if (!kind || !channel || !channel.enabled) {
    return { kind: 'fail', rule: 'channelMissing', message: `The channel ${kind ?? push} of Pinpoint app ${app.id} is ${channel ? 'disabled' : 'missing'}.` };
  }
  if (kind === 'gcm' && channel.credentials['ServiceJson'] === undefined) {
    return { kind: 'fail', rule: 'gcmLegacyKey', message: `The channel gcm of Pinpoint app ${app.id} has only a legacy FCM server key; the legacy FCM API was shut down in 2024.` };
  }

  const fault = deps.pinpointFault?.();
  if (fault === 'throttle') return { kind: 'fail', rule: 'pinpointThrottled', message: 'Too many requests sent to Amazon Pinpoint.' };
  if (fault === 'unavailable') return { kind: 'fail', rule: 'pinpointFailed', message: 'The request processing has failed because of an unknown error, exception or failure.' };

  const match = deps.devices().findEndpointToken(endpoint.type as DevicePlatform, token, push === 'VOIP');
  if (!match || match.device.UninstalledAt !== undefined) {
    return {
      kind: 'fail',
      rule: 'tokenUnknown',
      message: match ? 'The device token is no longer registered (Unregistered). AppInstanceUserEndpoint will be deactivated.' : 'The device token is not valid for this endpoint type (BadDeviceToken). AppInstanceUserEndpoint will be deactivated.',
      deactivate: 'INVALID_DEVICE_TOKEN',
    };
  }

  if (endpoint.type === 'GCM') {
    const project = gcmProjectOf(channel);
    if (project && match.device.ProjectId && project !== match.device.ProjectId) {
      return { kind: 'fail', rule: 'bundleMismatch', message: `SENDER_ID_MISMATCH: the token belongs to Firebase project ${match.device.ProjectId}, the channel sends as ${project}.` };
    }
  } else {
    const bundle = channel.credentials['BundleId'];
    if (bundle && match.device.BundleId && bundle !== match.device.BundleId) {
      return { kind: 'fail', rule: 'bundleMismatch', message: `DeviceTokenNotForTopic: the token belongs to ${match.device.BundleId}, the channel sends to ${bundle}.` };
    }
  }
  return { kind: 'deliver', match };
}

/** The fan-out of one message; returns counts (the bench reads them). */
export function fanOut(deps: DeliveryDeps, event: ChannelMessageEvent): FanOutResult {
  const { message, channel, members } = event;
  const push = message.pushNotification;
  if (!push) return { decided: 0, delivered: 0, failed: 0, skipped: 0 };
  const type: PushType = push.Type === 'VOIP' ? 'VOIP' : 'DEFAULT';
  const title = push.Title ?? '';
  const body = push.Body ?? '';
  const caches = { apps: new Map<string, PinpointAppRecord | undefined>(), roles: new Map<string, PushRoleVerdict>() };
  const devices = deps.devices();
  let decided = 0;
  let delivered = 0;
  let failed = 0;
  let skipped = 0;
  for (const member of members) {
    const user = deps.identity.user(member.memberArn);
    if (!user) continue; // bots have no endpoints
    const allowed = wouldNotify(member.preferences, message.messageAttributes).notify;
    for (const endpoint of user.endpoints.values()) {
      decided++;
      const outcome: Outcome = allowed ? decideEndpoint(deps, endpoint, type, caches) : { kind: 'skip', rule: 'preferences' };
      if (outcome.kind === 'skip') {
        skipped++;
      } else if (outcome.kind === 'deliver') {
        delivered++;
        devices.recordChimeDelivery({ match: outcome.match, type, title, body, messageId: message.id, channelArn: channel.arn });
      } else {
        failed++;
        if (outcome.deactivate) endpoint.override = { Status: 'INACTIVE', StatusReason: outcome.deactivate };
        const detail: FailureDetail = {
          eventType: 'DELIVERY_FAILURE',
          appInstanceUserArn: user.arn,
          endpointId: endpoint.id,
          endpointType: endpoint.type,
          channelArn: channel.arn,
          messageId: message.id,
          pinpointAppArn: endpoint.resourceArn,
          pushType: type,
          failureReason: outcome.message,
          rule: outcome.rule,
          endpointDeactivated: outcome.deactivate !== undefined,
          ...(outcome.deactivate && { statusReason: outcome.deactivate }),
        };
        devices.recordFailureEvent({ account: deps.account, region: deps.region, resources: [`${user.arn}/endpoint/${endpoint.id}`, channel.arn], detail: { ...detail } });
      }
    }
  }
  if (decided > 0) deps.changed();
  return { decided, delivered, failed, skipped };
}
