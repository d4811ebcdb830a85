/** Idempotent retries, fault injection seen by the SDK's retry strategy, and SigV4 verification. */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import * as msg from '@aws-sdk/client-chime-sdk-messaging';
import { SANDBOX_CREDENTIALS } from '../../../src/main/sandbox';
import { afterEach, expect, test } from 'vitest';
import { clientFor, rejectionOf, startTestSandbox, APNS_TOKEN, PINPOINT_ARN, type TestSandbox } from './support';

let t: TestSandbox | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A random source that replays `values`, then returns 0.99 (no fault). */
const replay = (...values: number[]) => () => values.shift() ?? 0.99;

test('the same ClientRequestToken and request returns the first result; a different request conflicts', async () => {
  t = await startTestSandbox();
  const first = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Once', ClientRequestToken: 'token-1' }));
  const retry = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Once', ClientRequestToken: 'token-1' }));
  expect(retry.AppInstanceArn).toBe(first.AppInstanceArn);
  expect(t.sandbox.state.appInstances.size).toBe(1);
  expect(await rejectionOf(t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Other', ClientRequestToken: 'token-1' })))).toBeInstanceOf(sdk.ConflictException);

  const user = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: first.AppInstanceArn, AppInstanceUserId: 'u', Name: 'U', ClientRequestToken: 'user-token' }));
  // Without the token this would be a duplicate AppInstanceUserId.
  const again = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: first.AppInstanceArn, AppInstanceUserId: 'u', Name: 'U', ClientRequestToken: 'user-token' }));
  expect(again.AppInstanceUserArn).toBe(user.AppInstanceUserArn);

  const reg = () =>
    t!.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: user.AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN }, ClientRequestToken: 'ep-token' }));
  const e1 = await reg();
  const e2 = await reg();
  expect(e2.EndpointId).toBe(e1.EndpointId);
});

test('a 503 before the handler runs: the SDK retry creates the resource once (nothing was committed)', async () => {
  t = await startTestSandbox({ faults: 'unavailable=0', random: replay(0) }, { maxAttempts: 3 });
  t.sandbox.controls.setFaults({ throttle: 0, unavailable: 0.5, latencyMs: 0 });
  const created = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Retried' }));
  expect(created.$metadata.attempts).toBe(2);
  expect(t.sandbox.state.appInstances.size).toBe(1);
});

test('after-commit: the first attempt commits and answers 503; the SDK retry (same ClientRequestToken) gets the first answer, not a second resource', async () => {
  // One draw per mutating call: 0 fails it after the commit, then 0.99 lets it through.
  t = await startTestSandbox({ faults: 'after-commit=0.5', random: replay(0) }, { maxAttempts: 3 });
  const created = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Committed' }));
  expect(created.$metadata.attempts).toBe(2);
  expect(t.sandbox.state.appInstances.size).toBe(1);
  expect([...t.sandbox.state.appInstances.values()][0]?.arn).toBe(created.AppInstanceArn);

  const user = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn: created.AppInstanceArn, AppInstanceUserId: 'u', Name: 'U' }));
  t.sandbox.controls.setFaults({ throttle: 0, unavailable: 0, latencyMs: 0, afterCommit: 1 });
  // after-commit=1 fails every attempt: the resource exists although the caller saw only 503s.
  const error = await rejectionOf(t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: user.AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN }, ClientRequestToken: 'ep-after-commit' })));
  expect([error.$metadata?.httpStatusCode, error.$metadata?.attempts]).toEqual([503, 3]);
  const endpoints = () => [...(t!.sandbox.state.user(user.AppInstanceUserArn ?? '')?.endpoints.values() ?? [])];
  expect(endpoints()).toHaveLength(1);
  // The app's own retry with the same token, once the service is back, gets that endpoint.
  t.sandbox.controls.setFaults('none');
  const again = await t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: user.AppInstanceUserArn, Type: 'APNS', ResourceArn: PINPOINT_ARN, EndpointAttributes: { DeviceToken: APNS_TOKEN }, ClientRequestToken: 'ep-after-commit' }));
  expect(again.EndpointId).toBe(endpoints()[0]?.id);
  expect(endpoints()).toHaveLength(1);
});

