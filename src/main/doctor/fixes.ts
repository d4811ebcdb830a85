/**
 * The fixes the doctor proposes, as AWS CLI commands built with the project's
 * one command builder (src/shared/aws/cli.ts). The doctor never applies them:
 * the app does not change IAM or Pinpoint on its own in a real account.
 * Values the doctor cannot know (a .p8 key, a service-account file) are
 * written as UPPER_CASE placeholders the fix's words name.
 */
import { buildAwsCliCommand, buildCliCommand, type CliTarget } from '../../shared/aws/cli';
import type { EndpointType } from '../../shared/chime/shapes';
import type { DoctorFix } from '../../shared/doctor/report';

/** The name Chime requires (developer guide, create-service-role). */
export const PUSH_ROLE_NAME = 'ServiceRoleForAmazonChimePushNotification';
export const PUSH_POLICY_NAME = 'AmazonChimePushNotificationPolicy';
export const CHIME_MESSAGING_PRINCIPAL = 'messaging.chime.amazonaws.com';

export const PUSH_TRUST_POLICY = JSON.stringify({
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: CHIME_MESSAGING_PRINCIPAL }, Action: 'sts:AssumeRole' }],
});

export function pushPermissionPolicy(messagesArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:SendMessages', Resource: messagesArn }],
  });
}

export interface EndpointFacts {
  readonly userArn: string;
  readonly endpointId: string;
  readonly name?: string;
  readonly type: EndpointType;
  readonly resourceArn: string;
  readonly deviceToken: string;
  readonly voipDeviceToken?: string;
}

/** Deregister, then register again with `changes` (an endpoint's type, ARN and token cannot be updated in place). */
export function reRegisterCommands(
  e: EndpointFacts,
  target: CliTarget,
  changes: Partial<Pick<EndpointFacts, 'type' | 'resourceArn' | 'deviceToken' | 'voipDeviceToken'>> = {},
): string[] {
  const next = { ...e, ...changes };
  return [
    buildCliCommand(
      'DeregisterAppInstanceUserEndpoint',
      { AppInstanceUserArn: e.userArn, EndpointId: e.endpointId },
      target,
    ),
    buildCliCommand(
      'RegisterAppInstanceUserEndpoint',
      {
        AppInstanceUserArn: e.userArn,
        Name: e.name,
        Type: next.type,
        ResourceArn: next.resourceArn,
        EndpointAttributes: {
          DeviceToken: next.deviceToken,
          ...(next.voipDeviceToken ? { VoipDeviceToken: next.voipDeviceToken } : {}),
        },
        AllowMessages: 'ALL',
      },
      target,
    ),
  ];
}

export function allowMessagesCommand(e: EndpointFacts, target: CliTarget): string {
  return buildCliCommand(
    'UpdateAppInstanceUserEndpoint',
    { AppInstanceUserArn: e.userArn, EndpointId: e.endpointId, AllowMessages: 'ALL' },
    target,
  );
}

export function createAppCommand(target: CliTarget, name = 'MY_APP_NAME'): string {
  return buildAwsCliCommand('pinpoint', 'CreateApp', { CreateApplicationRequest: { Name: name } }, target);
}

export type ChannelKind = 'apns' | 'apns_sandbox' | 'apns_voip' | 'apns_voip_sandbox' | 'gcm';

/** Per channel: the Pinpoint operation suffix, the request member, and its name in plain words. */
export const CHANNELS: Readonly<
  Record<ChannelKind, { readonly op: string; readonly request: string; readonly label: string }>
> = {
  apns: { op: 'ApnsChannel', request: 'APNSChannelRequest', label: 'APNs (production) channel' },
  apns_sandbox: { op: 'ApnsSandboxChannel', request: 'APNSSandboxChannelRequest', label: 'APNs sandbox channel' },
  apns_voip: { op: 'ApnsVoipChannel', request: 'APNSVoipChannelRequest', label: 'APNs VoIP (production) channel' },
  apns_voip_sandbox: {
    op: 'ApnsVoipSandboxChannel',
    request: 'APNSVoipSandboxChannelRequest',
    label: 'APNs VoIP sandbox channel',
  },
  gcm: { op: 'GcmChannel', request: 'GCMChannelRequest', label: 'GCM (FCM) channel' },
};

