/** The shared test-push rules: preferences, attributes, history bound, last delivery per endpoint, the conventions. */
import { expect, test } from 'vitest';
import {
  appendTestPush,
  modeOfAllow,
  parseAttributePairs,
  preferenceProblem,
  PUSH_SENDER_ID,
  PUSH_TEST_CHANNEL_NAME,
  PUSH_TEST_TAG,
  pushPreferenceSchema,
  testPushHistorySchema,
  testPushMessageSchema,
  testPushPlanSchema,
  toPushNotificationPreferences,
  type TestPushHistoryEntry,
} from '../../../src/shared/push/testPush';
import { describeLastDelivery, endpointKey, lastDeliveryByEndpoint, type DeliveryFailureEvent, type SandboxDelivery } from '../../../src/shared/push/deliveries';
import * as sandbox from '../../../src/main/sandbox';

test('the conventions are the ones the sandbox seeds (one spelling)', () => {
  expect(PUSH_SENDER_ID).toBe(sandbox.PUSH_SENDER_ID);
  expect(PUSH_TEST_CHANNEL_NAME).toBe(sandbox.PUSH_TEST_CHANNEL_NAME);
  expect(PUSH_TEST_TAG).toEqual(sandbox.PUSH_TEST_TAG);
});

test('preference modes map to the API values and FilterRules are checked as you type', () => {
  expect(['ALL', 'NONE', 'FILTERED', undefined].map(modeOfAllow)).toEqual(['Default', 'Mute', 'Filtered', 'Default']);
  expect(toPushNotificationPreferences({ mode: 'Filtered', filterRule: '{"a":["b"]}' })).toEqual({ AllowNotifications: 'FILTERED', FilterRule: '{"a":["b"]}' });
  expect(toPushNotificationPreferences({ mode: 'Mute' })).toEqual({ AllowNotifications: 'NONE' });
  expect(preferenceProblem({ mode: 'Filtered' })).toMatch(/needs a FilterRule/);
  expect(preferenceProblem({ mode: 'Filtered', filterRule: '{' })).toBe('FilterRule is not valid JSON');
  expect(preferenceProblem({ mode: 'Filtered', filterRule: '{"$or":[{"a":["b"]}]}' })).toMatch(/at least two/);
  expect(preferenceProblem({ mode: 'Default', filterRule: '{"a":["b"]}' })).toMatch(/only used with Filtered/);
  expect(preferenceProblem({ mode: 'Filtered', filterRule: '{"a":["b"]}' })).toBeUndefined();
  const parsed = pushPreferenceSchema.safeParse({ mode: 'Filtered', filterRule: '{"a":"b"}' });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues[0]).toMatchObject({ path: ['filterRule'], message: expect.stringMatching(/"a" needs a non-empty list/) });
});

test('KEY=VALUE attributes gather repeated keys and respect the 1 KB limit', () => {
  expect(parseAttributePairs(['kind=smoke', 'mention=Bob', 'mention=Ann', 'eq=a=b'])).toEqual({
    ok: true,
    value: { kind: { StringValues: ['smoke'] }, mention: { StringValues: ['Bob', 'Ann'] }, eq: { StringValues: ['a=b'] } },
  });
  expect(parseAttributePairs(['novalue='])).toMatchObject({ ok: false, error: expect.stringMatching(/KEY=VALUE/) });
  expect(parseAttributePairs(['=x'])).toMatchObject({ ok: false });
  expect(parseAttributePairs(['a=' + 'x'.repeat(500), 'b=' + 'y'.repeat(500), 'c=' + 'z'.repeat(30)])).toMatchObject({ ok: false, error: expect.stringMatching(/1024 bytes/) });
});

test('title and body limits count characters as the model does', () => {
  const ok = (title: string, body: string) => testPushMessageSchema.safeParse({ title, body, pushType: 'DEFAULT' }).success;
  expect(ok('x'.repeat(50), 'y'.repeat(150))).toBe(true);
  expect(ok('x'.repeat(51), 'y')).toBe(false);
  expect(ok('x', 'y'.repeat(151))).toBe(false);
  expect(ok('', 'y')).toBe(false);
  expect(testPushMessageSchema.safeParse({ title: 't', body: 'b', pushType: 'SILENT' }).success).toBe(false);
});

