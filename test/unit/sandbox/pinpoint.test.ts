/** Pinpoint through the real @aws-sdk/client-pinpoint client, and what it means for endpoint validation. */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as pp from '@aws-sdk/client-pinpoint';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../../src/main/sandbox';
import { APNS_TOKEN, rejectionOf, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox;
let p: pp.PinpointClient;
let clock = 1_700_000_000_000;

beforeEach(async () => {
  t = await startTestSandbox({ now: () => clock, validationDelayMs: 2000 });
  p = new pp.PinpointClient({ endpoint: t.sandbox.url, region: 'us-east-1', credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
});
afterEach(async () => {
  p.destroy();
  await t.close();
});

const createApp = async (Name = 'App') => (await p.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name, tags: { team: 'ios' } } }))).ApplicationResponse!;
const TOKEN_CREDENTIALS = { BundleId: 'com.example.app', TeamId: 'TEAM123456', TokenKeyId: 'KEY1234567', TokenKey: '-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----' };

test('apps: create (201) with a 32-hex id and the real ARN, get, list with paging, delete; errors carry Message and RequestID', async () => {
  const created = await p.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: 'First' } }));
  expect(created.$metadata.httpStatusCode).toBe(201);
  const app = created.ApplicationResponse!;
  expect(app.Id).toMatch(/^[0-9a-f]{32}$/);
  expect(app.Arn).toBe(`arn:aws:mobiletargeting:us-east-1:000000000000:apps/${app.Id}`);
  expect((await p.send(new pp.GetAppCommand({ ApplicationId: app.Id }))).ApplicationResponse).toMatchObject({ Name: 'First', Id: app.Id });
  for (let i = 0; i < 4; i++) await createApp(`more${i}`);
  const ids: string[] = [];
  let Token: string | undefined;
  do {
    const page = (await p.send(new pp.GetAppsCommand({ PageSize: '2', Token }))).ApplicationsResponse!;
    ids.push(...(page.Item ?? []).map((a) => a.Id ?? ''));
    Token = page.NextToken;
  } while (Token);
  // The test support adds one app of its own.
  expect(new Set(ids).size).toBe(6);
  expect(await rejectionOf(p.send(new pp.GetAppsCommand({ PageSize: 'ten' })))).toBeInstanceOf(pp.BadRequestException);
  expect((await p.send(new pp.DeleteAppCommand({ ApplicationId: app.Id }))).ApplicationResponse?.Name).toBe('First');
  const missing = await rejectionOf(p.send(new pp.GetAppCommand({ ApplicationId: app.Id })));
  expect(missing).toBeInstanceOf(pp.NotFoundException);
  expect((missing as pp.NotFoundException).RequestID).toMatch(/^[0-9a-f-]{36}$/);
  expect(await rejectionOf(p.send(new pp.CreateAppCommand({ CreateApplicationRequest: {} as pp.CreateApplicationRequest })))).toBeInstanceOf(pp.BadRequestException);
});

