/**
 * `--seed demo`, the push story (on top of identity/seed.ts): the demo
 * Pinpoint app (the ARN the demo endpoints name) with an APNs, APNs sandbox,
 * APNs VoIP sandbox and GCM channel, the sender user `workbench-push-sender`,
 * and the test channel "Workbench push tests" tagged
 * `workbench:purpose=push-test` with every demo user as a member.
 *
 * `seedPushStory` runs with the Identity seed (before the push cloud starts);
 * `seedPushDevices` once the emulators run: it gives the channels real keys
 * the emulators issued, creates the push role, puts simulated devices behind
 * the demo's ACTIVE endpoints (their tokens become the devices' tokens) and
 * adds one misconfiguration of each kind the doctor finds (DEMO_MISCONFIGURATIONS).
 */
import { randomBytes } from 'node:crypto';
import { userArn } from './identity/handlers/context';
import { newUser, type AppInstanceRecord, type SandboxState } from './identity/state';
import type { MessagingState } from './messaging/state';
import { newChannel } from './messaging/state';
import type { PinpointState } from './pinpoint/state';
import type { PushCloud } from './emulators/pushCloud';
import { issueApnsKey } from './emulators/apns';
import { issueFcmProject } from './emulators/fcm';
import { seedPushRole } from './iam';
import type { IamState } from './iam/state';
import type { DevicePlatform } from './devices/registry';
import type { EndpointType } from '../../shared/chime/shapes';

export const DEMO_PINPOINT_APP_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const PUSH_SENDER_ID = 'workbench-push-sender';
export const PUSH_TEST_CHANNEL_NAME = 'Workbench push tests';
export const PUSH_TEST_TAG = { Key: 'workbench:purpose', Value: 'push-test' } as const;
export const DEMO_BUNDLE_ID = 'com.example.workbench';

export interface PushSeedTargets {
  readonly identity: SandboxState;
  readonly messaging: MessagingState;
  readonly pinpoint: PinpointState;
  readonly region: string;
  readonly account: string;
  readonly at: number;
}

export function seedPushStory(instance: AppInstanceRecord, t: PushSeedTargets): { channelArn: string; senderArn: string; pinpointAppArn: string } {
  const pinpointAppArn = `arn:aws:mobiletargeting:${t.region}:${t.account}:apps/${DEMO_PINPOINT_APP_ID}`;
  const channel = (kind: 'apns' | 'apns_sandbox' | 'apns_voip_sandbox' | 'gcm', credentials: Record<string, string>, method: string) => ({
    kind,
    enabled: true,
    defaultAuthenticationMethod: method,
    credentials,
    created: t.at,
    updated: t.at,
    version: 1,
  });
  const token = { BundleId: DEMO_BUNDLE_ID, TeamId: 'SANDBOXTM1', TokenKeyId: 'SANDBOXKY1', TokenKey: '(placeholder: the APNs emulator issues real keys)' };
  t.pinpoint.apps.set(DEMO_PINPOINT_APP_ID, {
    id: DEMO_PINPOINT_APP_ID,
    arn: pinpointAppArn,
    name: 'Workbench demo app',
    tags: {},
    created: t.at,
    channels: {
      apns: channel('apns', token, 'TOKEN'),
      apns_sandbox: channel('apns_sandbox', token, 'TOKEN'),
      apns_voip_sandbox: channel('apns_voip_sandbox', token, 'TOKEN'),
      gcm: channel('gcm', { ServiceJson: JSON.stringify({ type: 'service_account', project_id: 'workbench-demo', client_email: 'push@workbench-demo.iam.gserviceaccount.com', private_key: '(placeholder)' }) }, 'TOKEN'),
    },
  });

  const senderArn = userArn(instance.arn, PUSH_SENDER_ID);
  t.identity.addUser(instance, newUser({ arn: senderArn, appInstanceArn: instance.arn, userId: PUSH_SENDER_ID, name: 'Workbench push sender', created: t.at, updated: t.at }));
  const id = randomBytes(32).toString('hex');
  const test = newChannel({
    arn: `${instance.arn}/channel/${id}`,
    id,
    appInstanceArn: instance.arn,
    name: PUSH_TEST_CHANNEL_NAME,
    mode: 'RESTRICTED',
    privacy: 'PRIVATE',
    createdBy: senderArn,
    created: t.at,
    updated: t.at,
    tags: new Map([[PUSH_TEST_TAG.Key, PUSH_TEST_TAG.Value]]),
  });
  test.moderators.add(senderArn);
  t.messaging.addChannel(test);
  for (const user of instance.users.values()) {
    if (user.userId.startsWith('load-user-')) continue;
    t.messaging.addMembership(test, { memberArn: user.arn, type: 'DEFAULT', invitedBy: senderArn, created: t.at, updated: t.at });
  }
  return { channelArn: test.arn, senderArn, pinpointAppArn };
}

