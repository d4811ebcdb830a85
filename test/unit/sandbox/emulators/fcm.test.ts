/**
 * FCM HTTP v1 and its OAuth2 token endpoint, driven over plain HTTP as a
 * backend would: google-auth-library is not installed here, so the
 * service-account assertion is signed with jose exactly as it signs it
 * (RS256, kid = private_key_id, iss = client_email, aud = token_uri).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPKCS8, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlausibleDeviceToken } from '../../../../src/shared/chime/deviceTokens';
import { DeviceRegistry, type DeviceRecord } from '../../../../src/main/sandbox/devices';
import { PushCredentials } from '../../../../src/main/sandbox/emulators/credentials';
import { FcmEmulator, handleFcmIssueControl, type ServiceAccountJson } from '../../../../src/main/sandbox/emulators/fcm';

const MESSAGING = 'https://www.googleapis.com/auth/firebase.messaging';
let clock = Date.parse('2026-11-30T12:00:00Z');
const now = () => clock;
const seconds = () => Math.floor(clock / 1000);

let server: Server;
let url: string;
let devices: DeviceRegistry;
let credentials: PushCredentials;
let emulator: FcmEmulator;
let account: ServiceAccountJson;
let otherAccount: ServiceAccountJson;
let phone: DeviceRecord;
let iphone: DeviceRecord;

beforeAll(async () => {
  devices = new DeviceRegistry({ now });
  credentials = new PushCredentials();
  emulator = new FcmEmulator({ devices, credentials, now, quotaPerDevicePerMinute: 5 });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.url ?? '/';
      const control = handleFcmIssueControl({ credentials, baseUrl: url, now }, req.method ?? 'GET', target, body);
      if (control) return void res.writeHead(control.status, { 'content-type': 'application/json' }).end(JSON.stringify(control.body));
      emulator.handle({ method: req.method ?? 'GET', target, headers: req.headers, body }).then(
        (answer) => (answer ? res.writeHead(answer.status, answer.headers).end(answer.body) : res.writeHead(404).end()),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  account = ((await post('/_sandbox/fcm-projects', { ProjectId: 'workbench-demo' })) as { ServiceAccount: ServiceAccountJson }).ServiceAccount;
  otherAccount = ((await post('/_sandbox/fcm-projects', { ProjectId: 'someone-else' })) as { ServiceAccount: ServiceAccountJson }).ServiceAccount;
  phone = devices.create({ Platform: 'GCM', Name: 'pixel', ProjectId: 'workbench-demo' });
  iphone = devices.create({ Platform: 'APNS', Name: 'iphone' });
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return res.json();
}

interface Claims {
  scope?: string;
  aud?: string;
  iat?: number;
  exp?: number;
  iss?: string;
}

async function assertion(sa: ServiceAccountJson, claims: Claims = {}, signWith: ServiceAccountJson = sa): Promise<string> {
  const key = await importPKCS8(signWith.private_key, 'RS256');
  const iat = claims.iat ?? seconds();
  return new SignJWT({ scope: claims.scope ?? MESSAGING })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signWith.private_key_id })
    .setIssuer(claims.iss ?? sa.client_email)
    .setAudience(claims.aud ?? sa.token_uri)
    .setIssuedAt(iat)
    .setExpirationTime(claims.exp ?? iat + 3600)
    .sign(key);
}

async function tokenRequest(form: Record<string, string>, tokenUri = account.token_uri): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(tokenUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function accessToken(sa: ServiceAccountJson = account, claims: Claims = {}): Promise<string> {
  const answer = await tokenRequest({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(sa, claims) }, sa.token_uri);
  expect(answer.status).toBe(200);
  return answer.body.access_token as string;
}

interface FcmErrorBody {
  error: { code: number; message: string; status: string; details: { '@type': string; errorCode?: string; reason?: string }[] };
}

async function sendMessage(body: unknown, token: string | undefined, project = 'workbench-demo'): Promise<{ status: number; body: { name?: string } & Partial<FcmErrorBody> }> {
  const res = await fetch(`${url}/v1/projects/${project}/messages:send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { name?: string } & Partial<FcmErrorBody> };
}

/** `{status, rpc status, FcmError errorCode or ErrorInfo reason}` of an error answer. */
function errorOf(answer: { status: number; body: Partial<FcmErrorBody> }) {
  const details = answer.body.error?.details ?? [];
  const code = details.find((d) => d.errorCode)?.errorCode ?? details.find((d) => d.reason)?.reason;
  return [answer.status, answer.body.error?.status, code];
}