/** The channel an endpoint type pushes through, and its VoIP sibling. */
export function channelFor(type: EndpointType, voip = false): ChannelKind | undefined {
  if (type === 'GCM') return voip ? undefined : 'gcm';
  if (type === 'APNS') return voip ? 'apns_voip' : 'apns';
  return voip ? 'apns_voip_sandbox' : 'apns_sandbox';
}

const APNS_TOKEN_CREDENTIALS = {
  BundleId: 'BUNDLE_ID',
  TeamId: 'TEAM_ID',
  TokenKeyId: 'KEY_ID',
  TokenKey: 'CONTENTS_OF_AUTHKEY_P8',
  DefaultAuthenticationMethod: 'TOKEN',
};
const FCM_CREDENTIALS = { ServiceJson: 'CONTENTS_OF_SERVICE_ACCOUNT_JSON', DefaultAuthenticationMethod: 'TOKEN' };

/** Turn a channel on; with `withCredentials` (the channel does not exist yet) the request carries placeholder credentials. */
export function enableChannelCommand(
  kind: ChannelKind,
  appId: string,
  target: CliTarget,
  withCredentials: boolean,
): string {
  const c = CHANNELS[kind];
  const credentials = withCredentials ? (kind === 'gcm' ? FCM_CREDENTIALS : APNS_TOKEN_CREDENTIALS) : {};
  return buildAwsCliCommand(
    'pinpoint',
    `Update${c.op}`,
    { ApplicationId: appId, [c.request]: { ...credentials, Enabled: true } },
    target,
  );
}

export function fcmServiceJsonCommand(appId: string, target: CliTarget): string {
  return buildAwsCliCommand(
    'pinpoint',
    'UpdateGcmChannel',
    { ApplicationId: appId, GCMChannelRequest: { ...FCM_CREDENTIALS, Enabled: true } },
    target,
  );
}

export const CREDENTIAL_WORDS = {
  apns: "Replace BUNDLE_ID, TEAM_ID, KEY_ID and CONTENTS_OF_AUTHKEY_P8 with your app's bundle id, your Apple team id, and the id and text of an APNs auth key (.p8) from the Apple developer portal.",
  gcm: 'Replace CONTENTS_OF_SERVICE_ACCOUNT_JSON with the text of a Firebase service-account key file (Project settings → Service accounts).',
} as const;

export function createPushRoleFix(messagesArn: string, target: CliTarget): DoctorFix {
  return {
    text: `Create the role ${PUSH_ROLE_NAME} (Chime uses only this exact name), trusting ${CHIME_MESSAGING_PRINCIPAL}, with a policy allowing mobiletargeting:SendMessages on ${messagesArn}.`,
    commands: [
      buildAwsCliCommand(
        'iam',
        'CreateRole',
        { RoleName: PUSH_ROLE_NAME, AssumeRolePolicyDocument: PUSH_TRUST_POLICY },
        target,
      ),
      putPushPolicyCommand(messagesArn, target),
    ],
  };
}

export function putPushPolicyCommand(messagesArn: string, target: CliTarget): string {
  return buildAwsCliCommand(
    'iam',
    'PutRolePolicy',
    { RoleName: PUSH_ROLE_NAME, PolicyName: PUSH_POLICY_NAME, PolicyDocument: pushPermissionPolicy(messagesArn) },
    target,
  );
}

export function trustPolicyCommand(target: CliTarget): string {
  return buildAwsCliCommand(
    'iam',
    'UpdateAssumeRolePolicy',
    { RoleName: PUSH_ROLE_NAME, PolicyDocument: PUSH_TRUST_POLICY },
    target,
  );
}

export function allowNotificationsCommand(channelArn: string, memberArn: string, target: CliTarget): string {
  return buildAwsCliCommand(
    'chime-sdk-messaging',
    'PutChannelMembershipPreferences',
    {
      ChannelArn: channelArn,
      MemberArn: memberArn,
      ChimeBearer: memberArn,
      Preferences: { PushNotifications: { AllowNotifications: 'ALL' } },
    },
    target,
  );
}

export function addMemberCommand(channelArn: string, memberArn: string, bearerArn: string, target: CliTarget): string {
  return buildAwsCliCommand(
    'chime-sdk-messaging',
    'CreateChannelMembership',
    { ChannelArn: channelArn, MemberArn: memberArn, Type: 'DEFAULT', ChimeBearer: bearerArn },
    target,
  );
}
