/**
 * `--seed demo`'s push story through the real sandbox: phones behind the
 * ACTIVE endpoints, real emulator keys in the Pinpoint channels (a direct APNs
 * push with the channel's own key and an FCM push with its service account
 * land on the phones), and one misconfiguration of each kind, each with the
 * outcome the README promises for a push to the test channel.
 */
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEMO_PINPOINT_APP_ID, SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { DEMO_MISCONFIGURATIONS } from '../../../src/main/sandbox/seedPush';
import { connectApns, providerToken, send } from './emulators/apnsSupport';

let sandbox: RunningSandbox;
let m: msg.ChimeSDKMessagingClient;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
  m = new msg.ChimeSDKMessagingClient({ endpoint: sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
});
afterAll(async () => {
  m.destroy();
  await sandbox.close();
});

const endpointsOf = (userId: string) => [...(sandbox.state.user(`${sandbox.demoAppInstanceArn}/user/${userId}`)?.endpoints.values() ?? [])];

test('every ACTIVE demo endpoint that allows messages holds a simulated phone of its platform and environment', () => {
  for (const userId of ['alice', 'bob', 'carol']) {
    for (const endpoint of endpointsOf(userId)) {
      const phone = sandbox.pushCloud.devices.findEndpointToken(endpoint.type as 'APNS', endpoint.deviceToken);
      expect(phone?.device.Name, endpoint.name).toBe(endpoint.name);
      if (endpoint.voipDeviceToken) expect(sandbox.pushCloud.devices.findEndpointToken(endpoint.type as 'APNS', endpoint.voipDeviceToken, true)?.device.DeviceId).toBe(phone?.device.DeviceId);
    }
  }
  expect(endpointsOf('bob')[0]?.name).toBe("Bob's dev iPad (VoIP)");
  for (const wrong of DEMO_MISCONFIGURATIONS) expect(endpointsOf(wrong.user).map((e) => e.name)).toContain(wrong.endpoint);
});

test('the demo channels carry real emulator keys: a direct APNs push with the channel key and an FCM push with its service account arrive', async () => {
  const app = sandbox.pinpoint.apps.get(DEMO_PINPOINT_APP_ID);
  const apns = app?.channels.apns_sandbox?.credentials ?? {};
  const bob = endpointsOf('bob')[0];
  const ca = await (await fetch(`${sandbox.url}/_sandbox/ca.pem`)).text();
  const health = (await (await fetch(`${sandbox.url}/_sandbox/health`)).json()) as { apns: { sandbox: string }; fcm: string };
  const client = await connectApns(health.apns.sandbox, ca);
  try {
    const jwt = await providerToken(apns['TokenKey'] ?? '', apns['TokenKeyId'] ?? '', apns['TeamId'] ?? '', Math.floor(Date.now() / 1000));
    const answer = await send(client, `/3/device/${bob?.deviceToken}`, { authorization: `bearer ${jwt}`, 'apns-topic': apns['BundleId'] ?? '', 'apns-push-type': 'alert' });
    expect(answer.status).toBe(200);
  } finally {
    client.close();
  }
  const sa = JSON.parse(app?.channels.gcm?.credentials['ServiceJson'] ?? '{}') as { private_key: string; client_email: string; token_uri: string; project_id: string };
  expect(sa.token_uri).toBe(`${sandbox.url}/_fcm/token`);
  const iat = Math.floor(Date.now() / 1000);
  const assertion = await new SignJWT({ scope: 'https://www.googleapis.com/auth/firebase.messaging' })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(sa.client_email)
    .setAudience(sa.token_uri)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(await importPKCS8(sa.private_key, 'RS256'));
  const token = (await (await fetch(sa.token_uri, { method: 'POST', body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }) })).json()) as { access_token: string };
  const carol = endpointsOf('carol')[0];
  const sent = await fetch(`${sandbox.url}/v1/projects/${sa.project_id}/messages:send`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: { token: carol?.deviceToken, notification: { title: 'Direct FCM', body: 'hi' } } }),
  });
  expect(sent.status).toBe(200);
  const vias = sandbox.pushCloud.devices.listDeliveries().map((d) => [d.Via, d.DeviceToken]);
  expect(vias).toEqual([
    ['APNS', bob?.deviceToken],
    ['FCM', carol?.deviceToken],
  ]);
});

test('a push to the test channel: 5 phones, Gina and Judy fail; VOIP reaches Bob and fails for Ivan', async () => {
  const channelArn = sandbox.demoPush?.channelArn ?? '';
  const sender = sandbox.demoPush?.senderArn ?? '';
  const before = { deliveries: sandbox.pushCloud.devices.listDeliveries().length, events: sandbox.pushCloud.devices.listEvents().length };
  const push = (Type: 'DEFAULT' | 'VOIP') =>
    m.send(new msg.SendChannelMessageCommand({ ChannelArn: channelArn, ChimeBearer: sender, Content: 'x', Type: 'STANDARD', Persistence: 'PERSISTENT', PushNotification: { Title: Type, Body: 'demo', Type } }));
  await push('DEFAULT');
  const userOf = (arn: unknown) => String(arn).split('/user/')[1]?.split('/')[0];
  const owner = (token: string) => ['alice', 'bob', 'carol', 'ivan'].find((u) => endpointsOf(u).some((e) => e.deviceToken === token || e.voipDeviceToken === token));
  const delivered = sandbox.pushCloud.devices.listDeliveries().slice(before.deliveries);
  expect(delivered.map((d) => owner(d.DeviceToken)).sort()).toEqual(['alice', 'alice', 'bob', 'carol', 'ivan']);
  const failures = sandbox.pushCloud.devices.listEvents().slice(before.events);
  expect(failures.map((e) => [userOf(e.detail['appInstanceUserArn']), e.detail['rule']]).sort()).toEqual([
    ['gina', 'tokenUnknown'],
    ['judy', 'bundleMismatch'],
  ]);
  expect(endpointsOf('gina')[0]?.override).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });

  await push('VOIP');
  const voip = sandbox.pushCloud.devices.listDeliveries().slice(before.deliveries + 5);
  expect(voip.map((d) => [d.PushType, d.DeviceToken])).toEqual([['VOIP', endpointsOf('bob')[0]?.voipDeviceToken]]);
  expect(sandbox.pushCloud.devices.listEvents().slice(before.events + 2).map((e) => [userOf(e.detail['appInstanceUserArn']), e.detail['rule']])).toEqual([['ivan', 'channelMissing']]);
});
