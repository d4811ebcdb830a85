/** The shared core: control routes refuse browsers, one fault grammar, SigV4 scope per service and region. */
import * as id from '@aws-sdk/client-chime-sdk-identity';
import * as pp from '@aws-sdk/client-pinpoint';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, expect, test } from 'vitest';
import { SandboxError } from '../../../src/main/sandbox/core/errors';
import { formatFaults, parseFaultSpec } from '../../../src/main/sandbox/core/faults';
import { checkSignature } from '../../../src/main/sandbox/core/sigv4';
import { CHIME_FAULT_ERRORS } from '../../../src/main/sandbox/identity/service';
import { rejectionOf, startTestSandbox, type TestSandbox } from './support';

let t: TestSandbox | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

test('every /_sandbox/ route refuses a request with a browser Origin, before doing anything', async () => {
  t = await startTestSandbox({ seed: 'demo' });
  const before = t.sandbox.controls.faults;
  for (const [method, path] of [
    ['GET', '/_sandbox/health'],
    ['POST', '/_sandbox/faults'],
    ['GET', '/_sandbox/faults'],
    ['POST', '/_sandbox/endpoint-state'],
    ['POST', '/_sandbox/devices'],
    ['GET', '/_sandbox/deliveries?DeviceId=x'],
    ['POST', '/_sandbox/apns-keys'],
    ['POST', '/_sandbox/sso/approve'],
    ['POST', '/_sandbox/a-route-added-later'],
  ] as const) {
    const response = await fetch(`${t.sandbox.url}${path}`, {
      method,
      headers: { Origin: 'https://attacker.example' },
      ...(method === 'POST' && { body: JSON.stringify({ throttle: 1 }) }),
    });
    expect([path, response.status, response.headers.get('x-amzn-errortype')]).toEqual([path, 403, 'ForbiddenException']);
  }
  expect(t.sandbox.controls.faults).toEqual(before);
  const devicesBefore = t.sandbox.pushCloud.devices.list().length;
  const refused = await fetch(`${t.sandbox.url}/_sandbox/devices`, { method: 'POST', headers: { Origin: 'http://localhost:3000' }, body: '{"Platform":"APNS"}' });
  expect(refused.status).toBe(403);
  expect(t.sandbox.pushCloud.devices.list()).toHaveLength(devicesBefore);
  // Without Origin (curl, the CLI, tests) the same routes work.
  expect((await fetch(`${t.sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{"spec":"latency=1"}' })).status).toBe(200);
  // Origin does not matter to the AWS API routes (SigV4 protects them).
  const health = (await (await fetch(`${t.sandbox.url}/_sandbox/health`)).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ status: 'ok', services: ['messaging', 'identity', 'pinpoint', 'iam', 'sts', 'sso-oidc', 'sso', 'push-cloud'] });
  expect(health['apns']).toMatchObject({ production: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), sandbox: expect.stringMatching(/^https:/) });
  expect(health['fcm']).toBe(t.sandbox.url);
});

test('one fault grammar: spec and JSON forms, deny lists, after-commit; bad input is refused', async () => {
  expect(parseFaultSpec('throttle=0.2,unavailable=0.05,latency=50,deny=chime:SendChannelMessage|mobiletargeting:GetApp,after-commit=0.1')).toEqual({
    throttle: 0.2,
    unavailable: 0.05,
    latencyMs: 50,
    deny: ['chime:SendChannelMessage', 'mobiletargeting:GetApp'],
    afterCommit: 0.1,
  });
  expect(formatFaults(parseFaultSpec('deny=iam:GetRole,after-commit=0.5'))).toBe('throttle=0,unavailable=0,latency=0,deny=iam:GetRole,after-commit=0.5');
  for (const bad of ['deny=GetApp', 'deny=', 'after-commit=2', 'throttle=-1', 'latency=x', 'explode=1', 'throttle']) {
    expect(() => parseFaultSpec(bad), bad).toThrow();
  }
  t = await startTestSandbox();
  const post = async (body: unknown) => {
    const r = await fetch(`${t!.sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  expect(await post({ deny: ['mobiletargeting:GetApp'], 'after-commit': 0.25 })).toMatchObject({ status: 200, body: { deny: ['mobiletargeting:GetApp'], 'after-commit': 0.25 } });
  expect(await post({ spec: 'deny=chime:CreateChannel|chime:SendChannelMessage' })).toMatchObject({ status: 200, body: { deny: ['chime:CreateChannel', 'chime:SendChannelMessage'] } });
  expect(await post({ deny: 'not an action' })).toMatchObject({ status: 400 });
  expect(t.sandbox.controls.faults.deny).toEqual(['chime:CreateChannel', 'chime:SendChannelMessage']);
});

async function signed(service: string, region: string, secret = 'right-secret') {
  const signer = new SignatureV4({ credentials: { accessKeyId: 'AKID', secretAccessKey: secret }, region, service, sha256: Hash.bind(null, 'sha256') });
  const request = await signer.sign(new HttpRequest({ method: 'POST', hostname: '127.0.0.1', path: '/', headers: { host: '127.0.0.1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' }));
  return { method: 'POST', rawPath: '/', query: new URLSearchParams(), headers: request.headers as Record<string, string>, body: String(request.body) };
}

test('SigV4: the scope must name the service; global services are accepted for us-east-1 whatever region is served', async () => {
  const keys = { accessKeyId: 'AKID', secretAccessKey: 'right-secret' };
  const sts = { signingName: 'sts', regions: ['eu-west-1', 'us-east-1'] };
  await expect(checkSignature(await signed('sts', 'us-east-1'), keys, sts, CHIME_FAULT_ERRORS)).resolves.toBeUndefined();
  await expect(checkSignature(await signed('sts', 'eu-west-1'), keys, sts, CHIME_FAULT_ERRORS)).resolves.toBeUndefined();
  await expect(checkSignature(await signed('sts', 'ap-south-1'), keys, sts, CHIME_FAULT_ERRORS)).rejects.toThrow(/valid region/);
  await expect(checkSignature(await signed('iam', 'us-east-1'), keys, sts, CHIME_FAULT_ERRORS)).rejects.toThrow(/correct service: 'sts'/);
  await expect(checkSignature(await signed('sts', 'us-east-1', 'wrong'), keys, sts, CHIME_FAULT_ERRORS)).rejects.toBeInstanceOf(SandboxError);
  // A regional service is held to the served region only.
  await expect(checkSignature(await signed('chime', 'us-east-1'), keys, { signingName: 'chime', regions: ['eu-west-1'] }, CHIME_FAULT_ERRORS)).rejects.toThrow(/valid region/);
});

test('SigV4 verification per service: Pinpoint verifies with mobiletargeting, Identity with chime, on a non-default region', async () => {
  const credentials = { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'right-secret' };
  t = await startTestSandbox({ region: 'eu-west-1', accessKey: credentials.accessKeyId, secretKey: credentials.secretAccessKey }, { credentials });
  const pinpoint = (region: string, secretAccessKey = credentials.secretAccessKey) =>
    new pp.PinpointClient({ endpoint: t!.sandbox.url, region, credentials: { ...credentials, secretAccessKey }, maxAttempts: 1 });
  const good = pinpoint('eu-west-1');
  const app = (await good.send(new pp.CreateAppCommand({ CreateApplicationRequest: { Name: 'Signed' } }))).ApplicationResponse;
  expect(app?.Arn).toMatch(/^arn:aws:mobiletargeting:eu-west-1:000000000000:apps\//);
  for (const bad of [pinpoint('us-east-1'), pinpoint('eu-west-1', 'wrong')]) {
    expect(await rejectionOf(bad.send(new pp.GetAppsCommand({})))).toBeInstanceOf(pp.ForbiddenException);
    bad.destroy();
  }
  good.destroy();
  const identity = new id.ChimeSDKIdentityClient({ endpoint: t.sandbox.url, region: 'eu-west-1', credentials, maxAttempts: 1 });
  await expect(identity.send(new id.ListAppInstancesCommand({}))).resolves.toBeDefined();
  identity.destroy();
});
