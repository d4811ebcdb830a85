/**
 * The test-push engine (issue 13) against the real sandbox through the real
 * Chime SDK Identity and Messaging clients: plan, send, the delivery on a
 * simulated phone, preferences, refusals, a failure after creating, clean up
 * and idempotency under after-commit faults.
 */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import type { DeserializeMiddleware } from '@smithy/types';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { SANDBOX_CREDENTIALS, startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { planTestPush, sendTestPush, type PushClients, type TestPushPlan } from '../../../src/main/push/chime/testPush';
import { getMembershipPreference, setMembershipPreference } from '../../../src/main/push/chime/preferences';
import { listPushChoices } from '../../../src/main/push/chime/channels';
import { cleanUpWorkbenchResources, planCleanUp } from '../../../src/main/push/chime/cleanup';
import { createSandboxPushReader, type SandboxPushReader } from '../../../src/main/push/chime/sandboxDeliveries';
import { endpointTokensOf } from '../../../src/main/push/chime/endpointTokens';
import { endpointKey } from '../../../src/shared/push/deliveries';
import { historyEntryOf, PUSH_SENDER_ID, PUSH_TEST_CHANNEL_NAME, testPushHistorySchema, wouldNotifyWith } from '../../../src/shared/push/testPush';

let sandbox: RunningSandbox;
let clients: PushClients;
let reader: SandboxPushReader;
let pinpointArn = '';
let n = 0;
let draw = 0;

const config = (maxAttempts = 1) => ({ endpoint: sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts });
const control = async (path: string, body: unknown) => {
  const r = await fetch(`${sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(r.status, path).toBe(200);
  return (await r.json()) as Record<string, string>;
};
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

beforeAll(async () => {
  // Only after-commit draws (throttle and unavailable stay 0): alternating, so with after-commit=0.5 each
  // mutating call's first attempt is answered 503 after committing and its retry goes through.
  sandbox = await startSandbox({ seed: 'demo', random: () => (draw++ % 2 === 0 ? 0.1 : 0.9) });
  clients = { identity: new id.ChimeSDKIdentityClient(config()), messaging: new msg.ChimeSDKMessagingClient(config()) };
  reader = createSandboxPushReader(sandbox.url);
  pinpointArn = sandbox.demoPush?.pinpointAppArn ?? '';
});
afterAll(async () => {
  clients.identity.destroy();
  clients.messaging.destroy();
  await sandbox.close();
});

async function freshInstance(c: PushClients = clients): Promise<string> {
  return (await c.identity.send(new id.CreateAppInstanceCommand({ Name: `push-${++n}` }))).AppInstanceArn ?? '';
}
async function newUser(instance: string, userId = `user-${++n}`): Promise<string> {
  return (await clients.identity.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn: instance, AppInstanceUserId: userId, Name: userId }))).AppInstanceUserArn ?? '';
}
/** A simulated phone of `platform`, registered for `user` as `asType`. */
async function phone(user: string, platform: 'APNS' | 'APNS_SANDBOX', asType: 'APNS' | 'APNS_SANDBOX' = platform) {
  const device = await control('/_sandbox/devices', { Platform: platform, Name: `phone-${++n}` });
  const token = device['DeviceToken'] ?? '';
  const { EndpointId } = await clients.identity.send(
    new id.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: user, Type: asType, ResourceArn: pinpointArn, EndpointAttributes: { DeviceToken: token }, AllowMessages: 'ALL' }),
  );
  return { endpointId: EndpointId ?? '', token, deviceId: device['DeviceId'] ?? '' };
}
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const titled = (title: string) => until(() => reader.deliveries({ title }), (d) => d.length > 0, 1000);
async function send(plan: TestPushPlan, title: string, extra: { messageAttributes?: Record<string, { StringValues: string[] }> } = {}) {
  return unwrap(await sendTestPush(clients, { plan, title, body: 'from the workbench', pushType: 'DEFAULT', ...extra }));
}

test('on a fresh AppInstance the plan creates the sender and the tagged channel; the push lands on the phone; the next plan finds the channel', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const good = await phone(user, 'APNS_SANDBOX');
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  expect(plan.steps.map((s) => s.kind)).toEqual(['createSender', 'createChannel']);
  expect(plan.channel).toMatchObject({ exists: false, chosen: 'create', name: PUSH_TEST_CHANNEL_NAME });
  expect(plan.sender).toMatchObject({ arn: `${instance}/user/${PUSH_SENDER_ID}`, exists: false });
  expect(plan.summary.join(' ')).toMatch(/Create the AppInstanceUser "workbench-push-sender".*Create the channel "Workbench push tests"/);

  const sent = await send(plan, 'fresh-1');
  expect(sent.messageId).not.toBe('');
  expect(sent.created.map((c) => c.kind)).toEqual(['sender', 'channel']);
  const tags = await clients.messaging.send(new msg.ListTagsForResourceCommand({ ResourceARN: sent.channelArn }));
  expect(tags.Tags).toContainEqual({ Key: 'workbench:purpose', Value: 'push-test' });
  const deliveries = await titled('fresh-1');
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]).toMatchObject({ DeviceToken: good.token, Via: 'CHIME', Body: 'from the workbench' });

  const again = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  expect(again.channel).toMatchObject({ arn: sent.channelArn, chosen: 'tag', exists: true });
  expect(again.steps).toEqual([]);
});

test('on the demo the plan finds the tagged channel and the existing sender', async () => {
  const instance = sandbox.demoAppInstanceArn ?? '';
  const user = `${instance}/user/alice`;
  await clients.identity.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: user }));
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  expect(plan.channel).toMatchObject({ arn: sandbox.demoPush?.channelArn, chosen: 'tag' });
  expect(plan.sender).toMatchObject({ arn: sandbox.demoPush?.senderArn, exists: true });
  expect(plan.steps).toEqual([]);
  expect(plan.targetPreference).toEqual({ mode: 'Default' });
  // hank's notifications are off in the demo (membership preferences NONE): the dialog can say so before sending.
  const hank = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: `${instance}/user/hank` }));
  expect(hank.targetPreference).toEqual({ mode: 'Mute' });
  expect(wouldNotifyWith(hank.targetPreference, undefined)).toEqual({ notify: false, reason: 'preferences allow NONE' });
});

test('one good and one wrong-environment endpoint: one delivery, the other endpoint INACTIVE INVALID_DEVICE_TOKEN, shown per endpoint', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const good = await phone(user, 'APNS_SANDBOX');
  const wrong = await phone(user, 'APNS_SANDBOX', 'APNS');
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  await send(plan, 'two-endpoints');
  const deliveries = await titled('two-endpoints');
  expect(deliveries.map((d) => d.DeviceToken)).toEqual([good.token]);
  const state = await until(
    () => clients.identity.send(new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: user, EndpointId: wrong.endpointId })),
    (r) => r.AppInstanceUserEndpoint?.EndpointState?.Status === 'INACTIVE',
  );
  expect(state.AppInstanceUserEndpoint?.EndpointState).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  const tokens = await endpointTokensOf(clients.identity, user);
  expect(tokens.map((t) => t.deviceToken).sort()).toEqual([good.token, wrong.token].sort());
  const last = await reader.lastDeliveryByEndpoint(tokens);
  expect(last.get(endpointKey(user, good.endpointId))).toMatchObject({ kind: 'delivered', title: 'two-endpoints', via: 'CHIME' });
  expect(last.get(endpointKey(user, wrong.endpointId))).toMatchObject({ kind: 'failed', deactivated: true, statusReason: 'INVALID_DEVICE_TOKEN' });
});

test('preferences: Mute blocks, Filtered delivers only when the rule matches; an invalid FilterRule is refused before any call', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  await phone(user, 'APNS_SANDBOX');
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  const first = await send(plan, `pref-default-${n}`);
  const ref = { channelArn: first.channelArn, memberArn: user };
  expect(unwrap(await getMembershipPreference(clients, ref))).toEqual({ mode: 'Default' });

  const mute = { mode: 'Mute' as const };
  unwrap(await setMembershipPreference(clients, { ...ref, preference: mute }));
  expect(unwrap(await getMembershipPreference(clients, ref))).toEqual(mute);
  expect(wouldNotifyWith(mute, undefined).notify).toBe(false);
  const next = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  await send(next, `pref-mute-${n}`);

  const filtered = { mode: 'Filtered' as const, filterRule: '{"kind":["smoke"]}' };
  unwrap(await setMembershipPreference(clients, { ...ref, preference: filtered }));
  expect(unwrap(await getMembershipPreference(clients, ref))).toEqual(filtered);
  const match = { kind: { StringValues: ['smoke'] } };
  const other = { kind: { StringValues: ['other'] } };
  expect(wouldNotifyWith(filtered, match).notify).toBe(true);
  expect(wouldNotifyWith(filtered, other).notify).toBe(false);
  await send(next, `pref-match-${n}`, { messageAttributes: match });
  await send(next, `pref-nomatch-${n}`, { messageAttributes: other });

  expect(await titled(`pref-match-${n}`)).toHaveLength(1);
  // Sent before the matching one: had they been delivered they would be listed by now.
  expect(await reader.deliveries({ title: `pref-mute-${n}` })).toHaveLength(0);
  expect(await reader.deliveries({ title: `pref-nomatch-${n}` })).toHaveLength(0);

  const spy = vi.spyOn(clients.messaging, 'send');
  const bad = await setMembershipPreference(clients, { ...ref, preference: { mode: 'Filtered', filterRule: '{"kind":"smoke"}' } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'InvalidInput' } });
  if (!bad.ok) expect(bad.error.message).toMatch(/"kind" needs a non-empty list/);
  expect(spy).not.toHaveBeenCalled();
  spy.mockRestore();
});

test('title and body limits are refused before any call', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  const spies = [vi.spyOn(clients.identity, 'send'), vi.spyOn(clients.messaging, 'send')];
  const cases = [
    { title: 'x'.repeat(51), body: 'b', problem: /Title is at most 50/ },
    { title: '', body: 'b', problem: /Title is required/ },
    { title: 't', body: 'x'.repeat(151), problem: /Body is at most 150/ },
  ];
  for (const c of cases) {
    const r = await sendTestPush(clients, { plan, title: c.title, body: c.body, pushType: 'DEFAULT' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('InvalidInput');
      expect(r.error.message).toMatch(c.problem);
      expect(r.error.created).toEqual([]);
    }
  }
  for (const s of spies) {
    expect(s).not.toHaveBeenCalled();
    s.mockRestore();
  }
  // At the limits the push goes through.
  expect((await sendTestPush(clients, { plan, title: 'x'.repeat(50), body: 'y'.repeat(150), pushType: 'DEFAULT' })).ok).toBe(true);
});

test('a sender that is not a member: the plan warns and the send answers a clear error', async () => {
  const instance = sandbox.demoAppInstanceArn ?? '';
  const outsider = await newUser(instance, `outsider-${++n}`);
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: `${instance}/user/alice`, channelArn: sandbox.demoPush?.channelArn ?? '', senderArn: outsider }));
  expect(plan.warnings.join(' ')).toMatch(/is not a member of the channel/);
  // A member as sender: no warning.
  const fine = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: `${instance}/user/alice`, channelArn: sandbox.demoPush?.channelArn ?? '' }));
  expect(fine.warnings).toEqual([]);
  const r = await sendTestPush(clients, { plan, title: 'outsider', body: 'b', pushType: 'DEFAULT' });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('ForbiddenException');
    expect(r.error.message).toMatch(/must be a member of the channel/);
  }
});

test('a send failing after the sender and channel were created names what now exists', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  await control('/_sandbox/faults', { spec: 'deny=chime:SendChannelMessage' });
  let r: Awaited<ReturnType<typeof sendTestPush>>;
  try {
    r = await sendTestPush(clients, { plan, title: 'denied', body: 'b', pushType: 'DEFAULT' });
  } finally {
    await control('/_sandbox/faults', { spec: '' });
  }
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe('ForbiddenException');
  expect(r.error.created.map((c) => c.kind)).toEqual(['sender', 'channel']);
  expect(testPushHistorySchema.parse([historyEntryOf({ userArn: user, title: 'denied', pushType: 'DEFAULT' }, r, 1)])[0]).toMatchObject({
    channelArn: r.error.channelArn,
    outcome: { kind: 'failed', code: 'ForbiddenException' },
  });
  expect(r.error.message).toMatch(/Already created and still there: the sender user workbench-push-sender; the channel "Workbench push tests"/);
  const channelArn = r.error.channelArn ?? '';
  const d = await clients.messaging.send(new msg.DescribeChannelCommand({ ChannelArn: channelArn, ChimeBearer: plan.sender.arn }));
  expect(d.Channel?.Name).toBe(PUSH_TEST_CHANNEL_NAME);
  // Sending the same plan again completes without creating twice.
  const again = unwrap(await sendTestPush(clients, { plan, title: 'retried', body: 'b', pushType: 'DEFAULT' }));
  expect(again.channelArn).toBe(channelArn);
});

test('clean up removes exactly what the workbench made', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const other = await newUser(instance);
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  const sent = await send(plan, 'before-cleanup');
  const unrelated = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'team', ChimeBearer: other, MemberArns: [user] }))).ChannelArn ?? '';

  const device = (id: string, CreatedBy?: string) => ({ DeviceId: id, Name: `Phone ${id}`, Platform: 'APNS' as const, Voip: false, DeviceToken: 'ab', Created: '2026-11-30T12:00:00Z', ...(CreatedBy && { CreatedBy }) });
  const sandboxDevices = [device('dev-1', 'workbench'), device('dev-2'), device('dev-3', 'someone-else'), device('dev-gone', 'workbench')];
  const cleanup = unwrap(await planCleanUp(clients, { appInstanceArn: instance, sandboxDevices }));
  expect(cleanup.remove.map((r) => [r.kind, r.arn])).toEqual([
    ['channel', sent.channelArn],
    ['sender', sent.senderArn],
    ['device', 'dev-1'],
    ['device', 'dev-gone'],
  ]);
  expect(cleanup.summary[0]).toMatch(/^Will remove: the channel .*the sender user workbench-push-sender; the simulated device "Phone dev-1" on the Local sandbox; .*\.$/);
  const asked: string[] = [];
  const result = await cleanUpWorkbenchResources(clients, cleanup, {
    removeDevice: async (id) => {
      asked.push(id);
      return id === 'dev-gone' ? { ok: false, error: { code: 'NotFoundException', message: 'gone', retryable: false } } : { ok: true, value: {} };
    },
  });
  expect(asked).toEqual(['dev-1', 'dev-gone']);
  expect(result.failed).toEqual([]);
  expect(result.removed).toHaveLength(4);
  // Without the sandbox's route a device is a failure that says why, never a silent success.
  const offSandbox = await cleanUpWorkbenchResources(clients, { ...cleanup, remove: cleanup.remove.filter((r) => r.kind === 'device') });
  expect(offSandbox.failed.map((f) => [f.arn, f.error.code])).toEqual([['dev-1', 'NotSandbox'], ['dev-gone', 'NotSandbox']]);

  await expect(clients.messaging.send(new msg.DescribeChannelCommand({ ChannelArn: sent.channelArn, ChimeBearer: other }))).rejects.toMatchObject({ name: 'NotFoundException' });
  await expect(clients.identity.send(new id.DescribeAppInstanceUserCommand({ AppInstanceUserArn: sent.senderArn }))).rejects.toMatchObject({ name: 'NotFoundException' });
  expect((await clients.messaging.send(new msg.DescribeChannelCommand({ ChannelArn: unrelated, ChimeBearer: other }))).Channel?.Name).toBe('team');
  const users = await clients.identity.send(new id.ListAppInstanceUsersCommand({ AppInstanceArn: instance }));
  expect(users.AppInstanceUsers?.map((u) => u.AppInstanceUserArn).sort()).toEqual([user, other].sort());
  expect(unwrap(await planCleanUp(clients, { appInstanceArn: instance })).remove).toEqual([]);
});

test('idempotent under after-commit faults: one sender, one channel, one message, one delivery', async () => {
  const retrying: PushClients = { identity: new id.ChimeSDKIdentityClient(config(6)), messaging: new msg.ChimeSDKMessagingClient(config(6)) };
  let faulted = 0;
  // Below the deserializer, per attempt: the raw HTTP answer.
  const count503: DeserializeMiddleware<object, object> = (next) => async (args) => {
    const result = await next(args);
    if ((result.response as { statusCode?: number }).statusCode === 503) faulted++;
    return result;
  };
  const where = { step: 'deserialize', name: 'count503', priority: 'low' } as const;
  retrying.identity.middlewareStack.add(count503 as DeserializeMiddleware<id.ServiceInputTypes, id.ServiceOutputTypes>, where);
  retrying.messaging.middlewareStack.add(count503 as DeserializeMiddleware<msg.ServiceInputTypes, msg.ServiceOutputTypes>, where);
  try {
    const instance = await freshInstance(retrying);
    const user = await newUser(instance);
    const device = await phone(user, 'APNS_SANDBOX');
    const plan = unwrap(await planTestPush(retrying, { appInstanceArn: instance, userArn: user }));
    draw = 0;
    await control('/_sandbox/faults', { spec: 'after-commit=0.5' });
    let r: Awaited<ReturnType<typeof sendTestPush>>;
    try {
      r = await sendTestPush(retrying, { plan, title: `idem-${n}`, body: 'b', pushType: 'DEFAULT' });
    } finally {
      await control('/_sandbox/faults', { spec: '' });
    }
    const sent = unwrap(r);
    // CreateAppInstanceUser, CreateChannel and SendChannelMessage each committed, answered 503, and were retried.
    expect(faulted).toBe(3);
    const users = await clients.identity.send(new id.ListAppInstanceUsersCommand({ AppInstanceArn: instance }));
    expect(users.AppInstanceUsers?.filter((u) => u.AppInstanceUserArn === sent.senderArn)).toHaveLength(1);
    const mine = await clients.messaging.send(new msg.ListChannelMembershipsForAppInstanceUserCommand({ ChimeBearer: user, AppInstanceUserArn: user }));
    expect(mine.ChannelMemberships?.map((m) => m.ChannelSummary?.ChannelArn)).toEqual([sent.channelArn]);
    const messages = await clients.messaging.send(new msg.ListChannelMessagesCommand({ ChannelArn: sent.channelArn, ChimeBearer: user }));
    expect(messages.ChannelMessages).toHaveLength(1);
    const deliveries = await titled(`idem-${n}`);
    expect(deliveries.map((d) => d.DeviceToken)).toEqual([device.token]);
  } finally {
    retrying.identity.destroy();
    retrying.messaging.destroy();
  }
});

test('VOIP pushes reach the VoIP token', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const device = await control('/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: `voip-${++n}`, Voip: true });
  await clients.identity.send(
    new id.RegisterAppInstanceUserEndpointCommand({
      AppInstanceUserArn: user,
      Type: 'APNS_SANDBOX',
      ResourceArn: pinpointArn,
      EndpointAttributes: { DeviceToken: device['DeviceToken'] ?? '', VoipDeviceToken: device['VoipDeviceToken'] ?? '' },
      AllowMessages: 'ALL',
    }),
  );
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  unwrap(await sendTestPush(clients, { plan, title: `voip-${n}`, body: 'ring', pushType: 'VOIP' }));
  const deliveries = await titled(`voip-${n}`);
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]).toMatchObject({ DeviceToken: device['VoipDeviceToken'], PushType: 'VOIP' });
});

test('a given channel the user is not in: the plan adds the user, the send adds the membership and delivers', async () => {
  const instance = sandbox.demoAppInstanceArn ?? '';
  const user = await newUser(instance, `newcomer-${++n}`);
  const mine = await phone(user, 'APNS_SANDBOX');
  const channelArn = sandbox.demoPush?.channelArn ?? '';
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user, channelArn }));
  expect(plan.steps).toEqual([{ kind: 'addMember', memberArn: user, text: expect.stringMatching(/^Add .* as a member of "Workbench push tests"/) }]);
  const sent = await send(plan, `newcomer-${n}`);
  expect(sent.created.map((c) => c.kind)).toEqual(['membership']);
  // Every demo member with a phone gets it too; the newcomer's phone once.
  expect((await titled(`newcomer-${n}`)).filter((d) => d.DeviceToken === mine.token)).toHaveLength(1);
});

test('a deleted channel: the plan says it does not exist', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const channelArn = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'gone', ChimeBearer: user }))).ChannelArn ?? '';
  await clients.messaging.send(new msg.DeleteChannelCommand({ ChannelArn: channelArn, ChimeBearer: user }));
  const r = await planTestPush(clients, { appInstanceArn: instance, userArn: user, channelArn });
  expect(r).toMatchObject({ ok: false, error: { code: 'NotFoundException', message: expect.stringMatching(/does not exist \(deleted\?\)/) } });
});

test('throttling is a clear, retryable error', async () => {
  const instance = sandbox.demoAppInstanceArn ?? '';
  await control('/_sandbox/faults', { spec: 'throttle=1' });
  let r: Awaited<ReturnType<typeof planTestPush>>;
  try {
    r = await planTestPush(clients, { appInstanceArn: instance, userArn: `${instance}/user/alice` });
  } finally {
    await control('/_sandbox/faults', { spec: '' });
  }
  expect(r).toMatchObject({ ok: false, error: { code: 'ThrottledClientException', retryable: true, message: expect.stringMatching(/^Throttled: too many requests/) } });
});

test('the tag decides, not the name: an untagged "Workbench push tests" channel is not the test channel', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance);
  const lookalike = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: PUSH_TEST_CHANNEL_NAME, ChimeBearer: user }))).ChannelArn ?? '';
  const plan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  expect(plan.channel.chosen).toBe('create');
  const sent = await send(plan, `lookalike-${++n}`);
  expect(sent.channelArn).not.toBe(lookalike);
  const cleanup = unwrap(await planCleanUp(clients, { appInstanceArn: instance }));
  expect(cleanup.remove.filter((r) => r.kind === 'channel').map((r) => r.arn)).toEqual([sent.channelArn]);
});

test('a channel of my own: only the sender and the target are members, it is never taken for the shared test channel, and Clean up removes it', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance, 'alice');
  const bob = await newUser(instance, 'bob');
  // The shared test channel, with both users in it (as the demo's has all its users).
  const shared = await send(unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: bob })), `shared-${++n}`);
  await clients.messaging.send(new msg.CreateChannelMembershipCommand({ ChannelArn: shared.channelArn, MemberArn: user, Type: 'DEFAULT', ChimeBearer: shared.senderArn }));
  const sharedPlan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user }));
  expect(sharedPlan.channel).toMatchObject({ arn: shared.channelArn, chosen: 'tag', memberCount: 3 });
  expect(sharedPlan.summary).toContain(`Channel: "${PUSH_TEST_CHANNEL_NAME}" (${shared.channelArn}, the shared test channel, found by its tag workbench:purpose=push-test, 3 members).`);

  const ownPlan = unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user, ownChannel: true }));
  expect(ownPlan.channel).toEqual({ name: 'Workbench push tests for alice', exists: false, chosen: 'create-own' });
  expect(ownPlan.summary).toContain(
    `Create the channel "Workbench push tests for alice" (private, restricted, tagged workbench:purpose=push-test and workbench:push-test-user=alice) whose only members are the sender (moderator) and ${user}.`,
  );
  const own = await send(ownPlan, `own-${++n}`);
  expect(own.channelArn).not.toBe(shared.channelArn);
  const members = await clients.messaging.send(new msg.ListChannelMembershipsCommand({ ChannelArn: own.channelArn, ChimeBearer: own.senderArn }));
  expect(members.ChannelMemberships?.map((m) => m.Member?.Arn).sort()).toEqual([own.senderArn, user].sort());
  const tags = await clients.messaging.send(new msg.ListTagsForResourceCommand({ ResourceARN: own.channelArn }));
  expect(tags.Tags).toEqual(expect.arrayContaining([{ Key: 'workbench:purpose', Value: 'push-test' }, { Key: 'workbench:push-test-user', Value: 'alice' }]));

  // Found again for alice, and never for bob's shared plan.
  expect(unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user, ownChannel: true })).channel).toMatchObject({ arn: own.channelArn, chosen: 'own', memberCount: 2 });
  expect(unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: bob })).channel.arn).toBe(shared.channelArn);
  expect(unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: bob, ownChannel: true })).channel.chosen).toBe('create-own');

  const cleanup = unwrap(await planCleanUp(clients, { appInstanceArn: instance }));
  expect(cleanup.remove.filter((r) => r.kind === 'channel').map((r) => r.arn).sort()).toEqual([shared.channelArn, own.channelArn].sort());
});

test('the choices: the target’s channels first, then those the sender sees, and the AppInstance’s bots', async () => {
  const instance = await freshInstance();
  const user = await newUser(instance, 'carol');
  const other = await newUser(instance);
  const sent = await send(unwrap(await planTestPush(clients, { appInstanceArn: instance, userArn: user })), `choices-${++n}`);
  const team = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'Team', ChimeBearer: other, MemberArns: [user] }))).ChannelArn ?? '';
  const lobby = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'Lobby', ChimeBearer: other, Privacy: 'PUBLIC' }))).ChannelArn ?? '';
  const hidden = (await clients.messaging.send(new msg.CreateChannelCommand({ AppInstanceArn: instance, Name: 'Hidden', ChimeBearer: other, Privacy: 'PRIVATE' }))).ChannelArn ?? '';
  const bot = (
    await clients.identity.send(new id.CreateAppInstanceBotCommand({ AppInstanceArn: instance, Name: 'Helper', Configuration: { Lex: { LexBotAliasArn: 'arn:aws:lex:us-east-1:000000000000:bot-alias/AAAAAAAAAA/BBBBBBBBBB', LocaleId: 'en_US', WelcomeIntent: 'Hi' } }, ClientRequestToken: `bot-${++n}` }))
  ).AppInstanceBotArn ?? '';
  const choices = await listPushChoices(clients, { appInstanceArn: instance, userArn: user, senderArn: sent.senderArn });
  expect(choices.channels).toEqual([
    { arn: team, name: 'Team', targetIsMember: true },
    { arn: sent.channelArn, name: PUSH_TEST_CHANNEL_NAME, targetIsMember: true },
    { arn: lobby, name: 'Lobby', targetIsMember: false },
  ]);
  expect(choices.channels.map((c) => c.arn)).not.toContain(hidden);
  expect(choices.bots).toEqual([{ arn: bot, name: 'Helper' }]);
});