test('a plan coming back from the renderer cannot name things outside its AppInstance or create anything else', () => {
  const instance = 'arn:aws:chime:us-east-1:000000000000:app-instance/i1';
  const plan = {
    appInstanceArn: instance,
    userArn: `${instance}/user/u1`,
    nonce: '0b7f1f0a-3a52-4a43-9f3d-6f9a6a0c1d2e',
    sender: { arn: `${instance}/user/${PUSH_SENDER_ID}`, kind: 'user', exists: false, chosen: 'default' },
    channel: { name: PUSH_TEST_CHANNEL_NAME, exists: false, chosen: 'create' },
    steps: [
      { kind: 'createSender', senderArn: `${instance}/user/${PUSH_SENDER_ID}`, text: '' },
      { kind: 'createChannel', text: '' },
    ],
    summary: [],
    warnings: [],
  };
  expect(testPushPlanSchema.safeParse(plan).success).toBe(true);
  expect(testPushPlanSchema.safeParse({ ...plan, steps: [{ kind: 'createSender', senderArn: `${instance}/user/admin`, text: '' }, plan.steps[1]] }).success).toBe(false);
  expect(testPushPlanSchema.safeParse({ ...plan, userArn: 'arn:aws:chime:us-east-1:000000000000:app-instance/other/user/u1' }).success).toBe(false);
  expect(testPushPlanSchema.safeParse({ ...plan, steps: [plan.steps[0]] }).success).toBe(false);
});

test('history keeps the newest entries up to the bound and validates', () => {
  const entry = (i: number): TestPushHistoryEntry => ({ time: i, userArn: 'u', title: `t${i}`, pushType: 'DEFAULT', outcome: { kind: 'sent', messageId: `m${i}` } });
  let history: TestPushHistoryEntry[] = [];
  for (let i = 0; i < 5; i++) history = appendTestPush(history, entry(i), 3);
  expect(history.map((h) => h.time)).toEqual([2, 3, 4]);
  const before = [...history];
  appendTestPush(history, entry(9), 3);
  expect(history).toEqual(before);
  expect(testPushHistorySchema.safeParse(history).success).toBe(true);
  expect(testPushHistorySchema.safeParse([{ ...entry(1), outcome: { kind: 'failed', code: 'ForbiddenException', message: 'no' } }]).success).toBe(true);
  expect(testPushHistorySchema.safeParse([{ ...entry(1), outcome: { kind: 'lost' } }]).success).toBe(false);
});

test('the last delivery per endpoint is the newest of deliveries (by token) and failure events (by user and endpoint)', () => {
  const delivery = (token: string, time: string, title: string): SandboxDelivery => ({ DeliveryId: title, Time: time, DeviceId: 'd', DeviceToken: token, Via: 'CHIME', PushType: 'DEFAULT', Title: title, Body: 'b', Payload: {} });
  const failure = (user: string, endpointId: string, time: string): DeliveryFailureEvent => ({
    id: 'e', time, source: 'aws.chime', 'detail-type': 'Chime Messaging AppInstanceUserEndpoint Delivery Failure', resources: [],
    detail: { appInstanceUserArn: user, endpointId, failureReason: 'bad token', endpointDeactivated: true, statusReason: 'INVALID_DEVICE_TOKEN' },
  });
  const endpoints = [
    { userArn: 'u1', endpointId: 'e1', deviceToken: 'tok1', voipDeviceToken: 'voip1' },
    { userArn: 'u1', endpointId: 'e2', deviceToken: 'tok2' },
    { userArn: 'u2', endpointId: 'e1', deviceToken: 'tok3' },
    { userArn: 'u3', endpointId: 'e9', deviceToken: 'none' },
  ];
  const result = lastDeliveryByEndpoint(
    endpoints,
    [delivery('tok1', '2026-11-30T12:00:00.000Z', 'old'), delivery('voip1', '2026-11-30T12:03:04.000Z', 'voip'), delivery('tok2', '2026-11-30T12:00:00.000Z', 'then failed')],
    [failure('u1', 'e2', '2026-11-30T12:01:00Z'), failure('u2', 'e1', '2026-11-30T12:02:00Z')],
  );
  expect(result.get(endpointKey('u1', 'e1'))).toMatchObject({ kind: 'delivered', title: 'voip' });
  expect(result.get(endpointKey('u1', 'e2'))).toMatchObject({ kind: 'failed', reason: 'bad token' });
  expect(result.get(endpointKey('u2', 'e1'))).toMatchObject({ kind: 'failed', statusReason: 'INVALID_DEVICE_TOKEN' });
  expect(result.has(endpointKey('u3', 'e9'))).toBe(false);
  expect(describeLastDelivery(result.get(endpointKey('u1', 'e1'))!, 'UTC')).toBe('delivered 12:03:04');
  expect(describeLastDelivery(result.get(endpointKey('u1', 'e2'))!, 'UTC')).toBe('failed 12:01:00: bad token (endpoint turned INACTIVE INVALID_DEVICE_TOKEN)');
});