export const DEMO_FCM_PROJECT = 'workbench-demo';
export const DEMO_TEAM_ID = 'SANDBOXTM1';

/**
 * The misconfigurations `--seed demo` carries, one of each kind the doctor
 * finds (users of "Demo push app", all members of the test channel). What a
 * push to the test channel does with each is in the README.
 */
export const DEMO_MISCONFIGURATIONS = [
  { user: 'dave', endpoint: "Dave's iPhone (bad token)", problem: 'token that cannot be an APNs token: INACTIVE INVALID_DEVICE_TOKEN by validation' },
  { user: 'erin', endpoint: "Erin's iPhone (SNS ARN)", problem: 'ResourceArn is an SNS ARN: INACTIVE INVALID_PINPOINT_ARN by validation' },
  { user: 'frank', endpoint: "Frank's iPhone (muted)", problem: 'AllowMessages NONE: skipped' },
  { user: 'gina', endpoint: "Gina's iPhone (sandbox token)", problem: 'an APNS_SANDBOX device\'s token registered as APNS: the push turns it INACTIVE INVALID_DEVICE_TOKEN' },
  { user: 'hank', endpoint: "Hank's iPhone (notifications off)", problem: 'channel membership preferences NONE: skipped' },
  { user: 'ivan', endpoint: "Ivan's iPhone (VoIP, no channel)", problem: 'VoIP token on an APNS (production) endpoint; the app has no apns_voip channel: VOIP pushes fail, endpoint stays ACTIVE' },
  { user: 'judy', endpoint: "Judy's iPhone (other app)", problem: 'the device is another app (com.example.other): DeviceTokenNotForTopic, endpoint stays ACTIVE' },
  { user: 'kim', endpoint: "Kim's iPhone (deleted app)", problem: 'ResourceArn names a Pinpoint app that does not exist: INACTIVE INVALID_PINPOINT_ARN after the validation delay' },
] as const;