describe('FCM project issuing', () => {
  it('answers a complete service-account JSON whose token_uri is the sandbox', () => {
    expect(account).toMatchObject({
      type: 'service_account',
      project_id: 'workbench-demo',
      private_key_id: expect.stringMatching(/^[0-9a-f]{40}$/),
      private_key: expect.stringMatching(/^-----BEGIN PRIVATE KEY-----\n/),
      client_email: expect.stringMatching(/^firebase-adminsdk-[0-9a-f]{5}@workbench-demo\.iam\.gserviceaccount\.com$/),
      client_id: expect.stringMatching(/^\d{21}$/),
      token_uri: `${url}/_fcm/token`,
      universe_domain: 'googleapis.com',
    });
    expect(account.auth_uri).toBeTruthy();
    expect(account.client_x509_cert_url).toContain(encodeURIComponent(account.client_email));
  });

  it('adds a key to the same service account when issued again; both keys work', async () => {
    const second = handleFcmIssueControl({ credentials, baseUrl: url }, 'POST', '/_sandbox/fcm-projects', JSON.stringify({ ProjectId: 'workbench-demo' }));
    const sa = (second?.body as { ServiceAccount: ServiceAccountJson }).ServiceAccount;
    expect(sa.client_email).toBe(account.client_email);
    expect(sa.private_key_id).not.toBe(account.private_key_id);
    expect(await accessToken(sa)).toMatch(/^ya29\./);
    expect(await accessToken(account)).toMatch(/^ya29\./);
  });

  it.each([[{}], [{ ProjectId: 'Bad_Id' }], [{ ProjectId: 'abc' }], [{ ProjectId: 'workbench-demo', Extra: true }]])('answers 400 for %j', (body) => {
    const answer = handleFcmIssueControl({ credentials, baseUrl: url }, 'POST', '/_sandbox/fcm-projects', JSON.stringify(body));
    expect(answer?.status).toBe(400);
    expect(answer?.headers?.['x-amzn-ErrorType']).toBe('BadRequestException');
  });
});

describe('FCM OAuth2 token endpoint', () => {
  it('grants an access token for a valid service-account assertion', async () => {
    const answer = await tokenRequest({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: await assertion(account) });
    expect(answer).toEqual({ status: 200, body: { access_token: expect.stringMatching(/^ya29\./), expires_in: 3599, token_type: 'Bearer' } });
  });

  it('refuses other grant types, a missing assertion, foreign signatures, unknown accounts, bad lifetimes, audiences and scopes', async () => {
    const grant = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ grant_type: 'client_credentials' }, 'unsupported_grant_type', /grant_type/],
      [{ grant_type: grant }, 'invalid_request', /assertion/],
      [{ grant_type: grant, assertion: 'garbage' }, 'invalid_grant', /JWT/],
      [{ grant_type: grant, assertion: await assertion(account, {}, otherAccount) }, 'invalid_grant', /Invalid JWT Signature/],
      [{ grant_type: grant, assertion: await assertion(account, { iss: 'nobody@nowhere.iam.gserviceaccount.com' }) }, 'invalid_grant', /account not found/],
      [{ grant_type: grant, assertion: await assertion(account, { exp: seconds() + 7200 }) }, 'invalid_grant', /short-lived/],
      [{ grant_type: grant, assertion: await assertion(account, { iat: seconds() - 7200, exp: seconds() - 3600 }) }, 'invalid_grant', /short-lived/],
      [{ grant_type: grant, assertion: await assertion(account, { aud: 'https://example.com/token' }) }, 'invalid_grant', /audience/],
      [{ grant_type: grant, assertion: await assertion(account, { scope: '' }) }, 'invalid_scope', /scope/],
    ];
    for (const [form, error, description] of cases) {
      const answer = await tokenRequest(form);
      expect(answer.status, JSON.stringify(form).slice(0, 60)).toBe(400);
      expect(answer.body.error).toBe(error);
      expect(answer.body.error_description).toMatch(description);
    }
  });
});