test('after-commit with SendChannelMessage: the retried send returns the first MessageId and the channel holds one message', async () => {
  t = await startTestSandbox({ random: replay(0) }, { maxAttempts: 3 });
  const { AppInstanceArn } = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Chat' }));
  const { AppInstanceUserArn = '' } = await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'sender', Name: 'S' }));
  const messaging = new msg.ChimeSDKMessagingClient({ endpoint: t.sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 3 });
  const { ChannelArn = '' } = await messaging.send(new msg.CreateChannelCommand({ AppInstanceArn, Name: 'Room', ChimeBearer: AppInstanceUserArn }));
  t.sandbox.controls.setFaults('after-commit=0.5');
  const sent = await messaging.send(new msg.SendChannelMessageCommand({ ChannelArn, ChimeBearer: AppInstanceUserArn, Content: 'once', Type: 'STANDARD', Persistence: 'PERSISTENT' }));
  expect(sent.$metadata.attempts).toBe(2);
  t.sandbox.controls.setFaults('none');
  const list = await messaging.send(new msg.ListChannelMessagesCommand({ ChannelArn, ChimeBearer: AppInstanceUserArn }));
  expect(list.ChannelMessages?.map((m) => m.MessageId)).toEqual([sent.MessageId]);
  messaging.destroy();
});

test('throttling then success: the SDK retries a 429 and succeeds', async () => {
  t = await startTestSandbox({ faults: 'throttle=0.5', random: replay(0.1, 0.2) }, { maxAttempts: 3 });
  const list = await t.client.send(new sdk.ListAppInstancesCommand({}));
  expect(list.$metadata.attempts).toBe(3);
  expect(list.$metadata.httpStatusCode).toBe(200);
});

test('faults beyond the retry budget surface as typed errors with their status', async () => {
  t = await startTestSandbox({ faults: 'throttle=0.5,unavailable=0.5', random: replay(0.1, 0.7) });
  const throttled = await rejectionOf(t.client.send(new sdk.ListAppInstancesCommand({})));
  expect(throttled).toBeInstanceOf(sdk.ThrottledClientException);
  expect([throttled.$metadata?.httpStatusCode, throttled.Code]).toEqual([429, 'Throttled']);
  const unavailable = await rejectionOf(t.client.send(new sdk.ListAppInstancesCommand({})));
  expect(unavailable).toBeInstanceOf(sdk.ServiceUnavailableException);
  expect([unavailable.$metadata?.httpStatusCode, unavailable.Code]).toEqual([503, 'ServiceUnavailable']);
});

test('latency delays each call', async () => {
  t = await startTestSandbox({ faults: 'latency=120' });
  const started = performance.now();
  await t.client.send(new sdk.ListAppInstancesCommand({}));
  expect(performance.now() - started).toBeGreaterThanOrEqual(110);
});

test('SigV4 verification on: the right keys pass, a wrong secret or key is ForbiddenException', async () => {
  t = await startTestSandbox({ accessKey: 'AKIDSANDBOXTEST', secretKey: 'right-secret' }, { credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'right-secret' } });
  const created = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'Signed', Tags: [{ Key: 'a b', Value: 'c/d' }] }));
  // Encoded ARNs in the path and query must verify too.
  await t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: created.AppInstanceArn }));
  await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: created.AppInstanceArn, MaxResults: 5 }));

  for (const credentials of [
    { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'wrong-secret' },
    { accessKeyId: 'AKIDOTHER', secretAccessKey: 'right-secret' },
  ]) {
    const bad = clientFor(t.sandbox, { credentials });
    const error = await rejectionOf(bad.send(new sdk.ListAppInstancesCommand({})));
    bad.destroy();
    expect(error).toBeInstanceOf(sdk.ForbiddenException);
    expect([error.$metadata?.httpStatusCode, error.Code]).toEqual([403, 'Forbidden']);
  }
});

test('SigV4 verification off (default): any key pair is accepted', async () => {
  t = await startTestSandbox();
  const other = clientFor(t.sandbox, { credentials: { accessKeyId: 'ANYTHING', secretAccessKey: 'whatever' } });
  await expect(other.send(new sdk.ListAppInstancesCommand({}))).resolves.toMatchObject({ AppInstances: [] });
  other.destroy();
});
