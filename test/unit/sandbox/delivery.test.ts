/**
 * The delivery simulation as a table: every row of Chime's delivery-error
 * table and the fan-out rules, set up and sent through the real clients
 * (Chime SDK Identity and Messaging, Pinpoint, IAM), devices through the
 * sandbox's HTTP control routes, outcomes read from /_sandbox/deliveries,
 * /_sandbox/events and DescribeAppInstanceUserEndpoint.
 */
import * as iam from '@aws-sdk/client-iam';
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as pp from '@aws-sdk/client-pinpoint';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { pushPermissionPolicy, pushTrustPolicy } from '../../../src/main/sandbox/iam';

const ROLE = 'ServiceRoleForAmazonChimePushNotification';
const BUNDLE = 'com.example.delivery';
let sandbox: RunningSandbox;
/** Fault draws of the next requests and Pinpoint sends (nothing queued: 0.9, which passes every fault share used here). */
let draws: number[] = [];
let ident: id.ChimeSDKIdentityClient;
let m: msg.ChimeSDKMessagingClient;
let pin: pp.PinpointClient;
let i: iam.IAMClient;
let appId = '';
let appArn = '';
let sender = '';
let instance = '';
let userCount = 0;

const config = () => ({ endpoint: sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
const control = async (path: string, body?: unknown) => {
  const response = await fetch(`${sandbox.url}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, unknown>;
};
interface Device { DeviceId: string; DeviceToken: string; VoipDeviceToken?: string }
const device = async (Platform: string, extra: Record<string, unknown> = {}) => (await control('/_sandbox/devices', { Platform, ...extra })) as unknown as Device;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, validationDelayMs: 3_600_000, random: () => draws.shift() ?? 0.9 });
  ident = new id.ChimeSDKIdentityClient(config());
  m = new msg.ChimeSDKMessagingClient(config());
  pin = new pp.PinpointClient(config());
  i = new iam.IAMClient(config());
  instance = (await ident.send(new id.CreateAppInstanceCommand({ Name: 'Delivery' }))).AppInstanceArn ?? '';
  sender = (await ident.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: instance, AppInstanceUserId: 'sender', Name: 'Sender' }))).AppInstanceUserArn ?? '';
});
afterAll(async () => {
  for (const c of [ident, m, pin, i]) c.destroy();
  await sandbox.close();
});

// A fresh, correctly configured push setup before each row; rows break one thing.
beforeEach(async () => {
  draws = [];
  sandbox.controls.setFaults('');
  const app = (await pin.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: `app-${Date.now()}` } }))).ApplicationResponse;
  appId = app?.Id ?? '';
  appArn = app?.Arn ?? '';
  const key = (await control('/_sandbox/apns-keys', { TeamId: 'TEAM123456', BundleIds: [BUNDLE] })) as { KeyId: string; TeamId: string; P8: string };
  const apns = { BundleId: BUNDLE, TeamId: key.TeamId, TokenKey: key.P8, TokenKeyId: key.KeyId, DefaultAuthenticationMethod: 'TOKEN', Enabled: true };
  await pin.send(new pp.UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: apns }));
  await pin.send(new pp.UpdateApnsSandboxChannelCommand({ ApplicationId: appId, APNSSandboxChannelRequest: apns }));
  await pin.send(new pp.UpdateApnsVoipSandboxChannelCommand({ ApplicationId: appId, APNSVoipSandboxChannelRequest: apns }));
  const { ServiceAccount } = (await control('/_sandbox/fcm-projects', { ProjectId: 'delivery-tests' })) as { ServiceAccount: unknown };
  await pin.send(new pp.UpdateGcmChannelCommand({ ApplicationId: appId, GCMChannelRequest: { ServiceJson: JSON.stringify(ServiceAccount), Enabled: true } }));
  await i.send(new iam.DeleteRolePolicyCommand({ RoleName: ROLE, PolicyName: 'push' })).catch(() => undefined);
  await i.send(new iam.DeleteRoleCommand({ RoleName: ROLE })).catch(() => undefined);
  await i.send(new iam.CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: pushTrustPolicy() }));
  await i.send(new iam.PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'push', PolicyDocument: pushPermissionPolicy('000000000000') }));
});

interface Setup {
  type: 'APNS' | 'APNS_SANDBOX' | 'GCM';
  token: string;
  voipToken?: string;
  resourceArn?: string;
  allowMessages?: 'ALL' | 'NONE';
  preferences?: msg.PushNotificationPreferences;
}
interface Expected {
  delivered: 'DeviceToken' | 'VoipDeviceToken' | false;
  /** A substring of the failure event's reason, and its rule; undefined: no event. */
  failure?: { rule: string; reason: string };
  state: 'ACTIVE' | 'INVALID_DEVICE_TOKEN' | 'INVALID_PINPOINT_ARN';
}

/** `run`, with the one send to Pinpoint drawing `draw` from the fault injection (every API call draws 0.9: passes). */
const runWithPinpointDraw = (draw: number, setup: Setup, expected: Expected) =>
  run(setup, { Type: 'DEFAULT' }, expected, () => {
    draws = [0.9, draw]; // SendChannelMessage itself, then its one send to Pinpoint
  });

async function run(setup: Setup, push: { Type: 'DEFAULT' | 'VOIP'; attributes?: Record<string, string[]> }, expected: Expected, beforeSend?: () => void): Promise<void> {
  const userId = `user-${++userCount}`;
  const user = (await ident.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: instance, AppInstanceUserId: userId, Name: userId }))).AppInstanceUserArn ?? '';
  const { EndpointId } = await ident.send(
    new id.RegisterAppInstanceUserEndpointCommand({
      AppInstanceUserArn: user,
      Type: setup.type,
      ResourceArn: setup.resourceArn ?? appArn,
      EndpointAttributes: { DeviceToken: setup.token, ...(setup.voipToken && { VoipDeviceToken: setup.voipToken }) },
      AllowMessages: setup.allowMessages ?? 'ALL',
    }),
  );
  const channelArn = (await m.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: `c-${userId}`, ChimeBearer: sender, MemberArns: [user] }))).ChannelArn ?? '';
  if (setup.preferences) {
    await m.send(new msg.PutChannelMembershipPreferencesCommand({ ChannelArn: channelArn, MemberArn: user, ChimeBearer: user, Preferences: { PushNotifications: setup.preferences } }));
  }
  const before = { deliveries: sandbox.pushCloud.devices.listDeliveries().length, events: sandbox.pushCloud.devices.listEvents().length };
  beforeSend?.();
  const { MessageId } = await m.send(
    new msg.SendChannelMessageCommand({
      ChannelArn: channelArn,
      ChimeBearer: sender,
      Content: 'hello',
      Type: 'STANDARD',
      Persistence: 'PERSISTENT',
      PushNotification: { Title: `T ${userId}`, Body: 'B', Type: push.Type },
      ...(push.attributes && { MessageAttributes: Object.fromEntries(Object.entries(push.attributes).map(([k, v]) => [k, { StringValues: v }])) }),
    }),
  );
  const deliveries = ((await control('/_sandbox/deliveries')).Deliveries as Array<Record<string, unknown>>).slice(before.deliveries);
  const events = ((await control('/_sandbox/events')).Events as Array<{ source: string; 'detail-type': string; detail: Record<string, unknown> }>).slice(before.events);
  if (expected.delivered) {
    const token = expected.delivered === 'DeviceToken' ? setup.token : setup.voipToken;
    expect(deliveries).toHaveLength(1);
    const payload = deliveries[0]?.['Payload'] as { data: Record<string, string> };
    expect(deliveries[0]).toMatchObject({ Via: 'CHIME', DeviceToken: token, PushType: push.Type, Title: `T ${userId}`, Body: 'B' });
    expect(payload.data['pinpoint.notification.title']).toBe(`T ${userId}`);
    expect(JSON.parse(payload.data['pinpoint.jsonBody'] ?? '{}')).toEqual({ 'chime.message_id': MessageId, 'chime.channel_arn': channelArn });
  } else {
    expect(deliveries).toEqual([]);
  }
  if (expected.failure) {
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: 'aws.chime', 'detail-type': 'Chime Messaging AppInstanceUserEndpoint Delivery Failure' });
    expect(events[0]?.detail).toMatchObject({ rule: expected.failure.rule, appInstanceUserArn: user, endpointId: EndpointId, messageId: MessageId, channelArn });
    expect(String(events[0]?.detail['failureReason'])).toContain(expected.failure.reason);
  } else {
    expect(events).toEqual([]);
  }
  const { AppInstanceUserEndpoint } = await ident.send(new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: user, EndpointId }));
  expect(AppInstanceUserEndpoint?.EndpointState).toEqual(expected.state === 'ACTIVE' ? { Status: 'ACTIVE' } : { Status: 'INACTIVE', StatusReason: expected.state });
}

const DEFAULT = { Type: 'DEFAULT' } as const;
const VOIP = { Type: 'VOIP' } as const;
const ok: Expected = { delivered: 'DeviceToken', state: 'ACTIVE' };
const nothing: Expected = { delivered: false, state: 'ACTIVE' };
const PERMISSIONS = 'Please verify IAM Permissions Policy on ServiceRoleForAmazonChimePushNotification';
const TRUST = 'Please verify IAM Trust Relationships on ServiceRoleForAmazonChimePushNotification';

test.each<[string, () => Promise<void>]>([
  ['APNS device, APNS endpoint: delivered', async () => run({ type: 'APNS', token: (await device('APNS', { BundleId: BUNDLE })).DeviceToken }, DEFAULT, ok)],
  ['GCM device: delivered', async () => run({ type: 'GCM', token: (await device('GCM', { ProjectId: 'delivery-tests' })).DeviceToken }, DEFAULT, ok)],
  ['APNS_SANDBOX device, preferences ALL: delivered', async () => run({ type: 'APNS_SANDBOX', token: (await device('APNS_SANDBOX')).DeviceToken, preferences: { AllowNotifications: 'ALL' } }, DEFAULT, ok)],
  ['preferences NONE: nothing', async () => run({ type: 'APNS', token: (await device('APNS')).DeviceToken, preferences: { AllowNotifications: 'NONE' } }, DEFAULT, nothing)],
  [
    'preferences FILTERED, rule matches: delivered',
    async () => run({ type: 'APNS', token: (await device('APNS')).DeviceToken, preferences: { AllowNotifications: 'FILTERED', FilterRule: '{"mention":["me"]}' } }, { ...DEFAULT, attributes: { mention: ['me'] } }, ok),
  ],
  [
    'preferences FILTERED, rule does not match: nothing',
    async () => run({ type: 'APNS', token: (await device('APNS')).DeviceToken, preferences: { AllowNotifications: 'FILTERED', FilterRule: '{"mention":["me"]}' } }, { ...DEFAULT, attributes: { mention: ['you'] } }, nothing),
  ],
  ['AllowMessages NONE: nothing', async () => run({ type: 'APNS', token: (await device('APNS')).DeviceToken, allowMessages: 'NONE' }, DEFAULT, nothing)],
  [
    'VOIP push: to the VoIP token only',
    async () => {
      const d = await device('APNS_SANDBOX', { Voip: true });
      await run({ type: 'APNS_SANDBOX', token: d.DeviceToken, voipToken: d.VoipDeviceToken ?? '' }, VOIP, { delivered: 'VoipDeviceToken', state: 'ACTIVE' });
    },
  ],
  [
    'DEFAULT push to a VoIP-capable endpoint: to the DeviceToken',
    async () => {
      const d = await device('APNS_SANDBOX', { Voip: true });
      await run({ type: 'APNS_SANDBOX', token: d.DeviceToken, voipToken: d.VoipDeviceToken ?? '' }, DEFAULT, ok);
    },
  ],
  ['VOIP push to an endpoint without a VoIP token: nothing', async () => run({ type: 'APNS_SANDBOX', token: (await device('APNS_SANDBOX')).DeviceToken }, VOIP, nothing)],
  [
    'VOIP push without the VoIP channel of the environment (APNS, no apns_voip): failure, ACTIVE',
    async () => {
      const d = await device('APNS', { Voip: true });
      await run({ type: 'APNS', token: d.DeviceToken, voipToken: d.VoipDeviceToken ?? '' }, VOIP, { delivered: false, state: 'ACTIVE', failure: { rule: 'channelMissing', reason: 'apns_voip' } });
    },
  ],
  [
    "an APNS_SANDBOX device's token registered as APNS: INACTIVE INVALID_DEVICE_TOKEN",
    async () => run({ type: 'APNS', token: (await device('APNS_SANDBOX')).DeviceToken }, DEFAULT, { delivered: false, state: 'INVALID_DEVICE_TOKEN', failure: { rule: 'tokenUnknown', reason: 'will be deactivated' } }),
  ],
  ['a token no simulated device has: INACTIVE INVALID_DEVICE_TOKEN', async () => run({ type: 'APNS', token: 'ab'.repeat(32) }, DEFAULT, { delivered: false, state: 'INVALID_DEVICE_TOKEN', failure: { rule: 'tokenUnknown', reason: 'BadDeviceToken' } })],
  [
    'an uninstalled device: INACTIVE INVALID_DEVICE_TOKEN',
    async () => {
      const d = await device('APNS');
      await control(`/_sandbox/devices/${d.DeviceId}/uninstall`, {});
      await run({ type: 'APNS', token: d.DeviceToken }, DEFAULT, { delivered: false, state: 'INVALID_DEVICE_TOKEN', failure: { rule: 'tokenUnknown', reason: 'Unregistered' } });
    },
  ],
  [
    'a deleted Pinpoint app: INACTIVE INVALID_PINPOINT_ARN',
    async () => {
      const token = (await device('APNS')).DeviceToken;
      const doomed = (await pin.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: 'doomed' } }))).ApplicationResponse;
      const arn = doomed?.Arn ?? '';
      await pin.send(new pp.DeleteAppCommand({ ApplicationId: doomed?.Id ?? '' }));
      await run({ type: 'APNS', token, resourceArn: arn }, DEFAULT, {
        delivered: false,
        state: 'INVALID_PINPOINT_ARN',
        failure: { rule: 'appMissing', reason: 'The specified resource was not found. AppInstanceUserEndpoint will be deactivated.' },
      });
    },
  ],
  [
    'a disabled channel: failure, ACTIVE',
    async () => {
      await pin.send(new pp.UpdateApnsChannelCommand({ ApplicationId: appId, APNSChannelRequest: { Enabled: false } }));
      await run({ type: 'APNS', token: (await device('APNS')).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'channelMissing', reason: 'disabled' } });
    },
  ],
  [
    'a missing channel: failure, ACTIVE',
    async () => {
      await pin.send(new pp.DeleteGcmChannelCommand({ ApplicationId: appId }));
      await run({ type: 'GCM', token: (await device('GCM')).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'channelMissing', reason: 'missing' } });
    },
  ],
  [
    'a GCM channel with only a legacy server key (ApiKey): failure, ACTIVE',
    async () => {
      await pin.send(new pp.UpdateGcmChannelCommand({ ApplicationId: appId, GCMChannelRequest: { ApiKey: 'legacy-server-key', Enabled: true } }));
      await run({ type: 'GCM', token: (await device('GCM', { ProjectId: 'delivery-tests' })).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'gcmLegacyKey', reason: 'legacy FCM server key' } });
    },
  ],
  [
    'bundle id mismatch: DeviceTokenNotForTopic, ACTIVE',
    async () => run({ type: 'APNS', token: (await device('APNS', { BundleId: 'com.example.other' })).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'bundleMismatch', reason: 'DeviceTokenNotForTopic' } }),
  ],
  [
    'Pinpoint throttles the send (throttle= fault): failure, ACTIVE',
    async () => {
      const token = (await device('APNS')).DeviceToken;
      sandbox.controls.setFaults('throttle=0.5');
      await runWithPinpointDraw(0.1, { type: 'APNS', token }, { delivered: false, state: 'ACTIVE', failure: { rule: 'pinpointThrottled', reason: 'Too many requests sent to Amazon Pinpoint.' } });
    },
  ],
  [
    'Pinpoint fails (unavailable= fault): the unknown-error failure, ACTIVE',
    async () => {
      const token = (await device('APNS')).DeviceToken;
      sandbox.controls.setFaults('unavailable=0.5');
      await runWithPinpointDraw(0.1, { type: 'APNS', token }, { delivered: false, state: 'ACTIVE', failure: { rule: 'pinpointFailed', reason: 'The request processing has failed because of an unknown error' } });
    },
  ],
  [
    'push role missing: failure, ACTIVE',
    async () => {
      await i.send(new iam.DeleteRolePolicyCommand({ RoleName: ROLE, PolicyName: 'push' }));
      await i.send(new iam.DeleteRoleCommand({ RoleName: ROLE }));
      await run({ type: 'APNS', token: (await device('APNS')).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'roleMissing', reason: PERMISSIONS } });
    },
  ],
  [
    'push role not trusting messaging.chime.amazonaws.com: failure, ACTIVE',
    async () => {
      await i.send(new iam.UpdateAssumeRolePolicyCommand({ RoleName: ROLE, PolicyDocument: pushTrustPolicy('pinpoint.amazonaws.com') }));
      await run({ type: 'APNS', token: (await device('APNS')).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'roleUntrusted', reason: TRUST } });
    },
  ],
  [
    'push role without mobiletargeting:SendMessages: failure, ACTIVE',
    async () => {
      await i.send(new iam.DeleteRolePolicyCommand({ RoleName: ROLE, PolicyName: 'push' }));
      await run({ type: 'APNS', token: (await device('APNS')).DeviceToken }, DEFAULT, { delivered: false, state: 'ACTIVE', failure: { rule: 'roleNotPermitted', reason: PERMISSIONS } });
    },
  ],
])('%s', async (_name, row) => {
  await row();
});