describe('FCM messages:send', () => {
  it('delivers a notification to the simulated phone and answers the message name', async () => {
    const token = await accessToken();
    const message = { token: phone.DeviceToken, notification: { title: 'Hello', body: 'From FCM' }, data: { k: 'v' }, android: { priority: 'HIGH' } };
    const answer = await sendMessage({ message }, token);
    expect(answer.status).toBe(200);
    expect(answer.body.name).toMatch(/^projects\/workbench-demo\/messages\/.+/);
    expect(devices.listDeliveries().at(-1)).toMatchObject({ DeviceId: phone.DeviceId, DeviceToken: phone.DeviceToken, Via: 'FCM', PushType: 'notification', Title: 'Hello', Body: 'From FCM', Payload: message });
  });

  it('accepts the project number, camelCase members and data-only messages', async () => {
    const token = await accessToken();
    const number = credentials.fcmProject('workbench-demo')?.ProjectNumber ?? '';
    const answer = await sendMessage({ message: { token: phone.DeviceToken, data: { only: 'data' }, fcmOptions: { analyticsLabel: 'x' } } }, token, number);
    expect(answer.status).toBe(200);
    expect(devices.listDeliveries().at(-1)).toMatchObject({ PushType: 'data', Title: '', Body: '' });
  });

  it('validate_only answers fake_message_id and delivers nothing', async () => {
    const token = await accessToken();
    const before = devices.listDeliveries().length;
    for (const flag of ['validate_only', 'validateOnly']) {
      const answer = await sendMessage({ [flag]: true, message: { token: phone.DeviceToken, notification: { title: 'dry' } } }, token);
      expect(answer).toEqual({ status: 200, body: { name: 'projects/workbench-demo/messages/fake_message_id' } });
    }
    expect(devices.listDeliveries().length).toBe(before);
  });

  it('answers 401 UNAUTHENTICATED without a token, with an unknown one, and once it expired (fake clock)', async () => {
    const message = { message: { token: phone.DeviceToken } };
    expect(errorOf(await sendMessage(message, undefined))).toEqual([401, 'UNAUTHENTICATED', 'CREDENTIALS_MISSING']);
    expect(errorOf(await sendMessage(message, 'ya29.made-up'))).toEqual([401, 'UNAUTHENTICATED', 'ACCESS_TOKEN_TYPE_UNSUPPORTED']);
    const token = await accessToken();
    const start = clock;
    try {
      clock += 3598 * 1000;
      expect((await sendMessage(message, token)).status).toBe(200);
      clock += 2000;
      expect(errorOf(await sendMessage(message, token))).toEqual([401, 'UNAUTHENTICATED', 'ACCESS_TOKEN_EXPIRED']);
    } finally {
      clock = start;
    }
  });

  it('answers 403 PERMISSION_DENIED for another project, an unknown project and a token without the messaging scope', async () => {
    const message = { message: { token: phone.DeviceToken } };
    expect(errorOf(await sendMessage(message, await accessToken(otherAccount)))).toEqual([403, 'PERMISSION_DENIED', 'IAM_PERMISSION_DENIED']);
    expect(errorOf(await sendMessage(message, await accessToken(), 'no-such-project'))).toEqual([403, 'PERMISSION_DENIED', 'IAM_PERMISSION_DENIED']);
    const narrow = await accessToken(account, { scope: 'https://www.googleapis.com/auth/userinfo.email' });
    expect(errorOf(await sendMessage(message, narrow))).toEqual([403, 'PERMISSION_DENIED', 'ACCESS_TOKEN_SCOPE_INSUFFICIENT']);
    const cloudPlatform = await accessToken(account, { scope: 'https://www.googleapis.com/auth/cloud-platform' });
    expect((await sendMessage(message, cloudPlatform)).status).toBe(200);
  });

  it('answers 403 SENDER_ID_MISMATCH for a device registered with another project', async () => {
    const theirs = devices.create({ Platform: 'GCM', Name: 'theirs', ProjectId: 'someone-else' });
    const answer = await sendMessage({ message: { token: theirs.DeviceToken } }, await accessToken());
    expect(errorOf(answer)).toEqual([403, 'PERMISSION_DENIED', 'SENDER_ID_MISMATCH']);
    expect(answer.body.error?.message).toBe('SenderId mismatch');
  });

  it('answers 404 UNREGISTERED for an uninstalled app and for a well-formed token no device has', async () => {
    const gone = devices.create({ Platform: 'GCM', Name: 'gone' });
    const token = await accessToken();
    expect((await sendMessage({ message: { token: gone.DeviceToken } }, token)).status).toBe(200);
    devices.uninstall(gone.DeviceId);
    const answer = await sendMessage({ message: { token: gone.DeviceToken } }, token);
    expect(errorOf(answer)).toEqual([404, 'NOT_FOUND', 'UNREGISTERED']);
    expect(answer.body.error?.message).toBe('Requested entity was not found.');
    const stranger = `strangerInstance0000000:APA91b${'Q'.repeat(128)}`;
    expect(isPlausibleDeviceToken('GCM', stranger)).toBe(true);
    expect(errorOf(await sendMessage({ message: { token: stranger } }, token))).toEqual([404, 'NOT_FOUND', 'UNREGISTERED']);
  });

  it.each([
    ['an APNs token', () => ({ message: { token: iphone.DeviceToken } })],
    ['no target', () => ({ message: { notification: { title: 'x' } } })],
    ['two targets', () => ({ message: { token: phone.DeviceToken, topic: 'news' } })],
    ['a non-string data value', () => ({ message: { token: phone.DeviceToken, data: { n: 1 } } })],
    ['a reserved data key', () => ({ message: { token: phone.DeviceToken, data: { from: 'me' } } })],
    ['an unknown message member', () => ({ message: { token: phone.DeviceToken, title: 'x' } })],
    ['an unknown request member', () => ({ message: { token: phone.DeviceToken }, dry_run: true })],
    ['a message over 4096 bytes', () => ({ message: { token: phone.DeviceToken, data: { big: 'x'.repeat(4096) } } })],
    ['a /topics/ prefix', () => ({ message: { topic: '/topics/news' } })],
    ['invalid JSON', () => '{"message":'],
  ])('answers 400 INVALID_ARGUMENT for %s', async (_label, body) => {
    expect(errorOf(await sendMessage(body(), await accessToken()))).toEqual([400, 'INVALID_ARGUMENT', 'INVALID_ARGUMENT']);
  });

  it('accepts topic and condition targets (no simulated device subscribes)', async () => {
    const token = await accessToken();
    const before = devices.listDeliveries().length;
    expect((await sendMessage({ message: { topic: 'news', notification: { title: 't' } } }, token)).status).toBe(200);
    expect((await sendMessage({ message: { condition: "'a' in topics", data: { x: 'y' } } }, token)).status).toBe(200);
    expect(devices.listDeliveries().length).toBe(before);
  });

  it('answers 429 QUOTA_EXCEEDED past the per-device rate, and recovers a minute later (fake clock)', async () => {
    const busy = devices.create({ Platform: 'GCM', Name: 'busy' });
    const token = await accessToken();
    const message = { message: { token: busy.DeviceToken, data: { n: 'x' } } };
    for (let i = 0; i < 5; i += 1) expect((await sendMessage(message, token)).status).toBe(200);
    const answer = await sendMessage(message, token);
    expect(errorOf(answer)).toEqual([429, 'RESOURCE_EXHAUSTED', 'QUOTA_EXCEEDED']);
    expect(answer.body.error?.details.map((d) => d['@type'])).toContain('type.googleapis.com/google.rpc.QuotaFailure');
    const start = clock;
    try {
      clock += 60_001;
      expect((await sendMessage(message, token)).status).toBe(200);
    } finally {
      clock = start;
    }
  });

  it('leaves other routes to the sandbox', async () => {
    expect(await emulator.handle({ method: 'POST', target: '/v1/apps', headers: {}, body: '' })).toBeUndefined();
    expect(await emulator.handle({ method: 'GET', target: '/v1/projects/p/messages:send', headers: {}, body: '' })).toBeUndefined();
  });
});
