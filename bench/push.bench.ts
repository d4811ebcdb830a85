/**
 * `npm run bench:push`: the delivery simulation under load. One
 * SendChannelMessage with a PushNotification to a channel of 1,000 members
 * with 2 endpoints each (an APNs and an FCM simulated phone per member, so
 * 2,000 endpoints are decided and delivered). The Pinpoint app, its channels
 * and the push role are made through the real clients; users, endpoints,
 * devices and memberships in bulk through the state API. Prints the fan-out
 * time (the send's round trip: the fan-out runs before the answer, after the
 * commit) against a send without a push, and the sandbox's memory (in this
 * process: heap and RSS before seeding, after seeding, after the fan-out).
 * Numbers only, no assertions. Aim: 2,000 deliveries decided in under 1 s.
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as iam from '@aws-sdk/client-iam';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import * as pp from '@aws-sdk/client-pinpoint';
import { SANDBOX_CREDENTIALS, startSandbox } from '../src/main/sandbox';
import { pushPermissionPolicy, pushTrustPolicy } from '../src/main/sandbox/iam';
import { newUser } from '../src/main/sandbox/identity/state';

const MEMBERS = 1000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return `heap ${mb(m.heapUsed)}, rss ${mb(m.rss)}`;
};

async function main(): Promise<void> {
  const before = memory();
  const sandbox = await startSandbox({ port: 0 });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 };
  const ident = new id.ChimeSDKIdentityClient(config);
  const m = new msg.ChimeSDKMessagingClient(config);
  const pin = new pp.PinpointClient(config);
  const i = new iam.IAMClient(config);

  const app = (await pin.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: 'bench' } }))).ApplicationResponse;
  const key = (await (await fetch(`${sandbox.url}/_sandbox/apns-keys`, { method: 'POST', body: JSON.stringify({ TeamId: 'BENCHTEAM1', BundleIds: ['com.example.bench'] }) })).json()) as Record<string, string>;
  await pin.send(
    new pp.UpdateApnsChannelCommand({
      ApplicationId: app?.Id,
      APNSChannelRequest: { BundleId: 'com.example.bench', TeamId: key['TeamId'], TokenKey: key['P8'], TokenKeyId: key['KeyId'], DefaultAuthenticationMethod: 'TOKEN', Enabled: true },
    }),
  );
  const fcm = (await (await fetch(`${sandbox.url}/_sandbox/fcm-projects`, { method: 'POST', body: JSON.stringify({ ProjectId: 'bench-project' }) })).json()) as { ServiceAccount: unknown };
  await pin.send(new pp.UpdateGcmChannelCommand({ ApplicationId: app?.Id, GCMChannelRequest: { ServiceJson: JSON.stringify(fcm.ServiceAccount), Enabled: true } }));
  await i.send(new iam.CreateRoleCommand({ RoleName: 'ServiceRoleForAmazonChimePushNotification', AssumeRolePolicyDocument: pushTrustPolicy() }));
  await i.send(new iam.PutRolePolicyCommand({ RoleName: 'ServiceRoleForAmazonChimePushNotification', PolicyName: 'push', PolicyDocument: pushPermissionPolicy('000000000000') }));

  const instanceArn = (await ident.send(new id.CreateAppInstanceCommand({ Name: 'Bench' }))).AppInstanceArn ?? '';
  const sender = (await ident.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: instanceArn, AppInstanceUserId: 'sender', Name: 'Sender' }))).AppInstanceUserArn ?? '';
  const channelArn = (await m.send(new msg.CreateChannelCommand({ AppInstanceArn: instanceArn, Name: 'Everyone', ChimeBearer: sender }))).ChannelArn ?? '';

  const seedStart = performance.now();
  const instance = sandbox.state.appInstance(instanceArn);
  const channel = sandbox.messaging.channel(channelArn);
  if (!instance || !channel) throw new Error('bench setup failed');
  const devices = sandbox.pushCloud.devices;
  const at = Date.now() - 86_400_000;
  for (let n = 0; n < MEMBERS; n++) {
    const arn = `${instanceArn}/user/member-${n}`;
    const user = newUser({ arn, appInstanceArn: instanceArn, userId: `member-${n}`, name: `Member ${n}`, created: at, updated: at });
    sandbox.state.addUser(instance, user);
    const phones = [devices.create({ Platform: 'APNS', Name: `iPhone ${n}`, BundleId: 'com.example.bench' }), devices.create({ Platform: 'GCM', Name: `Pixel ${n}`, ProjectId: 'bench-project' })];
    for (const phone of phones) {
      const endpointId = `${phone.Platform === 'GCM' ? 'g' : 'a'}${n}`;
      user.endpoints.set(endpointId, {
        id: endpointId,
        userArn: arn,
        name: phone.Name,
        type: phone.Platform,
        resourceArn: app?.Arn ?? '',
        deviceToken: phone.DeviceToken,
        allowMessages: 'ALL',
        created: at,
        updated: at,
      });
    }
    sandbox.messaging.addMembership(channel, { memberArn: arn, type: 'DEFAULT', invitedBy: sender, created: at, updated: at });
  }
  const seeded = memory();
  const seedMs = performance.now() - seedStart;

  const send = (push: boolean) =>
    m.send(
      new msg.SendChannelMessageCommand({
        ChannelArn: channelArn,
        ChimeBearer: sender,
        Content: 'bench',
        Type: 'STANDARD',
        Persistence: 'PERSISTENT',
        ...(push && { PushNotification: { Title: 'Bench', Body: 'Fan-out', Type: 'DEFAULT' } }),
      }),
    );
  await send(false); // warm the connection and the code paths
  let plain = Infinity;
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    await send(false);
    plain = Math.min(plain, performance.now() - t0);
  }
  // Count what the fan-out delivers (the registry itself keeps only the newest 1,000).
  let delivered = 0;
  const record = devices.recordChimeDelivery.bind(devices);
  devices.recordChimeDelivery = (input) => (delivered++, record(input));
  const t0 = performance.now();
  await send(true);
  const withPush = performance.now() - t0;
  const events = devices.listEvents().length;
  const after = memory();

  console.log(`channel: ${MEMBERS} members x 2 endpoints (APNs + FCM simulated phones), seeded in ${seedMs.toFixed(0)} ms`);
  console.log(`SendChannelMessage without a push: ${plain.toFixed(1)} ms (best of 5)`);
  console.log(`SendChannelMessage with a push:    ${withPush.toFixed(1)} ms -> fan-out ~${(withPush - plain).toFixed(1)} ms for ${MEMBERS * 2} endpoints decided`);
  console.log(`deliveries recorded: ${delivered} (the registry keeps the newest ${devices.listDeliveries().length}), failure events: ${events}`);
  console.log(`memory (this process: sandbox + clients): before start ${before}; seeded ${seeded}; after the fan-out ${after}`);
  for (const c of [ident, m, pin, i]) c.destroy();
  await sandbox.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
