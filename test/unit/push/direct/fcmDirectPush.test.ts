/**
 * Direct push to FCM HTTP v1 against the sandbox's FCM emulator and its
 * OAuth2 token endpoint, with service accounts issued by
 * `POST /_sandbox/fcm-projects` (their token_uri is the sandbox's).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  DirectPushService,
  sandboxDirectPushOptions,
  type DirectPushServiceOptions,
} from '../../../../src/main/push/direct';
import { mountPushCloud, type MountedCloud } from './pushCloudSupport';

let m: MountedCloud;
let base: DirectPushServiceOptions;
let accountFile: string;
let privateKeyLine: string;
let pixel: { DeviceId: string; DeviceToken: string };
const services: DirectPushService[] = [];

beforeAll(async () => {
  m = await mountPushCloud();
  base = await sandboxDirectPushOptions(m.url);
  const { ServiceAccount } = await m.call<{ ServiceAccount: { private_key: string } }>(
    'POST',
    '/_sandbox/fcm-projects',
    { ProjectId: 'workbench-demo' },
  );
  privateKeyLine = ServiceAccount.private_key.split('\n')[1] ?? '';
  accountFile = m.file('workbench-demo-firebase-adminsdk.json', JSON.stringify(ServiceAccount, null, 2));
  pixel = await m.call('POST', '/_sandbox/devices', { Platform: 'GCM', Name: 'pixel', ProjectId: 'workbench-demo' });
});

afterEach(() => {
  for (const s of services.splice(0)) s.close();
});

afterAll(async () => {
  await m.close();
});

function service(): DirectPushService {
  const s = new DirectPushService(base);
  services.push(s);
  return s;
}

const push = (extra: Record<string, unknown> = {}) => ({
  service: 'fcm',
  token: pixel.DeviceToken,
  serviceAccountFile: accountFile,
  payload: { notification: { title: 'From FCM', body: 'direct' }, data: { k: 'v' }, android: { priority: 'HIGH' } },
  ...extra,
});

describe('direct push to FCM HTTP v1', () => {
  it('gets an access token from the account’s token_uri, sends, and the device receives it; the token is reused', async () => {
    const s = service();
    const result = await s.send(push());
    expect(result.ok ? result.value : result.error).toMatchObject({
      service: 'fcm',
      ok: true,
      status: 200,
      projectId: 'workbench-demo',
      messageName: expect.stringMatching(/^projects\/workbench-demo\/messages\/.+/),
      credentialLabel: expect.stringMatching(/@workbench-demo\.iam\.gserviceaccount\.com · workbench-demo$/),
    });
    expect(m.cloud.devices.listDeliveries({ DeviceId: pixel.DeviceId }).at(-1)).toMatchObject({
      Via: 'FCM',
      Title: 'From FCM',
      Body: 'direct',
    });
    expect((await s.send(push())).ok).toBe(true);
    expect(s.fcm.accessTokensFetched).toBe(1);
    expect(JSON.stringify(result)).not.toContain(privateKeyLine);
  });

  it('UNREGISTERED (404) for an uninstalled app, with advice', async () => {
    const phone = await m.call<{ DeviceId: string; DeviceToken: string }>('POST', '/_sandbox/devices', {
      Platform: 'GCM',
      Name: 'gone',
      ProjectId: 'workbench-demo',
    });
    await m.call('POST', `/_sandbox/devices/${phone.DeviceId}/uninstall`);
    const result = await service().send(push({ token: phone.DeviceToken }));
    expect(result.ok ? result.value : result.error).toMatchObject({
      ok: false,
      status: 404,
      errorCode: 'UNREGISTERED',
      rpcStatus: 'NOT_FOUND',
    });
    expect(result.ok && result.value.advice?.fix).toMatch(/new token/);
  });

  it('SENDER_ID_MISMATCH (403) for a device of another Firebase project', async () => {
    const other = await m.call<{ DeviceToken: string }>('POST', '/_sandbox/devices', {
      Platform: 'GCM',
      Name: 'other app',
      ProjectId: 'someone-else',
    });
    const result = await service().send(push({ token: other.DeviceToken }));
    expect(result.ok ? result.value : result.error).toMatchObject({
      ok: false,
      status: 403,
      errorCode: 'SENDER_ID_MISMATCH',
      rpcStatus: 'PERMISSION_DENIED',
    });
    expect(result.ok && result.value.advice?.fix).toMatch(/Firebase project the app is built with/);
  });

  it('INVALID_ARGUMENT (400) for an APNs token sent to FCM', async () => {
    const result = await service().send(push({ token: 'ab'.repeat(32) }));
    expect(result.ok ? result.value : result.error).toMatchObject({
      ok: false,
      status: 400,
      errorCode: 'INVALID_ARGUMENT',
    });
  });

  it('refuses invalid input before sending: a target inside the payload, non-string data, an oversized message', async () => {
    const s = service();
    for (const [payload, member] of [
      [{ topic: 'news' }, 'payload.topic'],
      [{ data: { count: 1 } }, 'payload.data'],
      [{ data: { big: 'x'.repeat(4096) } }, 'payload'],
    ] as [Record<string, unknown>, string][]) {
      const result = await s.send(push({ payload }));
      expect(result.ok ? undefined : result.error.issues?.map((i) => i.member), member).toContain(member);
    }
    expect(s.fcm.accessTokensFetched).toBe(0);
  });
});

describe('service account files', () => {
  it.each([
    [
      'not JSON',
      '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nSECRETBYTES',
      /is not JSON: choose the service account key/,
    ],
    [
      'another credential',
      JSON.stringify({ type: 'authorized_user', client_id: 'x', client_secret: 'SECRETBYTES', refresh_token: 'r' }),
      /type must be "service_account".*project_id is missing/,
    ],
    [
      'an unreadable key',
      JSON.stringify({
        type: 'service_account',
        project_id: 'p',
        private_key: '-----BEGIN PRIVATE KEY-----\nSECRETBYTES\n-----END PRIVATE KEY-----\n',
        client_email: 'a@p.iam.gserviceaccount.com',
      }),
      /private_key cannot be read/,
    ],
  ])('says clearly what is wrong with %s, without quoting it', async (_what, content, message) => {
    const file = m.file('bad-account.json', content);
    const result = await service().send(push({ serviceAccountFile: file }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'InvalidCredentials', message: expect.stringMatching(message) });
    expect(result.error.message).toMatch(/^bad-account\.json /);
    expect(JSON.stringify(result.error)).not.toContain('SECRETBYTES');
  });

  it('reports a key the token endpoint refuses (invalid_grant) with advice', async () => {
    // A well-formed account whose key the sandbox never issued.
    const { generateKeyPairSync } = await import('node:crypto');
    const { ServiceAccount } = await m.call<{ ServiceAccount: Record<string, string> }>(
      'POST',
      '/_sandbox/fcm-projects',
      { ProjectId: 'workbench-demo' },
    );
    const foreign = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    const file = m.file('revoked.json', JSON.stringify({ ...ServiceAccount, private_key: foreign }));
    const result = await service().send(push({ serviceAccountFile: file }));
    expect(result.ok ? result.value : result.error).toMatchObject({
      code: 'FcmAuthFailed',
      message: expect.stringMatching(/refused the service account .* \(invalid_grant/),
    });
    expect(result.ok ? undefined : result.error.advice?.fix).toMatch(/new key/);
  });
});
