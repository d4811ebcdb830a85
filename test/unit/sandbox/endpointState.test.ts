/** EndpointState simulation with an injected clock, and the control routes. */
import * as sdk from '@aws-sdk/client-chime-sdk-identity';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { APNS_TOKEN, FCM_TOKEN, PINPOINT_ARN, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox;
let clock = 1_700_000_000_000;
let userArn = '';

beforeAll(async () => {
  t = await startTestSandbox({ now: () => clock, validationDelayMs: 2000, seed: 'demo' });
  const { AppInstanceArn } = await t.client.send(new sdk.CreateAppInstanceCommand({ Name: 'States' }));
  userArn = (await t.client.send(new sdk.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'u', Name: 'U' }))).AppInstanceUserArn ?? '';
});
afterAll(() => t.close());

const register = async (Type: 'APNS' | 'APNS_SANDBOX' | 'GCM', DeviceToken: string, ResourceArn = PINPOINT_ARN) =>
  (await t.client.send(new sdk.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, Type, ResourceArn, EndpointAttributes: { DeviceToken } }))).EndpointId ?? '';
const stateOf = async (EndpointId: string) =>
  (await t.client.send(new sdk.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn: userArn, EndpointId }))).AppInstanceUserEndpoint?.EndpointState;
const post = async (path: string, body: unknown) => {
  const response = await fetch(`${t.sandbox.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: (await response.json()) as Record<string, unknown> };
};

test('new endpoints are ACTIVE, then validation turns bad ones INACTIVE after the delay', async () => {
  const good = await register('APNS', APNS_TOKEN);
  const goodFcm = await register('GCM', FCM_TOKEN);
  const badToken = await register('APNS', '<ab cd ef>');
  const fcmAsApns = await register('APNS_SANDBOX', `x${FCM_TOKEN}`);
  const snsArn = await register('APNS', 'ef'.repeat(32), 'arn:aws:sns:us-east-1:000000000000:app/APNS/x');
  for (const id of [good, goodFcm, badToken, fcmAsApns, snsArn]) expect(await stateOf(id)).toEqual({ Status: 'ACTIVE' });

  clock += 1999;
  expect(await stateOf(badToken)).toEqual({ Status: 'ACTIVE' });
  clock += 1;
  expect(await stateOf(good)).toEqual({ Status: 'ACTIVE' });
  expect(await stateOf(goodFcm)).toEqual({ Status: 'ACTIVE' });
  expect(await stateOf(badToken)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  expect(await stateOf(fcmAsApns)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  expect(await stateOf(snsArn)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_PINPOINT_ARN' });
  const list = await t.client.send(new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: userArn }));
  expect(list.AppInstanceUserEndpoints?.find((e) => e.EndpointId === snsArn)?.EndpointState?.StatusReason).toBe('INVALID_PINPOINT_ARN');
});

test('POST /_sandbox/endpoint-state flips a state by hand; AUTO returns it to the simulation', async () => {
  const id = await register('APNS', '12'.repeat(32));
  const flipped = await post('/_sandbox/endpoint-state', { AppInstanceUserArn: userArn, EndpointId: id, Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  expect(flipped).toMatchObject({ status: 200, body: { EndpointState: { Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' } } });
  expect(await stateOf(id)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_DEVICE_TOKEN' });
  await post('/_sandbox/endpoint-state', { AppInstanceUserArn: userArn, EndpointId: id, Status: 'AUTO' });
  expect(await stateOf(id)).toEqual({ Status: 'ACTIVE' });

  expect(await post('/_sandbox/endpoint-state', { AppInstanceUserArn: userArn, EndpointId: 'nope', Status: 'ACTIVE' })).toMatchObject({ status: 404, type: 'NotFoundException' });
  expect(await post('/_sandbox/endpoint-state', { AppInstanceUserArn: userArn, EndpointId: id, Status: 'BROKEN' })).toMatchObject({ status: 400, type: 'BadRequestException' });
});

test('POST /_sandbox/faults sets faults from an object or a spec; bad input is a 400', async () => {
  expect(await post('/_sandbox/faults', { throttle: 0.25, latency: 5 })).toMatchObject({ status: 200, body: { throttle: 0.25, unavailable: 0, latency: 5 } });
  expect(t.sandbox.controls.faults).toEqual({ throttle: 0.25, unavailable: 0, latencyMs: 5 });
  expect(await post('/_sandbox/faults', { spec: 'unavailable=0.1' })).toMatchObject({ status: 200, body: { spec: 'throttle=0,unavailable=0.1,latency=0' } });
  expect(await post('/_sandbox/faults', { throttle: 2 })).toMatchObject({ status: 400, type: 'BadRequestException' });
  expect(await post('/_sandbox/faults', { bogus: 1 })).toMatchObject({ status: 400 });
  await post('/_sandbox/faults', {});
  expect(t.sandbox.controls.faults).toEqual({ throttle: 0, unavailable: 0, latencyMs: 0 });
});

test('GET /_sandbox/health answers 200 without a signature', async () => {
  const response = await fetch(`${t.sandbox.url}/_sandbox/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', region: 'us-east-1' });
});

test('--seed demo: "Demo push app" with endpoints in every state', async () => {
  const demo = t.sandbox.demoAppInstanceArn ?? '';
  expect((await t.client.send(new sdk.DescribeAppInstanceCommand({ AppInstanceArn: demo }))).AppInstance?.Name).toBe('Demo push app');
  const users = await t.client.send(new sdk.ListAppInstanceUsersCommand({ AppInstanceArn: demo, MaxResults: 50 }));
  const seen: string[] = [];
  for (const user of users.AppInstanceUsers ?? []) {
    const { AppInstanceUserEndpoints = [] } = await t.client.send(new sdk.ListAppInstanceUserEndpointsCommand({ AppInstanceUserArn: user.AppInstanceUserArn }));
    for (const e of AppInstanceUserEndpoints) seen.push(`${e.Type} ${e.EndpointState?.Status} ${e.EndpointState?.StatusReason ?? '-'} ${e.AllowMessages}`);
  }
  expect(new Set(seen)).toEqual(
    new Set([
      'APNS ACTIVE - ALL',
      'GCM ACTIVE - ALL',
      'APNS_SANDBOX ACTIVE - ALL',
      'APNS INACTIVE INVALID_DEVICE_TOKEN ALL',
      'APNS INACTIVE INVALID_PINPOINT_ARN ALL',
      'APNS ACTIVE - NONE',
    ]),
  );
});
