/**
 * The doctor and the sandbox's delivery simulation agree: where the doctor
 * says an endpoint is ready, a push through Chime reaches its simulated
 * device; where it finds a Fail, the push does not arrive.
 */
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as iam from '@aws-sdk/client-iam';
import * as pp from '@aws-sdk/client-pinpoint';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { isReady, PUSH_ROLE_NAME, runDoctor } from './imports';
import { APNS_KEY, createPushRole, setChannel, startBench, story, type Bench, type Story } from './support';

let b: Bench;
beforeAll(async () => {
  b = await startBench();
});
afterAll(async () => {
  await b.close();
});
beforeEach(async () => {
  b.faults('');
  await b.resetIam();
});

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${b.sandbox.url}${path}`, {
    method,
    ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A simulated iPhone of the story's app, registered as an APNS endpoint. */
async function phone(s: Story): Promise<{ endpointId: string; deviceId: string }> {
  const device = await control<{ DeviceId: string; DeviceToken: string }>('POST', '/_sandbox/devices', {
    Platform: 'APNS',
    Name: 'phone',
    BundleId: APNS_KEY.BundleId,
  });
  return { endpointId: await s.register({ type: 'APNS', token: device.DeviceToken }), deviceId: device.DeviceId };
}

/** Sends a push in the test channel and answers whether the device got it. */
async function pushArrives(s: Story, deviceId: string, type: 'DEFAULT' | 'VOIP' = 'DEFAULT'): Promise<boolean> {
  const title = `t-${randomUUID().slice(0, 8)}`;
  await b.clients.messaging.send(
    new msg.SendChannelMessageCommand({
      ChannelArn: s.channelArn,
      Content: 'hello',
      Type: 'STANDARD',
      Persistence: 'PERSISTENT',
      ChimeBearer: s.senderArn,
      ClientRequestToken: randomUUID(),
      PushNotification: { Title: title, Body: 'body', Type: type },
    }),
  );
  // The fan-out runs after the message is committed; give it a moment.
  for (let i = 0; i < 20; i++) {
    const { Deliveries } = await control<{ Deliveries: { DeviceId: string; Title: string }[] }>(
      'GET',
      `/_sandbox/deliveries?DeviceId=${deviceId}`,
    );
    if (Deliveries.some((d) => d.Title === title)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function ready(s: Story, endpointId: string, voip = false): Promise<boolean> {
  const result = await runDoctor(
    { userArn: s.userArn, endpointId, voip },
    { clients: b.clients, cliTarget: { kind: 'sandbox' } },
  );
  if (!result.ok) throw new Error(result.error.message);
  const endpoint = result.value.endpoints[0];
  if (!endpoint) throw new Error('no endpoint in the report');
  return isReady(endpoint);
}

/** The story's sender created the test channel, so it is a member and can send there. */
const sendingStory = (): Promise<Story> => story(b);

it('healthy: ready, and the push arrives', async () => {
  const s = await sendingStory();
  const { endpointId, deviceId } = await phone(s);
  expect(await ready(s, endpointId)).toBe(true);
  expect(await pushArrives(s, deviceId)).toBe(true);
});

const broken: Record<string, (s: Story) => Promise<void>> = {
  'push role missing': async () => b.resetIam(),
  'push role untrusted': async () => {
    await b.resetIam();
    await createPushRole(b, {
      trust: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'pinpoint.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
  },
  'push role without SendMessages': async () => {
    await b.clients.iam.send(
      new iam.DeleteRolePolicyCommand({ RoleName: PUSH_ROLE_NAME, PolicyName: 'AmazonChimePushNotificationPolicy' }),
    );
  },
  'APNs channel disabled': async (s) => setChannel(b, s.appId, 'apns', { Enabled: false }),
  'preferences NONE': async (s) => {
    await b.clients.messaging.send(
      new msg.PutChannelMembershipPreferencesCommand({
        ChannelArn: s.channelArn,
        MemberArn: s.userArn,
        ChimeBearer: s.userArn,
        Preferences: { PushNotifications: { AllowNotifications: 'NONE' } },
      }),
    );
  },
};

for (const [what, breakIt] of Object.entries(broken)) {
  it(`${what}: not ready, and the push does not arrive`, async () => {
    const s = await sendingStory();
    const { endpointId, deviceId } = await phone(s);
    await breakIt(s);
    expect(await ready(s, endpointId)).toBe(false);
    expect(await pushArrives(s, deviceId)).toBe(false);
  });
}

/** A simulated Android phone (no project: the story's service account is not the emulator's), registered as a GCM endpoint. */
async function android(s: Story): Promise<{ endpointId: string; deviceId: string }> {
  const device = await control<{ DeviceId: string; DeviceToken: string }>('POST', '/_sandbox/devices', {
    Platform: 'GCM',
    Name: 'android',
  });
  return { endpointId: await s.register({ type: 'GCM', token: device.DeviceToken }), deviceId: device.DeviceId };
}

it('GCM with a service account: ready, and the push arrives', async () => {
  const s = await sendingStory();
  const { endpointId, deviceId } = await android(s);
  expect(await ready(s, endpointId)).toBe(true);
  expect(await pushArrives(s, deviceId)).toBe(true);
});

it('GCM channel with only a legacy server key: not ready, and the push does not arrive', async () => {
  const s = await sendingStory();
  const { endpointId, deviceId } = await android(s);
  await setChannel(b, s.appId, 'gcm', { ApiKey: 'legacy-server-key', Enabled: true });
  expect(await ready(s, endpointId)).toBe(false);
  expect(await pushArrives(s, deviceId)).toBe(false);
});

/**
 * The one known disagreement, kept on purpose: the issue wants a missing VoIP
 * channel to be a Warning (the Chime docs do not say it is required), DESIGN
 * wants the simulation to fail VOIP pushes without it. So the doctor calls the
 * endpoint ready (a Warning is not a Fail) while a VOIP push fails in the
 * sandbox; DEFAULT pushes arrive. README "Push readiness (the doctor)" says so.
 */
it('VoIP phone without the VoIP channel: ready with a Warning, DEFAULT arrives, VOIP does not', async () => {
  const s = await sendingStory();
  const device = await control<{ DeviceId: string; DeviceToken: string; VoipDeviceToken: string }>('POST', '/_sandbox/devices', {
    Platform: 'APNS',
    Name: 'voip phone',
    Voip: true,
    BundleId: APNS_KEY.BundleId,
  });
  const endpointId = await s.register({ type: 'APNS', token: device.DeviceToken, voipToken: device.VoipDeviceToken });
  expect(await pushArrives(s, device.DeviceId, 'VOIP')).toBe(true);
  await b.clients.pinpoint.send(new pp.DeleteApnsVoipChannelCommand({ ApplicationId: s.appId }));
  expect(await ready(s, endpointId, true)).toBe(true);
  expect(await pushArrives(s, device.DeviceId)).toBe(true);
  expect(await pushArrives(s, device.DeviceId, 'VOIP')).toBe(false);
});
