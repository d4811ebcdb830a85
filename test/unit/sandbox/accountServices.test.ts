/**
 * IAM, STS and Identity Center inside the real sandbox (startSandbox), with
 * the real clients: global-region signatures, issued credentials accepted by
 * every service, deny= per service, the devices routes over HTTP, and every
 * state slice surviving a restart with --data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as iam from '@aws-sdk/client-iam';
import * as pp from '@aws-sdk/client-pinpoint';
import * as oidc from '@aws-sdk/client-sso-oidc';
import * as sso from '@aws-sdk/client-sso';
import * as sts from '@aws-sdk/client-sts';
import { afterEach, expect, test } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../src/main/sandbox';
import { rejectionOf } from './support';

const KEYS = { accessKeyId: 'AKIDVERIFIED', secretAccessKey: 'verified-secret' };
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' }] });
let sandbox: RunningSandbox | undefined;
const clients: { destroy(): void }[] = [];
const track = <C extends { destroy(): void }>(c: C): C => (clients.push(c), c);
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await sandbox?.close();
  sandbox = undefined;
});

test('on a sandbox serving eu-west-1 with verification on: IAM signed for us-east-1 works, a third region is refused; STS keys work for Chime and Pinpoint', async () => {
  sandbox = await startSandbox({ port: 0, region: 'eu-west-1', accessKey: KEYS.accessKeyId, secretKey: KEYS.secretAccessKey });
  const url = sandbox.url;
  // IAMClient signs for us-east-1 (IAM is global) whatever region it is given.
  const i = track(new iam.IAMClient({ endpoint: url, region: 'us-east-1', credentials: KEYS, maxAttempts: 1 }));
  const { Role } = await i.send(new iam.CreateRoleCommand({ RoleName: 'Dev', AssumeRolePolicyDocument: TRUST }));
  expect(Role?.Arn).toBe('arn:aws:iam::000000000000:role/Dev');
  expect((await i.send(new iam.GetRoleCommand({ RoleName: 'Dev' }))).Role?.RoleName).toBe('Dev');
  const elsewhere = track(new sts.STSClient({ endpoint: url, region: 'ap-south-1', credentials: KEYS, maxAttempts: 1 }));
  const refused = await rejectionOf(elsewhere.send(new sts.GetCallerIdentityCommand({})));
  expect(refused.$metadata?.httpStatusCode).toBe(403);
  // A wrong secret: SignatureDoesNotMatch, as IAM says it.
  const wrong = track(new iam.IAMClient({ endpoint: url, region: 'us-east-1', credentials: { ...KEYS, secretAccessKey: 'nope' }, maxAttempts: 1 }));
  expect((await rejectionOf(wrong.send(new iam.GetRoleCommand({ RoleName: 'Dev' })))).name).toBe('SignatureDoesNotMatch');

  const s = track(new sts.STSClient({ endpoint: url, region: 'eu-west-1', credentials: KEYS, maxAttempts: 1 }));
  const { Credentials } = await s.send(new sts.AssumeRoleCommand({ RoleArn: Role?.Arn, RoleSessionName: 'dev' }));
  const issued = { accessKeyId: Credentials?.AccessKeyId ?? '', secretAccessKey: Credentials?.SecretAccessKey ?? '', sessionToken: Credentials?.SessionToken ?? '' };
  const chime = track(new id.ChimeSDKIdentityClient({ endpoint: url, region: 'eu-west-1', credentials: issued, maxAttempts: 1 }));
  expect((await chime.send(new id.CreateAppInstanceCommand({ Name: 'With STS keys' }))).AppInstanceArn).toMatch(/^arn:aws:chime:eu-west-1:/);
  const pin = track(new pp.PinpointClient({ endpoint: url, region: 'eu-west-1', credentials: issued, maxAttempts: 1 }));
  expect((await pin.send(new pp.GetAppsCommand({}))).ApplicationsResponse?.Item).toEqual([]);
  expect((await track(new sts.STSClient({ endpoint: url, region: 'us-east-1', credentials: issued, maxAttempts: 1 })).send(new sts.GetCallerIdentityCommand({}))).Arn).toBe(
    'arn:aws:sts::000000000000:assumed-role/Dev/dev',
  );
  // Without its session token an issued key is refused by every service.
  const tokenless = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey };
  const noToken = await rejectionOf(track(new id.ChimeSDKIdentityClient({ endpoint: url, region: 'eu-west-1', credentials: tokenless, maxAttempts: 1 })).send(new id.ListAppInstancesCommand({})));
  expect(noToken.$metadata?.httpStatusCode).toBe(403);
  expect((await rejectionOf(track(new iam.IAMClient({ endpoint: url, region: 'us-east-1', credentials: tokenless, maxAttempts: 1 })).send(new iam.ListRolesCommand({})))).name).toBe(
    'InvalidClientTokenId',
  );
});

test('deny= names actions of every service and each answers its own access-denied error', async () => {
  sandbox = await startSandbox({ port: 0, faults: 'deny=iam:GetRole|sts:GetCallerIdentity|sso-oauth:RegisterClient|chime:ListAppInstances|mobiletargeting:GetApps' });
  const config = { endpoint: sandbox.url, region: 'us-east-1', credentials: KEYS, maxAttempts: 1 };
  const i = track(new iam.IAMClient(config));
  await i.send(new iam.CreateRoleCommand({ RoleName: 'Allowed', AssumeRolePolicyDocument: TRUST }));
  expect((await rejectionOf(i.send(new iam.GetRoleCommand({ RoleName: 'Allowed' })))).name).toBe('AccessDenied');
  expect((await rejectionOf(track(new sts.STSClient(config)).send(new sts.GetCallerIdentityCommand({})))).name).toBe('AccessDenied');
  expect((await rejectionOf(track(new oidc.SSOOIDCClient({ endpoint: sandbox.url, region: 'us-east-1', maxAttempts: 1 })).send(new oidc.RegisterClientCommand({ clientName: 'x', clientType: 'public' })))).name).toBe(
    'AccessDeniedException',
  );
  expect((await rejectionOf(track(new id.ChimeSDKIdentityClient(config)).send(new id.ListAppInstancesCommand({})))).name).toBe('ForbiddenException');
  expect((await rejectionOf(track(new pp.PinpointClient(config)).send(new pp.GetAppsCommand({})))).name).toBe('ForbiddenException');
});

test('devices routes over HTTP; every slice (IAM, STS keys, Identity Center, devices, deliveries, events, CA, issued keys) survives a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'account-slices-'));
  const dataFile = join(dir, 'state.json');
  try {
    sandbox = await startSandbox({ port: 0, dataFile });
    const url = sandbox.url;
    const post = async (path: string, body: unknown) => {
      const r = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
      return { status: r.status, type: r.headers.get('x-amzn-errortype'), body: (await r.json()) as Record<string, unknown> };
    };
    const phone = await post('/_sandbox/devices', { Platform: 'APNS_SANDBOX', Name: 'Test phone', Voip: true, BundleId: 'com.example.app' });
    expect(phone.status).toBe(200);
    expect(phone.body).toMatchObject({ Platform: 'APNS_SANDBOX', Name: 'Test phone', DeviceToken: expect.stringMatching(/^[0-9a-f]{64}$/), VoipDeviceToken: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await post('/_sandbox/devices', { Platform: 'GCM', Voip: true })).toMatchObject({ status: 400, type: 'BadRequestException' });
    expect(await post('/_sandbox/devices/nope/uninstall', {})).toMatchObject({ status: 404, type: 'NotFoundException' });
    const listed = (await (await fetch(`${url}/_sandbox/devices`)).json()) as { Devices: Array<{ DeviceId: string }> };
    expect(listed.Devices.map((d) => d.DeviceId)).toEqual([phone.body['DeviceId']]);
    const key = await post('/_sandbox/apns-keys', { TeamId: 'TEAM123456', BundleIds: ['com.example.app'] });
    expect(key.body).toMatchObject({ KeyId: expect.stringMatching(/^[A-Z0-9]{10}$/), P8: expect.stringContaining('PRIVATE KEY') });
    sandbox.pushCloud.devices.recordFailureEvent({ account: '000000000000', region: 'us-east-1', resources: ['x'], detail: { rule: 'kept' } });
    // A filtered deliveries query (the query string reaches the route).
    const filtered = (await (await fetch(`${url}/_sandbox/deliveries?DeviceId=${String(phone.body['DeviceId'])}`)).json()) as { Deliveries: unknown[] };
    expect(filtered.Deliveries).toEqual([]);
    expect((await fetch(`${url}/_sandbox/deliveries?Via=PIGEON`)).status).toBe(400);
    const caBefore = await (await fetch(`${url}/_sandbox/ca.pem`)).text();
    expect(caBefore).toContain('BEGIN CERTIFICATE');

    const config = { endpoint: url, region: 'us-east-1', credentials: KEYS, maxAttempts: 1 };
    const { Role } = await track(new iam.IAMClient(config)).send(new iam.CreateRoleCommand({ RoleName: 'Kept', AssumeRolePolicyDocument: TRUST }));
    const { Credentials } = await track(new sts.STSClient(config)).send(new sts.AssumeRoleCommand({ RoleArn: Role?.Arn, RoleSessionName: 'kept' }));
    const o = track(new oidc.SSOOIDCClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1 }));
    const client = await o.send(new oidc.RegisterClientCommand({ clientName: 'kept', clientType: 'public' }));
    const start = await o.send(new oidc.StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://sandbox.awsapps.com/start' }));
    expect((await post('/_sandbox/sso/approve', { UserCode: start.userCode })).body).toMatchObject({ Status: 'APPROVED' });
    const token = await o.send(new oidc.CreateTokenCommand({ clientId: client.clientId, clientSecret: client.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: start.deviceCode }));
    await sandbox.close();
    for (const c of clients.splice(0)) c.destroy();

    sandbox = await startSandbox({ port: 0, dataFile });
    const again = { endpoint: sandbox.url, region: 'us-east-1', maxAttempts: 1 };
    expect((await track(new iam.IAMClient({ ...again, credentials: KEYS })).send(new iam.GetRoleCommand({ RoleName: 'Kept' }))).Role?.Arn).toBe(Role?.Arn);
    const issued = { accessKeyId: Credentials?.AccessKeyId ?? '', secretAccessKey: Credentials?.SecretAccessKey ?? '', sessionToken: Credentials?.SessionToken ?? '' };
    expect((await track(new sts.STSClient({ ...again, credentials: issued })).send(new sts.GetCallerIdentityCommand({}))).Arn).toContain('assumed-role/Kept/kept');
    const accounts = await track(new sso.SSOClient(again)).send(new sso.ListAccountsCommand({ accessToken: token.accessToken }));
    expect(accounts.accountList?.map((a) => a.accountId)).toEqual(['000000000000']);
    expect(((await (await fetch(`${sandbox.url}/_sandbox/devices`)).json()) as { Devices: Array<{ DeviceId: string }> }).Devices.map((d) => d.DeviceId)).toEqual([phone.body['DeviceId']]);
    expect(sandbox.pushCloud.devices.listEvents().map((e) => e.detail['rule'])).toEqual(['kept']);
    expect(await (await fetch(`${sandbox.url}/_sandbox/ca.pem`)).text()).toBe(caBefore);
    expect(JSON.stringify(sandbox.pushCloud.credentials.toJSON())).toContain(String(key.body['KeyId']));
  } finally {
    await sandbox?.close();
    sandbox = undefined;
    await rm(dir, { recursive: true, force: true });
  }
});