export function seedPushDevices(t: {
  cloud: PushCloud;
  identity: SandboxState;
  instanceArn: string;
  pinpoint: PinpointState;
  iam: IamState;
  region: string;
  account: string;
  now: () => number;
  baseUrl: string;
  channelArn: string;
  senderArn: string;
  messaging: MessagingState;
}): void {
  const instance = t.identity.appInstance(t.instanceArn);
  const app = t.pinpoint.apps.get(DEMO_PINPOINT_APP_ID);
  if (!instance || !app) return;
  // Real keys: a token-auth key for the demo bundle, a Firebase service account.
  const key = issueApnsKey(t.cloud.credentials, { TeamId: DEMO_TEAM_ID, BundleIds: [DEMO_BUNDLE_ID] }, t.now);
  const apnsCredentials = { BundleId: DEMO_BUNDLE_ID, TeamId: key.TeamId, TokenKeyId: key.KeyId, TokenKey: key.P8 };
  for (const kind of ['apns', 'apns_sandbox', 'apns_voip_sandbox'] as const) {
    const channel = app.channels[kind];
    if (channel) channel.credentials = { ...apnsCredentials };
  }
  const { ServiceAccount } = issueFcmProject(t.cloud.credentials, { ProjectId: DEMO_FCM_PROJECT }, { baseUrl: t.baseUrl, now: t.now });
  if (app.channels.gcm) app.channels.gcm.credentials = { ServiceJson: JSON.stringify(ServiceAccount) };
  seedPushRole(t.iam, { accountId: t.account, now: t.now, region: t.region });

  const devices = t.cloud.devices;
  const device = (platform: DevicePlatform, name: string, voip = false, bundleId = DEMO_BUNDLE_ID) =>
    devices.create({ Platform: platform, Name: name, Voip: voip, ...(platform === 'GCM' ? { ProjectId: DEMO_FCM_PROJECT } : { BundleId: bundleId }) });

  // The demo's ACTIVE endpoints get a simulated phone each.
  for (const user of instance.users.values()) {
    if (user.userId.startsWith('load-user-')) continue;
    for (const endpoint of user.endpoints.values()) {
      if (endpoint.verdict !== undefined || endpoint.allowMessages !== 'ALL') continue;
      const phone = device(endpoint.type as DevicePlatform, endpoint.name ?? endpoint.id, endpoint.voipDeviceToken !== undefined);
      endpoint.deviceToken = phone.DeviceToken;
      if (endpoint.voipDeviceToken !== undefined && phone.VoipDeviceToken) endpoint.voipDeviceToken = phone.VoipDeviceToken;
    }
  }

  const at = t.now() - 86_400_000;
  const channel = t.messaging.channel(t.channelArn);
  const addUser = (id: string, name: string, endpoint: { name: string; type: EndpointType; deviceToken: string; voipDeviceToken?: string; resourceArn?: string; verdict?: 'INVALID_PINPOINT_ARN' }, preferences?: 'NONE') => {
    const arn = userArn(instance.arn, id);
    const user = newUser({ arn, appInstanceArn: instance.arn, userId: id, name, created: at, updated: at });
    t.identity.addUser(instance, user);
    const endpointId = randomBytes(16).toString('hex');
    user.endpoints.set(endpointId, {
      id: endpointId,
      userArn: arn,
      name: endpoint.name,
      type: endpoint.type,
      resourceArn: endpoint.resourceArn ?? app.arn,
      deviceToken: endpoint.deviceToken,
      ...(endpoint.voipDeviceToken && { voipDeviceToken: endpoint.voipDeviceToken }),
      allowMessages: 'ALL',
      created: at,
      updated: at,
      ...(endpoint.verdict && { verdict: endpoint.verdict }),
    });
    if (channel) {
      t.messaging.addMembership(channel, {
        memberArn: arn,
        type: 'DEFAULT',
        invitedBy: t.senderArn,
        created: at,
        updated: at,
        ...(preferences && { preferences: { AllowNotifications: preferences } }),
      });
    }
  };
  const sandboxPhone = device('APNS_SANDBOX', "Gina's dev iPhone");
  addUser('gina', 'Gina Linetti', { name: "Gina's iPhone (sandbox token)", type: 'APNS', deviceToken: sandboxPhone.DeviceToken });
  addUser('hank', 'Hank Hill', { name: "Hank's iPhone (notifications off)", type: 'APNS', deviceToken: device('APNS', "Hank's iPhone").DeviceToken }, 'NONE');
  const voipPhone = device('APNS', "Ivan's iPhone", true);
  addUser('ivan', 'Ivan Drago', { name: "Ivan's iPhone (VoIP, no channel)", type: 'APNS', deviceToken: voipPhone.DeviceToken, voipDeviceToken: voipPhone.VoipDeviceToken ?? '' });
  addUser('judy', 'Judy Hopps', { name: "Judy's iPhone (other app)", type: 'APNS', deviceToken: device('APNS', "Judy's iPhone", false, 'com.example.other').DeviceToken });
  addUser('kim', 'Kim Wexler', {
    name: "Kim's iPhone (deleted app)",
    type: 'APNS',
    deviceToken: device('APNS', "Kim's iPhone").DeviceToken,
    resourceArn: `arn:aws:mobiletargeting:${t.region}:${t.account}:apps/${'0'.repeat(32)}`,
    verdict: 'INVALID_PINPOINT_ARN',
  });
}