test('the five push channels: update creates, get, version bumps, delete; credentials are required', async () => {
  const app = await createApp();
  const ApplicationId = app.Id;
  const apns = await p.send(new pp.UpdateApnsChannelCommand({ ApplicationId, APNSChannelRequest: { ...TOKEN_CREDENTIALS, Enabled: true } }));
  expect(apns.APNSChannelResponse).toMatchObject({ Platform: 'APNS', Id: 'apns', ApplicationId, Enabled: true, HasCredential: true, HasTokenKey: true, DefaultAuthenticationMethod: 'TOKEN', Version: 1 });
  await p.send(new pp.UpdateApnsSandboxChannelCommand({ ApplicationId, APNSSandboxChannelRequest: { Certificate: 'cert', PrivateKey: 'key' } }));
  await p.send(new pp.UpdateApnsVoipChannelCommand({ ApplicationId, APNSVoipChannelRequest: TOKEN_CREDENTIALS }));
  await p.send(new pp.UpdateApnsVoipSandboxChannelCommand({ ApplicationId, APNSVoipSandboxChannelRequest: TOKEN_CREDENTIALS }));
  const gcm = await p.send(new pp.UpdateGcmChannelCommand({ ApplicationId, GCMChannelRequest: { ServiceJson: JSON.stringify({ type: 'service_account', private_key: 'k', client_email: 'a@b.c' }), DefaultAuthenticationMethod: 'TOKEN' } }));
  expect(gcm.GCMChannelResponse).toMatchObject({ Platform: 'GCM', Id: 'gcm', HasFcmServiceCredentials: true });

  expect((await p.send(new pp.GetApnsSandboxChannelCommand({ ApplicationId }))).APNSSandboxChannelResponse).toMatchObject({ Platform: 'APNS_SANDBOX', DefaultAuthenticationMethod: 'CERTIFICATE', HasTokenKey: false });
  expect((await p.send(new pp.GetApnsVoipChannelCommand({ ApplicationId }))).APNSVoipChannelResponse?.Platform).toBe('APNS_VOIP');
  expect((await p.send(new pp.GetApnsVoipSandboxChannelCommand({ ApplicationId }))).APNSVoipSandboxChannelResponse?.Platform).toBe('APNS_VOIP_SANDBOX');
  expect(Object.keys((await p.send(new pp.GetChannelsCommand({ ApplicationId }))).ChannelsResponse?.Channels ?? {}).sort()).toEqual(['APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'GCM']);

  // Disabling keeps the credentials; the version counts updates.
  const disabled = await p.send(new pp.UpdateApnsChannelCommand({ ApplicationId, APNSChannelRequest: { Enabled: false } }));
  expect(disabled.APNSChannelResponse).toMatchObject({ Enabled: false, HasCredential: true, Version: 2 });
  expect(await rejectionOf(p.send(new pp.UpdateGcmChannelCommand({ ApplicationId: (await createApp()).Id, GCMChannelRequest: { Enabled: true } })))).toBeInstanceOf(pp.BadRequestException);
  expect(await rejectionOf(p.send(new pp.UpdateApnsChannelCommand({ ApplicationId: (await createApp()).Id, APNSChannelRequest: { BundleId: 'only' } })))).toBeInstanceOf(pp.BadRequestException);
  expect(await rejectionOf(p.send(new pp.UpdateGcmChannelCommand({ ApplicationId, GCMChannelRequest: { ServiceJson: '{"not":"an account"}' } })))).toBeInstanceOf(pp.BadRequestException);

  expect((await p.send(new pp.DeleteGcmChannelCommand({ ApplicationId }))).GCMChannelResponse?.Platform).toBe('GCM');
  expect(await rejectionOf(p.send(new pp.GetGcmChannelCommand({ ApplicationId })))).toBeInstanceOf(pp.NotFoundException);
  expect(await rejectionOf(p.send(new pp.DeleteApnsVoipChannelCommand({ ApplicationId: 'f'.repeat(32) })))).toBeInstanceOf(pp.NotFoundException);
});

test('faults speak Pinpoint: throttle is TooManyRequestsException, deny=mobiletargeting:GetApp is ForbiddenException', async () => {
  const app = await createApp();
  t.sandbox.controls.setFaults('deny=mobiletargeting:GetApp');
  expect(await rejectionOf(p.send(new pp.GetAppCommand({ ApplicationId: app.Id })))).toBeInstanceOf(pp.ForbiddenException);
  await expect(p.send(new pp.GetAppsCommand({}))).resolves.toBeDefined();
  // RegisterAppInstanceUserEndpoint needs mobiletargeting:GetApp on the app too.
  const { AppInstanceArn } = await t.client.send(new id.CreateAppInstanceCommand({ Name: 'I' }));
  const { AppInstanceUserArn } = await t.client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'u', Name: 'U' }));
  const register = () => t.client.send(new id.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn, Type: 'APNS', ResourceArn: app.Arn, EndpointAttributes: { DeviceToken: APNS_TOKEN } }));
  expect(await rejectionOf(register())).toBeInstanceOf(id.ForbiddenException);
  t.sandbox.controls.setFaults('none');
  await expect(register()).resolves.toMatchObject({ AppInstanceUserArn });
  t.sandbox.controls.setFaults('throttle=1');
  const throttled = await rejectionOf(p.send(new pp.GetAppsCommand({})));
  expect([throttled.name, throttled.$metadata?.httpStatusCode]).toEqual(['TooManyRequestsException', 429]);
});

test('an endpoint naming a Pinpoint app that does not exist turns INACTIVE INVALID_PINPOINT_ARN after the delay', async () => {
  const app = await createApp();
  const { AppInstanceArn } = await t.client.send(new id.CreateAppInstanceCommand({ Name: 'I' }));
  const { AppInstanceUserArn } = await t.client.send(new id.CreateAppInstanceUserCommand({ AppInstanceArn, AppInstanceUserId: 'u', Name: 'U' }));
  const register = async (ResourceArn: string, DeviceToken: string) =>
    (await t.client.send(new id.RegisterAppInstanceUserEndpointCommand({ AppInstanceUserArn, Type: 'APNS', ResourceArn, EndpointAttributes: { DeviceToken } }))).EndpointId ?? '';
  const stateOf = async (EndpointId: string) =>
    (await t.client.send(new id.DescribeAppInstanceUserEndpointCommand({ AppInstanceUserArn, EndpointId }))).AppInstanceUserEndpoint?.EndpointState;
  const good = await register(app.Arn!, APNS_TOKEN);
  const ghost = await register('arn:aws:mobiletargeting:us-east-1:000000000000:apps/00000000000000000000000000000000', 'cd'.repeat(32));
  const otherRegion = await register(`arn:aws:mobiletargeting:eu-west-1:000000000000:apps/${app.Id}`, 'ef'.repeat(32));
  expect(await stateOf(ghost)).toEqual({ Status: 'ACTIVE' });
  clock += 2000;
  expect(await stateOf(good)).toEqual({ Status: 'ACTIVE' });
  expect(await stateOf(ghost)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_PINPOINT_ARN' });
  expect(await stateOf(otherRegion)).toEqual({ Status: 'INACTIVE', StatusReason: 'INVALID_PINPOINT_ARN' });
});
